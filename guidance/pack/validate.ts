/**
 * Strict validator for guidance packs (`tactline-pack/1`).
 *
 * The pack is untrusted data written by people (admins) and fetched over the network, so the
 * validator:
 *  - accepts only the fields it knows (unknown keys are errors at every level, with a "did you
 *    mean" hint), and never `__proto__` / `constructor` / `prototype`;
 *  - checks types, ranges, formats, caps on sizes and counts, unique ids, and that every reference
 *    (intent, role, policy, limit, segment) resolves;
 *  - checks the meaning of limits (approval bands, "never" rules, windows, caps) — see
 *    docs/pack-format.md §"Validation rules";
 *  - builds the result fresh, field by field, with defaults filled (it never returns the input).
 *
 * Messages are written for the admin who edits the YAML, not for programmers:
 *   /limits/3/approvals/0/above: must be a number (got "abc")
 *
 * The field table `PACK_SPEC` below is the single source of truth: the validator walks it, and the
 * JSON Schema in docs/pack.schema.json is generated from it (`tactline pack schema`).
 */

import { PACK_FORMAT, type Pack } from './types';

// ---------------------------------------------------------------------------------------------
// Public types and caps

/** One problem found in a pack. `path` is a JSON pointer ("" = the whole pack). */
export interface PackProblem {
  path: string;
  message: string;
}

export type ValidateResult =
  | { ok: true; pack: Pack; warnings: PackProblem[] }
  | { ok: false; errors: PackProblem[]; warnings: PackProblem[] };

/** Caps that protect the extension against oversized or hostile packs (documented in docs/pack-format.md). */
export const PACK_CAPS = {
  /** Raw pack size in bytes (checked by the loader and the updater before parsing). */
  maxBytes: 10 * 1024 * 1024,
  /** Nesting depth of the parsed JSON/YAML value (checked by the loader). */
  maxDepth: 32,
  /** Entries per top-level collection (intents, phrases, policies, limits, avoid, scenarios). */
  maxEntries: 20_000,
  maxRoles: 100,
  maxSegments: 1_000,
  maxRates: 1_000,
  maxDomains: 1_000,
  /** Examples or keywords per intent. */
  maxExamples: 1_000,
  /** References in one list (phrase.intents, policy.intents, …). */
  maxRefs: 1_000,
  /** Approval bands, never rules, evidence items, alternatives per entry. */
  maxSmallList: 50,
  /** Largest amount, count or cap anywhere in a pack. */
  maxAmount: 1_000_000_000_000,
  /** Longest time window or period, in days (100 years). */
  maxDays: 36_500,
  maxIdLength: 64,
  /** Problems reported before the validator stops listing them. */
  maxProblems: 1_000,
} as const;

export const PHRASE_KINDS = [
  'empathy', 'acknowledgement', 'apology', 'reassurance', 'next-steps', 'closing', 'internal-note',
] as const;
export const AUDIENCES = ['customer', 'internal', 'any'] as const;
export const LIMIT_ACTIONS = [
  'refund', 'store-credit', 'discount', 'replacement', 'fee-waiver', 'shipping-upgrade', 'goodwill-gift',
  'extension', 'access-grant', 'other',
] as const;
export const NEVER_CONDITIONS = [
  'amount-above', 'percent-of-order-above', 'outside-window', 'segment', 'cap-exceeded',
  'no-proof-of-purchase', 'manual',
] as const;
export const EMOTIONS = ['angry', 'frustrated', 'anxious', 'confused', 'disappointed', 'grateful', 'neutral'] as const;
export const CHANNELS = ['email', 'web', 'chat', 'phone', 'social', 'api', 'other'] as const;
export const WINDOW_FROM = ['delivery', 'order', 'purchase', 'contact'] as const;
export const OUTCOMES = ['allowed', 'needs-approval', 'not-allowed'] as const;
export const SEVERITIES = ['info', 'warning'] as const;
export const APPLIES_TO = ['public', 'any'] as const;
/** Placeholders a phrase may contain, written exactly like `{{customer.firstName}}`. */
export const PLACEHOLDERS = [
  'customer.firstName', 'customer.name', 'agent.name', 'agent.firstName', 'ticket.id', 'order.id',
  'company.name', 'amount',
] as const;

// ---------------------------------------------------------------------------------------------
// The field table

export type RefKind = 'intent' | 'role' | 'policy' | 'limit' | 'segment';
/** Kinds of entries with ids unique per pack (references can only point to RefKind). */
export type IdKind = RefKind | 'phrase' | 'avoid' | 'scenario';

export type StringFormat =
  | 'line' // one line of text
  | 'text' // free text, may span lines
  | 'template' // free text with {{placeholders}}
  | 'id'
  | 'enum'
  | 'const'
  | 'date' // YYYY-MM-DD or an ISO date-time with a zone
  | 'url' // http(s) only
  | 'currency' // ISO 4217
  | 'unit' // ISO 4217, 'count' or 'percent'
  | 'locale'
  | 'domain'
  | 'pattern'; // avoid-rule pattern with * as one word

export interface StringSpec {
  type: 'string';
  format: StringFormat;
  max: number;
  values?: readonly string[];
  ref?: RefKind;
}
export interface NumberSpec {
  type: 'number';
  integer?: boolean;
  min: number;
  /** When true the value must be strictly greater than `min`. */
  exclusiveMin?: boolean;
  max: number;
}
export interface ArraySpec {
  type: 'array';
  items: Spec;
  max: number;
  min?: number;
  /** Items (objects with `id`, or the strings themselves) define ids of this kind, unique per pack. */
  defines?: IdKind;
  /** Object items have an `id` unique within this list (e.g. never rules of one limit). */
  localIds?: boolean;
  /** Primitive items: duplicates are an error, or only a warning. */
  unique?: 'error' | 'warn';
}
export interface ObjectSpec {
  type: 'object';
  /** Name used in documentation and in the JSON Schema `$defs`. */
  name: string;
  doc: string;
  fields: Record<string, FieldSpec>;
}
export interface MapSpec {
  type: 'map';
  keyRef: RefKind;
  values: NumberSpec;
  max: number;
}
export type Spec = StringSpec | NumberSpec | ArraySpec | ObjectSpec | MapSpec;

