/**
 * The empowerment engine: "may I do this?" answered exactly, from the guidance pack alone.
 *
 * `decide()` is deterministic and pure. It never guesses a missing fact: a fact the rules need and
 * the input lacks becomes a question (outcome `needs-info`). Every step is explained in plain words
 * (`reasoning`) and every pack rule used is cited as a JSON pointer into the pack (`cites`).
 *
 * Rules, in the order they are applied:
 * 1. The role and the limit are resolved (limit id, or action; audience and customer segment pick
 *    between several limits for the same action).
 * 2. The amount is expressed in the limit's unit: money is converted only with the pack's `rates`
 *    (either direction), percent limits need the order value, count limits ignore currency.
 * 3. Never rules: a rule that fires makes the outcome `not-allowed`; a rule whose fact is missing
 *    asks a question; `manual` rules become checklist items until the agent confirms them.
 * 4. Time window, per-period cap: outside / over → the exception approver, or not allowed.
 * 5. The amount against the role's maximum (at exactly the maximum → allowed); above it, the
 *    approval band containing the amount, its approver chained up the role order.
 * Outcome precedence: not-allowed > needs-info > needs-approval (highest approver wins) > allowed.
 *
 * A role that the limit does not list inherits the maximum of the nearest lower role that is
 * listed (a higher role never has less authority unless the pack gives it a lower figure
 * explicitly); a role below every listed role may grant nothing alone.
 *
 * Interpretations of the pack format, stated once:
 * - A band covers (above, next band's above]; the last band is open-ended, except that an approver
 *   whose own maximum is listed for the limit cannot approve beyond it (then the chain goes up).
 *   An amount between the role's maximum and the first band goes to the first band's approver.
 *   The approver of a band is never lower than the approver of a lower band (chain up the roles).
 * - Several limits for one action: the audience picks first ('internal' requesters prefer internal
 *   limits), then the customer segment (a limit listing the segment beats a limit for all); when
 *   more than one still fits, the engine asks which (it never picks one silently).
 * - A `segment` never rule applies to the segments its text names in the clause before "never"
 *   ("Business accounts never …"), else to customers outside the limit's own segments.
 * - Percent limits: an amount with currency '%' is the percentage; a money amount is divided by
 *   `orderValue` (same currency). A percent never rule on a money limit needs `orderValue` too.
 * - Windows: inside while days since the start date ≤ window days (day 30 of 30 is inside).
 * - Caps: allowed while priorUses < count (priorUses = count means this one would go over).
 * - A role at or above an exception approver approves its own window/cap exception.
 */

import type {
  ApprovalBand,
  Audience,
  LimitAction,
  NeverRule,
  Pack,
  PackLimit,
  PackPolicy,
} from '../pack/types';
import { actionLabel, daysBetween, formatAmount, isCurrencyCode, isoDay } from './format';
import { pointer } from './pointer';

export type DecisionOutcome = 'allowed' | 'needs-approval' | 'not-allowed' | 'needs-info';

export interface DecideDates {
  delivery?: string;
  order?: string;
  purchase?: string;
  contact?: string;
}

export interface DecideInput {
  pack: Pack;
  /** Role id (or its label, case-insensitive). */
  role: string;
  /** A LimitAction ("refund"), a limit id, or a limit label. */
  action: LimitAction | string;
  /** In `currency`; for percent limits either a money amount (needs `orderValue`) or, with
   *  `currency: '%'`, the percentage itself; for count limits a count. */
  amount: number;
  /** ISO 4217 code, or '%' for a percentage. Absent = the pack's default currency. */
  currency?: string;
  segment?: string;
  /** Order value in the same currency as `amount`, for percent limits and percent never rules. */
  orderValue?: number;
  dates?: DecideDates;
  /** YYYY-MM-DD; default: today (UTC). */
  today?: string;
  /** How often the customer already had this within the cap period. */
  priorUses?: number;
  proofOfPurchase?: boolean;
  /** Ids of `manual` never rules the agent confirmed do not apply. */
  confirmations?: string[];
  /** Optional (added): who the requester is. 'internal' prefers limits with audience 'internal'
   *  (internal-customer mode); default 'customer'. */
  audience?: 'customer' | 'internal';
  /** Optional (added): locale for money formatting; default the pack's locale, then 'en'. */
  locale?: string;
}

export interface DecisionApprover {
  role: string;
  label: string;
  band: ApprovalBand;
}

export interface DecisionPolicy {
  id: string;
  title: string;
  summary: string;
  url?: string;
}

export interface Decision {
  outcome: DecisionOutcome;
  limitId?: string;
  /** The limit's action when a limit was found, else the action as asked. */
  action: string;
  /** How the action reads in a sentence: "Refund", "Store credit", or the limit's own name for
   *  limits whose action is 'other' ("SLA credit"). */
  actionText?: string;
  amount: number;
  currency?: string;
  role: string;
  /** The role's label ("Team lead"), when the role is known. */
  roleLabel?: string;
  /** The role's own maximum, in `unit`. */
  yourLimit?: number;
  /** `yourLimit` formatted ("€100", "15%"). */
  yourLimitText?: string;
  /** The limit's unit (ISO 4217 code, 'count' or 'percent'). */
  unit?: string;
  /** The amount expressed in `unit` (converted money, or the percentage of the order value). */
  valueInUnit?: number;
  approver?: DecisionApprover;
  /** Checklist for the approval request / for the agent before acting. */
  evidence: string[];
  how?: string;
  neverRule?: NeverRule;
  /** Manual never rules not yet confirmed by the agent (also listed in `evidence`). */
  toConfirm: NeverRule[];
  /** Missing facts, when outcome = needs-info: full questions to ask … */
  questions: string[];
  /** … and their short names ("delivery date", "order value"), in the same order of first need. */
  missing: string[];
  policy?: DecisionPolicy;
  pack: { id: string; version: number };
  reasoning: string[];
  /** JSON pointers into the pack of every rule used. */
  cites: string[];
  /** One line: "Refund €180 — needs Team lead approval (your limit €100)". */
  summary: string;
}

