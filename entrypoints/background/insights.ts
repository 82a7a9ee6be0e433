/**
 * Local insights in the background: the aggregate (guidance/insights.ts) lives in storage.local under
 * `insights`, and every change goes through one promise queue, so two records arriving together
 * never read the same old value and lose a count.
 *
 * Where counts come from:
 *  - limit checks the background computes: ticket decisions from `tickets/suggest`, once per
 *    ticket × action × amount (re-renders and new messages on the same ticket do not count again);
 *    Can-I answers from the extension's own pages, once the form has settled (typing "180" asks for
 *    1, 18 and 180 — only the last one counts). Draft amounts are not counted: while the agent types
 *    they are partial numbers, not decisions.
 *  - avoid-rules that fire in a draft (`tickets/draft`), once per ticket × rule.
 *  - phrase inserts and accepted/dismissed avoid suggestions, reported by the content script
 *    (`insights/record`). A page can forge those, so ids must name an entry of the active pack and
 *    page reports are rate-limited: a hostile page can at most bump real counters, slowly.
 *
 * Dedupe keys (hashes of ticket id × action × amount) live in storage.session — memory only, gone
 * when the browser closes — never in the counts.
 */
import { browser } from 'wxt/browser';
import type { Pack } from '@/guidance/pack/types';
import type { DecisionView, DraftFinding, InsightsExportResult, InsightsView, PageInsightEvent } from '@/guidance/protocol';
import {
  RETENTION_DAYS,
  checkEvent,
  dayKey,
  emptyAggregate,
  eventInPack,
  exportFilename,
  exportRows,
  prune,
  record,
  sanitizeAggregate,
  summarize,
  toCsv,
  toJson,
  type InsightEvent,
  type InsightsAggregate,
} from '@/guidance/insights';

export const INSIGHTS_KEY = 'insights';
export const SEEN_KEY = 'insightsSeen';
/** Dedupe keys kept (FIFO). */
const MAX_SEEN = 5_000;
/**
 * Counts a helpdesk page can cause per minute (inserts, accepted suggestions, new tickets' limit
 * checks, avoid-rules firing). A person produces a few per minute; a forging page is slowed down.
 */
export const PAGE_EVENTS_PER_MINUTE = 60;
/** Can-I answers count after the form has been quiet this long. */
export const CANI_SETTLE_MS = 1_500;

export interface InsightsKv {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export interface InsightsDeps {
  /** Persistent storage (storage.local). */
  kv: InsightsKv;
  /** Memory-only storage for dedupe keys (storage.session); a Map is used when absent. */
  session?: InsightsKv;
  /** Whether insights are on (settings with policy applied) and whether policy locks the switch. */
  settings: () => Promise<{ enabled: boolean; locked: boolean }>;
  /** The active pack (ids are checked against it, titles come from it). */
  pack: () => Promise<Pack | undefined>;
  now?: () => Date;
  settleMs?: number;
}

/** 32-bit FNV-1a, hex: dedupe keys are compared, never read back. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function memoryKv(): InsightsKv {
  const m = new Map<string, unknown>();
  return {
    get: async <T>(k: string) => m.get(k) as T | undefined,
    set: async (k, v) => void m.set(k, v),
  };
}

export class InsightsRecorder {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly session: InsightsKv;
  private readonly now: () => Date;
  private readonly settleMs: number;
  private pageWindow = { start: 0, count: 0 };
  private pending = new Map<string, { timer: ReturnType<typeof setTimeout>; event: InsightEvent }>();

  constructor(private readonly deps: InsightsDeps) {
    this.session = deps.session ?? memoryKv();
    this.now = deps.now ?? (() => new Date());
    this.settleMs = deps.settleMs ?? CANI_SETTLE_MS;
  }

  /** Run `fn` after every earlier change has finished (errors do not stop the queue). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<InsightsAggregate> {
    return sanitizeAggregate(await this.deps.kv.get(INSIGHTS_KEY));
  }

  /**
   * Count events (already deduped by the caller). Checks the switch and the pack inside the queue,
   * so a record that races "switch off" or "clear" is never written after them.
   */
  private commit(events: InsightEvent[], dedupe: string[] = [], fromPage = true): Promise<number> {
    if (events.length === 0) return Promise.resolve(0);
    return this.serial(async () => {
      // Cheap checks first: a draft re-checked while the agent types is almost always a repeat.
      const seen = new Set((await this.session.get<string[]>(SEEN_KEY)) ?? []);
      const keys = new Set<string>();
      const todo = events.flatMap((event, i) => {
        const key = dedupe[i];
        if (key !== undefined && (seen.has(key) || keys.has(key))) return [];
        if (key !== undefined) keys.add(key);
        return [{ event, key }];
      });
      if (todo.length === 0 || !(await this.deps.settings()).enabled) return 0;
      const pack = await this.deps.pack();
      if (!pack) return 0;
      let agg = await this.read();
      let counted = 0;
      const fresh: string[] = [];
      for (const { event, key } of todo) {
        if (checkEvent(event) || !eventInPack(event, pack)) continue;
        if (fromPage && !this.pageBudget()) continue;
        const r = record(agg, event, this.now());
        agg = r.agg;
        if (r.counted) counted++;
        if (key !== undefined) fresh.push(key);
      }
      if (counted > 0) await this.deps.kv.set(INSIGHTS_KEY, agg);
      if (fresh.length > 0) await this.session.set(SEEN_KEY, [...seen, ...fresh].slice(-MAX_SEEN));
      return counted;
    });
  }