export interface FieldSpec {
  spec: Spec;
  required?: boolean;
  /** Filled in when the field is absent (arrays are copied). */
  default?: string | number | readonly never[];
  doc: string;
  /** Message when a required field is missing. */
  missing?: string;
}

const C = PACK_CAPS;
const idSpec = (): StringSpec => ({ type: 'string', format: 'id', max: C.maxIdLength });
const ref = (kind: RefKind): StringSpec => ({ type: 'string', format: 'id', max: C.maxIdLength, ref: kind });
const line = (max = 200): StringSpec => ({ type: 'string', format: 'line', max });
const text = (max: number): StringSpec => ({ type: 'string', format: 'text', max });
const oneOf = (values: readonly string[]): StringSpec => ({ type: 'string', format: 'enum', max: 64, values });
const date = (): StringSpec => ({ type: 'string', format: 'date', max: 40 });
const refs = (kind: RefKind): ArraySpec => ({ type: 'array', items: ref(kind), max: C.maxRefs, unique: 'error' });
const amount = (): NumberSpec => ({ type: 'number', min: 0, max: C.maxAmount });
const days = (): NumberSpec => ({ type: 'number', integer: true, min: 1, max: C.maxDays });
const EMPTY: readonly never[] = [];

const req = (spec: Spec, doc: string, missing?: string): FieldSpec => ({ spec, required: true, doc, missing });
const opt = (spec: Spec, doc: string, dflt?: FieldSpec['default']): FieldSpec => ({ spec, doc, default: dflt });

const ROLE: ObjectSpec = {
  type: 'object', name: 'Role', doc: 'A role agents can have, e.g. agent, team lead, manager.',
  fields: {
    id: req(idSpec(), 'Unique role id, used by limits ("agent", "lead").'),
    label: req(line(), 'Name shown to people ("Team lead").'),
  },
};

const COMPANY: ObjectSpec = {
  type: 'object', name: 'Company', doc: 'Who the pack is for.',
  fields: {
    name: req(line(), 'Company name; fills {{company.name}}.'),
    internalDomains: opt(
      { type: 'array', items: { type: 'string', format: 'domain', max: 253 }, max: C.maxDomains, unique: 'error' },
      'Email domains of colleagues ("example.com"): requesters from these domains are colleagues, not customers.',
      EMPTY,
    ),
  },
};

const RATE: ObjectSpec = {
  type: 'object', name: 'Rate', doc: 'A fixed exchange rate: 1 `from` = `rate` × `to`. Never fetched from the network.',
  fields: {
    from: req({ type: 'string', format: 'currency', max: 3 }, 'ISO 4217 code.'),
    to: req({ type: 'string', format: 'currency', max: 3 }, 'ISO 4217 code.'),
    rate: req({ type: 'number', min: 0, exclusiveMin: true, max: 1_000_000_000 }, 'How many `to` one `from` is worth.'),
  },
};

const INTENT: ObjectSpec = {
  type: 'object', name: 'Intent', doc: 'What a customer wants (refund, where is my order, …).',
  fields: {
    id: req(idSpec(), 'Unique intent id.'),
    label: req(line(), 'Name shown to agents ("Refund request").'),
    examples: req(
      { type: 'array', items: text(1_000), min: 1, max: C.maxExamples, unique: 'warn' },
      'Customer phrasings in their own words; at least one.',
    ),
    keywords: opt(
      { type: 'array', items: line(100), max: C.maxExamples, unique: 'warn' },
      'Extra words or short phrases that point to this intent.',
      EMPTY,
    ),
    description: opt(text(2_000), 'Notes for admins.'),
  },
};

const PHRASE: ObjectSpec = {
  type: 'object', name: 'Phrase', doc: 'A sentence agents can insert into their reply.',
  fields: {
    id: req(idSpec(), 'Unique phrase id.'),
    text: req({ type: 'string', format: 'template', max: 5_000 }, `The phrase; may contain ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`),
    kind: req(oneOf(PHRASE_KINDS), 'What the phrase does.'),
    intents: opt(refs('intent'), 'Intents the phrase fits (empty = any).', EMPTY),
    emotions: opt({ type: 'array', items: oneOf(EMOTIONS), max: EMOTIONS.length, unique: 'error' }, 'Moods the phrase fits (empty = any).', EMPTY),
    channels: opt({ type: 'array', items: oneOf(CHANNELS), max: CHANNELS.length, unique: 'error' }, 'Channels the phrase fits (empty = any).', EMPTY),
    audience: opt(oneOf(AUDIENCES), 'Who reads it: customer, internal (colleague) or any.', 'any'),
    locale: opt({ type: 'string', format: 'locale', max: 35 }, 'Language of the phrase when it differs from the pack ("de", "en-GB").'),
  },
};

const POLICY: ObjectSpec = {
  type: 'object', name: 'Policy', doc: 'A rule or procedure agents should know.',
  fields: {
    id: req(idSpec(), 'Unique policy id.'),
    title: req(line(), 'Short title.'),
    summary: req(text(2_000), 'The gist, in one or two sentences.'),
    body: opt(text(50_000), 'Full text (plain text; no HTML).'),
    intents: opt(refs('intent'), 'Intents the policy is about.', EMPTY),
    url: opt({ type: 'string', format: 'url', max: 2_048 }, 'Link to the full policy (https:// or http:// only).'),
    owner: opt(line(), 'Who keeps the policy up to date.'),
    verifiedAt: opt(date(), 'When the policy was last checked (ISO date).'),
    expiresAt: opt(date(), 'When the policy stops applying (ISO date).'),
  },
};

const BAND: ObjectSpec = {
  type: 'object', name: 'ApprovalBand', doc: 'Amounts above `above` (up to the next band) need `approver`.',
  fields: {
    above: req(amount(), 'Lower bound (exclusive) of the band, in the limit unit.'),
    approver: req(ref('role'), 'Role that approves amounts in this band.'),
    how: opt(text(1_000), 'How to ask ("internal note tagged @lead with the order number").'),
    evidence: opt({ type: 'array', items: line(500), max: C.maxSmallList, unique: 'warn' }, 'Evidence the approver needs (photos, order number, …).', EMPTY),
  },
};

