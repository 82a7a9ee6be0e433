/**
 * The worked scenarios in the sample packs are shown to agents as "when you can decide / when you
 * need approval". They must say what the limits engine says. Each scenario's situation is restated
 * here as the facts an agent would enter (amount, dates, segment, prior uses, proof of purchase),
 * and decide() must reach the scenario's outcome, with the approver or the never rule it names.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decide, type DecideInput } from '../../../guidance/limits/decide';
import type { Pack } from '../../../guidance/pack/types';

const PACK_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'), 'guidance/packs');
const load = (file: string) => JSON.parse(readFileSync(join(PACK_DIR, file), 'utf8')) as Pack;

const TODAY = '2026-11-20';
const daysAgo = (n: number) => new Date(Date.parse(TODAY) - n * 86_400_000).toISOString().slice(0, 10);

type Facts = Omit<DecideInput, 'pack' | 'role' | 'action'>;
interface Expected { approver?: string; never?: string }

/** Facts per scenario id, read from the scenario's situation, and what the answer must name. */
const FACTS: Record<string, [Facts, Expected?]> = {
  // outdoor-retailer.json
  'agent-refund-80': [{ amount: 80, dates: { delivery: daysAgo(6) }, proofOfPurchase: true, orderValue: 80, segment: 'standard' }],
  'agent-refund-180': [{ amount: 180, dates: { delivery: daysAgo(10) }, proofOfPurchase: true, orderValue: 180, segment: 'standard' }, { approver: 'senior-agent' }],
  'senior-refund-400': [{ amount: 400, dates: { delivery: daysAgo(12) }, proofOfPurchase: true, orderValue: 400, segment: 'standard' }, { approver: 'team-lead' }],
  'agent-refund-gbp': [{ amount: 95, currency: 'GBP', dates: { delivery: daysAgo(9) }, proofOfPurchase: true, orderValue: 95, segment: 'standard' }, { approver: 'senior-agent' }],
  'refund-outside-window': [{ amount: 95, dates: { delivery: daysAgo(34) }, proofOfPurchase: true, orderValue: 95, segment: 'standard' }, { approver: 'team-lead' }],
  'refund-over-2000': [{ amount: 2400, dates: { delivery: daysAgo(5) }, proofOfPurchase: true, orderValue: 2400, segment: 'standard' }, { never: 'refund-over-2000' }],
  'refund-no-receipt': [{ amount: 60, dates: { delivery: daysAgo(5) }, proofOfPurchase: false, orderValue: 60, segment: 'standard' }, { never: 'refund-no-proof' }],
  'credit-third-in-90-days': [{ amount: 20, priorUses: 2, segment: 'standard' }, { approver: 'team-lead' }],
  'credit-business': [{ amount: 50, priorUses: 0, segment: 'business' }, { never: 'credit-business' }],
  'discount-12-percent': [{ amount: 12, currency: '%', dates: { order: daysAgo(5) } }, { approver: 'senior-agent' }],
  'discount-late': [{ amount: 10, currency: '%', dates: { order: daysAgo(20) } }, { never: 'discount-outside-window' }],
  'second-replacement': [{ amount: 2, dates: { delivery: daysAgo(8) }, proofOfPurchase: true }, { approver: 'team-lead' }],
  'fee-waiver-5': [{ amount: 4.95 }],
  'upgrade-express-trip': [{ amount: 9.9 }],
  'store-transfer-4': [{ amount: 4 }, { approver: 'senior-agent' }],
  'upgrade-next-day-24': [{ amount: 24 }, { approver: 'team-lead' }],
  'gift-second-this-year': [{ amount: 20, priorUses: 1, segment: 'member' }, { never: 'gift-once-a-year' }],
  // saas-subscription.json
  'saas-refund-40': [{ amount: 40, dates: { purchase: daysAgo(3) }, orderValue: 400 }],
  'saas-refund-588': [{ amount: 588, dates: { purchase: daysAgo(3) }, orderValue: 588 }, { approver: 'billing-specialist' }],
  'saas-refund-eur': [{ amount: 150, currency: 'EUR', dates: { purchase: daysAgo(10) }, orderValue: 1200 }, { approver: 'account-manager' }],
  'saas-refund-late': [{ amount: 180, dates: { purchase: daysAgo(45) }, orderValue: 2400 }, { approver: 'billing-specialist' }],
  'saas-refund-7200': [{ amount: 7200, dates: { purchase: daysAgo(10) }, orderValue: 30_000 }, { never: 'saas-refund-over-5000' }],
  'saas-trial-7': [{ amount: 7, priorUses: 0 }],
  'saas-trial-second': [{ amount: 5, priorUses: 1 }, { never: 'trial-once' }],
  'saas-sla-25': [{ amount: 25, currency: '%', segment: 'enterprise' }, { approver: 'billing-specialist' }],
  'saas-sla-monthly': [{ amount: 10, currency: '%', segment: 'self-serve' }, { never: 'sla-self-serve' }],
  'saas-renewal-15': [{ amount: 15, currency: '%', segment: 'nonprofit' }, { approver: 'head-of-support' }],
  'saas-credit-fourth': [{ amount: 20, priorUses: 3 }, { approver: 'head-of-support' }],
  'saas-late-fee': [{ amount: 25 }],
  // it-service-desk.json (every requester is a colleague)
  'it-access-3': [{ amount: 3 }],
  'it-access-8': [{ amount: 8 }, { approver: 'it-manager' }],
  'it-admin-analyst': [{ amount: 1, segment: 'employee' }, { approver: 'security-officer' }],
  'it-admin-contractor': [{ amount: 3, segment: 'contractor' }, { never: 'admin-not-employee' }],
  'it-mfa-third': [{ amount: 1, priorUses: 2 }, { approver: 'security-officer' }],
  'it-hw-120': [{ amount: 120, dates: { purchase: daysAgo(730) } }],
  'it-hw-1400': [{ amount: 1400, dates: { purchase: daysAgo(420) } }, { approver: 'it-manager' }],
  'it-hw-old': [{ amount: 90, dates: { purchase: daysAgo(1200) } }, { approver: 'it-manager' }],
  'it-licence-5000': [{ amount: 5000 }, { never: 'licence-over-3000' }],
  'it-loaner-intern': [{ amount: 1, segment: 'intern', dates: { contact: daysAgo(0) } }, { never: 'loaner-interns' }],
};