  /** One more count caused by a page this minute? */
  private pageBudget(): boolean {
    const t = this.now().getTime();
    if (t - this.pageWindow.start >= 60_000 || t < this.pageWindow.start) this.pageWindow = { start: t, count: 0 };
    if (this.pageWindow.count >= PAGE_EVENTS_PER_MINUTE) return false;
    this.pageWindow.count++;
    return true;
  }

  /** A report from a content script (phrase inserted, avoid suggestion accepted or dismissed). */
  recordFromPage(event: PageInsightEvent): Promise<number> {
    return this.commit([event as InsightEvent]);
  }

  /** Ticket decisions from `tickets/suggest`: each ticket × action × amount counts once. */
  recordTicketDecisions(ticketId: string, decisions: DecisionView[]): Promise<number> {
    const ticket = decisions.filter((d) => d.source === 'ticket');
    return this.commit(
      ticket.map((d) => ({ kind: 'limit-checked', action: d.action, outcome: d.outcome, source: 'ticket' })),
      ticket.map((d) => `l:${fnv(`${ticketId}\u0000${d.action}\u0000${d.amountText}`)}`),
    );
  }

  /** Avoid-rules that fired in a draft: each ticket × rule counts once. */
  recordDraftFindings(ticketId: string, findings: DraftFinding[]): Promise<number> {
    const ids = [...new Set(findings.filter((f) => f.kind === 'avoid').map((f) => f.ruleId))];
    return this.commit(
      ids.map((ruleId) => ({ kind: 'avoid-fired', ruleId })),
      ids.map((ruleId) => `f:${fnv(`${ticketId}\u0000${ruleId}`)}`),
    );
  }

  /**
   * A Can-I answer shown on an extension page (`page` identifies the page). Counted once the form
   * has been quiet for `settleMs`; a newer answer from the same page replaces a pending one.
   */
  recordCanI(page: string, decision: DecisionView): void {
    const prev = this.pending.get(page);
    if (prev) clearTimeout(prev.timer);
    const event: InsightEvent = { kind: 'limit-checked', action: decision.action, outcome: decision.outcome, source: 'can-i' };
    const timer = setTimeout(() => {
      this.pending.delete(page);
      void this.commit([event], [], false).catch(() => undefined);
    }, this.settleMs);
    this.pending.set(page, { timer, event });
  }

  /** Count pending Can-I answers now (tests; service-worker suspend). */
  async flush(): Promise<void> {
    const events = [...this.pending.values()];
    for (const p of events) clearTimeout(p.timer);
    this.pending.clear();
    await this.commit(events.map((p) => p.event), [], false);
    await this.serial(async () => undefined);
  }

  /** Summary and daily series for the options page. */
  async view(days = 30): Promise<InsightsView> {
    const [s, pack, agg] = await Promise.all([this.deps.settings(), this.deps.pack().catch(() => undefined), this.serial(() => this.read())]);
    return {
      enabled: s.enabled,
      locked: s.locked,
      pack: pack ? { id: pack.id, name: pack.name, version: pack.version } : null,
      retentionDays: RETENTION_DAYS,
      summary: summarize(agg, { days, now: this.now(), pack }),
    };
  }

  /** CSV or JSON text for download (everything retained unless `days` narrows it). */
  async export(format: 'csv' | 'json', days?: number): Promise<InsightsExportResult> {
    const [pack, agg] = await Promise.all([this.deps.pack().catch(() => undefined), this.serial(() => this.read())]);
    const now = this.now();
    const opts = { days: days ?? RETENTION_DAYS, now, pack };
    return format === 'csv'
      ? { filename: exportFilename('csv', now), mime: 'text/csv;charset=utf-8', text: toCsv(exportRows(agg, opts)) }
      : { filename: exportFilename('json', now), mime: 'application/json', text: toJson(agg, opts) };
  }

  /** Delete every count (and forget which tickets were seen). */
  clear(): Promise<void> {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    return this.serial(async () => {
      await this.deps.kv.set(INSIGHTS_KEY, emptyAggregate());
      await this.session.set(SEEN_KEY, []);
    });
  }

  /** Drop days past retention (also happens on every write). */
  prune(): Promise<void> {
    return this.serial(async () => {
      const agg = await this.read();
      const before = Object.keys(agg.days).length;
      prune(agg, dayKey(this.now()));
      if (Object.keys(agg.days).length !== before) await this.deps.kv.set(INSIGHTS_KEY, agg);
    });
  }
}

/** The recorder over browser.storage (local for counts, session for dedupe keys when available). */
export function browserInsights(deps: Pick<InsightsDeps, 'settings' | 'pack'>): InsightsRecorder {
  const area = (a: typeof browser.storage.local | undefined): InsightsKv | undefined =>
    a && {
      get: async <T>(key: string) => (await a.get(key))[key] as T | undefined,
      set: async (key, value) => a.set({ [key]: value }),
    };
  return new InsightsRecorder({ ...deps, kv: area(browser.storage.local)!, session: area((browser.storage as { session?: typeof browser.storage.local }).session) });
}