const NEVER: ObjectSpec = {
  type: 'object', name: 'NeverRule', doc: 'A hard "never" rule.',
  fields: {
    id: req(idSpec(), 'Id, unique within the limit.'),
    when: req(oneOf(NEVER_CONDITIONS), 'Condition the engine checks; "manual" = the agent confirms.'),
    value: opt(amount(), 'Threshold for amount-above (limit unit) and percent-of-order-above (percent).'),
    text: req(text(1_000), 'The rule in plain words, shown to the agent.'),
  },
};

const PERIOD: ObjectSpec = {
  type: 'object', name: 'PeriodCap', doc: 'At most `count` uses per customer within `days`.',
  fields: {
    count: req({ type: 'number', integer: true, min: 1, max: 1_000_000 }, 'Uses allowed per customer in the period.'),
    days: req(days(), 'Length of the period in days.'),
    approver: opt(ref('role'), 'Role that may approve going over the cap (absent = nobody).'),
  },
};

const WINDOW: ObjectSpec = {
  type: 'object', name: 'TimeWindow', doc: 'The action is only allowed within `days` of a date.',
  fields: {
    from: req(oneOf(WINDOW_FROM), 'Which date the window starts from.'),
    days: req(days(), 'Length of the window in days.'),
    exceptionApprover: opt(ref('role'), 'Role that may approve an exception outside the window (absent = nobody).'),
  },
};

const LIMIT: ObjectSpec = {
  type: 'object', name: 'Limit', doc: 'An action an employee may take, and how far each role may go.',
  fields: {
    id: req(idSpec(), 'Unique limit id.'),
    action: req(oneOf(LIMIT_ACTIONS), 'Kind of action.'),
    label: req(line(), 'Name shown to agents ("Refund without return").'),
    unit: req({ type: 'string', format: 'unit', max: 7 }, 'ISO 4217 currency code, "count" or "percent".'),
    maxByRole: req(
      { type: 'map', keyRef: 'role', values: amount(), max: C.maxRoles },
      'Role id → the most that role may grant alone (roles not listed may grant nothing alone).',
    ),
    percentOf: opt(line(), 'For percent limits: what the percentage is of ("order value").'),
    perPeriod: opt(PERIOD, 'Cap on uses per customer per period.'),
    approvals: opt({ type: 'array', items: BAND, max: C.maxSmallList }, 'Approval bands, lowest first.', EMPTY),
    never: opt({ type: 'array', items: NEVER, max: C.maxSmallList, localIds: true }, 'Hard rules nobody may break.', EMPTY),
    policy: opt(ref('policy'), 'Id of the policy behind this limit.'),
    window: opt(WINDOW, 'Time window the action is allowed in.'),
    segments: opt(refs('segment'), 'Customer segments the limit applies to (empty = all).', EMPTY),
    audience: opt(oneOf(AUDIENCES), 'customer = for customers, internal = for colleagues, any = both.', 'any'),
  },
};

const AVOID: ObjectSpec = {
  type: 'object', name: 'AvoidRule', doc: 'Wording agents should not use.',
  fields: {
    id: req(idSpec(), 'Unique rule id.'),
    pattern: req({ type: 'string', format: 'pattern', max: 200 }, 'A phrase, or a pattern with * standing for any one word ("no * refunds").'),
    why: req(text(1_000), 'Why to avoid it.'),
    instead: opt({ type: 'array', items: text(1_000), max: C.maxSmallList, unique: 'warn' }, 'Better alternatives.', EMPTY),
    severity: opt(oneOf(SEVERITIES), 'info or warning.', 'warning'),
    appliesTo: opt(oneOf(APPLIES_TO), 'public = only in public replies, any = also in internal notes.', 'any'),
  },
};

const SCENARIO: ObjectSpec = {
  type: 'object', name: 'Scenario', doc: 'A short worked example: when you can decide, when you need approval.',
  fields: {
    id: req(idSpec(), 'Unique scenario id.'),
    title: req(line(), 'Short title.'),
    situation: req(text(5_000), 'What happened.'),
    outcome: req(oneOf(OUTCOMES), 'allowed, needs-approval or not-allowed.'),
    explanation: req(text(5_000), 'Why, in plain words.'),
    limit: opt(ref('limit'), 'Limit the scenario illustrates.'),
    role: opt(ref('role'), 'Role of the agent in the scenario.'),
    intents: opt(refs('intent'), 'Intents the scenario is about.', EMPTY),
  },
};

const collection = (items: ObjectSpec, kind: IdKind): ArraySpec => ({ type: 'array', items, max: C.maxEntries, defines: kind });

export const PACK_SPEC: ObjectSpec = {
  type: 'object', name: 'Pack', doc: 'A Tactline guidance pack.',
  fields: {
    format: { spec: { type: 'string', format: 'const', max: 40, values: [PACK_FORMAT] }, required: true, doc: `Always "${PACK_FORMAT}".`, missing: `is required: add format: "${PACK_FORMAT}"` },
    id: req(idSpec(), 'Pack id; stays the same across versions ("outdoor-retailer").'),
    name: req(line(), 'Pack name shown in the extension.'),
    version: req({ type: 'number', integer: true, min: 1, max: Number.MAX_SAFE_INTEGER }, 'Positive whole number; grows with every publication.'),
    publishedAt: opt(date(), 'When this version was published (ISO date or date-time).'),
    expiresAt: opt(date(), 'After this date the extension no longer accepts the pack.'),
    locale: opt({ type: 'string', format: 'locale', max: 35 }, 'Main language ("en", "en-GB", "de").'),
    currency: opt({ type: 'string', format: 'currency', max: 3 }, 'Default ISO 4217 currency for amounts without one.'),
    company: opt(COMPANY, 'Company the pack is for.'),
    reviewIntervalDays: opt(days(), 'A policy counts as stale this many days after its verifiedAt.'),
    roles: opt({ type: 'array', items: ROLE, max: C.maxRoles, defines: 'role' }, 'Roles, from least to most authority.', EMPTY),
    segments: opt(
      { type: 'array', items: idSpec(), max: C.maxSegments, defines: 'segment', unique: 'error' },
      'Customer segments the pack knows ("standard", "member").',
      EMPTY,
    ),
    rates: opt({ type: 'array', items: RATE, max: C.maxRates }, 'Fixed exchange rates used to compare amounts.', EMPTY),
    intents: req(collection(INTENT, 'intent'), 'What customers ask for.', 'is required: list what customers ask for (each with id, label and examples)'),
    phrases: opt(collection(PHRASE, 'phrase'), 'Phrases agents can insert.', EMPTY),
    policies: opt(collection(POLICY, 'policy'), 'Policies agents should know.', EMPTY),
    limits: opt(collection(LIMIT, 'limit'), 'What each role may grant.', EMPTY),
    avoid: opt(collection(AVOID, 'avoid'), 'Wording to avoid.', EMPTY),
    scenarios: opt(collection(SCENARIO, 'scenario'), 'Worked examples.', EMPTY),
  },
};

