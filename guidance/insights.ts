/**
 * Local insights: small counters kept only in this browser, so a team lead can see which phrases
 * agents insert, which avoid-rules fire and whether agents take the suggested wording, and how limit
 * checks come out — to spot where training is needed.
 *
 * What is stored is deliberately poor: per local day, a count per pack id (phrase id, avoid-rule id,
 * limit action) and, for limit checks, the outcome and where the check came from. Never ticket text,
 * customer names, amounts, ticket ids or URLs. Titles are resolved from the active pack when the
 * data is shown or exported, never taken from the page.
 *
 * Storage stays bounded: days older than `RETENTION_DAYS` are pruned on every write, and a day holds
 * at most `MAX_KEYS_PER_DAY` distinct counters (further new ids that day are counted as `dropped`).
 *
 * Pure: no browser or DOM APIs; the background passes `now` and the pack in.
 */
import type { Pack } from './pack/types';

export const INSIGHTS_FORMAT = 'tactline-insights/1' as const;
export const RETENTION_DAYS = 180;
export const MAX_KEYS_PER_DAY = 400;
export const RANGE_DAYS = [7, 30, 90] as const;

export const LIMIT_OUTCOMES = ['allowed', 'needs-approval', 'not-allowed', 'needs-info'] as const;
export type LimitOutcome = (typeof LIMIT_OUTCOMES)[number];
export const LIMIT_SOURCES = ['ticket', 'draft', 'can-i'] as const;
export type LimitSource = (typeof LIMIT_SOURCES)[number];

export type InsightEvent =
  | { kind: 'phrase-inserted'; id: string }
  | { kind: 'avoid-fired'; ruleId: string }
  | { kind: 'avoid-accepted'; ruleId: string }
  | { kind: 'avoid-dismissed'; ruleId: string }
  | { kind: 'limit-checked'; action: string; outcome: LimitOutcome; source: LimitSource };

export type InsightKind = InsightEvent['kind'];
export const INSIGHT_KINDS: readonly InsightKind[] = ['phrase-inserted', 'avoid-fired', 'avoid-accepted', 'avoid-dismissed', 'limit-checked'];
/** The kinds a content script may report (the rest the background computes itself). */
export const PAGE_KINDS = ['phrase-inserted', 'avoid-accepted', 'avoid-dismissed'] as const;

/** Pack ids only: letters, digits and . _ : - (at most 200). */
export const INSIGHT_ID = /^[A-Za-z0-9._:-]{1,200}$/;
/** `__proto__` is refused: as an object key it would not be an ordinary counter. */
export const isInsightId = (v: unknown): v is string => typeof v === 'string' && INSIGHT_ID.test(v) && v !== '__proto__';

/** Short keys keep storage.local small: one letter per kind. */
const KIND_CODE: Record<InsightKind, string> = {
  'phrase-inserted': 'p',
  'avoid-fired': 'f',
  'avoid-accepted': 'a',
  'avoid-dismissed': 'd',
  'limit-checked': 'l',
};

export interface DayBucket {
  /** Kind code → counter key → count. Limit keys are `action|outcome|source`. */
  c: Record<string, Record<string, number>>;
  /** New counters refused that day because the day was full. */
  dropped?: number;
}

export interface InsightsAggregate {
  v: 1;
  /** Local date YYYY-MM-DD → bucket. */
  days: Record<string, DayBucket>;
}

export const emptyAggregate = (): InsightsAggregate => ({ v: 1, days: {} });

