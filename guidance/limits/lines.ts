/**
 * Decision lines for the sidebar: every amount found in the ticket (and, live, in the agent's draft)
 * becomes "Refund €180 — needs Team lead approval (your limit €100)".
 *
 * For each amount the likely action is chosen from (1) the action word nearest to the amount in
 * its sentence ("refund", "credit", "discount", "waive" …), then (2) the limits linked to the
 * policies of the matched intents, weighted by intent score. Dates found in the ticket feed the
 * time windows. Ticket amounts are marked customer-claimed: they are what the customer wrote,
 * not verified facts. Nothing is guessed beyond this: a fact still missing becomes a question.
 */

import type { AmountSignal, DateSignal, Signals } from '../types';
import type { LimitAction, Pack, PackLimit } from '../pack/types';
import { decide, type DecideDates, type Decision } from './decide';
import { addDays, formatAmount, isCurrencyCode } from './format';

export interface DecisionLine {
  /** Stable key for UI lists: source + offsets + value. */
  key: string;
  amount: AmountSignal;
  /** "€180", "£50" (the amount as Tactline read it, formatted). */
  amountText: string;
  source: 'ticket' | 'draft';
  /** Ticket amounts are the customer's claim, not a verified fact. */
  customerClaimed: boolean;
  /** The action the amount was read as ('' when none could be told). */
  action: string;
  /** Why this action: 'word "refund" next to the amount', 'intent Refund request → limit refund'. */
  actionReason: string;
  decision: Decision;
}

export interface LinesOptions {
  /** The agent's draft; needed to read action words near draft amounts (offsets refer to it). */
  draftText?: string;
  segment?: string;
  priorUses?: number;
  orderValue?: number;
  proofOfPurchase?: boolean;
  confirmations?: string[];
  /** YYYY-MM-DD; default: derived from the ticket's dates (date + daysAgo), else today. */
  today?: string;
  locale?: string;
  /** Most lines to return (default 8). */
  max?: number;
}

interface ActionCue {
  action: LimitAction;
  re: RegExp;
}


/** Action words, tried in the amount's sentence; the nearest one wins. */
const CUES: ActionCue[] = [
  { action: 'refund', re: /\b(?:refund(?:s|ed|ing)?|money back|reimburse\w*|pay(?:ing)? (?:me |you )?back|chargeback)\b/giu },
  { action: 'store-credit', re: /\b(?:store credit|goodwill credit|credit(?:s|ed)?(?! card)|voucher\w*|gift ?card\w*|coupon\w*)\b/giu },
  { action: 'discount', re: /\b(?:discount\w*|price (?:match|adjustment|reduction)\w*|reduction|knock(?:ed)? off|cheaper)\b/giu },
  { action: 'fee-waiver', re: /\b(?:waive[ds]?|waiving|waiver|(?:restocking|return|shipping|late|cancellation|service|admin) fees?|fees?)\b/giu },
  { action: 'replacement', re: /\b(?:replace(?:ment|ments|d)?|send (?:me )?(?:a )?new one|exchange)\b/giu },
  { action: 'shipping-upgrade', re: /\b(?:upgrade\w*|express (?:shipping|delivery)|next[- ]day)\b/giu },
  { action: 'goodwill-gift', re: /\b(?:goodwill gift|gift(?! ?card)|gesture)\b/giu },
  { action: 'extension', re: /\b(?:extend\w*|extension\w*|more time)\b/giu },
  { action: 'access-grant', re: /\b(?:access|permission\w*)\b/giu },
];

/** Words before an amount that make it the order value rather than the thing asked for. */
const ORDER_VALUE_RE = /\b(?:paid|charged(?: me| us)?|billed(?: me| us)?|invoiced(?: me| us)?|order (?:total|value)|total (?:of|was)|(?:it|the order|this) cost(?: me)?|spent|order of|purchase of|bought (?:it )?for)\s*(?:was|of|is)?\s*$/iu;