// ---------------------------------------------------------------------------------------------
// Helpers

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const CURRENCY_RE = /^[A-Z]{3}$/;
const LOCALE_RE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;
// C0 controls except tab/newline/carriage return, DEL, C1 controls, bidi overrides/isolates,
// zero-width and BOM characters: invisible and a known way to disguise text.
// eslint-disable-next-line no-control-regex
const INVISIBLE_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
/** Regular expressions behind the string formats (for the JSON Schema generator). */
export const PACK_PATTERNS = {
  id: ID_RE.source,
  date: DATE_RE.source,
  currency: CURRENCY_RE.source,
  unit: '^(?:[A-Z]{3}|count|percent)$',
  locale: LOCALE_RE.source,
  domain: '^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}$',
  url: '^[Hh][Tt][Tt][Pp][Ss]?://',
} as const;
const SHAPE_MESSAGES: Partial<Record<StringFormat, string>> = {
  date: 'must be a date like 2026-03-31, or a date and time with a zone like 2026-03-31T09:30:00Z',
  currency: 'must be a 3-letter currency code in capitals, like EUR or USD',
  unit: 'must be a 3-letter currency code in capitals (like EUR), "count" or "percent"',
  locale: 'must be a language code like "en", "de" or "en-GB"',
  domain: 'must be a domain name like example.com, without "@", "https://" or a path',
};
const PLACEHOLDER_RE = /\{\{([^{}]*)\}\}/g;
const PLACEHOLDER_SET = new Set<string>(PLACEHOLDERS);

