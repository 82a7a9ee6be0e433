/**
 * suggest(): Signals → ranked Suggestions (phrases, policies, limits, scenarios), each with a
 * human-readable reason ("matched: Refund request, “refund” · mood: angry").
 *
 * Phrases are ranked by intent match, mood match, channel and audience (internal phrases when the
 * requester is a colleague or the agent writes an internal note), in the ticket's language when
 * the pack has phrases in it. When no intent fits, safe general phrases for the detected mood are
 * still offered, and the reason says so. Lookups are built once per pack object (WeakMap), so a
 * call costs only the entries linked to the matched intents, not a scan of the pack.
 */
import type { Pack, PackLimit, PackPhrase, PhraseKind, LimitAction } from './pack/types';
import type { EmotionLabel, IntentCandidate, Signals, Suggestion } from './types';
import { tokenize } from './text/tokenize';

export interface SuggestOptions {
  channel?: string;
  replyMode?: 'public' | 'internal';
  /** Preferred phrase locale when the ticket language is unknown or the pack lacks it. */
  locale?: string;
  /** Phrases returned at most (default 8). Policies ≤ 4, limits ≤ 4, scenarios ≤ 3 besides. */
  limit?: number;
}

interface Lookup {
  phrasesByIntent: Map<string, number[]>;
  generalPhrases: number[];
  /** General phrases fit for a mood and audience, best first (built lazily per key). */
  generalByMood: Map<string, number[]>;
  policiesByIntent: Map<string, number[]>;
  scenariosByIntent: Map<string, number[]>;
  limitsByIntent: Map<string, number[]>;
  limitsByAction: Map<LimitAction, number[]>;
  locales: Set<string>;
  intentLabel: Map<string, string>;
}

const lookups = new WeakMap<Pack, Lookup>();

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/** Words (stems) that tie a limit action to an intent's id, label or keywords. */
const ACTION_STEMS: Record<LimitAction, string[]> = {
  refund: ['refund', 'reimburs', 'chargeback'],
  'store-credit': ['credit', 'voucher'],
  discount: ['discount', 'coupon', 'promo'],
  replacement: ['replac', 'exchang'],
  'fee-waiver': ['fee', 'waiv', 'restock'],
  'shipping-upgrade': ['express', 'expedit', 'upgrad'],
  'goodwill-gift': ['goodwill', 'gift', 'gestur'],
  extension: ['extens', 'extend'],
  'access-grant': ['access', 'permiss'],
  other: [],
};

/** Wording in the ticket that asks for a limit's action. */
const ACTION_TEXT: Array<[LimitAction, RegExp]> = [
  ['refund', /\b(?:refund\w*|money back|reimburs\w*|chargeback)\b/i],
  ['store-credit', /\b(?:store credit|credit note|voucher|gift card)\b/i],
  ['discount', /\b(?:discount\w*|coupon|promo code|price match|\d+\s?% off)\b/i],
  ['replacement', /\b(?:replac\w*|exchang\w*|new one|send (?:me )?another)\b/i],
  ['fee-waiver', /\b(?:fees?|restocking|late charge|waive\w*)\b/i],
  ['shipping-upgrade', /\b(?:express|expedit\w*|next[- ]day|faster (?:shipping|delivery))\b/i],
  ['goodwill-gift', /\b(?:goodwill|gesture)\b/i],
  ['extension', /\b(?:extension|extend\w*|more time)\b/i],
  ['access-grant', /\b(?:access|permission\w*)\b/i],
];

/** All action wordings as one alternation (one pass over the ticket instead of one per action). */
const ACTION_ANY = new RegExp(ACTION_TEXT.map(([, re]) => `(${re.source})`).join('|'), 'gi');

/** First wording per action found in the text. */
function actionsIn(text: string): Map<LimitAction, string> {
  const found = new Map<LimitAction, string>();
  ACTION_ANY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ACTION_ANY.exec(text)) !== null && found.size < ACTION_TEXT.length) {
    for (let g = 1; g <= ACTION_TEXT.length; g++) {
      if (m[g] !== undefined) {
        const action = ACTION_TEXT[g - 1]![0];
        if (!found.has(action)) found.set(action, m[g]!);
        break;
      }
    }
    if (m[0].length === 0) ACTION_ANY.lastIndex++;
  }
  return found;
}

