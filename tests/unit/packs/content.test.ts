/**
 * Content checks for the three sample guidance packs in guidance/packs/.
 *
 * These tests read the pack JSON directly and check what the issues ask the packs to contain
 * (counts, placeholders, references, consistency of scenarios with limits, originality of the
 * examples). They deliberately do not use validatePack(): the references and figures are checked
 * here with simple code of their own, so a bug in the validator cannot hide a bad sample pack.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Pack, PackLimit, Scenario } from '../../../guidance/pack/types';
import { validatePack } from '../../../guidance/pack/validate';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PACK_DIR = join(ROOT, 'guidance/packs');
const DATA_DIR = resolve(ROOT, '../shared/data');

const FILES = {
  retailer: 'outdoor-retailer.json',
  saas: 'saas-subscription.json',
  it: 'it-service-desk.json',
} as const;

function load(file: string): Pack {
  return JSON.parse(readFileSync(join(PACK_DIR, file), 'utf8')) as Pack;
}

const packs = {
  retailer: load(FILES.retailer),
  saas: load(FILES.saas),
  it: load(FILES.it),
};
const all = Object.entries(packs) as [keyof typeof packs, Pack][];

const PLACEHOLDERS = new Set([
  'customer.firstName', 'customer.name', 'agent.name', 'agent.firstName',
  'ticket.id', 'order.id', 'company.name', 'amount',
]);
const EMOTIONS = new Set(['angry', 'frustrated', 'anxious', 'confused', 'disappointed', 'grateful', 'neutral']);
const CHANNELS = new Set(['email', 'web', 'chat', 'phone', 'social', 'api', 'other']);
const PHRASE_KINDS = ['empathy', 'acknowledgement', 'apology', 'reassurance', 'next-steps', 'closing', 'internal-note'];
const LIMIT_ACTIONS = ['refund', 'store-credit', 'discount', 'replacement', 'fee-waiver', 'shipping-upgrade',
  'goodwill-gift', 'extension', 'access-grant', 'other'];
const NEVER_CONDITIONS = ['amount-above', 'percent-of-order-above', 'outside-window', 'segment', 'cap-exceeded',
  'no-proof-of-purchase', 'manual'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const rankOf = (pack: Pack) => new Map(pack.roles.map((r, i) => [r.id, i]));
const maxOf = (limit: PackLimit, role: string) => limit.maxByRole[role] ?? 0;

/** Turns an avoid pattern ("no * refunds") into a case-insensitive whole-word regex. */
function avoidRegex(pattern: string): RegExp {
  const parts = pattern.trim().split(/\s+/).map((w) => (w === '*' ? "[\\p{L}\\p{N}'’-]+" : w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`(?<![\\p{L}\\p{N}])${parts.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** The amount a scenario is about: the first figure in the situation written in the limit's unit
 *  (money: the first amount with an ISO code, converted with the pack's rates when needed). */
function scenarioAmount(pack: Pack, s: Scenario, limit: PackLimit): number | undefined {
  const num = (t: string) => Number(t.replace(/,/g, ''));
  let m: RegExpMatchArray | null;
  if (limit.unit === 'percent') {
    m = s.situation.match(/(\d+(?:\.\d+)?)\s?%/);
  } else if (limit.unit === 'count') {
    m = s.situation.match(/(?:number\s+)(\d+)\b/i)
      ?? s.situation.match(/\b(\d+)\s+(?:more\s+)?(?:days?|groups?|replacements?|seats?|devices?|loaner|transfers?|items?)\b/i);
  } else {
    // Money: the first amount written with a currency code; other currencies go through the pack's rates.
    for (const money of s.situation.matchAll(/\b([A-Z]{3})\s?(\d[\d,]*(?:\.\d+)?)/g)) {
      if (money[1] === limit.unit) return num(money[2]!);
      const rate = pack.rates.find((r) => r.from === money[1] && r.to === limit.unit);
      if (rate) return num(money[2]!) * rate.rate;
    }
    return undefined;
  }
  return m ? num(m[1]!) : undefined;
}

/** "N days" figures mentioned in a situation (used for time windows). */
function daysMentioned(text: string): number[] {
  return [...text.matchAll(/(\d[\d,]*)\s+days?\b/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
}

function roleIdFromWords(pack: Pack, words: string): string | undefined {
  const w = norm(words).replace(/^(?:a|an|the)\s+/, '');
  return pack.roles.find((r) => norm(r.label) === w || r.id.replace(/-/g, ' ') === w || norm(r.label).endsWith(' ' + w))?.id;
}

describe.each(all)('sample pack %s: structure and references', (_name, pack) => {
  it('has the format header and lowercase-kebab ids', () => {
    expect(pack.format).toBe('tactline-pack/1');
    expect(pack.id).toMatch(ID);
    expect(Number.isInteger(pack.version) && pack.version > 0).toBe(true);
    for (const role of pack.roles) expect(role.id).toMatch(ID);
    for (const i of pack.intents) expect(i.id).toMatch(ID);
  });

  it('has unique ids per kind', () => {
    const kinds = {
      roles: pack.roles, intents: pack.intents, phrases: pack.phrases, policies: pack.policies,
      limits: pack.limits, avoid: pack.avoid, scenarios: pack.scenarios,
      never: pack.limits.flatMap((l) => l.never),
    };
    for (const [kind, list] of Object.entries(kinds)) {
      const ids = list.map((x) => x.id);
      const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(dupes, `duplicate ${kind} ids`).toEqual([]);
    }
  });

  it('resolves every reference (intents, roles, policies, limits, segments, currencies)', () => {
    const intents = new Set(pack.intents.map((i) => i.id));
    const roles = new Set(pack.roles.map((r) => r.id));
    const policies = new Set(pack.policies.map((p) => p.id));
    const limits = new Set(pack.limits.map((l) => l.id));
    const segments = new Set(pack.segments);
    const broken: string[] = [];
    const need = (ok: boolean, what: string) => { if (!ok) broken.push(what); };
    for (const p of pack.phrases) for (const i of p.intents) need(intents.has(i), `phrase ${p.id} → intent ${i}`);
    for (const p of pack.policies) for (const i of p.intents) need(intents.has(i), `policy ${p.id} → intent ${i}`);
    for (const s of pack.scenarios) {
      for (const i of s.intents) need(intents.has(i), `scenario ${s.id} → intent ${i}`);
      if (s.limit) need(limits.has(s.limit), `scenario ${s.id} → limit ${s.limit}`);
      if (s.role) need(roles.has(s.role), `scenario ${s.id} → role ${s.role}`);
    }
    for (const l of pack.limits) {
      for (const r of Object.keys(l.maxByRole)) need(roles.has(r), `limit ${l.id} → maxByRole ${r}`);
      for (const b of l.approvals) need(roles.has(b.approver), `limit ${l.id} → approver ${b.approver}`);
      if (l.perPeriod?.approver) need(roles.has(l.perPeriod.approver), `limit ${l.id} → cap approver`);
      if (l.window?.exceptionApprover) need(roles.has(l.window.exceptionApprover), `limit ${l.id} → window approver`);
      if (l.policy) need(policies.has(l.policy), `limit ${l.id} → policy ${l.policy}`);
      for (const s of l.segments) need(segments.has(s), `limit ${l.id} → segment ${s}`);
      if (/^[A-Z]{3}$/.test(l.unit) && l.unit !== pack.currency) need(false, `limit ${l.id} unit ${l.unit} ≠ pack currency`);
    }
    for (const r of pack.rates) need(r.to === pack.currency && r.from !== r.to && r.rate > 0, `rate ${r.from}→${r.to}`);
    expect(broken).toEqual([]);
  });

  it('uses only supported placeholders, emotions and channels', () => {
    const bad: string[] = [];
    for (const p of pack.phrases) {
      for (const m of p.text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) if (!PLACEHOLDERS.has(m[1]!)) bad.push(`${p.id}: {{${m[1]}}}`);
      // A lone brace pair that is not a well-formed placeholder would show up verbatim to customers.
      if (/\{\{(?![^{}]*\}\})|(?<!\{\{[^{}]*)\}\}/.test(p.text)) bad.push(`${p.id}: malformed braces`);
      for (const e of p.emotions) if (!EMOTIONS.has(e)) bad.push(`${p.id}: emotion ${e}`);
      for (const c of p.channels) if (!CHANNELS.has(c)) bad.push(`${p.id}: channel ${c}`);
    }
    expect(bad).toEqual([]);
  });

  it('has intents with 8+ distinct examples and keywords, never shared between intents', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const intent of pack.intents) {
      expect(intent.examples.length, intent.id).toBeGreaterThanOrEqual(8);
      expect(intent.examples.length, intent.id).toBeLessThanOrEqual(12);
      expect(intent.keywords.length, intent.id).toBeGreaterThan(0);
      for (const ex of intent.examples) {
        const key = norm(ex);
        const other = seen.get(key);
        if (other !== undefined) clashes.push(`"${ex}" in ${other} and ${intent.id}`);
        seen.set(key, intent.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has policies with https urls and sensible dates', () => {
    for (const p of pack.policies) {
      expect(p.summary.length, p.id).toBeGreaterThan(40);
      if (p.url) expect(new URL(p.url).protocol, p.id).toBe('https:');
      if (p.url) expect(new URL(p.url).hostname, p.id).toMatch(/\.example$/);
      if (p.verifiedAt) {
        expect(p.verifiedAt, p.id).toMatch(ISO_DATE);
        if (pack.publishedAt) expect(p.verifiedAt <= pack.publishedAt, `${p.id} verified after publication`).toBe(true);
        // Not stale at publication time.
        if (pack.publishedAt && pack.reviewIntervalDays) {
          const age = (Date.parse(pack.publishedAt) - Date.parse(p.verifiedAt)) / 86_400_000;
          expect(age, `${p.id} is stale when published`).toBeLessThanOrEqual(pack.reviewIntervalDays);
        }
      }
      if (p.expiresAt) {
        expect(p.expiresAt, p.id).toMatch(ISO_DATE);
        expect(p.expiresAt > (p.verifiedAt ?? ''), p.id).toBe(true);
        if (pack.publishedAt) expect(p.expiresAt > pack.publishedAt, `${p.id} expired at publication`).toBe(true);
      }
    }
  });

  it('keeps limits internally consistent (monotonic maxima, chained bands, never thresholds, windows)', () => {
    const rank = rankOf(pack);
    const top = pack.roles[pack.roles.length - 1]!.id;
    for (const l of pack.limits) {
      // A higher role never has a lower maximum.
      const maxima = pack.roles.map((r) => maxOf(l, r.id));
      for (let i = 1; i < maxima.length; i++) expect(maxima[i]!, `${l.id}: ${pack.roles[i]!.id}`).toBeGreaterThanOrEqual(maxima[i - 1]!);
      // Bands ascend, approvers never go down the role order, and each band starts at or above the
      // maximum of every role ranked below its approver (so no band asks approval for what that role can do).
      for (let i = 0; i < l.approvals.length; i++) {
        const b = l.approvals[i]!;
        expect(b.evidence.length, `${l.id} band ${i} evidence`).toBeGreaterThan(0);
        if (i > 0) {
          const prev = l.approvals[i - 1]!;
          expect(b.above, `${l.id} band ${i}`).toBeGreaterThan(prev.above);
          expect(rank.get(b.approver)!, `${l.id} band ${i}`).toBeGreaterThan(rank.get(prev.approver)!);
        }
        for (const r of pack.roles) {
          if (rank.get(r.id)! < rank.get(b.approver)!) expect(b.above, `${l.id} band ${i} vs ${r.id}`).toBeGreaterThanOrEqual(maxOf(l, r.id));
        }
        // The approver can grant the whole band alone.
        const next = l.approvals[i + 1];
        if (next) expect(maxOf(l, b.approver), `${l.id} band ${i} approver max`).toBeGreaterThanOrEqual(next.above);
      }
      // Every role below the top has someone to ask just above its own maximum.
      for (const r of pack.roles) {
        if (r.id === top) continue;
        const m = maxOf(l, r.id);
        const ceiling = Math.min(...l.never.filter((n) => n.when === 'amount-above' || n.when === 'percent-of-order-above').map((n) => n.value ?? Infinity));
        if (m >= ceiling || m >= maxOf(l, top)) continue; // nothing left to approve above this role
        const covering = [...l.approvals].reverse().find((b) => b.above <= m);
        expect(covering, `${l.id}: no approval band for ${r.id} above ${m}`).toBeDefined();
        expect(rank.get(covering!.approver)!, `${l.id}: band for ${r.id}`).toBeGreaterThan(rank.get(r.id)!);
      }
      // Never thresholds are at or above every role maximum (otherwise a maximum is unreachable).
      for (const n of l.never) {
        if (n.when === 'amount-above' || n.when === 'percent-of-order-above') expect(typeof n.value, `${l.id}/${n.id}`).toBe('number');
        else expect(n.value, `${l.id}/${n.id}`).toBeUndefined();
        if (n.when === 'amount-above') expect(n.value!, `${l.id}/${n.id}`).toBeGreaterThanOrEqual(Math.max(...Object.values(l.maxByRole)));
        if (n.when === 'percent-of-order-above' && l.unit === 'percent') expect(n.value!, `${l.id}/${n.id}`).toBeGreaterThanOrEqual(Math.max(...Object.values(l.maxByRole)));
        if (n.when === 'segment') expect(l.segments.length, `${l.id}/${n.id} needs segments`).toBeGreaterThan(0);
        if (n.when === 'outside-window') expect(l.window, `${l.id}/${n.id} needs a window`).toBeDefined();
        if (n.when === 'cap-exceeded') expect(l.perPeriod && !l.perPeriod.approver, `${l.id}/${n.id} needs a cap without approver`).toBe(true);
      }
      if (l.unit === 'percent') expect(l.percentOf, l.id).toBeTruthy();
      else expect(l.percentOf, l.id).toBeUndefined();
      // Time windows and per-period caps are the ones stated in the linked policy.
      const policy = l.policy ? pack.policies.find((p) => p.id === l.policy) : undefined;
      const policyText = policy ? `${policy.summary} ${policy.body ?? ''}` : '';
      if (l.window && policy) expect(policyText, `${l.id} window vs policy ${policy.id}`).toContain(`${l.window.days} days`);
      if (l.perPeriod && policy) expect(policyText, `${l.id} cap vs policy ${policy.id}`).toContain(`${l.perPeriod.days} days`);
    }
  });

  it('has scenarios whose outcomes match the limits they cite', () => {
    const rank = rankOf(pack);
    for (const s of pack.scenarios) {
      if (!s.limit || !s.role) continue;
      const l = pack.limits.find((x) => x.id === s.limit)!;
      const max = maxOf(l, s.role);
      const amount = scenarioAmount(pack, s, l);
      const ctx = `${pack.id}/${s.id}`;
      const ceilings = l.never.filter((n) => (n.when === 'amount-above' && l.unit !== 'percent') || (n.when === 'percent-of-order-above' && l.unit === 'percent'));
      const overCeiling = amount !== undefined && ceilings.some((n) => amount > n.value!);
      const outsideWindow = !!l.window && daysMentioned(s.situation).some((d) => d > l.window!.days && d !== amount);
      const capHit = !!l.perPeriod && new RegExp(`(?:${l.perPeriod.count} \\w+|\\b\\d+(?:st|nd|rd|th)\\b|already|second|third|fourth).*${l.perPeriod.days} days|${l.perPeriod.count === 1 ? 'already|second|once' : '$^'}`, 'i').test(s.situation);
      if (s.outcome === 'allowed') {
        expect(amount, `${ctx}: allowed scenarios name the amount`).toBeDefined();
        expect(amount!, `${ctx}: amount within the ${s.role} maximum ${max}`).toBeLessThanOrEqual(max);
        expect(overCeiling || outsideWindow, ctx).toBe(false);
      } else if (s.outcome === 'needs-approval') {
        expect(overCeiling, `${ctx}: a never threshold makes approval impossible`).toBe(false);
        if (amount !== undefined && amount > max) {
          const band = [...l.approvals].reverse().find((b) => b.above < amount);
          expect(band, `${ctx}: no band covers ${amount}`).toBeDefined();
          expect(rank.get(band!.approver)!, ctx).toBeGreaterThan(rank.get(s.role)!);
        } else {
          // Within the maximum: only a window or a cap can require approval.
          const windowPath = outsideWindow && !!l.window?.exceptionApprover;
          const capPath = capHit && !!l.perPeriod?.approver;
          expect(windowPath || capPath, `${ctx}: amount ${amount} within ${max} but no window/cap reason`).toBe(true);
        }
      } else {
        const otherNever = l.never.some((n) => !['amount-above', 'percent-of-order-above'].includes(n.when) || (n.when === 'percent-of-order-above' && l.unit !== 'percent'));
        const closedWindow = outsideWindow && !l.window?.exceptionApprover;
        const closedCap = capHit && !l.perPeriod?.approver;
        expect(overCeiling || closedWindow || closedCap || (otherNever && (amount === undefined || amount <= max || l.approvals.length > 0)), `${ctx}: nothing makes it not-allowed`).toBe(true);
      }
      // Figures quoted in the explanation match the pack: "the agent limit of EUR 100", "a team lead approves up to EUR 750".
      const figures = [
        ...s.explanation.matchAll(/\bthe ([A-Za-z ]+?) limit of (?:EUR |USD |€|\$)?(\d[\d,]*(?:\.\d+)?)/g),
        ...s.explanation.matchAll(/\b(?:a|an|the) ([A-Za-z ]+?) (?:approves|can approve|may approve)(?: \w+)? up to (?:EUR |USD |€|\$)?(\d[\d,]*(?:\.\d+)?)/g),
      ];
      for (const m of figures) {
        const role = roleIdFromWords(pack, m[1]!);
        expect(role, `${ctx}: unknown role "${m[1]}" in the explanation`).toBeDefined();
        expect(maxOf(l, role!), `${ctx}: "${m[0]}"`).toBe(Number(m[2]!.replace(/,/g, '')));
      }
    }
  });

  it('gives every intent phrases the agent can use whatever the mood, for the pack\'s requesters', () => {
    // The IT desk serves colleagues only; the other packs serve customers (and colleagues sometimes).
    const audiences = pack.phrases.every((x) => x.audience !== 'customer') ? ['internal', 'any'] : ['customer', 'any'];
    const gaps: string[] = [];
    for (const intent of pack.intents) {
      const mine = pack.phrases.filter((x) => x.intents.includes(intent.id) && audiences.includes(x.audience) && (x.locale ?? pack.locale ?? 'en') === (pack.locale ?? 'en'));
      if (!mine.some((x) => x.emotions.length === 0 || x.emotions.includes('neutral'))) gaps.push(`${intent.id}: nothing for a neutral mood`);
      if (!mine.some((x) => ['empathy', 'acknowledgement', 'apology', 'reassurance'].includes(x.kind))) gaps.push(`${intent.id}: no empathy/acknowledgement`);
    }
    expect(gaps).toEqual([]);
  });

  it('never uses its own phrases-to-avoid in its phrases', () => {
    const hits: string[] = [];
    for (const a of pack.avoid) {
      expect(a.instead.length, a.id).toBeGreaterThanOrEqual(2);
      expect(a.why.length, a.id).toBeGreaterThan(10);
      const re = avoidRegex(a.pattern);
      for (const p of pack.phrases) if (re.test(p.text)) hits.push(`${p.id} contains "${a.pattern}"`);
      for (const alt of a.instead) if (re.test(alt)) hits.push(`${a.id} alternative repeats the pattern`);
    }
    expect(hits).toEqual([]);
  });
});

describe('default pack (outdoor retailer)', () => {
  const p = packs.retailer;

  it('is a EUR, English pack for an invented company on example domains', () => {
    expect(p.currency).toBe('EUR');
    expect(p.locale).toBe('en');
    expect(p.company?.internalDomains.length).toBeGreaterThan(0);
    for (const d of p.company!.internalDomains) expect(d).toMatch(/\.example$/);
    expect(p.reviewIntervalDays).toBe(180);
    expect(p.segments).toEqual(expect.arrayContaining(['standard', 'member', 'business']));
    expect(p.rates.map((r) => r.from)).toEqual(expect.arrayContaining(['USD', 'GBP', 'CHF']));
  });

  it('has at least 12 intents (14+ asked for) covering the core retail topics', () => {
    expect(p.intents.length).toBeGreaterThanOrEqual(14);
    const ids = p.intents.map((i) => i.id);
    for (const id of ['refund-request', 'damaged-item', 'late-delivery', 'return-exchange', 'order-status', 'cancel-order',
      'wrong-item', 'warranty-repair', 'billing-double-charge', 'price-match-discount', 'account-login', 'store-pickup',
      'product-advice', 'service-complaint', 'change-address']) expect(ids).toContain(id);
  });

  it('has at least 40 empathy/acknowledgement phrases across at least 6 emotions', () => {
    const ea = p.phrases.filter((x) => (x.kind === 'empathy' || x.kind === 'acknowledgement') && (x.locale ?? 'en') === 'en');
    expect(ea.length).toBeGreaterThanOrEqual(40);
    const emotions = new Set(ea.flatMap((x) => x.emotions));
    expect(emotions.size).toBeGreaterThanOrEqual(6);
    expect(p.phrases.length).toBeGreaterThanOrEqual(48);
    // Every emotion has several phrases, and every intent at least one.
    for (const e of EMOTIONS) expect(p.phrases.filter((x) => x.emotions.includes(e)).length, e).toBeGreaterThanOrEqual(3);
    for (const i of p.intents) expect(p.phrases.some((x) => x.intents.includes(i.id)), i.id).toBe(true);
  });

  it('has internal-audience phrases and translated empathy phrases', () => {
    expect(p.phrases.filter((x) => x.audience === 'internal').length).toBeGreaterThanOrEqual(4);
    expect(p.phrases.some((x) => x.kind === 'internal-note')).toBe(true);
    for (const loc of ['de', 'fr', 'es']) expect(p.phrases.some((x) => x.locale === loc && x.kind === 'empathy'), loc).toBe(true);
  });

  it('has at least 10 policies (12+ asked for) with owners and verification dates', () => {
    expect(p.policies.length).toBeGreaterThanOrEqual(12);
    expect(p.policies.every((x) => x.owner && x.verifiedAt && x.url)).toBe(true);
    expect(p.policies.filter((x) => x.expiresAt).length).toBeGreaterThanOrEqual(2);
  });

  it('has limits for refund, store credit, replacement and fee waiver with a band for every non-top role', () => {
    const top = p.roles[p.roles.length - 1]!.id;
    for (const action of ['refund', 'store-credit', 'replacement', 'fee-waiver', 'discount', 'shipping-upgrade', 'goodwill-gift'] as const) {
      const l = p.limits.find((x) => x.action === action);
      expect(l, action).toBeDefined();
      for (const r of p.roles) {
        expect(l!.maxByRole[r.id], `${action}: max for ${r.id}`).toBeDefined();
        if (r.id === top) continue;
        // The band that covers amounts just above this role's maximum, approved by someone higher.
        const band = [...l!.approvals].reverse().find((b) => b.above <= l!.maxByRole[r.id]!);
        expect(band, `${action}: band above ${r.id}`).toBeDefined();
        expect(rankOf(p).get(band!.approver)!, `${action}: approver above ${r.id}`).toBeGreaterThan(rankOf(p).get(r.id)!);
        expect(band!.how, `${action}: how to ask`).toBeTruthy();
      }
    }
    const refund = p.limits.find((x) => x.action === 'refund')!;
    expect(refund.unit).toBe('EUR');
    expect(refund.window).toEqual({ from: 'delivery', days: 30, exceptionApprover: 'team-lead' });
    expect(refund.never.some((n) => n.when === 'amount-above' && n.value === 2000)).toBe(true);
    expect(refund.never.some((n) => n.when === 'no-proof-of-purchase')).toBe(true);
    expect(p.limits.find((x) => x.action === 'store-credit')!.perPeriod).toMatchObject({ count: 2, days: 90 });
    expect(p.limits.find((x) => x.action === 'discount')).toMatchObject({ unit: 'percent', percentOf: 'order value' });
    expect(p.limits.find((x) => x.action === 'replacement')!.unit).toBe('count');
  });

  it('has at least 10 avoid rules with alternatives, including public-only jargon', () => {
    expect(p.avoid.length).toBeGreaterThanOrEqual(10);
    expect(p.avoid.every((a) => a.instead.length >= 2)).toBe(true);
    expect(p.avoid.some((a) => a.appliesTo === 'public')).toBe(true);
    const patterns = p.avoid.map((a) => a.pattern.toLowerCase());
    for (const must of ['calm down', 'per our policy', 'you should have', 'no worries', 'sla breach']) expect(patterns).toContain(must);
  });

  it('has at least 8 worked scenarios covering all three outcomes', () => {
    expect(p.scenarios.length).toBeGreaterThanOrEqual(8);
    expect(new Set(p.scenarios.map((s) => s.outcome))).toEqual(new Set(['allowed', 'needs-approval', 'not-allowed']));
  });
});

describe('SaaS and IT sample packs', () => {
  it('SaaS pack: USD, subscription intents and limits, four SaaS roles', () => {
    const p = packs.saas;
    expect(p.currency).toBe('USD');
    expect(p.roles.map((r) => r.id)).toEqual(['support-rep', 'account-manager', 'billing-specialist', 'head-of-support']);
    const ids = p.intents.map((i) => i.id);
    for (const id of ['billing-dispute', 'cancel-subscription', 'downgrade-plan', 'outage-incident', 'feature-request', 'data-export',
      'gdpr-request', 'invoice-copy', 'seat-changes', 'trial-extension']) expect(ids).toContain(id);
    const actions = p.limits.map((l) => l.action);
    for (const a of ['refund', 'store-credit', 'extension', 'discount']) expect(actions).toContain(a);
    expect(p.limits.find((l) => l.action === 'extension')!.unit).toBe('count');
    expect(p.limits.some((l) => l.id === 'sla-credit')).toBe(true);
  });

  it('IT pack: every requester is a colleague', () => {
    const p = packs.it;
    expect(p.phrases.every((x) => x.audience === 'internal' || x.audience === 'any')).toBe(true);
    expect(p.limits.every((l) => l.audience === 'internal')).toBe(true);
    expect(p.company!.internalDomains.length).toBeGreaterThanOrEqual(2);
    expect(p.roles.map((r) => r.id)).toEqual(['service-desk-analyst', 'team-lead', 'it-manager', 'security-officer']);
    const admin = p.limits.find((l) => l.id === 'admin-rights')!;
    expect(admin.approvals.every((b) => b.approver === 'security-officer')).toBe(true);
    expect(p.limits.find((l) => l.id === 'mfa-reset')!.never.some((n) => /identity check/i.test(n.text))).toBe(true);
    for (const a of ['access-grant', 'replacement']) expect(p.limits.map((l) => l.action)).toContain(a);
  });
});

describe('the three packs together exercise the whole format', () => {
  const ps = all.map(([, p]) => p);
  const phrases = ps.flatMap((p) => p.phrases);
  const limits = ps.flatMap((p) => p.limits);

  it('uses every optional top-level field and every optional field of every entry type', () => {
    for (const key of ['publishedAt', 'locale', 'currency', 'company', 'reviewIntervalDays', 'expiresAt'] as const) {
      expect(ps.some((p) => p[key] !== undefined), key).toBe(true);
    }
    expect(ps.some((p) => p.intents.some((i) => i.description))).toBe(true);
    expect(phrases.some((x) => x.locale)).toBe(true);
    for (const key of ['body', 'url', 'owner', 'verifiedAt', 'expiresAt'] as const) {
      expect(ps.some((p) => p.policies.some((x) => x[key] !== undefined)), `policy.${key}`).toBe(true);
    }
    expect(limits.some((l) => l.percentOf)).toBe(true);
    expect(limits.some((l) => l.perPeriod?.approver)).toBe(true);
    expect(limits.some((l) => l.perPeriod && !l.perPeriod.approver)).toBe(true);
    expect(limits.some((l) => l.window?.exceptionApprover)).toBe(true);
    expect(limits.some((l) => l.window && !l.window.exceptionApprover)).toBe(true);
    expect(limits.some((l) => l.policy)).toBe(true);
    expect(limits.some((l) => l.segments.length > 0)).toBe(true);
    expect(limits.some((l) => l.approvals.some((b) => b.how))).toBe(true);
    expect(limits.some((l) => l.never.some((n) => n.value !== undefined))).toBe(true);
    expect(limits.some((l) => Object.keys(l.maxByRole).length < ps.find((p) => p.limits.includes(l))!.roles.length)).toBe(true);
    expect(ps.some((p) => p.scenarios.some((s) => s.limit && s.role))).toBe(true);
    expect(ps.every((p) => p.rates.length > 0 && p.segments.length > 0)).toBe(true);
  });

  it('uses every value of every enumeration', () => {
    expect(new Set(phrases.map((x) => x.kind))).toEqual(new Set(PHRASE_KINDS));
    expect(new Set(phrases.map((x) => x.audience))).toEqual(new Set(['customer', 'internal', 'any']));
    expect(new Set(limits.map((l) => l.audience))).toEqual(new Set(['customer', 'internal', 'any']));
    expect(new Set(limits.map((l) => l.action))).toEqual(new Set(LIMIT_ACTIONS));
    expect(new Set(limits.flatMap((l) => l.never.map((n) => n.when)))).toEqual(new Set(NEVER_CONDITIONS));
    expect(new Set(limits.flatMap((l) => (l.window ? [l.window.from] : [])))).toEqual(new Set(['delivery', 'order', 'purchase', 'contact']));
    expect(new Set(limits.map((l) => (/^[A-Z]{3}$/.test(l.unit) ? 'money' : l.unit)))).toEqual(new Set(['money', 'count', 'percent']));
    const avoid = ps.flatMap((p) => p.avoid);
    expect(new Set(avoid.map((a) => a.severity))).toEqual(new Set(['info', 'warning']));
    expect(new Set(avoid.map((a) => a.appliesTo))).toEqual(new Set(['public', 'any']));
    expect(avoid.some((a) => a.pattern.split(/\s+/).includes('*'))).toBe(true);
    expect(new Set(ps.flatMap((p) => p.scenarios.map((s) => s.outcome)))).toEqual(new Set(['allowed', 'needs-approval', 'not-allowed']));
    expect(new Set(phrases.flatMap((x) => x.emotions))).toEqual(EMOTIONS);
    expect(new Set(phrases.flatMap((x) => x.channels)).size).toBeGreaterThanOrEqual(4);
    const used = new Set(phrases.flatMap((x) => [...x.text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!)));
    expect(used).toEqual(PLACEHOLDERS);
  });
});

describe.each(all)('sample pack %s and the validator', (_name, pack) => {
  it('is accepted by validatePack() with no errors and no warnings, already in full form', () => {
    const result = validatePack(structuredClone(pack));
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    // Every collection and field is written out, so the validator has no defaults to fill in.
    if (result.ok) expect(result.pack).toEqual(pack);
  });
});

describe('originality: no example or phrase copied from the public data sets', () => {
  const hasData = existsSync(DATA_DIR);
  const bitext = join(DATA_DIR, 'bitext/customer_support_intents.csv');
  const clinc = join(DATA_DIR, 'clinc150/data_full.json');

  it.skipIf(!hasData)('no example sentence or phrase appears verbatim in ../shared/data (bitext, CLINC150)', () => {
    const corpora: string[] = [];
    if (existsSync(bitext)) corpora.push(norm(readFileSync(bitext, 'utf8').replace(/""/g, '"')));
    if (existsSync(clinc)) {
      const data = JSON.parse(readFileSync(clinc, 'utf8')) as Record<string, [string, string][]>;
      corpora.push(norm(Object.values(data).flatMap((rows) => rows.map((r) => r[0])).join('\n')));
    }
    expect(corpora.length, 'expected the bitext CSV or the CLINC150 JSON in ../shared/data').toBeGreaterThan(0);
    const copied: string[] = [];
    for (const [, p] of all) {
      const texts = [...p.intents.flatMap((i) => i.examples), ...p.phrases.map((x) => x.text)];
      for (const t of texts) {
        const n = norm(t);
        if (corpora.some((c) => c.includes(n))) copied.push(`${p.id}: "${t}"`);
      }
    }
    expect(copied).toEqual([]);
  });

  it.runIf(!hasData)('skips the verbatim check: ../shared/data is not present on this machine', () => {
    console.warn(`[packs] ${DATA_DIR} is missing: the "not copied from public data" check was skipped.`);
    expect(hasData).toBe(false);
  });
});