/** JSON pointer segment escaping (RFC 6901). */
function seg(key: string | number): string {
  if (typeof key === 'number') return '/' + key;
  if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return '/' + key;
  return '/' + key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A short, readable rendering of a bad value for messages: "abc", 12, a list, an object. */
export function describeValue(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') {
    const s = v.length > 40 ? v.slice(0, 37) + '…' : v;
    return JSON.stringify(s);
  }
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'not-a-number';
    if (!Number.isFinite(v)) return v > 0 ? 'infinity' : '-infinity';
    return String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${v.length}`;
  if (typeof v === 'object') return 'a group of fields';
  return typeof v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function hasOwn(o: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** Levenshtein distance, bounded: returns max+1 as soon as it is exceeded. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const val = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(val);
      if (val < rowMin) rowMin = val;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate ("did you mean"), if one is close enough. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const max = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestD = max + 1;
  let n = 0;
  for (const c of candidates) {
    if (++n > 50_000) break;
    const cl = c.toLowerCase();
    // A prefix ("customer.first" → "customer.firstName") counts as close.
    const prefix = lower.length >= 4 && (cl.startsWith(lower) || lower.startsWith(cl)) && cl !== lower ? max : Infinity;
    const d = Math.min(cl === lower ? 0 : distance(lower, cl, max), prefix);
    if (d < bestD) {
      bestD = d;
      best = c;
      if (d === 0) break;
    }
  }
  return best;
}

function isValidCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= dim;
}

/** Milliseconds since epoch of an ISO date or date-time accepted by the validator, else NaN. */
export function parsePackDate(s: string): number {
  const m = DATE_RE.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, hh, mm, ss, zone] = m;
  if (!isValidCalendarDate(Number(y), Number(mo), Number(d))) return NaN;
  if (hh !== undefined) {
    if (Number(hh) > 23 || Number(mm) > 59 || (ss !== undefined && Number(ss) > 59)) return NaN;
    if (zone && zone !== 'Z') {
      const [zh, zm] = zone.slice(1).split(':').map(Number);
      if (zh! > 14 || zm! > 59) return NaN;
    }
    return Date.parse(s);
  }
  return Date.UTC(Number(y), Number(mo) - 1, Number(d));
}

function expected(spec: Spec): string {
  switch (spec.type) {
    case 'string':
      switch (spec.format) {
        case 'enum':
          return `one of: ${spec.values!.join(', ')}`;
        case 'const':
          return JSON.stringify(spec.values![0]);
        case 'id':
          return 'an id (text)';
        case 'date':
          return 'a date like 2026-03-31';
        case 'url':
          return 'a web address (text)';
        case 'currency':
          return 'a currency code like EUR';
        default:
          return 'text';
      }
    case 'number':
      return spec.integer ? 'a whole number' : 'a number';
    case 'array':
      return 'a list';
    case 'object':
    case 'map':
      return 'a group of fields';
  }
}

// ---------------------------------------------------------------------------------------------
// The walker

interface PendingRef {
  kind: RefKind;
  id: string;
  path: string;
}

type Loose = Record<string, unknown>;

class Ctx {
  readonly errors: PackProblem[] = [];
  readonly warnings: PackProblem[] = [];
  readonly refs: PendingRef[] = [];
  /** Defined ids per kind → path of the entry that defined them. */
  readonly defined = new Map<IdKind, Map<string, string>>();
  /** The input object each output object was read from (to tell "missing" from "invalid"). */
  readonly source = new WeakMap<object, Record<string, unknown>>();
  private suppressed = 0;
  private suppressedWarnings = 0;

  error(path: string, message: string): void {
    if (this.errors.length < C.maxProblems) this.errors.push({ path, message });
    else this.suppressed++;
  }

  warn(path: string, message: string): void {
    if (this.warnings.length < C.maxProblems) this.warnings.push({ path, message });
    else this.suppressedWarnings++;
  }

  finish(): void {
    if (this.suppressed > 0) this.errors.push({ path: '', message: `…and ${this.suppressed} more problems not listed (fix the ones above first)` });
    if (this.suppressedWarnings > 0) this.warnings.push({ path: '', message: `…and ${this.suppressedWarnings} more warnings not listed` });
  }

  has(obj: Loose, key: string): boolean {
    const src = this.source.get(obj);
    return src !== undefined && hasOwn(src, key);
  }

  ids(kind: IdKind): Map<string, string> {
    let m = this.defined.get(kind);
    if (!m) this.defined.set(kind, (m = new Map()));
    return m;
  }
}

const INVALID = Symbol('invalid');
type Read = unknown | typeof INVALID;

function read(spec: Spec, v: unknown, path: string, c: Ctx): Read {
  switch (spec.type) {
    case 'string':
      return readString(spec, v, path, c);
    case 'number':
      return readNumber(spec, v, path, c);
    case 'array':
      return readArray(spec, v, path, c);
    case 'object':
      return readObject(spec, v, path, c);
    case 'map':
      return readMap(spec, v, path, c);
  }
}

function checkId(s: string, path: string, c: Ctx, what = 'an id'): boolean {
  if (s.length > C.maxIdLength) {
    c.error(path, `is too long for ${what}: ${s.length} characters, at most ${C.maxIdLength}`);
    return false;
  }
  if (!ID_RE.test(s)) {
    c.error(path, `must be ${what} made of letters, digits, "-", "_" or "." (no spaces), starting with a letter or digit (got ${describeValue(s)})`);
    return false;
  }
  if (FORBIDDEN_KEYS.has(s) || s in Object.prototype) {
    c.error(path, `${JSON.stringify(s)} is a reserved word and cannot be used as ${what}`);
    return false;
  }
  return true;
}

function readString(spec: StringSpec, v: unknown, path: string, c: Ctx): Read {
  if (typeof v !== 'string') {
    if (spec.format === 'const') {
      c.error(path, `must be ${expected(spec)} (got ${describeValue(v)})`);
    } else if ((typeof v === 'number' || typeof v === 'boolean') && spec.format !== 'enum') {
      c.error(path, `must be ${expected(spec)} (got ${describeValue(v)}; in YAML put it in quotes: "${String(v)}")`);
    } else {
      c.error(path, `must be ${expected(spec)} (got ${describeValue(v)})`);
    }
    return INVALID;
  }
  if (spec.format === 'const') {
    if (v !== spec.values![0]) {
      c.error(path, `must be ${JSON.stringify(spec.values![0])} (got ${describeValue(v)}); this version of Tactline reads only that format`);
      return INVALID;
    }
    return v;
  }
  if (v.trim() === '') {
    c.error(path, 'must not be empty (write something, or leave the field out if it is optional)');
    return INVALID;
  }
  if (v.length > spec.max) {
    // Codes and dates have a fixed shape: say what the shape is rather than "too long".
    const shape = SHAPE_MESSAGES[spec.format];
    c.error(path, shape ? `${shape} (got ${describeValue(v)})` : `is too long: ${v.length} characters, at most ${spec.max} are allowed`);
    return INVALID;
  }
  const bad = INVISIBLE_RE.exec(v);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    c.error(path, `contains an invisible control character (U+${code}) at position ${bad.index + 1}: delete it and retype the text around it`);
    return INVALID;
  }
  switch (spec.format) {
    case 'id':
      if (!checkId(v, path, c)) return INVALID;
      if (spec.ref) c.refs.push({ kind: spec.ref, id: v, path });
      return v;
    case 'line':
    case 'pattern':
      if (/[\r\n]/.test(v)) {
        c.error(path, 'must be a single line (no line breaks)');
        return INVALID;
      }
      if (spec.format === 'pattern') return checkPattern(v, path, c);
      return v;
    case 'text':
      return v;
    case 'template':
      return checkTemplate(v, path, c);
    case 'enum':
      if (!spec.values!.includes(v)) {
        const hint = closest(v, spec.values!);
        c.error(path, `must be one of: ${spec.values!.join(', ')} (got ${describeValue(v)}${hint ? `; did you mean "${hint}"?` : ''})`);
        return INVALID;
      }
      return v;
    case 'date':
      if (Number.isNaN(parsePackDate(v))) {
        c.error(path, `${SHAPE_MESSAGES.date} (got ${describeValue(v)})`);
        return INVALID;
      }
      return v;
    case 'url':
      return checkUrl(v, path, c);
    case 'currency':
      if (!CURRENCY_RE.test(v)) {
        c.error(path, `${SHAPE_MESSAGES.currency} (got ${describeValue(v)})`);
        return INVALID;
      }
      return v;
    case 'unit':
      if (v !== 'count' && v !== 'percent' && !CURRENCY_RE.test(v)) {
        c.error(path, `${SHAPE_MESSAGES.unit} (got ${describeValue(v)})`);
        return INVALID;
      }
      return v;
    case 'locale':
      if (!LOCALE_RE.test(v)) {
        c.error(path, `${SHAPE_MESSAGES.locale} (got ${describeValue(v)})`);
        return INVALID;
      }
      return v;
    case 'domain': {
      const lower = v.toLowerCase();
      if (!DOMAIN_RE.test(lower)) {
        c.error(path, `${SHAPE_MESSAGES.domain} (got ${describeValue(v)})`);
        return INVALID;
      }
      return lower;
    }
    default:
      return v;
  }
}

function checkUrl(v: string, path: string, c: Ctx): Read {
  let u: URL | undefined;
  try {
    u = /\s/.test(v) ? undefined : new URL(v);
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || !/^https?:\/\//i.test(v)) {
    c.error(path, `must be a web address starting with https:// or http:// (got ${describeValue(v)})`);
    return INVALID;
  }
  if (u.username || u.password) {
    c.error(path, 'must not contain a user name or password');
    return INVALID;
  }
  return v;
}

function checkTemplate(v: string, path: string, c: Ctx): Read {
  let ok = true;
  PLACEHOLDER_RE.lastIndex = 0;
  for (let m = PLACEHOLDER_RE.exec(v); m; m = PLACEHOLDER_RE.exec(v)) {
    const name = m[1]!;
    if (!PLACEHOLDER_SET.has(name)) {
      const hint = closest(name.trim(), PLACEHOLDERS);
      c.error(
        path,
        `has an unknown placeholder {{${name}}}${hint ? `; did you mean {{${hint}}}?` : ''} (known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`,
      );
      ok = false;
    }
  }
  // Unbalanced braces left over after removing the well-formed placeholders.
  const rest = v.replace(PLACEHOLDER_RE, '');
  if (ok && (rest.includes('{{') || rest.includes('}}'))) {
    c.error(path, 'has a placeholder that is not closed: write placeholders as {{customer.firstName}}');
    ok = false;
  }
  return ok ? v : INVALID;
}