function buildLookup(pack: Pack): Lookup {
  const l: Lookup = {
    phrasesByIntent: new Map(),
    generalPhrases: [],
    generalByMood: new Map(),
    policiesByIntent: new Map(),
    scenariosByIntent: new Map(),
    limitsByIntent: new Map(),
    limitsByAction: new Map(),
    locales: new Set(),
    intentLabel: new Map(pack.intents.map((i) => [i.id, i.label])),
  };
  pack.phrases.forEach((p, i) => {
    if (p.intents.length === 0) l.generalPhrases.push(i);
    for (const id of p.intents) push(l.phrasesByIntent, id, i);
    if (p.locale) l.locales.add(p.locale.toLowerCase());
  });
  const policyIntents = new Map<string, string[]>();
  pack.policies.forEach((p, i) => {
    policyIntents.set(p.id, p.intents);
    for (const id of p.intents) push(l.policiesByIntent, id, i);
  });
  const limitIndex = new Map(pack.limits.map((x, i) => [x.id, i]));
  pack.scenarios.forEach((s, i) => {
    for (const id of s.intents) push(l.scenariosByIntent, id, i);
    const li = s.limit !== undefined ? limitIndex.get(s.limit) : undefined;
    if (li !== undefined) for (const id of s.intents) push(l.limitsByIntent, id, li);
  });
  const intentStems = pack.intents.map((it) => ({
    id: it.id,
    stems: new Set(tokenize([it.id.replace(/[-_]/g, ' '), it.label, ...it.keywords].join(' ')).map((t) => t.stem)),
  }));
  pack.limits.forEach((lim, i) => {
    push(l.limitsByAction, lim.action, i);
    if (lim.policy !== undefined) for (const id of policyIntents.get(lim.policy) ?? []) push(l.limitsByIntent, id, i);
    const stems = ACTION_STEMS[lim.action] ?? [];
    for (const it of intentStems) if (stems.some((s) => it.stems.has(s))) push(l.limitsByIntent, it.id, i);
  });
  for (const list of l.limitsByIntent.values()) {
    const uniq = [...new Set(list)];
    list.length = 0;
    list.push(...uniq);
  }
  return l;
}

function lookupFor(pack: Pack): Lookup {
  let l = lookups.get(pack);
  if (l === undefined) {
    l = buildLookup(pack);
    lookups.set(pack, l);
  }
  return l;
}

function generalFor(pack: Pack, l: Lookup, mood: EmotionLabel, internal: boolean): number[] {
  const key = `${mood}|${internal ? 'i' : 'c'}`;
  let list = l.generalByMood.get(key);
  if (list !== undefined) return list;
  const scored: Array<[number, number]> = [];
  for (const i of l.generalPhrases) {
    const p = pack.phrases[i]!;
    if (internal ? p.audience === 'customer' : p.audience === 'internal') continue;
    if (p.emotions.length > 0 && !p.emotions.includes(mood)) continue;
    scored.push([i, (p.emotions.length > 0 ? 1 : 0) + kindBonus(p.kind, mood) + (internal && p.audience === 'internal' ? 0.5 : 0)]);
  }
  scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  list = scored.map((e) => e[0]);
  l.generalByMood.set(key, list);
  return list;
}

const NEGATIVE: ReadonlySet<EmotionLabel> = new Set(['angry', 'frustrated', 'disappointed', 'anxious', 'confused']);