/** Local calendar date of `d` as YYYY-MM-DD (team leads think in their own days, not UTC). */
export function dayKey(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The day `n` days before `day` (YYYY-MM-DD, calendar arithmetic in UTC so DST never skips a day). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Accept only what `record` could have written; anything else (old format, tampering) is dropped. */
export function sanitizeAggregate(raw: unknown): InsightsAggregate {
  const out = emptyAggregate();
  if (!raw || typeof raw !== 'object' || (raw as { v?: unknown }).v !== 1) return out;
  const days = (raw as { days?: unknown }).days;
  if (!days || typeof days !== 'object') return out;
  const codes = new Set(Object.values(KIND_CODE));
  for (const [day, bucket] of Object.entries(days as Record<string, unknown>)) {
    if (!DAY_RE.test(day) || !bucket || typeof bucket !== 'object') continue;
    const c = (bucket as { c?: unknown }).c;
    if (!c || typeof c !== 'object') continue;
    const clean: DayBucket = { c: {} };
    let keys = 0;
    for (const [code, counters] of Object.entries(c as Record<string, unknown>)) {
      if (!codes.has(code) || !counters || typeof counters !== 'object') continue;
      for (const [key, n] of Object.entries(counters as Record<string, unknown>)) {
        if (keys >= MAX_KEYS_PER_DAY || typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) continue;
        if (!validKey(code, key)) continue;
        (clean.c[code] ??= Object.create(null) as Record<string, number>)[key] = n;
        keys++;
      }
    }
    const dropped = (bucket as { dropped?: unknown }).dropped;
    if (typeof dropped === 'number' && Number.isSafeInteger(dropped) && dropped > 0) clean.dropped = dropped;
    if (keys > 0 || clean.dropped) out.days[day] = clean;
  }
  return out;
}

function validKey(code: string, key: string): boolean {
  if (code !== 'l') return isInsightId(key);
  const [action, outcome, source, extra] = key.split('|');
  return extra === undefined && isInsightId(action) && (LIMIT_OUTCOMES as readonly string[]).includes(outcome ?? '') && (LIMIT_SOURCES as readonly string[]).includes(source ?? '');
}

/** Validate an event's shape (ids, enums, no extra fields). Returns a reason or null. */
export function checkEvent(e: unknown): string | null {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return 'must be an object';
  const ev = e as Record<string, unknown>;
  const fields: Record<InsightKind, string[]> = {
    'phrase-inserted': ['kind', 'id'],
    'avoid-fired': ['kind', 'ruleId'],
    'avoid-accepted': ['kind', 'ruleId'],
    'avoid-dismissed': ['kind', 'ruleId'],
    'limit-checked': ['kind', 'action', 'outcome', 'source'],
  };
  if (typeof ev.kind !== 'string' || !(INSIGHT_KINDS as readonly string[]).includes(ev.kind)) return `kind must be one of ${INSIGHT_KINDS.join(', ')}`;
  const allowed = fields[ev.kind as InsightKind];
  for (const k of Object.keys(ev)) if (!allowed.includes(k)) return `unknown field ${k}`;
  for (const k of allowed.slice(1)) {
    const v = ev[k];
    if (k === 'outcome' && !(LIMIT_OUTCOMES as readonly string[]).includes(v as string)) return `outcome must be one of ${LIMIT_OUTCOMES.join(', ')}`;
    else if (k === 'source' && !(LIMIT_SOURCES as readonly string[]).includes(v as string)) return `source must be one of ${LIMIT_SOURCES.join(', ')}`;
    else if (k !== 'outcome' && k !== 'source' && !isInsightId(v)) return `${k} must be 1-200 characters of A-Z a-z 0-9 . _ : -`;
  }
  return null;
}

function counterOf(e: InsightEvent): string {
  switch (e.kind) {
    case 'phrase-inserted':
      return e.id;
    case 'limit-checked':
      return `${e.action}|${e.outcome}|${e.source}`;
    default:
      return e.ruleId;
  }
}

/** The pack id an event refers to. */
export function eventId(e: InsightEvent): string {
  return e.kind === 'phrase-inserted' ? e.id : e.kind === 'limit-checked' ? e.action : e.ruleId;
}

/** True when the event names an entry of `pack` (phrase id, avoid-rule id, limit action). */
export function eventInPack(e: InsightEvent, pack: Pack): boolean {
  switch (e.kind) {
    case 'phrase-inserted':
      return pack.phrases.some((p) => p.id === e.id);
    case 'limit-checked':
      return pack.limits.some((l) => l.action === e.action);
    default:
      return pack.avoid.some((r) => r.id === e.ruleId);
  }
}

/** Drop days older than the retention window (relative to `today`). Mutates and returns `agg`. */
export function prune(agg: InsightsAggregate, today: string, retentionDays = RETENTION_DAYS): InsightsAggregate {
  const oldest = addDays(today, -(retentionDays - 1));
  for (const day of Object.keys(agg.days)) if (day < oldest) delete agg.days[day];
  return agg;
}

/**
 * Count one event on `now`'s local day. Returns a new aggregate (the input is not changed) and
 * whether the event was counted (false when the event is malformed or the day is full).
 */
export function record(agg: InsightsAggregate, event: InsightEvent, now: Date): { agg: InsightsAggregate; counted: boolean } {
  if (checkEvent(event)) return { agg, counted: false };
  const today = dayKey(now);
  const next: InsightsAggregate = { v: 1, days: { ...agg.days } };
  const bucket: DayBucket = next.days[today] ? { c: { ...next.days[today]!.c }, dropped: next.days[today]!.dropped } : { c: {} };
  if (bucket.dropped === undefined) delete bucket.dropped;
  const code = KIND_CODE[event.kind];
  const key = counterOf(event);
  const counters: Record<string, number> = { ...(bucket.c[code] ?? {}) };
  let counted = true;
  if (Object.hasOwn(counters, key)) counters[key]! += 1;
  else if (countKeys(bucket) >= MAX_KEYS_PER_DAY) {
    bucket.dropped = (bucket.dropped ?? 0) + 1;
    counted = false;
  } else counters[key] = 1;
  bucket.c[code] = counters;
  next.days[today] = bucket;
  prune(next, today);
  return { agg: next, counted };
}

const countKeys = (b: DayBucket) => Object.values(b.c).reduce((n, c) => n + Object.keys(c).length, 0);

// ---------------------------------------------------------------------------------------------
// Summaries

export interface Totals {
  phrasesInserted: number;
  avoidFired: number;
  avoidAccepted: number;
  avoidDismissed: number;
  limitChecks: number;
}

export interface PhraseRow {
  id: string;
  title: string;
  /** False when the active pack no longer has this id. */
  known: boolean;
  count: number;
}

export interface AvoidRow {
  id: string;
  title: string;
  known: boolean;
  fired: number;
  accepted: number;
  dismissed: number;
  /** accepted ÷ fired, at most 1; null when the rule never fired in the range. */
  acceptanceRate: number | null;
}

export interface LimitRow {
  id: string;
  title: string;
  known: boolean;
  total: number;
  outcomes: Record<LimitOutcome, number>;
  sources: Record<LimitSource, number>;
}

export interface DayPoint extends Totals {
  date: string;
}

export interface InsightsSummary {
  /** First and last day of the range (inclusive, local dates). */
  from: string;
  to: string;
  days: number;
  totals: Totals;
  phrases: PhraseRow[];
  avoid: AvoidRow[];
  limits: LimitRow[];
  /** One point per day of the range, oldest first, zeros included. */
  series: DayPoint[];
  /** New counters refused because a day was full (should stay 0). */
  dropped: number;
}

const zeroTotals = (): Totals => ({ phrasesInserted: 0, avoidFired: 0, avoidAccepted: 0, avoidDismissed: 0, limitChecks: 0 });
const zeroOutcomes = (): Record<LimitOutcome, number> => ({ allowed: 0, 'needs-approval': 0, 'not-allowed': 0, 'needs-info': 0 });
const zeroSources = (): Record<LimitSource, number> => ({ ticket: 0, draft: 0, 'can-i': 0 });
const TOTAL_OF: Record<string, keyof Totals> = { p: 'phrasesInserted', f: 'avoidFired', a: 'avoidAccepted', d: 'avoidDismissed', l: 'limitChecks' };

/** Titles from the pack (never from a page): phrase template, avoid pattern, limit label. */
export interface TitleResolver {
  phrase(id: string): string | undefined;
  avoid(id: string): string | undefined;
  limit(action: string): string | undefined;
}

const clip = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

export function packTitles(pack: Pack | undefined): TitleResolver {
  const phrases = new Map((pack?.phrases ?? []).map((p) => [p.id, clip(p.text.replace(/\s+/g, ' ').trim())]));
  const avoid = new Map((pack?.avoid ?? []).map((r) => [r.id, clip(r.pattern)]));
  const limits = new Map<string, string>();
  for (const l of pack?.limits ?? []) if (!limits.has(l.action)) limits.set(l.action, clip(l.label));
  return { phrase: (id) => phrases.get(id), avoid: (id) => avoid.get(id), limit: (a) => limits.get(a) };
}

export interface SummarizeOptions {
  /** Range length in days, ending today (default 30). */
  days?: number;
  now: Date;
  pack?: Pack;
}

/** Totals, per-id rows (largest first) and a daily series for the last `days` days. */
export function summarize(agg: InsightsAggregate, opts: SummarizeOptions): InsightsSummary {
  const days = Math.max(1, Math.min(RETENTION_DAYS, Math.floor(opts.days ?? 30)));
  const to = dayKey(opts.now);
  const from = addDays(to, -(days - 1));
  const titles = packTitles(opts.pack);
  const totals = zeroTotals();
  const phrases = new Map<string, number>();
  const avoid = new Map<string, { fired: number; accepted: number; dismissed: number }>();
  const limits = new Map<string, { outcomes: Record<LimitOutcome, number>; sources: Record<LimitSource, number> }>();
  const series: DayPoint[] = [];
  let dropped = 0;
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    const point: DayPoint = { date, ...zeroTotals() };
    const bucket = agg.days[date];
    if (bucket) {
      dropped += bucket.dropped ?? 0;
      for (const [code, counters] of Object.entries(bucket.c)) {
        const total = TOTAL_OF[code];
        if (!total) continue;
        for (const [key, n] of Object.entries(counters)) {
          point[total] += n;
          totals[total] += n;
          if (code === 'p') phrases.set(key, (phrases.get(key) ?? 0) + n);
          else if (code === 'l') {
            const [action, outcome, source] = key.split('|') as [string, LimitOutcome, LimitSource];
            const row = limits.get(action) ?? { outcomes: zeroOutcomes(), sources: zeroSources() };
            row.outcomes[outcome] += n;
            row.sources[source] += n;
            limits.set(action, row);
          } else {
            const row = avoid.get(key) ?? { fired: 0, accepted: 0, dismissed: 0 };
            if (code === 'f') row.fired += n;
            else if (code === 'a') row.accepted += n;
            else row.dismissed += n;
            avoid.set(key, row);
          }
        }
      }
    }
    series.push(point);
  }
  const byCount = <T extends { id: string }>(value: (r: T) => number) => (a: T, b: T) => value(b) - value(a) || a.id.localeCompare(b.id);
  return {
    from,
    to,
    days,
    totals,
    phrases: [...phrases]
      .map(([id, count]) => ({ id, title: titles.phrase(id) ?? id, known: titles.phrase(id) !== undefined, count }))
      .sort(byCount((r) => r.count)),
    avoid: [...avoid]
      .map(([id, r]) => ({
        id,
        title: titles.avoid(id) ?? id,
        known: titles.avoid(id) !== undefined,
        ...r,
        acceptanceRate: r.fired > 0 ? Math.min(1, r.accepted / r.fired) : null,
      }))
      .sort(byCount((r) => r.fired + r.accepted + r.dismissed)),
    limits: [...limits]
      .map(([id, r]) => ({
        id,
        title: titles.limit(id) ?? id,
        known: titles.limit(id) !== undefined,
        total: LIMIT_OUTCOMES.reduce((n, o) => n + r.outcomes[o], 0),
        ...r,
      }))
      .sort(byCount((r) => r.total)),
    series,
    dropped,
  };
}