function checkPattern(v: string, path: string, c: Ctx): Read {
  const words = v.trim().split(/\s+/);
  if (words.some((w) => w.includes('*') && w !== '*')) {
    c.error(path, `may use * only as a whole word standing for any one word ("no * refunds"), not inside a word (got ${describeValue(v)})`);
    return INVALID;
  }
  if (!words.some((w) => w !== '*' && /[\p{L}\p{N}]/u.test(w))) {
    c.error(path, `must contain at least one real word besides * (got ${describeValue(v)})`);
    return INVALID;
  }
  return v;
}

function readNumber(spec: NumberSpec, v: unknown, path: string, c: Ctx): Read {
  if (typeof v !== 'number') {
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.replace(/[\s,_]/g, '')))) {
      c.error(path, `must be ${expected(spec)} written without quotes or spaces (got ${describeValue(v)})`);
    } else {
      c.error(path, `must be ${expected(spec)} (got ${describeValue(v)})`);
    }
    return INVALID;
  }
  if (!Number.isFinite(v)) {
    c.error(path, `must be ${expected(spec)} (got ${describeValue(v)})`);
    return INVALID;
  }
  if (spec.integer && !Number.isInteger(v)) {
    c.error(path, `must be a whole number (got ${describeValue(v)})`);
    return INVALID;
  }
  if (spec.exclusiveMin ? v <= spec.min : v < spec.min) {
    c.error(path, spec.exclusiveMin ? `must be greater than ${spec.min} (got ${describeValue(v)})` : `must be ${spec.min} or more (got ${describeValue(v)})`);
    return INVALID;
  }
  if (v > spec.max) {
    c.error(path, `must be at most ${spec.max} (got ${describeValue(v)})`);
    return INVALID;
  }
  return Object.is(v, -0) ? 0 : v;
}

function readArray(spec: ArraySpec, v: unknown, path: string, c: Ctx): Read {
  if (!Array.isArray(v)) {
    if (typeof v === 'string' && spec.items.type === 'string') {
      c.error(path, `must be a list (got ${describeValue(v)}; write it as a list: [${JSON.stringify(v.length > 40 ? v.slice(0, 37) + '…' : v)}])`);
    } else if (isPlainObject(v) && spec.items.type === 'object') {
      c.error(path, `must be a list of entries (got a single group of fields; put a "-" before it in YAML or wrap it in [ ] in JSON)`);
    } else {
      c.error(path, `must be a list (got ${describeValue(v)})`);
    }
    return INVALID;
  }
  if (v.length > spec.max) {
    c.error(path, `has ${v.length} entries; at most ${spec.max} are allowed`);
    return INVALID;
  }
  if (spec.min && v.length < spec.min) {
    c.error(path, `must have at least ${spec.min} ${spec.min === 1 ? 'entry' : 'entries'}`);
    return INVALID;
  }
  const out: unknown[] = new Array(v.length);
  const track = spec.unique !== undefined || spec.defines !== undefined || spec.localIds === true;
  // Index of the first entry with each id/value (per pack for `defines`, per list otherwise).
  const seen = track ? new Map<string, number>() : undefined;
  const definedIds = spec.defines ? c.ids(spec.defines) : undefined;
  const objectItems = spec.items.type === 'object';
  for (let i = 0; i < v.length; i++) {
    const p = path + '/' + i;
    const item = read(spec.items, v[i], p, c);
    out[i] = item;
    if (item === INVALID || seen === undefined) continue;
    const key = objectItems ? (item as Loose).id : item;
    if (typeof key !== 'string') continue;
    const first = seen.get(key);
    if (first !== undefined) {
      const firstPath = path + '/' + first;
      if (!objectItems) {
        if (spec.unique === 'warn') c.warn(p, `repeats ${describeValue(key)} (already at ${firstPath})`);
        else c.error(p, `${describeValue(key)} is listed twice (also at ${firstPath})`);
      } else {
        c.error(p + '/id', `duplicate id ${describeValue(key)}: already used by ${firstPath}`);
      }
      continue;
    }
    seen.set(key, i);
    definedIds?.set(key, p);
  }
  return out;
}

function unknownField(key: string, spec: ObjectSpec, path: string, c: Ctx): void {
  const names = Object.keys(spec.fields);
  const hint = closest(key, names);
  const where = path === '' ? 'in a pack' : `here (${spec.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()})`;
  c.error(
    path + seg(key),
    hint ? `unknown field ${JSON.stringify(key)}: did you mean ${JSON.stringify(hint)}?` : `unknown field ${JSON.stringify(key)}: the fields allowed ${where} are ${names.join(', ')}`,
  );
}

function readObject(spec: ObjectSpec, v: unknown, path: string, c: Ctx): Read {
  if (!isPlainObject(v)) {
    const what = spec.name === 'Pack' ? 'a pack: a group of fields (format, id, name, version, intents…)' : 'a group of fields';
    c.error(path, `must be ${what} (got ${describeValue(v)})`);
    return INVALID;
  }
  for (const key of Object.keys(v)) {
    if (FORBIDDEN_KEYS.has(key)) {
      c.error(path + seg(key), `${JSON.stringify(key)} is not allowed as a field name`);
    } else if (!hasOwn(spec.fields, key)) {
      unknownField(key, spec, path, c);
    }
  }
  const out: Loose = {};
  c.source.set(out, v);
  for (const key in spec.fields) {
    const field = spec.fields[key]!;
    const p = path + seg(key);
    if (!hasOwn(v, key)) {
      if (field.required) {
        c.error(p, field.missing ?? `is required: ${field.doc.replace(/\.$/, '').replace(/^./, (ch) => ch.toLowerCase())}`);
      } else if (field.default !== undefined) {
        out[key] = Array.isArray(field.default) ? [] : field.default;
      }
      continue;
    }
    const raw = own(v, key);
    if (raw === null || raw === undefined) {
      c.error(p, field.required ? 'is empty: give it a value' : 'is empty: give it a value or leave the field out');
      continue;
    }
    const value = read(field.spec, raw, p, c);
    if (value !== INVALID) out[key] = value;
  }
  return out;
}