/** Order of phrase kinds for each mood (earlier = more useful at the top of the reply). */
function kindBonus(kind: PhraseKind, mood: EmotionLabel): number {
  if (mood === 'angry' || mood === 'frustrated' || mood === 'disappointed') {
    return ({ empathy: 0.1, apology: 0.08, acknowledgement: 0.06, reassurance: 0.04, 'next-steps': 0.03, closing: 0, 'internal-note': 0.02 } as Record<PhraseKind, number>)[kind];
  }
  if (mood === 'anxious') {
    return ({ reassurance: 0.1, empathy: 0.08, acknowledgement: 0.06, 'next-steps': 0.05, apology: 0.03, closing: 0, 'internal-note': 0.02 } as Record<PhraseKind, number>)[kind];
  }
  if (mood === 'confused') {
    return ({ 'next-steps': 0.1, acknowledgement: 0.08, reassurance: 0.06, empathy: 0.05, apology: 0.02, closing: 0, 'internal-note': 0.02 } as Record<PhraseKind, number>)[kind];
  }
  if (mood === 'grateful') {
    return ({ closing: 0.08, acknowledgement: 0.08, 'next-steps': 0.05, reassurance: 0.03, empathy: 0.02, apology: 0, 'internal-note': 0.02 } as Record<PhraseKind, number>)[kind];
  }
  return ({ acknowledgement: 0.08, 'next-steps': 0.08, reassurance: 0.05, empathy: 0.04, closing: 0.03, apology: 0.02, 'internal-note': 0.04 } as Record<PhraseKind, number>)[kind];
}

function localeMatches(phraseLocale: string | undefined, target: string | undefined): boolean {
  if (phraseLocale === undefined || target === undefined) return true;
  const a = phraseLocale.toLowerCase();
  const b = target.toLowerCase();
  return a === b || a.split('-')[0] === b.split('-')[0];
}

function evidenceWords(c: IntentCandidate, max = 2): string[] {
  return [...new Set(c.evidence.map((e) => e.text.trim().toLowerCase()).filter(Boolean))].slice(0, max);
}

function matchedReason(c: IntentCandidate): string {
  const words = evidenceWords(c).filter((w) => w !== c.label.toLowerCase());
  return `matched: ${[c.label, ...words].join(', ')}`;
}