// ---------------------------------------------------------------------------------------------
// Export

/** One CSV/JSON row: a date × kind × id count (limit rows also carry outcome and source). */
export interface ExportRow {
  date: string;
  kind: InsightKind;
  id: string;
  title: string;
  outcome: LimitOutcome | '';
  source: LimitSource | '';
  count: number;
}

const KIND_OF_CODE = Object.fromEntries(Object.entries(KIND_CODE).map(([k, c]) => [c, k as InsightKind])) as Record<string, InsightKind>;

/** Every counter in the range as a flat row, by date then kind then id. */
export function exportRows(agg: InsightsAggregate, opts: SummarizeOptions): ExportRow[] {
  const days = Math.max(1, Math.min(RETENTION_DAYS, Math.floor(opts.days ?? RETENTION_DAYS)));
  const to = dayKey(opts.now);
  const from = addDays(to, -(days - 1));
  const titles = packTitles(opts.pack);
  const rows: ExportRow[] = [];
  for (const date of Object.keys(agg.days).sort()) {
    if (date < from || date > to) continue;
    for (const [code, counters] of Object.entries(agg.days[date]!.c)) {
      const kind = KIND_OF_CODE[code];
      if (!kind) continue;
      for (const [key, count] of Object.entries(counters)) {
        if (kind === 'limit-checked') {
          const [action, outcome, source] = key.split('|') as [string, LimitOutcome, LimitSource];
          rows.push({ date, kind, id: action, title: titles.limit(action) ?? '', outcome, source, count });
        } else {
          const title = kind === 'phrase-inserted' ? titles.phrase(key) : titles.avoid(key);
          rows.push({ date, kind, id: key, title: title ?? '', outcome: '', source: '', count });
        }
      }
    }
  }
  const kindOrder = (k: InsightKind) => INSIGHT_KINDS.indexOf(k);
  return rows.sort((a, b) => a.date.localeCompare(b.date) || kindOrder(a.kind) - kindOrder(b.kind) || a.id.localeCompare(b.id) || a.outcome.localeCompare(b.outcome) || a.source.localeCompare(b.source));
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF; a cell a spreadsheet would
 * run as a formula (= + - @, tab, CR first) gets a leading apostrophe.
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ['date', 'kind', 'id', 'title', 'outcome', 'source', 'count'] as const;

/** CSV with a header row, one row per date × kind × id (× outcome × source), CRLF line ends. */
export function toCsv(rows: ExportRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows) lines.push(CSV_HEADER.map((k) => csvCell(r[k])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export interface InsightsExport {
  format: typeof INSIGHTS_FORMAT;
  exportedAt: string;
  pack: { id: string; name: string; version: number } | null;
  range: { from: string; to: string; days: number };
  totals: Totals;
  phrases: PhraseRow[];
  avoid: AvoidRow[];
  limits: LimitRow[];
  rows: ExportRow[];
}

/** The JSON export: the summary for the range plus every row (stable key order, 2-space indent). */
export function toJson(agg: InsightsAggregate, opts: SummarizeOptions): string {
  const s = summarize(agg, opts);
  const doc: InsightsExport = {
    format: INSIGHTS_FORMAT,
    exportedAt: opts.now.toISOString(),
    pack: opts.pack ? { id: opts.pack.id, name: opts.pack.name, version: opts.pack.version } : null,
    range: { from: s.from, to: s.to, days: s.days },
    totals: s.totals,
    phrases: s.phrases,
    avoid: s.avoid,
    limits: s.limits,
    rows: exportRows(agg, { ...opts, days: s.days }),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** `tactline-insights-YYYY-MM-DD.csv` / `.json`. */
export function exportFilename(format: 'csv' | 'json', now: Date): string {
  return `tactline-insights-${dayKey(now)}.${format}`;
}