const SENTENCE_END = /[.!?\n]/u;

function sentenceAround(text: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  while (from > 0 && start - from < 160 && !SENTENCE_END.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && to - end < 120 && !SENTENCE_END.test(text[to]!)) to++;
  return { from, to };
}

interface PhraseCue {
  /** What to pass to decide(): a limit id for limit names, an action for generic words. */
  action: string;
  re: RegExp;
  /** The match must not touch a letter or digit on either side (checked outside the regex). */
  bounded?: boolean;
  /** Lower-case ASCII words the match needs (set only when the whole name is ASCII): a quick pre-check. */
  asciiWords?: string[];
}

const escapeRe = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

/** Is there a letter or digit (a whole code point) just before / at position `i`? */
function letterBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return LETTER_OR_DIGIT.test(s.slice(i - 2, i));
  }
  return LETTER_OR_DIGIT.test(s[i - 1]!);
}
function letterAt(s: string, i: number): boolean {
  return i < s.length && LETTER_OR_DIGIT.test(String.fromCodePoint(s.codePointAt(i)!));
}

/** Limit-name cues per pack and audience: built once (a 20k-entry pack has hundreds of limits). */
const nameCueCache = new WeakMap<Pack, Partial<Record<'customer' | 'internal', PhraseCue[]>>>();

/** The pack's own limit names as cues ("SLA credit", "MFA reset", "trial extension"): short labels
 *  and ids, matched literally (escaped), and preferred over a generic word at the same place.
 *  The word boundaries are checked on the match instead of by \p{L} look-arounds in each
 *  regex, which made every one of them costly to compile. */
function limitNameCues(pack: Pack, audience: 'customer' | 'internal'): PhraseCue[] {
  let byAudience = nameCueCache.get(pack);
  if (byAudience === undefined) nameCueCache.set(pack, (byAudience = {}));
  const cached = byAudience[audience];
  if (cached !== undefined) return cached;
  const out: PhraseCue[] = [];
  for (const l of pack.limits) {
    if (audience === 'customer' && l.audience === 'internal') continue;
    const names = new Set<string>();
    const idWords = l.id.replace(/[-_]+/g, ' ').trim();
    if (idWords.includes(' ')) names.add(idWords.toLowerCase());
    const label = l.label.replace(/\(.*?\)/g, '').trim();
    if (label.split(/\s+/).length >= 2 && label.split(/\s+/).length <= 3) names.add(label.toLowerCase());
    for (const n of names) {
      const words = n.split(/\s+/);
      out.push({ action: l.id, re: new RegExp(words.map(escapeRe).join('[\\s-]+'), 'giu'), bounded: true, ...(ASCII.test(n) ? { asciiWords: words } : {}) });
    }
  }
  byAudience[audience] = out;
  return out;
}

/** The action word nearest to the amount in its sentence, among actions the pack has limits for;
 *  at equal distance the longer (more specific) match wins. */
