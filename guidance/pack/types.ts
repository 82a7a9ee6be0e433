/**
 * The guidance pack format `tactline-pack/1`: Tactline's public contract with admins.
 * Documented in docs/pack-format.md; validated by `validatePack()` in ./validate.ts.
 *
 * A pack holding only `format`, `id`, `name`, `version` and `intents` is valid; every other
 * collection defaults to empty (the validator fills defaults, so consumers see the full shape).
 */

export const PACK_FORMAT = 'tactline-pack/1' as const;

export type PhraseKind =
  | 'empathy'
  | 'acknowledgement'
  | 'apology'
  | 'reassurance'
  | 'next-steps'
  | 'closing'
  | 'internal-note';

/** Who a phrase is written for: the customer, a colleague (internal requester or note), or either. */
export type Audience = 'customer' | 'internal' | 'any';

export type LimitAction =
  | 'refund'
  | 'store-credit'
  | 'discount'
  | 'replacement'
  | 'fee-waiver'
  | 'shipping-upgrade'
  | 'goodwill-gift'
  | 'extension'
  | 'access-grant'
  | 'other';

export interface PackCompany {
  name: string;
  /** Email domains of colleagues ("example-outdoor.com"): requesters from these are internal. */
  internalDomains: string[];
}

export interface PackRole {
  id: string;
  label: string;
}

export interface PackIntent {
  id: string;
  label: string;
  /** Customer phrasings (few-shot examples). */
  examples: string[];
  keywords: string[];
  description?: string;
}

export interface PackPhrase {
  id: string;
  /** May contain placeholders: {{customer.firstName}}, {{customer.name}}, {{agent.name}},
   *  {{agent.firstName}}, {{ticket.id}}, {{order.id}}, {{company.name}}, {{amount}}. */
  text: string;
  kind: PhraseKind;
  intents: string[];
  emotions: string[];
  channels: string[];
  audience: Audience;
  locale?: string;
}

export interface PackPolicy {
  id: string;
  title: string;
  summary: string;
  body?: string;
  intents: string[];
  /** http(s) only. */
  url?: string;
  owner?: string;
  /** ISO date. */
  verifiedAt?: string;
  /** ISO date. */
  expiresAt?: string;
}

/** "above X → approver role": amounts above `above` (and up to the next band) need `approver`. */
export interface ApprovalBand {
  above: number;
  approver: string;
  /** How to ask: "Internal note tagged @lead with order number", a form name, a channel… */
  how?: string;
  evidence: string[];
}

/** A hard "never" rule. `when` is a fact key the engine knows (see NeverCondition) plus a note. */
export interface NeverRule {
  id: string;
  /** Machine-checkable condition, or 'manual' for a rule the agent must confirm. */
  when: NeverCondition;
  /** Threshold for numeric conditions (e.g. amount-above). */
  value?: number;
  /** Plain-words rule shown to the agent. */
  text: string;
}

export type NeverCondition =
  | 'amount-above'
  | 'percent-of-order-above'
  | 'outside-window'
  | 'segment'
  | 'cap-exceeded'
  | 'no-proof-of-purchase'
  | 'manual';

export interface PeriodCap {
  /** Max number of uses per customer within `days`. */
  count: number;
  days: number;
  /** Who may approve going over the cap; absent = never. */
  approver?: string;
}

export interface TimeWindow {
  /** Which date the window starts from. */
  from: 'delivery' | 'order' | 'purchase' | 'contact';
  days: number;
  /** Who may approve an exception outside the window; absent = never. */
  exceptionApprover?: string;
}

export interface PackLimit {
  id: string;
  action: LimitAction;
  label: string;
  /** ISO 4217 code for money, 'count' or 'percent'. */
  unit: string;
  /** Role id → maximum the role may grant alone (in `unit`). Roles not listed may grant nothing. */
  maxByRole: Record<string, number>;
  /** For percent limits: what the percentage is of ("order value"). */
  percentOf?: string;
  perPeriod?: PeriodCap;
  approvals: ApprovalBand[];
  never: NeverRule[];
  policy?: string;
  window?: TimeWindow;
  /** Customer segments this limit applies to (empty = all). */
  segments: string[];
  /** Audience: customer-facing limits vs internal service limits (internal requesters). */
  audience: Audience;
}

export interface AvoidRule {
  id: string;
  /** A phrase ("calm down") or a simple pattern with `*` as "any one word" ("no * refunds"). */
  pattern: string;
  why: string;
  instead: string[];
  severity: 'info' | 'warning';
  /** 'public' = only flagged in public replies (e.g. internal jargon), 'any' = always. */
  appliesTo: 'public' | 'any';
}

export interface Scenario {
  id: string;
  title: string;
  /** What happened. */
  situation: string;
  /** "you can decide" / "needs approval" / "never". */
  outcome: 'allowed' | 'needs-approval' | 'not-allowed';
  explanation: string;
  limit?: string;
  role?: string;
  intents: string[];
}

export interface CurrencyRate {
  /** 1 `from` = `rate` × `to`. */
  from: string;
  to: string;
  rate: number;
}

export interface Pack {
  format: typeof PACK_FORMAT;
  id: string;
  name: string;
  version: number;
  publishedAt?: string;
  locale?: string;
  /** ISO 4217 default currency. */
  currency?: string;
  company?: PackCompany;
  /** Ordered from least to most authority. */
  roles: PackRole[];
  intents: PackIntent[];
  phrases: PackPhrase[];
  policies: PackPolicy[];
  limits: PackLimit[];
  avoid: AvoidRule[];
  scenarios: Scenario[];
  /** Pack-defined exchange rates used by decide() (never fetched). */
  rates: CurrencyRate[];
  /** Customer segments the pack knows ("standard", "member", "business"). */
  segments: string[];
  /** Days after `verifiedAt` a policy counts as stale. */
  reviewIntervalDays?: number;
  /** Pack expiry (ISO date); an expired pack is not accepted by the updater. */
  expiresAt?: string;
}