const cases = ['outdoor-retailer.json', 'saas-subscription.json', 'it-service-desk.json'].flatMap((file) => {
  const pack = load(file);
  return pack.scenarios.map((s) => [`${file} › ${s.id}`, pack, s.id] as const);
});

describe('sample pack scenarios agree with decide()', () => {
  it('every scenario with a limit and a role has its facts written down here', () => {
    const missing = cases.filter(([, pack, id]) => {
      const s = pack.scenarios.find((x) => x.id === id)!;
      return s.limit && s.role && !FACTS[id];
    }).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it.each(cases)('%s', (_name, pack, id) => {
    const s = pack.scenarios.find((x) => x.id === id)!;
    const entry = FACTS[id];
    if (!s.limit || !s.role || !entry) return;
    const [facts, expected = {}] = entry;
    const limit = pack.limits.find((l) => l.id === s.limit)!;
    // The agent has confirmed the manual never rules do not apply (they are checklists, not facts).
    const confirmations = limit.never.filter((n) => n.when === 'manual').map((n) => n.id);
    const d = decide({
      pack, role: s.role, action: s.limit, today: TODAY, confirmations,
      audience: limit.audience === 'internal' ? 'internal' : 'customer',
      ...facts,
    });
    // A segment the limit excludes leaves no limit to apply; the answer then cites that limit's never rule.
    if (d.limitId !== undefined) expect(d.limitId).toBe(s.limit);
    else expect(d.cites).toContain(`/limits/${pack.limits.indexOf(limit)}/segments`);
    expect(d.outcome, d.reasoning.join(' / ')).toBe(s.outcome);
    if (expected.approver) expect(d.approver?.role).toBe(expected.approver);
    if (expected.never) expect(d.neverRule?.id).toBe(expected.never);
  });
});