export function suggest(signals: Signals, pack: Pack, role: string, opts: SuggestOptions = {}): Suggestion[] {
  const l = lookupFor(pack);
  const internal = signals.requesterKind === 'colleague' || opts.replyMode === 'internal';
  const mood = signals.emotion.label;
  const moodStrength = Math.max(0.5, Math.min(1, signals.emotion.score));
  const intents = signals.intents;
  const intentById = new Map(intents.map((c) => [c.id, c]));
  const topScore = intents[0]?.score ?? 1;
  const phraseLimit = opts.limit ?? 8;

  // Locale: the ticket's language when the pack has phrases in it, else the caller's/pack's.
  const lang = signals.language;
  const hasLang = lang !== 'und' && [...l.locales].some((x) => localeMatches(x, lang));
  const targetLocale = hasLang ? lang : (opts.locale ?? pack.locale);

  // ---- phrases
  const seen = new Set<number>();
  const candidates: number[] = [];
  const add = (i: number): void => {
    if (seen.has(i)) return;
    seen.add(i);
    candidates.push(i);
  };
  for (const c of intents) for (const i of l.phrasesByIntent.get(c.id) ?? []) add(i);
  // General phrases: only the best-fitting ones for this mood and audience (a pack may hold hundreds).
  let generalTaken = 0;
  for (const i of generalFor(pack, l, mood, internal)) {
    if (generalTaken >= Math.max(40, phraseLimit * 4)) break;
    const p = pack.phrases[i]!;
    if (p.channels.length > 0 && opts.channel !== undefined && !p.channels.includes(opts.channel)) continue;
    if (p.locale !== undefined && targetLocale !== undefined && !localeMatches(p.locale, targetLocale)) continue;
    add(i);
    generalTaken++;
  }

  // Score every candidate first; the Suggestion (with its reason text) is built only for the ones
  // shown (a large pack gives each matched intent dozens of phrases).
  interface Scored {
    i: number;
    score: number;
    matched?: IntentCandidate;
    moodMatch: boolean;
    channelPart: number;
    audiencePart: number;
  }
  const scored: Scored[] = [];
  for (const i of candidates) {
    const p: PackPhrase = pack.phrases[i]!;
    if (internal ? p.audience === 'customer' : p.audience === 'internal') continue;
    if (p.channels.length > 0 && opts.channel !== undefined && !p.channels.includes(opts.channel)) continue;
    if (p.locale !== undefined && targetLocale !== undefined && !localeMatches(p.locale, targetLocale)) continue;
    let moodMatch = false;
    if (p.emotions.length > 0) {
      if (!p.emotions.includes(mood)) continue; // written for a different mood
      moodMatch = true;
    }
    let intentPart = 0;
    let matched: IntentCandidate | undefined;
    for (const id of p.intents) {
      const c = intentById.get(id);
      if (c !== undefined && c.score > (matched?.score ?? -1)) matched = c;
    }
    if (matched !== undefined) intentPart = 0.3 + 0.2 * (matched.score / topScore);
    const moodPart = moodMatch ? (mood === 'neutral' ? 0.15 : 0.35 * moodStrength + (NEGATIVE.has(mood) ? 0.05 : 0)) : 0;
    const channelPart = p.channels.length > 0 && opts.channel !== undefined ? 0.05 : 0;
    const audiencePart = internal && p.audience === 'internal' ? 0.12 : 0;
    const score = intentPart + moodPart + channelPart + audiencePart + kindBonus(p.kind, mood);
    scored.push({ i, score: round3(score), matched, moodMatch, channelPart, audiencePart });
  }
  scored.sort((a, b) => b.score - a.score || pack.phrases[a.i]!.id.localeCompare(pack.phrases[b.i]!.id));
  // Variety: at most 3 phrases of the same kind in the visible list.
  const perKind = new Map<string, number>();
  const shownPhrases: Scored[] = [];
  const overflow: Scored[] = [];
  for (const s of scored) {
    if (shownPhrases.length >= phraseLimit) break; // overflow only fills what the shown ones leave
    const kind = pack.phrases[s.i]!.kind ?? '';
    const n = perKind.get(kind) ?? 0;
    if (n < 3) {
      perKind.set(kind, n + 1);
      shownPhrases.push(s);
    } else if (overflow.length < phraseLimit) overflow.push(s);
  }
  const phraseOut: Suggestion[] = [...shownPhrases, ...overflow].slice(0, phraseLimit).map(({ i, score, matched, moodMatch, channelPart, audiencePart }) => {
    const p = pack.phrases[i]!;
    const why: string[] = [];
    if (matched !== undefined) why.push(matchedReason(matched));
    else if (intents.length === 0) why.push(`no specific topic matched · general ${p.kind === 'empathy' ? 'empathy' : p.kind}`);
    else why.push(`general ${p.kind}`);
    if (moodMatch) why.push(`mood: ${mood}`);
    if (channelPart > 0) why.push(`channel: ${opts.channel}`);
    if (audiencePart > 0) why.push(signals.requesterKind === 'colleague' ? 'for a colleague' : 'internal note');
    if (p.locale !== undefined && hasLang) why.push(`language: ${p.locale}`);
    return {
      kind: 'phrase' as const,
      id: p.id,
      title: p.text,
      text: p.text,
      score,
      reason: why.join(' · '),
      phraseKind: p.kind,
      audience: p.audience,
    };
  });

  // ---- policies
  const today = new Date().toISOString().slice(0, 10);
  const policyScore = new Map<number, { score: number; c: IntentCandidate }>();
  for (const c of intents) {
    for (const i of l.policiesByIntent.get(c.id) ?? []) {
      const prev = policyScore.get(i);
      if (prev === undefined || c.score > prev.score) policyScore.set(i, { score: c.score, c });
    }
  }
  const policies: Suggestion[] = [...policyScore.entries()]
    .map(([i, { score, c }]) => {
      const p = pack.policies[i]!;
      const why = [`policy for: ${c.label}`];
      const words = evidenceWords(c).filter((w) => w !== c.label.toLowerCase());
      if (words.length > 0) why.push(`matched: ${words.join(', ')}`);
      if (p.expiresAt !== undefined && p.expiresAt < today) why.push(`expired ${p.expiresAt}: check with ${p.owner ?? 'the policy owner'}`);
      return {
        kind: 'policy' as const,
        id: p.id,
        title: p.title,
        text: p.summary,
        score: round3(score * (p.expiresAt !== undefined && p.expiresAt < today ? 0.5 : 1)),
        reason: why.join(' · '),
        ...(p.url !== undefined && /^https?:\/\//i.test(p.url) ? { url: p.url } : {}),
      };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, 4);

  // ---- limits: linked to matched intents, or to an action the ticket asks for.
  const limitWhy = new Map<number, { score: number; why: string }>();
  for (const c of intents) {
    for (const i of l.limitsByIntent.get(c.id) ?? []) {
      if (!limitWhy.has(i) || limitWhy.get(i)!.score < c.score) limitWhy.set(i, { score: c.score, why: `limit for: ${c.label}` });
    }
  }
  for (const [action, wording] of l.limitsByAction.size > 0 ? actionsIn(signals.text) : new Map<LimitAction, string>()) {
    for (const i of l.limitsByAction.get(action) ?? []) {
      const prev = limitWhy.get(i);
      const s = 0.5;
      if (prev === undefined) limitWhy.set(i, { score: s, why: `ticket asks for: “${wording}”` });
      else prev.score += 0.1;
    }
  }
  const limits: Suggestion[] = [...limitWhy.entries()]
    .filter(([i]) => {
      const a = pack.limits[i]!.audience;
      return internal ? a !== 'customer' : a !== 'internal';
    })
    .map(([i, { score, why }]) => ({ i, id: pack.limits[i]!.id, score: round3(score), why }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, 4)
    .map(({ i, score, why }) => {
      const lim = pack.limits[i]!;
      return { kind: 'limit' as const, id: lim.id, title: lim.label, text: describeLimit(lim, role, pack), score, reason: why };
    });

  // ---- scenarios
  const scen = new Map<number, { score: number; c: IntentCandidate }>();
  for (const c of intents) {
    for (const i of l.scenariosByIntent.get(c.id) ?? []) {
      const s = pack.scenarios[i]!;
      if (s.role !== undefined && s.role !== role) continue;
      const prev = scen.get(i);
      if (prev === undefined || c.score > prev.score) scen.set(i, { score: c.score, c });
    }
  }
  const scenarios: Suggestion[] = [...scen.entries()]
    .map(([i, { score, c }]) => {
      const s = pack.scenarios[i]!;
      const outcome = s.outcome === 'allowed' ? 'you can decide' : s.outcome === 'needs-approval' ? 'needs approval' : 'never';
      return {
        kind: 'scenario' as const,
        id: s.id,
        title: s.title,
        text: `${s.situation} → ${outcome}: ${s.explanation}`,
        score: round3(score * (s.role === role ? 1 : 0.9)),
        reason: `example case for: ${c.label}${s.role === role ? ` · your role (${role})` : ''}`,
      };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, 3);

  return [...phraseOut, ...policies, ...limits, ...scenarios];
}

function money(v: number, unit: string): string {
  if (unit === 'percent') return `${v}%`;
  if (unit === 'count') return `${v}`;
  return `${Number.isInteger(v) ? v : v.toFixed(2)} ${unit}`;
}

/** "Support agent: up to 50 EUR alone · above 50 EUR → lead · above 200 EUR → manager". */
export function describeLimit(lim: PackLimit, role: string, pack: Pack): string {
  const roleLabel = pack.roles.find((r) => r.id === role)?.label ?? role;
  const max = lim.maxByRole[role];
  const parts: string[] = [];
  parts.push(max !== undefined && max > 0 ? `${roleLabel}: up to ${money(max, lim.unit)} alone` : `${roleLabel}: cannot grant this alone`);
  for (const b of [...lim.approvals].sort((a, c) => a.above - c.above)) {
    const who = pack.roles.find((r) => r.id === b.approver)?.label ?? b.approver;
    parts.push(`above ${money(b.above, lim.unit)} → ${who}`);
  }
  if (lim.window !== undefined) parts.push(`within ${lim.window.days} days of ${lim.window.from}`);
  if (lim.perPeriod !== undefined) parts.push(`max ${lim.perPeriod.count}× per ${lim.perPeriod.days} days`);
  return parts.join(' · ');
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