function actionFromWords(
  text: string,
  amount: AmountSignal,
  available: Set<string>,
  names: PhraseCue[],
): { action: string; word: string } | undefined {
  if (!text || amount.start < 0 || amount.end > text.length) return undefined;
  if (text.slice(amount.start, amount.end) !== amount.text) return undefined;
  const { from, to } = sentenceAround(text, amount.start, amount.end);
  const sentence = text.slice(from, to);
  let best: { action: string; word: string; distance: number } | undefined;
  const cues: PhraseCue[] = [...names, ...CUES.filter((c) => available.has(c.action))];
  // In ASCII text an ASCII name can only match where each of its words occurs (case aside), so most
  // of a large pack's limit names are skipped without running their regex. (Not for other text:
  // case-insensitive Unicode matching folds e.g. "ſ" to "s", which toLowerCase does not.)
  const lower = ASCII.test(sentence) ? sentence.toLowerCase() : undefined;
  for (const cue of cues) {
    if (lower !== undefined && cue.asciiWords !== undefined && !cue.asciiWords.every((w) => lower.includes(w))) continue;
    cue.re.lastIndex = 0;
    for (let m = cue.re.exec(sentence); m; m = cue.re.exec(sentence)) {
      if (cue.bounded && (letterBefore(sentence, m.index) || letterAt(sentence, m.index + m[0].length))) {
        // Not a whole-word match here: look again from the next code point.
        cue.re.lastIndex = m.index + ((sentence.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
        continue;
      }
      const s = from + m.index;
      const e = s + m[0].length;
      // A word inside the amount's own text ("2 replacements") is as near as it gets.
      const distance = s < amount.end && e > amount.start ? 0 : e <= amount.start ? amount.start - e : s - amount.end;
      if (!best || distance < best.distance || (distance === best.distance && m[0].length > best.word.length)) {
        best = { action: cue.action, word: m[0], distance };
      }
    }
  }
  return best ? { action: best.action, word: best.word } : undefined;
}

function tokens(s: string): string[] {
  return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 2);
}

/** Limits linked to the policies of the matched intents, best first. */
function actionFromIntents(
  signals: Signals,
  pack: Pack,
  amount: AmountSignal,
  audience: 'customer' | 'internal',
): { action: string; reason: string } | undefined {
  const scores = new Map<PackLimit, { score: number; intent: string }>();
  const money = !!amount.currency;
  for (const intent of signals.intents) {
    const policyIds = new Set(pack.policies.filter((p) => p.intents.includes(intent.id)).map((p) => p.id));
    const intentWords = new Set([...tokens(intent.id), ...tokens(intent.label)]);
    for (const limit of pack.limits) {
      if (money && !(isCurrencyCode(limit.unit) || limit.unit === 'percent')) continue;
      if (!money && (isCurrencyCode(limit.unit) || limit.unit === 'percent')) continue;
      if (audience === 'customer' && limit.audience === 'internal') continue;
      const linked = !!limit.policy && policyIds.has(limit.policy);
      const named = tokens(limit.action).some((w) => intentWords.has(w));
      if (!linked && !named) continue;
      const s = intent.score * ((linked ? 1 : 0) + (named ? 3 : 0)) + (limit.audience === audience ? 0.01 : 0);
      const prev = scores.get(limit);
      if (!prev || s > prev.score) scores.set(limit, { score: s, intent: intent.label });
    }
  }
  let best: { limit: PackLimit; score: number; intent: string } | undefined;
  for (const [limit, v] of scores) {
    if (!best || v.score > best.score) best = { limit, ...v };
  }
  if (!best) return undefined;
  return { action: best.limit.action, reason: `intent "${best.intent}" → ${best.limit.label}` };
}

function datesFrom(signals: Signals): { dates: DecideDates; today?: string } {
  const dates: DecideDates = {};
  let today: string | undefined;
  const sorted = [...signals.dates].sort((a, b) => a.start - b.start);
  for (const d of sorted) {
    const k = d.kind as DateSignal['kind'];
    if ((k === 'delivery' || k === 'order' || k === 'purchase' || k === 'contact') && !dates[k]) dates[k] = d.date;
    if (!today && Number.isFinite(d.daysAgo)) today = addDays(d.date, d.daysAgo);
  }
  return { dates, ...(today ? { today } : {}) };
}

function orderValueFrom(signals: Signals): { value: number; text: string } | undefined {
  for (const a of signals.amounts) {
    if (a.source !== 'ticket') continue;
    let before = signals.text.slice(Math.max(0, a.start - 40), a.start);
    const cut = Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n'));
    if (cut >= 0) before = before.slice(cut + 1);
    if (ORDER_VALUE_RE.test(before)) return { value: a.value, text: `${before.trim().split(/\s+/).slice(-3).join(' ')} ${a.text}` };
  }
  return undefined;
}

export function decisionsForSignals(
  signals: Signals,
  pack: Pack,
  role: string,
  opts: LinesOptions = {},
): DecisionLine[] {
  const locale = opts.locale ?? pack.locale ?? 'en';
  const audience = signals.requesterKind === 'colleague' ? 'internal' : 'customer';
  const available = new Set<string>(
    pack.limits.filter((l) => audience === 'internal' || l.audience !== 'internal').map((l) => l.action),
  );
  const names = limitNameCues(pack, audience);
  const { dates, today: ticketToday } = datesFrom(signals);
  const today = opts.today ?? ticketToday;
  const order = opts.orderValue === undefined ? orderValueFrom(signals) : undefined;
  const orderValue = opts.orderValue ?? order?.value;

  const seen = new Set<string>();
  const lines: DecisionLine[] = [];
  for (const amount of signals.amounts) {
    if (!Number.isFinite(amount.value) || amount.value <= 0) continue;
    const source = amount.source;
    const dedupe = `${source}|${amount.value}|${amount.currency ?? ''}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);

    const text = source === 'draft' ? opts.draftText ?? '' : signals.text;
    let action = '';
    let actionReason: string;
    const word = actionFromWords(text, amount, available, names);
    if (word) {
      action = word.action;
      actionReason = `word "${word.word}" next to the amount`;
    } else {
      const fromIntent = actionFromIntents(signals, pack, amount, audience);
      if (fromIntent) {
        action = fromIntent.action;
        actionReason = fromIntent.reason;
      } else {
        actionReason = 'no action word near the amount and no matching intent';
      }
    }
    // The amount that is the order value itself is not the thing asked for, unless a word says so.
    if (!word && order && amount.value === order.value && source === 'ticket' && signals.amounts.length > 1) continue;

    const decision = decide({
      pack,
      role,
      action,
      amount: amount.value,
      ...(amount.currency ? { currency: amount.currency } : {}),
      ...(opts.segment ? { segment: opts.segment } : {}),
      ...(orderValue !== undefined ? { orderValue } : {}),
      dates,
      ...(today ? { today } : {}),
      ...(opts.priorUses !== undefined ? { priorUses: opts.priorUses } : {}),
      ...(opts.proofOfPurchase !== undefined ? { proofOfPurchase: opts.proofOfPurchase } : {}),
      ...(opts.confirmations ? { confirmations: opts.confirmations } : {}),
      audience,
      locale,
    });
    const notes: string[] = [];
    if (source === 'ticket') notes.push(`The customer wrote "${amount.text}": check the amount against the order before acting.`);
    else notes.push(`Your draft offers "${amount.text}".`);
    if (amount.currencyAssumed) notes.push(`No currency was written; ${amount.currency} (the pack's currency) was assumed.`);
    if (amount.min !== undefined) notes.push(`The text gives a range; the upper bound ${amount.value} is checked.`);
    notes.push(action ? `Read as ${action} because of the ${actionReason}.` : 'The action could not be told from the text.');
    if (order && orderValue === order.value && opts.orderValue === undefined) {
      notes.push(`Order value ${formatAmount(order.value, amount.currency, locale)} taken from the ticket ("${order.text.trim()}").`);
    }
    const orderRef = signals.references.find((r) => r.kind === 'order');
    if (orderRef && decision.missing.includes('proof of purchase')) {
      notes.push(`The ticket quotes order ${orderRef.value}: if it is this customer's order, that can serve as proof of purchase.`);
    }
    decision.reasoning.unshift(...notes);

    lines.push({
      key: `${source}:${amount.start}-${amount.end}:${amount.value}`,
      amount,
      amountText: formatAmount(amount.value, amount.currency, locale),
      source,
      customerClaimed: source === 'ticket',
      action,
      actionReason,
      decision,
    });
    if (lines.length >= (opts.max ?? 8)) break;
  }
  return lines;
}