const EPS = 1e-9;

function lte(a: number, b: number): boolean {
  return a <= b + EPS * Math.max(1, Math.abs(b));
}

interface ApprovalNeed {
  rank: number;
  roleId: string;
  band: ApprovalBand;
  /** Short reason for the summary line ("your limit €100", "outside the 30-day window"). */
  short: string;
}

interface Blocker {
  rule?: NeverRule;
  short: string;
}

class Builder {
  readonly reasoning: string[] = [];
  readonly cites: string[] = [];
  readonly questions: string[] = [];
  readonly evidence: string[] = [];
  readonly approvals: ApprovalNeed[] = [];
  readonly blockers: Blocker[] = [];
  readonly toConfirm: NeverRule[] = [];

  cite(ptr: string): void {
    if (!this.cites.includes(ptr)) this.cites.push(ptr);
  }
  say(line: string): void {
    this.reasoning.push(line);
  }
  readonly missing: string[] = [];
  ask(question: string, label: string): void {
    if (!this.questions.includes(question)) this.questions.push(question);
    if (!this.missing.includes(label)) this.missing.push(label);
  }
  need(item: string): void {
    const t = item.trim();
    if (t && !this.evidence.includes(t)) this.evidence.push(t);
  }
}

function norm(s: string): string {
  return s.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

function roleLabel(pack: Pack, id: string): string {
  return pack.roles.find((r) => r.id === id)?.label ?? id;
}

/** Position in the role order; approvers that are not pack roles rank above everyone. */
function roleRank(pack: Pack, id: string): number {
  const i = pack.roles.findIndex((r) => r.id === id);
  return i < 0 ? pack.roles.length : i;
}

/** Effective maximum of the role at `rank` for `limit` (with inheritance from lower roles). */
function roleMax(
  pack: Pack,
  limit: PackLimit,
  rank: number,
): { value: number; from?: string } {
  for (let i = Math.min(rank, pack.roles.length - 1); i >= 0; i--) {
    const id = pack.roles[i]!.id;
    const v = limit.maxByRole[id];
    if (typeof v === 'number' && Number.isFinite(v)) return { value: v, from: id };
  }
  return { value: 0 };
}

function limitIndex(pack: Pack, limit: PackLimit): number {
  return pack.limits.indexOf(limit);
}

function policyOf(pack: Pack, limit: PackLimit): { policy: PackPolicy; index: number } | undefined {
  if (!limit.policy) return undefined;
  const index = pack.policies.findIndex((p) => p.id === limit.policy);
  if (index < 0) return undefined;
  return { policy: pack.policies[index]!, index };
}

function listRoles(pack: Pack): string {
  return pack.roles.map((r) => `${r.label} (${r.id})`).join(', ');
}

function limitActionsList(pack: Pack): string {
  const seen: string[] = [];
  for (const l of pack.limits) {
    const w = `${actionLabel(l.action).toLowerCase()} (${l.id})`;
    if (!seen.includes(w)) seen.push(w);
  }
  return seen.join(', ');
}

const DATE_QUESTIONS: Record<string, string> = {
  delivery: 'When was the order delivered?',
  order: 'When was the order placed?',
  purchase: 'When was it purchased?',
  contact: 'When did the requester first get in touch?',
};

function dateQuestion(from: string): string {
  return DATE_QUESTIONS[from] ?? `What is the ${from} date?`;
}

/** Result of resolving which limit applies. */
type LimitChoice =
  | { ok: true; limit: PackLimit; index: number }
  | { ok: false; outcome: 'needs-info' | 'not-allowed'; short: string; rule?: NeverRule };

function chooseLimit(input: DecideInput, b: Builder): LimitChoice {
  const { pack } = input;
  const want = norm(String(input.action ?? ''));
  let cands: PackLimit[] = [];
  if (want) {
    const byId = pack.limits.filter((l) => norm(l.id) === want);
    cands = byId.length
      ? byId
      : pack.limits.filter((l) => norm(l.action) === want || norm(l.label) === want);
  }
  if (cands.length === 0) {
    b.cite('/limits');
    const what = want ? `"${String(input.action)}"` : 'this';
    if (pack.limits.length === 0) {
      b.say(`This pack (${pack.id}) defines no limits, so it cannot answer for ${what}.`);
      b.ask('This pack defines no limits: ask your admin who may decide this.', 'who may decide');
    } else if (!want) {
      b.say('No action was given (refund, store credit, discount …).');
      b.ask(`Which action is this? This pack has limits for: ${limitActionsList(pack)}.`, 'action');
    } else {
      b.say(`The pack has no limit for ${what}.`);
      b.ask(`Which action is this? This pack has limits for: ${limitActionsList(pack)}.`, 'action');
    }
    return { ok: false, outcome: 'needs-info', short: 'unknown action' };
  }

  // Audience: internal requesters use internal service limits first.
  const audience = input.audience ?? 'customer';
  const rankAud = (a: Audience): number =>
    audience === 'internal' ? (a === 'internal' ? 0 : a === 'any' ? 1 : 2) : a === 'internal' ? 2 : 0;
  const bestAud = Math.min(...cands.map((l) => rankAud(l.audience)));
  const byAudience = cands.filter((l) => rankAud(l.audience) === bestAud);
  if (audience === 'internal' && bestAud === 0 && cands.length > byAudience.length) {
    b.say('The requester is a colleague: using the internal service limit.');
  } else if (audience === 'internal' && bestAud > 0) {
    b.say('The requester is a colleague, but the pack has no internal limit for this action: using the customer limit.');
  } else if (audience === 'customer' && bestAud === 2) {
    b.say('Only an internal service limit exists for this action; it is used as written.');
  }
  cands = byAudience;

  // Customer segment.
  const seg = input.segment?.trim();
  if (seg) {
    if (pack.segments.length > 0 && !pack.segments.includes(seg)) {
      b.cite('/segments');
      b.say(`"${seg}" is not a customer segment this pack knows (${pack.segments.join(', ')}).`);
      b.ask(`Which customer segment is this? This pack knows: ${pack.segments.join(', ')}.`, 'customer segment');
      return { ok: false, outcome: 'needs-info', short: 'unknown segment' };
    }
    const specific = cands.filter((l) => l.segments.includes(seg));
    const generic = cands.filter((l) => l.segments.length === 0);
    const pool = specific.length ? specific : generic;
    if (pool.length > 1) {
      b.cite('/limits');
      b.say(`"${String(input.action)}" fits several limits: ${pool.map((l) => l.label).join(', ')}.`);
      b.ask(`Which one is it: ${pool.map((l) => `${l.label} (${l.id})`).join(', ')}?`, 'which limit');
      return { ok: false, outcome: 'needs-info', short: 'several limits fit' };
    }
    const limit = pool[0];
    if (!limit) {
      const first = cands[0]!;
      const i = limitIndex(pack, first);
      b.cite(pointer('limits', i, 'segments'));
      b.say(
        `The ${first.label} limit applies only to ${first.segments.join(', ')} customers; this customer is "${seg}", so no limit in this pack lets you grant it.`,
      );
      const k = first.never.findIndex((r) => r.when === 'segment' && segmentsNamedIn(pack, r.text, first).includes(seg));
      if (k >= 0) {
        const rule = first.never[k]!;
        b.cite(pointer('limits', i, 'never', k));
        b.say(rule.text);
        return { ok: false, outcome: 'not-allowed', short: rule.text, rule };
      }
      return { ok: false, outcome: 'not-allowed', short: `not for ${seg} customers` };
    }
    const i = limitIndex(pack, limit);
    if (limit.segments.length) {
      b.cite(pointer('limits', i, 'segments'));
      b.say(`The ${limit.label} limit applies to ${limit.segments.join(', ')} customers, which includes "${seg}".`);
    }
    return { ok: true, limit, index: i };
  }
  const generic = cands.filter((l) => l.segments.length === 0);
  if (generic.length > 1) {
    b.cite('/limits');
    b.say(`"${String(input.action)}" fits several limits: ${generic.map((l) => l.label).join(', ')}.`);
    b.ask(`Which one is it: ${generic.map((l) => `${l.label} (${l.id})`).join(', ')}?`, 'which limit');
    return { ok: false, outcome: 'needs-info', short: 'several limits fit' };
  }
  if (generic[0]) {
    return { ok: true, limit: generic[0], index: limitIndex(pack, generic[0]) };
  }
  const first = cands[0]!;
  const fi = limitIndex(pack, first);
  b.cite(pointer('limits', fi, 'segments'));
  const segs = [...new Set(cands.flatMap((l) => l.segments))];
  b.say(`The ${first.label} limit depends on the customer segment, and none was given.`);
  b.ask(`Which customer segment is this customer in? The limit applies only to: ${segs.join(', ')}.`, 'customer segment');
  return { ok: false, outcome: 'needs-info', short: 'customer segment unknown' };
}

/** Approval need for an exception (window, cap): none when the role itself may approve it. */
function exceptionApproval(
  input: DecideInput,
  b: Builder,
  myRank: number,
  approverId: string,
  short: string,
  evidence: string[],
  how: string | undefined,
  what: string,
): void {
  const { pack } = input;
  const r = roleRank(pack, approverId);
  if (r <= myRank) {
    b.say(`As ${roleLabel(pack, input.role)} you may approve this ${what} exception yourself.`);
    for (const e of evidence) b.need(e);
    return;
  }
  const band: ApprovalBand = { above: 0, approver: approverId, evidence, ...(how ? { how } : {}) };
  b.approvals.push({ rank: r, roleId: approverId, band, short });
}

export function decide(input: DecideInput): Decision {
  const { pack } = input;
  const b = new Builder();
  const locale = input.locale ?? pack.locale ?? 'en';
  const today = input.today ?? isoDay(new Date());
  const askedAction = String(input.action ?? '');

  const base = {
    amount: input.amount,
    pack: { id: pack.id, version: pack.version },
  };

  // Display of the amount as asked.
  const inputUnit = input.currency === '%' || input.currency === 'percent' ? 'percent' : input.currency;

  // 1. Role.
  const wantRole = norm(input.role ?? '');
  const myRank = pack.roles.findIndex((r) => norm(r.id) === wantRole || norm(r.label) === wantRole);
  const roleId = myRank >= 0 ? pack.roles[myRank]!.id : input.role;
  if (myRank < 0) {
    b.cite('/roles');
    b.say(`"${input.role}" is not a role in this pack (${listRoles(pack) || 'the pack defines no roles'}).`);
    b.ask(
      pack.roles.length
        ? `Which role are you? This pack knows: ${listRoles(pack)}.`
        : 'This pack defines no roles: ask your admin to add them.',
      'your role',
    );
    return finish(input, b, {
      ...base,
      outcome: 'needs-info',
      action: askedAction,
      role: input.role,
      ...(input.currency ? { currency: input.currency } : {}),
    }, locale, inputUnit, 'unknown role');
  }
  b.cite(pointer('roles', myRank));

  // 2. Limit.
  const choice = chooseLimit(input, b);
  if (!choice.ok) {
    return finish(input, b, {
      ...base,
      outcome: choice.outcome,
      action: askedAction,
      role: roleId,
      ...(choice.rule ? { neverRule: choice.rule } : {}),
      ...(input.currency ? { currency: input.currency } : {}),
    }, locale, inputUnit, choice.short);
  }
  const { limit, index: li } = choice;
  const L = (...rest: Array<string | number>): string => pointer('limits', li, ...rest);
  b.cite(L());
  const unit = limit.unit;
  const pol = policyOf(pack, limit);
  if (pol) b.cite(pointer('policies', pol.index));

  // 3. The amount.
  if (!Number.isFinite(input.amount) || input.amount < 0) {
    b.say('The amount is missing or not a valid number.');
    b.ask(`What amount is this about (in ${unit === 'percent' ? 'percent or money' : unit})?`, 'amount');
    return finish(input, b, {
      ...base,
      outcome: 'needs-info',
      action: limit.action,
      actionText: limitActionText(limit),
      limitId: limit.id,
      role: roleId,
      unit,
      ...(input.currency ? { currency: input.currency } : {}),
    }, locale, inputUnit, 'amount missing', pol?.policy);
  }

  let currency = input.currency?.trim() || undefined;
  if (currency && currency !== '%' && currency !== 'percent') currency = currency.toUpperCase();
  let value: number | undefined; // amount in `unit`
  let percentOfOrder: number | undefined; // percentage of the order value, when computable

  const mine = roleMax(pack, limit, myRank);
  const fmt = (v: number): string => formatAmount(v, unit, locale);

  if (unit === 'count') {
    value = input.amount;
    if (currency) b.say(`This limit counts uses (${limit.label}); the currency ${currency} is ignored.`);
    currency = undefined;
  } else if (unit === 'percent') {
    if (!currency && pack.currency) {
      currency = pack.currency;
      b.say(`No currency was given: the amount is taken as money in ${currency}, the pack's currency (use "%" for a percentage).`);
    }
    if (currency === '%' || currency === 'percent') {
      value = input.amount;
      percentOfOrder = value;
      currency = '%';
    } else if (typeof input.orderValue === 'number' && input.orderValue > 0) {
      value = (input.amount / input.orderValue) * 100;
      percentOfOrder = value;
      b.say(
        `${formatAmount(input.amount, currency ?? pack.currency, locale)} of an order worth ${formatAmount(input.orderValue, currency ?? pack.currency, locale)} is ${formatAmount(value, 'percent', locale)}.`,
      );
    } else {
      b.cite(L('unit'));
      b.say(`This limit is a percentage of the ${limit.percentOf ?? 'order value'}, and the order value was not given.`);
      b.ask(`What is the ${limit.percentOf ?? 'order value'}? The ${limit.label} limit is a percentage of it.`, limit.percentOf ?? 'order value');
    }
  } else if (isCurrencyCode(unit)) {
    if (currency === '%' || currency === 'percent') {
      b.say(`This limit is in ${unit}, but the amount was given as a percentage.`);
      if (typeof input.orderValue === 'number' && input.orderValue > 0) {
        // Percentage of an order value in the pack's currency (assumed to be the limit's).
        value = (input.amount / 100) * input.orderValue;
        percentOfOrder = input.amount;
        b.say(`${formatAmount(input.amount, 'percent', locale)} of an order worth ${fmt(input.orderValue)} is ${fmt(value)}.`);
      } else {
        b.ask(`What is the order value (in ${unit})? The ${limit.label} limit is a money amount.`, 'order value');
      }
    } else {
      if (!currency) {
        currency = pack.currency && isCurrencyCode(pack.currency) ? pack.currency : unit;
        b.say(`No currency was given: taken as ${currency}, the pack's currency.`);
      }
      if (currency === unit) {
        value = input.amount;
      } else {
        const ri = pack.rates.findIndex((r) => r.from === currency && r.to === unit && r.rate > 0);
        const rj = pack.rates.findIndex((r) => r.from === unit && r.to === currency && r.rate > 0);
        if (ri >= 0) {
          value = input.amount * pack.rates[ri]!.rate;
          b.cite(pointer('rates', ri));
          b.say(
            `${formatAmount(input.amount, currency, locale)} is ${formatAmount(Math.round(value * 100) / 100, unit, locale)} at the pack's rate (1 ${currency} = ${pack.rates[ri]!.rate} ${unit}).`,
          );
        } else if (rj >= 0) {
          value = input.amount / pack.rates[rj]!.rate;
          b.cite(pointer('rates', rj));
          b.say(
            `${formatAmount(input.amount, currency, locale)} is ${formatAmount(Math.round(value * 100) / 100, unit, locale)} at the pack's rate (1 ${unit} = ${pack.rates[rj]!.rate} ${currency}).`,
          );
        } else {
          b.cite(L('unit'));
          b.cite('/rates');
          b.say(
            `The amount is in ${currency} but the ${limit.label} limit is in ${unit}, and the pack defines no ${currency}–${unit} rate: the two cannot be compared.`,
          );
          b.ask(`What is the amount in ${unit}? The pack has no ${currency}–${unit} rate to convert ${formatAmount(input.amount, currency, locale)}.`, `amount in ${unit} (no ${currency}–${unit} rate)`);
        }
      }
      if (typeof input.orderValue === 'number' && input.orderValue > 0) {
        percentOfOrder = (input.amount / input.orderValue) * 100;
      }
    }
  } else {
    // Another unit (e.g. 'days', 'seats'): compared as written, never across units.
    if (currency && currency !== unit) {
      b.cite(L('unit'));
      b.say(`The ${limit.label} limit is counted in "${unit}", not in ${currency}: the two cannot be compared.`);
      b.ask(`How many ${unit} is this? The ${limit.label} limit is counted in ${unit}.`, `amount in ${unit}`);
    } else {
      value = input.amount;
      currency = undefined;
    }
  }

  // 4. Never rules.
  const confirmed = new Set(input.confirmations ?? []);
  const date = (from: string): string | undefined =>
    (input.dates as Record<string, string | undefined> | undefined)?.[from]?.trim() || undefined;
  const windowDays = (from: string): number | undefined => {
    const d = date(from);
    if (!d) return undefined;
    return daysBetween(d, today);
  };
  const capAskText = (count: number, days: number): string =>
    `How many times has this customer already had a ${limit.label.toLowerCase()} in the last ${days} days? (The pack allows ${count} per ${days} days.)`;
  const proofQuestion = 'Does the customer have proof of purchase (receipt, invoice or order number)?';

  limit.never.forEach((rule, k) => {
    const P = L('never', k);
    switch (rule.when) {
      case 'amount-above': {
        if (typeof rule.value !== 'number') return;
        b.cite(P);
        if (value === undefined) return; // the amount question is already asked
        if (!lte(value, rule.value)) {
          b.say(`${fmt(value)} is above ${fmt(rule.value)}: ${rule.text}`);
          b.blockers.push({ rule, short: rule.text });
        } else {
          b.say(`Never rule "${rule.text}" does not apply: ${fmt(value)} is not above ${fmt(rule.value)}.`);
        }
        return;
      }
      case 'percent-of-order-above': {
        if (typeof rule.value !== 'number') return;
        b.cite(P);
        if (percentOfOrder === undefined) {
          if (unit !== 'percent') {
            b.say(`Never rule "${rule.text}" needs the order value to check.`);
            b.ask(`What is the order value? The pack never allows more than ${formatAmount(rule.value, 'percent', locale)} of it.`, 'order value');
          }
          return;
        }
        if (!lte(percentOfOrder, rule.value)) {
          b.say(`That is ${formatAmount(percentOfOrder, 'percent', locale)} of the order, above ${formatAmount(rule.value, 'percent', locale)}: ${rule.text}`);
          b.blockers.push({ rule, short: rule.text });
        } else {
          b.say(`Never rule "${rule.text}" does not apply: ${formatAmount(percentOfOrder, 'percent', locale)} of the order.`);
        }
        return;
      }
      case 'outside-window': {
        b.cite(P);
        const from = limit.window?.from ?? 'delivery';
        const days = typeof rule.value === 'number' ? rule.value : limit.window?.days;
        if (days === undefined) {
          b.say(`Never rule "${rule.text}" has no window length in the pack; check it yourself.`);
          if (!confirmed.has(rule.id)) {
            b.toConfirm.push(rule);
            b.need(`Confirm this does not apply: ${rule.text}`);
          }
          return;
        }
        const since = windowDays(from);
        if (since === undefined || Number.isNaN(since)) {
          b.say(`Never rule "${rule.text}" needs the ${from} date.`);
          b.ask(`${dateQuestion(from)} The window is ${days} days from the ${from} date.`, `${from} date`);
          return;
        }
        if (since > days) {
          b.say(`${since} days since ${from}: outside the ${days}-day window. ${rule.text}`);
          b.blockers.push({ rule, short: `${since} days since ${from}, outside the ${days}-day window` });
        }
        return;
      }
      case 'segment': {
        b.cite(P);
        const seg = input.segment?.trim();
        const named = segmentsNamedIn(pack, rule.text, limit);
        if (!seg) {
          b.say(`Never rule "${rule.text}" depends on the customer segment, which was not given.`);
          b.ask(`Which customer segment is this customer in${pack.segments.length ? ` (${pack.segments.join(', ')})` : ''}?`, 'customer segment');
          return;
        }
        const fires = named.length > 0 ? named.includes(seg) : limit.segments.length > 0 && !limit.segments.includes(seg);
        if (fires) {
          b.say(`The customer is in the "${seg}" segment: ${rule.text}`);
          b.blockers.push({ rule, short: rule.text });
        } else {
          b.say(`Never rule "${rule.text}" does not apply to "${seg}" customers.`);
        }
        return;
      }
      case 'cap-exceeded': {
        b.cite(P);
        const count = limit.perPeriod?.count ?? rule.value;
        const days = limit.perPeriod?.days;
        if (count === undefined) return;
        if (input.priorUses === undefined) {
          b.ask(days ? capAskText(count, days) : `How many times has this customer already had a ${limit.label.toLowerCase()}? (The pack allows ${count}.)`, 'earlier uses');
          return;
        }
        if (input.priorUses >= count) {
          b.say(`The customer already had ${input.priorUses} (the cap is ${count}${days ? ` per ${days} days` : ''}): ${rule.text}`);
          b.blockers.push({ rule, short: rule.text });
        }
        return;
      }
      case 'no-proof-of-purchase': {
        b.cite(P);
        if (input.proofOfPurchase === undefined) {
          b.ask(proofQuestion, 'proof of purchase');
        } else if (!input.proofOfPurchase) {
          b.say(`There is no proof of purchase: ${rule.text}`);
          b.blockers.push({ rule, short: rule.text });
        } else {
          b.say('Proof of purchase is available.');
          b.need('Proof of purchase (receipt, invoice or order number)');
        }
        return;
      }
      case 'manual':
      default: {
        b.cite(P);
        if (confirmed.has(rule.id)) {
          b.say(`You confirmed that "${rule.text}" does not apply.`);
        } else {
          b.say(`Check before acting: ${rule.text}`);
          b.toConfirm.push(rule);
          b.need(`Confirm this does not apply: ${rule.text}`);
        }
        return;
      }
    }
  });
  const neverKinds = new Set(limit.never.map((r) => r.when));

  // 5. Time window.
  if (limit.window) {
    const w = limit.window;
    b.cite(L('window'));
    const since = windowDays(w.from);
    if (since === undefined) {
      b.say(`The ${limit.label} limit has a ${w.days}-day window from the ${w.from} date, which was not given.`);
      b.ask(`${dateQuestion(w.from)} The window is ${w.days} days from the ${w.from} date.`, `${w.from} date`);
    } else if (Number.isNaN(since)) {
      b.say(`The ${w.from} date "${date(w.from)}" is not a valid date (YYYY-MM-DD).`);
      b.ask(`The ${w.from} date "${date(w.from)}" is not a valid date: ${dateQuestion(w.from)} (YYYY-MM-DD)`, `${w.from} date`);
    } else if (since < 0) {
      b.say(`The ${w.from} date ${date(w.from)} is in the future (${-since} days from ${today}); the ${w.days}-day window has not started to run out.`);
    } else if (since <= w.days) {
      b.say(`${since} days since ${w.from} (${date(w.from)}): inside the ${w.days}-day window.`);
    } else if (neverKinds.has('outside-window')) {
      // Reported by the never rule.
    } else if (w.exceptionApprover) {
      b.say(`${since} days since ${w.from} (${date(w.from)}): outside the ${w.days}-day window; an exception needs ${roleLabel(pack, w.exceptionApprover)} approval.`);
      exceptionApproval(
        input,
        b,
        myRank,
        w.exceptionApprover,
        `${since} days since ${w.from}, outside the ${w.days}-day window`,
        [`${capitalise(w.from)} date ${date(w.from)} (${since} days ago; window ${w.days} days) and the reason for the exception`],
        undefined,
        'window',
      );
    } else {
      b.say(`${since} days since ${w.from} (${date(w.from)}): outside the ${w.days}-day window, and the pack allows no exception.`);
      b.blockers.push({ short: `${since} days since ${w.from}, outside the ${w.days}-day window` });
    }
  }

  // 6. Per-period cap.
  if (limit.perPeriod) {
    const cap = limit.perPeriod;
    b.cite(L('perPeriod'));
    if (input.priorUses === undefined) {
      b.say(`The ${limit.label} limit allows ${cap.count} per customer per ${cap.days} days, and the number of earlier uses was not given.`);
      b.ask(capAskText(cap.count, cap.days), 'earlier uses');
    } else if (input.priorUses < cap.count) {
      b.say(`This would be number ${input.priorUses + 1} of ${cap.count} allowed in ${cap.days} days.`);
    } else if (neverKinds.has('cap-exceeded')) {
      // Reported by the never rule.
    } else if (cap.approver) {
      b.say(`The customer already had ${input.priorUses} in ${cap.days} days (cap ${cap.count}): going over the cap needs ${roleLabel(pack, cap.approver)} approval.`);
      exceptionApproval(
        input,
        b,
        myRank,
        cap.approver,
        `over the cap of ${cap.count} per ${cap.days} days`,
        [`Earlier ${limit.label.toLowerCase()}s for this customer in the last ${cap.days} days (${input.priorUses}) and why one more is justified`],
        undefined,
        'cap',
      );
    } else {
      b.say(`The customer already had ${input.priorUses} in ${cap.days} days: the cap is ${cap.count}, and the pack allows no exception.`);
      b.blockers.push({ short: `cap of ${cap.count} per ${cap.days} days reached` });
    }
  }

  // 7. The amount against the role's maximum and the approval bands.
  if (mine.from) b.cite(L('maxByRole', mine.from));
  else b.cite(L('maxByRole'));
  const myLabel = roleLabel(pack, roleId);
  if (mine.from && mine.from !== roleId) {
    b.say(`${myLabel} is not listed for ${limit.label}; it has the ${roleLabel(pack, mine.from)} maximum of ${fmt(mine.value)}.`);
  } else if (!mine.from) {
    b.say(`${myLabel} is not listed for ${limit.label}: you may not grant it alone.`);
  }
  if (value !== undefined) {
    if (lte(value, mine.value)) {
      b.say(`${fmt(value)} is within your limit of ${fmt(mine.value)}.`);
    } else {
      b.say(`${fmt(value)} is above your limit of ${fmt(mine.value)}.`);
      const short = `your limit ${fmt(mine.value)}`;
      const found = approvalForAmount(input, b, limit, li, myRank, value, fmt);
      if (found) {
        b.approvals.push({ ...found, short });
      } else {
        b.blockers.push({ short: `above what anyone in this pack may approve (your limit ${fmt(mine.value)})` });
      }
    }
  }

  // 8. Outcome.
  let outcome: DecisionOutcome;
  if (b.blockers.length) outcome = 'not-allowed';
  else if (b.questions.length) outcome = 'needs-info';
  else if (b.approvals.length) outcome = 'needs-approval';
  else outcome = 'allowed';

  let approver: DecisionApprover | undefined;
  let how: string | undefined;
  let short = '';
  if (outcome === 'needs-approval') {
    const top = b.approvals.reduce((a, c) => (c.rank > a.rank ? c : a));
    approver = { role: top.roleId, label: roleLabel(pack, top.roleId), band: top.band };
    how = b.approvals.map((a) => a.band.how).find((h) => !!h);
    for (const a of b.approvals) for (const e of a.band.evidence) b.need(e);
    const reasons = [...b.approvals].sort((x, y) => Number(!x.short.startsWith('your limit')) - Number(!y.short.startsWith('your limit')));
    short = `needs ${approver.label} approval (${[...new Set(reasons.map((a) => a.short))].join('; ')})`;
    if (how) b.say(`How to ask: ${how}`);
  }
  const blocker = b.blockers.find((x) => x.rule) ?? b.blockers[0];
  if (outcome === 'not-allowed' && blocker) short = `not allowed: ${blocker.short}`;
  if (outcome === 'allowed') short = `within your limit (${fmt(mine.value)})`;
  let pending: string | undefined;
  if (outcome === 'needs-info') for (const a of b.approvals) for (const e of a.band.evidence) b.need(e);
  if (outcome === 'needs-info' && value !== undefined) {
    if (b.approvals.length) {
      const top = b.approvals.reduce((a, c) => (c.rank > a.rank ? c : a));
      pending = `needs ${roleLabel(pack, top.roleId)} approval (${[...new Set(b.approvals.map((a) => a.short))].join('; ')})`;
    } else {
      pending = `within your limit (${fmt(mine.value)})`;
    }
    b.say(`If the missing facts check out, this ${pending}.`);
  }
  if ((outcome === 'allowed' || outcome === 'needs-approval') && b.toConfirm.length) {
    short += ` · confirm ${b.toConfirm.length === 1 ? '1 check' : `${b.toConfirm.length} checks`} first`;
  }

  return finish(
    input,
    b,
    {
      ...base,
      outcome,
      action: limit.action,
      actionText: limitActionText(limit),
      limitId: limit.id,
      role: roleId,
      roleLabel: myLabel,
      yourLimit: mine.value,
      yourLimitText: fmt(mine.value),
      unit,
      ...(value !== undefined ? { valueInUnit: value } : {}),
      ...(currency ? { currency } : {}),
      ...(approver ? { approver } : {}),
      ...(how ? { how } : {}),
      ...(outcome === 'not-allowed' && blocker?.rule ? { neverRule: blocker.rule } : {}),
    },
    locale,
    currency === '%' ? 'percent' : currency ?? (unit === 'count' ? 'count' : unit),
    short,
    pol?.policy,
    pending,
  );
}

/**
 * The approver for an amount above the role's maximum: the band containing the amount (bands
 * cover (above, next above]; the last one is open unless its approver has an explicit maximum
 * below the amount), chained up the role order, skipping approvers at or below the asking role.
 */
function approvalForAmount(
  input: DecideInput,
  b: Builder,
  limit: PackLimit,
  li: number,
  myRank: number,
  value: number,
  fmt: (v: number) => string,
): Omit<ApprovalNeed, 'short'> | undefined {
  const { pack } = input;
  const bands = limit.approvals
    .map((band, i) => ({ band, i }))
    .sort((x, y) => x.band.above - y.band.above);
  if (bands.length === 0) {
    b.cite(pointer('limits', li, 'approvals'));
    b.say(`The ${limit.label} limit has no approval bands.`);
  }
  let start = -1;
  for (let j = 0; j < bands.length; j++) if (bands[j]!.band.above < value - EPS * Math.max(1, value)) start = j;
  if (start < 0 && bands.length) {
    start = 0;
    b.say(`No band starts below ${fmt(value)}; the first band (above ${fmt(bands[0]!.band.above)}) is the nearest approval.`);
  }
  // Chain: the approver of a band is never lower than the approver of a lower band.
  let chainRank = -1;
  let chainRole = '';
  for (let j = 0; j < bands.length; j++) {
    const { band, i } = bands[j]!;
    const r = roleRank(pack, band.approver);
    if (r > chainRank) {
      chainRank = r;
      chainRole = band.approver;
    }
    if (j < start) continue;
    b.cite(pointer('limits', li, 'approvals', i));
    if (chainRank <= myRank) {
      b.say(`The band above ${fmt(band.above)} is approved by ${roleLabel(pack, chainRole)}, which is not above your role: going up.`);
      continue;
    }
    const explicitCap = limit.maxByRole[chainRole];
    if (typeof explicitCap === 'number' && !lte(value, explicitCap)) {
      b.cite(pointer('limits', li, 'maxByRole', chainRole));
      b.say(`${roleLabel(pack, chainRole)} may grant at most ${fmt(explicitCap)}: going up.`);
      continue;
    }
    b.say(`Amounts above ${fmt(band.above)} need ${roleLabel(pack, chainRole)} approval.`);
    const evidence = chainRole === band.approver ? band.evidence : [...band.evidence];
    return {
      rank: chainRank,
      roleId: chainRole,
      band: chainRole === band.approver ? band : { ...band, approver: chainRole, evidence },
    };
  }
  // No band fits: the next role strictly higher whose own maximum covers the amount.
  const floor = Math.max(myRank, chainRank);
  for (let r = floor + 1; r < pack.roles.length; r++) {
    const id = pack.roles[r]!.id;
    const cap = limit.maxByRole[id];
    if (typeof cap === 'number' && lte(value, cap)) {
      b.cite(pointer('limits', li, 'maxByRole', id));
      b.say(`No approval band covers ${fmt(value)}; ${roleLabel(pack, id)} may grant up to ${fmt(cap)}.`);
      return { rank: r, roleId: id, band: { above: roleMax(pack, limit, myRank).value, approver: id, evidence: [] } };
    }
  }
  b.cite(pointer('limits', li, 'approvals'));
  b.say(`No approval band and no role in this pack covers ${fmt(value)}: it is not allowed.`);
  return undefined;
}

/**
 * Pack segments a `segment` never rule is about ("Business accounts never …", "Contractors and
 * interns never …"): the segments named in the rule's first clause, before "never" when the
 * segments are named there — so "… never get renewal discounts: suggest annual billing" is about
 * self-serve, not annual. Segments the limit itself applies to are never the excluded ones.
 */
function segmentsNamedIn(pack: Pack, text: string, limit?: PackLimit): string[] {
  const names = (t: string): string[] =>
    pack.segments.filter(
      (seg) =>
        !limit?.segments.includes(seg) &&
        new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(seg)}(s|es)?($|[^\\p{L}\\p{N}])`, 'iu').test(t),
    );
  const clause = text.split(/[:;]|[.!?](?:\s|$)/u)[0] ?? text;
  const never = /\bnever\b/iu.exec(clause);
  const subject = never ? names(clause.slice(0, never.index)) : [];
  return subject.length ? subject : names(clause);
}

/** "Refund" for a refund limit; the limit's own name (without a trailing "(…)") for 'other'. */
export function limitActionText(limit: PackLimit): string {
  if (limit.action !== 'other') return actionLabel(limit.action);
  const name = limit.label.replace(/\s*\([^)]*\)\s*$/, '').trim();
  return name || actionLabel(limit.action);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

type Partial_ = Omit<Decision, 'evidence' | 'questions' | 'missing' | 'reasoning' | 'cites' | 'summary' | 'toConfirm' | 'policy'>;

function finish(
  input: DecideInput,
  b: Builder,
  d: Partial_,
  locale: string,
  displayUnit: string | undefined,
  short: string,
  policy?: PackPolicy,
  pending?: string,
): Decision {
  if (d.outcome === 'needs-info' && !b.questions.length) {
    b.ask('More facts are needed to decide this.', 'more facts');
  }
  if (d.outcome === 'needs-info') {
    short = `need to know: ${b.missing.join(', ')}${pending ? ` · if they check out: ${pending}` : ''}`;
  }
  const shown = formatAmount(input.amount, displayUnit ?? input.pack.currency, locale);
  let amountText = shown;
  if (d.unit && d.valueInUnit !== undefined && displayUnit !== d.unit) {
    amountText = `${shown} (${formatAmount(Math.round(d.valueInUnit * 100) / 100, d.unit, locale)})`;
  }
  if (d.unit === 'count') amountText = '×' + formatAmount(input.amount, 'count', locale);
  const what = d.actionText ?? actionLabel(d.action || String(input.action) || 'action');
  const summary = `${what} ${amountText} — ${short}`;
  return {
    ...d,
    evidence: b.evidence,
    toConfirm: b.toConfirm,
    questions: b.questions,
    missing: b.missing,
    reasoning: b.reasoning,
    cites: b.cites,
    summary,
    ...(policy
      ? {
          policy: {
            id: policy.id,
            title: policy.title,
            summary: policy.summary,
            ...(policy.url ? { url: policy.url } : {}),
          },
        }
      : {}),
  };
}