function readMap(spec: MapSpec, v: unknown, path: string, c: Ctx): Read {
  if (!isPlainObject(v)) {
    c.error(path, `must be a group of "role id: amount" pairs, like {agent: 50, lead: 200} (got ${describeValue(v)})`);
    return INVALID;
  }
  const keys = Object.keys(v);
  if (keys.length > spec.max) {
    c.error(path, `has ${keys.length} entries; at most ${spec.max} are allowed`);
    return INVALID;
  }
  const out: Record<string, number> = {};
  let ok = true;
  for (const key of keys) {
    const p = path + seg(key);
    if (FORBIDDEN_KEYS.has(key)) {
      c.error(p, `${JSON.stringify(key)} is not allowed as a field name`);
      ok = false;
      continue;
    }
    if (!checkId(key, p, c, 'a role id')) {
      ok = false;
      continue;
    }
    c.refs.push({ kind: spec.keyRef, id: key, path: p });
    const value = readNumber(spec.values, own(v, key), p, c);
    if (value === INVALID) ok = false;
    else out[key] = value as number;
  }
  return ok ? out : INVALID;
}

// ---------------------------------------------------------------------------------------------
// Cross-checks on the (partly) read pack

const KIND_WORDS: Record<RefKind, { one: string; where: string }> = {
  intent: { one: 'intent', where: '/intents' },
  role: { one: 'role', where: '/roles' },
  policy: { one: 'policy', where: '/policies' },
  limit: { one: 'limit', where: '/limits' },
  segment: { one: 'segment', where: '/segments' },
};

function resolveRefs(c: Ctx): void {
  let hints = 0;
  for (const r of c.refs) {
    const ids = c.ids(r.kind);
    if (ids.has(r.id)) continue;
    const w = KIND_WORDS[r.kind];
    const hint = hints++ < 200 ? closest(r.id, ids.keys()) : undefined;
    const tail = ids.size === 0 ? `; the pack defines no ${w.one === 'policy' ? 'policies' : w.one + 's'} (add them under ${w.where})` : hint ? `; did you mean ${JSON.stringify(hint)}?` : '';
    c.error(r.path, `refers to ${w.one} ${JSON.stringify(r.id)}, which is not defined in ${w.where}${tail}`);
  }
}

const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number';
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objs = (v: unknown): Array<[Loose, number]> =>
  list(v).flatMap((x, i) => (isPlainObject(x) ? ([[x, i]] as Array<[Loose, number]>) : []));

function checkLimits(p: Loose, c: Ctx): void {
  const rank = new Map<string, number>();
  objs(p.roles).forEach(([r], i) => {
    if (str(r.id) && !rank.has(r.id)) rank.set(r.id, i);
  });
  const currency = str(p.currency) ? p.currency : undefined;
  const rates = new Set(objs(p.rates).map(([r]) => `${String(r.from)}>${String(r.to)}`));
  const roleName = (id: string) => JSON.stringify(id);

  for (const [limit, li] of objs(p.limits)) {
    const lp = `/limits/${li}`;
    const unit = str(limit.unit) ? limit.unit : undefined;
    const max = isPlainObject(limit.maxByRole) ? (limit.maxByRole as Record<string, number>) : undefined;
    const bands = objs(limit.approvals);

    // Units: percentages stop at 100, counts are whole numbers.
    const checkUnitValue = (value: unknown, path: string) => {
      if (!num(value)) return;
      if (unit === 'percent' && value > 100) c.error(path, `must be at most 100 because the limit's unit is "percent" (got ${value})`);
      if (unit === 'count' && !Number.isInteger(value)) c.error(path, `must be a whole number because the limit's unit is "count" (got ${value})`);
    };
    if (max) for (const [role, value] of Object.entries(max)) checkUnitValue(value, `${lp}/maxByRole${seg(role)}`);
    for (const [band, bi] of bands) checkUnitValue(band.above, `${lp}/approvals/${bi}/above`);

    if (c.has(limit, 'percentOf') && unit !== undefined && unit !== 'percent') {
      c.error(`${lp}/percentOf`, `is only used when unit is "percent" (this limit's unit is ${JSON.stringify(unit)})`);
    }
    if (unit && CURRENCY_RE.test(unit) && currency && unit !== currency && !rates.has(`${unit}>${currency}`) && !rates.has(`${currency}>${unit}`)) {
      c.warn(`${lp}/unit`, `is ${unit} but the pack currency is ${currency} and /rates has no rate between them: amounts in other currencies cannot be compared with this limit`);
    }

    // Authority should grow with rank.
    if (max) {
      const ranked = Object.entries(max).filter(([r]) => rank.has(r)).sort((a, b) => rank.get(a[0])! - rank.get(b[0])!);
      for (let i = 1; i < ranked.length; i++) {
        const [lo, loMax] = ranked[i - 1]!;
        const [hi, hiMax] = ranked[i]!;
        if (hiMax < loMax) {
          c.warn(`${lp}/maxByRole${seg(hi)}`, `is lower than the maximum of ${roleName(lo)} (${loMax}), although ${roleName(hi)} comes later (more authority) in /roles`);
        }
      }
      if (Object.keys(max).length === 0 && bands.length === 0) {
        c.warn(`${lp}/maxByRole`, 'is empty and the limit has no approval bands: nobody can ever grant this');
      }
    }

    // Approval bands: ascending, authority never decreasing, above every maximum of the roles who need them.
    let prev: { above: number; approver?: string; index: number } | undefined;
    for (const [band, bi] of bands) {
      const bp = `${lp}/approvals/${bi}`;
      const above = num(band.above) ? band.above : undefined;
      const approver = str(band.approver) ? band.approver : undefined;
      if (above !== undefined && prev && above <= prev.above) {
        c.error(`${bp}/above`, `must be greater than the previous band's above (${prev.above}): list bands from the lowest amount to the highest (got ${above})`);
      }
      if (approver !== undefined && prev?.approver !== undefined && rank.has(approver) && rank.has(prev.approver) && rank.get(approver)! < rank.get(prev.approver)!) {
        c.error(
          `${bp}/approver`,
          `${roleName(approver)} comes before ${roleName(prev.approver)} in /roles (less authority), but approves higher amounts than ${roleName(prev.approver)} does in ${lp}/approvals/${prev.index}: higher amounts need the same or more authority`,
        );
      }
      if (above !== undefined && approver !== undefined && max && rank.has(approver)) {
        const approverRank = rank.get(approver)!;
        let worst: [string, number] | undefined;
        for (const [role, value] of Object.entries(max)) {
          if (rank.has(role) && rank.get(role)! < approverRank && value > above && (!worst || value > worst[1])) worst = [role, value];
        }
        if (worst) {
          c.error(
            `${bp}/above`,
            `must be at least the maximum of role ${roleName(worst[0])} (${worst[1]}), who may grant up to that alone, so a lower band would need approval for what ${roleName(worst[0])} can already grant (got ${above})`,
          );
        }
      }
      if (above !== undefined) prev = { above, approver, index: bi };
    }

    // Never rules.
    for (const [rule, ni] of objs(limit.never)) {
      const np = `${lp}/never/${ni}`;
      const when = str(rule.when) ? rule.when : undefined;
      const needsValue = when === 'amount-above' || when === 'percent-of-order-above';
      if (when && needsValue && !c.has(rule, 'value')) {
        c.error(`${np}/value`, `is required when "when" is ${JSON.stringify(when)} (the threshold)`);
      }
      if (when && !needsValue && c.has(rule, 'value')) {
        c.error(`${np}/value`, `is only used when "when" is "amount-above" or "percent-of-order-above" (here it is ${JSON.stringify(when)})`);
      }
      if (when === 'percent-of-order-above' && num(rule.value) && rule.value > 1_000) {
        c.error(`${np}/value`, `is a percentage of the order value and must be at most 1000 (got ${rule.value})`);
      }
      if (when === 'outside-window' && !c.has(limit, 'window')) {
        c.error(`${np}/when`, 'is "outside-window" but the limit has no window: add window (from, days) to the limit');
      }
      if (when === 'cap-exceeded' && !c.has(limit, 'perPeriod')) {
        c.error(`${np}/when`, 'is "cap-exceeded" but the limit has no perPeriod cap: add perPeriod (count, days) to the limit');
      }
      if (when === 'amount-above' && num(rule.value)) {
        const v = rule.value;
        if (max) {
          for (const [role, value] of Object.entries(max)) {
            if (value > v) c.warn(`${lp}/maxByRole${seg(role)}`, `is above the never-rule threshold ${v} (${np}): ${roleName(role)} can never actually grant more than ${v}`);
          }
        }
        for (const [band, bi] of bands) {
          if (num(band.above) && band.above >= v) c.warn(`${lp}/approvals/${bi}/above`, `is at or above the never-rule threshold ${v} (${np}): this band can never apply`);
        }
      }
    }
  }
}

function checkDates(p: Loose, c: Ctx): void {
  const order = (fromPath: string, from: unknown, toPath: string, to: unknown, what: string) => {
    if (!str(from) || !str(to)) return;
    const a = parsePackDate(from);
    const b = parsePackDate(to);
    if (a >= b) c.error(toPath, `must be after ${fromPath.split('/').pop()} (${from}): ${what}`);
  };
  order('/publishedAt', p.publishedAt, '/expiresAt', p.expiresAt, 'a pack cannot expire before it is published');
  for (const [pol, i] of objs(p.policies)) {
    order(`/policies/${i}/verifiedAt`, pol.verifiedAt, `/policies/${i}/expiresAt`, pol.expiresAt, 'a policy cannot expire before it was verified');
  }
}

function checkRates(p: Loose, c: Ctx): void {
  const seen = new Map<string, number>();
  for (const [r, i] of objs(p.rates)) {
    if (!str(r.from) || !str(r.to)) continue;
    if (r.from === r.to) c.error(`/rates/${i}/to`, `must differ from "from" (both are ${r.from})`);
    const key = `${r.from}>${r.to}`;
    const first = seen.get(key);
    if (first !== undefined) c.error(`/rates/${i}`, `repeats the rate ${r.from} → ${r.to} (already at /rates/${first})`);
    else seen.set(key, i);
  }
}

function checkPhrasesAndMisc(p: Loose, c: Ctx): void {
  for (const [ph, i] of objs(p.phrases)) {
    if (ph.kind === 'internal-note' && ph.audience === 'customer') {
      c.error(`/phrases/${i}/audience`, 'is "customer" but the phrase is an internal note, which customers never see: use "internal" or "any"');
    }
  }
  const patterns = new Map<string, number>();
  for (const [a, i] of objs(p.avoid)) {
    if (!str(a.pattern)) continue;
    const key = a.pattern.trim().toLowerCase().replace(/\s+/g, ' ');
    const first = patterns.get(key);
    if (first !== undefined) c.warn(`/avoid/${i}/pattern`, `repeats the pattern of /avoid/${first}`);
    else patterns.set(key, i);
  }
  if (Array.isArray(p.intents) && p.intents.length === 0) {
    c.warn('/intents', 'is empty: nothing will be suggested by topic, only by mood and wording');
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Validate an untrusted value (parsed JSON or YAML) as a `tactline-pack/1` pack.
 * Pure and synchronous; never throws; never returns (parts of) the input object.
 */
export function validatePack(input: unknown): ValidateResult {
  const c = new Ctx();
  let out: Read = INVALID;
  try {
    out = readObject(PACK_SPEC, input, '', c);
    if (out !== INVALID) {
      const p = out as Loose;
      resolveRefs(c);
      checkLimits(p, c);
      checkDates(p, c);
      checkRates(p, c);
      checkPhrasesAndMisc(p, c);
    }
  } catch (e) {
    c.error('', `could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  c.finish();
  if (c.errors.length > 0 || out === INVALID) {
    return { ok: false, errors: c.errors.length > 0 ? c.errors : [{ path: '', message: 'is not a valid pack' }], warnings: c.warnings };
  }
  return { ok: true, pack: out as Pack, warnings: c.warnings };
}

/** Convenience for callers that trust the pack (tests, tools): returns the pack or throws with every problem listed. */
export function assertValidPack(input: unknown): Pack {
  const r = validatePack(input);
  if (!r.ok) throw new Error(`invalid pack:\n${r.errors.map((e) => `${e.path || '/'}: ${e.message}`).join('\n')}`);
  return r.pack;
}
