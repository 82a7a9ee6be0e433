/**
 * Local insights in the background: the recorder's write queue (concurrent records are never lost),
 * the off switch and policy lock, clear, dedupe of ticket decisions and avoid-rules, the Can-I settle
 * window, the page rate limit — and, through the real router with the real Engine and the bundled
 * pack, the insights/* messages: validation, privilege, and what a ticket actually counts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CANI_SETTLE_MS, INSIGHTS_KEY, InsightsRecorder, PAGE_EVENTS_PER_MINUTE, type InsightsKv } from '@/entrypoints/background/insights';
import { Engine } from '@/entrypoints/background/engine';
import { createRouter } from '@/entrypoints/background/router';
import { validateManagedPolicy } from '@/entrypoints/background/policy';
import type { PackAdmin } from '@/entrypoints/background/admin';
import { parseRequest, type DecisionView, type DraftFinding, type MessageType } from '@/guidance/protocol';
import type { Pack } from '@/guidance/pack/types';
import { freshStore } from './updater/helpers';

const bundled = JSON.parse(readFileSync(new URL('../../guidance/packs/outdoor-retailer.json', import.meta.url), 'utf8')) as Pack;
const PHRASE = bundled.phrases[0]!.id;
const RULE = bundled.avoid[0]!.id;

/** A storage area that yields between every get and set, like the real async one, so a race would show. */
function slowKv(): InsightsKv & { data: Map<string, unknown>; writes: number } {
  const data = new Map<string, unknown>();
  const kv = {
    data,
    writes: 0,
    async get<T>(key: string) {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      return structuredClone(data.get(key)) as T | undefined;
    },
    async set(key: string, value: unknown) {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      kv.writes++;
      data.set(key, structuredClone(value));
    },
  };
  return kv;
}

function recorder(over: { enabled?: boolean; locked?: boolean; now?: () => Date } = {}) {
  const kv = slowKv();
  const state = { enabled: over.enabled ?? true, locked: over.locked ?? false };
  const r = new InsightsRecorder({ kv, settings: async () => state, pack: async () => bundled, now: over.now });
  return { r, kv, state };
}

const decision = (over: Partial<DecisionView>): DecisionView => ({
  summary: 'Refund €180 — needs Team lead approval',
  outcome: 'needs-approval',
  action: 'refund',
  amountText: '€180',
  source: 'ticket',
  customerClaimed: true,
  evidence: [],
  questions: [],
  reasoning: [],
  ...over,
});
const finding = (ruleId: string, kind: DraftFinding['kind'] = 'avoid'): DraftFinding => ({ kind, ruleId, start: 0, end: 4, text: 'x', why: 'y', instead: [], severity: 'warning' });

describe('InsightsRecorder', () => {
  it('200 concurrent records from many sources: every one is counted (the queue serialises writes)', async () => {
    const { r } = recorder();
    const jobs: Array<Promise<unknown>> = [];
    for (let i = 0; i < 50; i++) {
      jobs.push(r.recordFromPage({ kind: 'phrase-inserted', id: PHRASE }));
      jobs.push(r.recordTicketDecisions(`T-${i}`, [decision({})]));
      jobs.push(r.recordDraftFindings(`T-${i}`, [finding(RULE)]));
      jobs.push(r.recordFromPage({ kind: 'avoid-accepted', ruleId: RULE }));
    }
    await Promise.all(jobs);
    const v = await r.view(7);
    // 100 page reports fit in the per-minute budget only up to PAGE_EVENTS_PER_MINUTE; ticket/draft
    // counts share it too. Count what the budget allowed, exactly.
    const t = v.summary.totals;
    expect(t.phrasesInserted + t.avoidAccepted + t.limitChecks + t.avoidFired).toBe(PAGE_EVENTS_PER_MINUTE);
  });

  it('concurrent records over several minutes: nothing lost, nothing double counted', async () => {
    let clock = Date.parse('2026-11-25T09:00:00');
    const { r } = recorder({ now: () => new Date(clock) });
    for (let minute = 0; minute < 4; minute++) {
      clock += 61_000;
      await Promise.all(Array.from({ length: 25 }, () => r.recordFromPage({ kind: 'phrase-inserted', id: PHRASE })));
    }
    const v = await r.view(7);
    expect(v.summary.totals.phrasesInserted).toBe(100);
    expect(v.summary.phrases).toEqual([{ id: PHRASE, title: expect.any(String), known: true, count: 100 }]);
  });

  it('a page can at most bump real counters, slowly: unknown ids are ignored, and the rate is capped', async () => {
    const { r, kv } = recorder();
    await r.recordFromPage({ kind: 'phrase-inserted', id: 'not-in-pack' });
    await r.recordFromPage({ kind: 'avoid-dismissed', ruleId: PHRASE }); // a phrase id is not an avoid rule
    expect(kv.data.has(INSIGHTS_KEY)).toBe(false);
    for (let i = 0; i < PAGE_EVENTS_PER_MINUTE + 40; i++) await r.recordFromPage({ kind: 'phrase-inserted', id: PHRASE });
    expect((await r.view(1)).summary.totals.phrasesInserted).toBe(PAGE_EVENTS_PER_MINUTE);
  });

  it('off switch: nothing is recorded while insights are off; on again counts again', async () => {
    const { r, kv, state } = recorder({ enabled: false });
    await r.recordFromPage({ kind: 'phrase-inserted', id: PHRASE });
    await r.recordTicketDecisions('T-1', [decision({})]);
    await r.recordDraftFindings('T-1', [finding(RULE)]);
    expect(kv.writes).toBe(0);
    const v = await r.view();
    expect(v.enabled).toBe(false);
    expect(v.summary.totals).toEqual({ phrasesInserted: 0, avoidFired: 0, avoidAccepted: 0, avoidDismissed: 0, limitChecks: 0 });
    state.enabled = true;
    await r.recordFromPage({ kind: 'phrase-inserted', id: PHRASE });
    expect((await r.view()).summary.totals.phrasesInserted).toBe(1);
  });

  it('a record that races "switch off" is not written after it (checked inside the queue)', async () => {
    const { r, state } = recorder();
    const pending = r.recordFromPage({ kind: 'phrase-inserted', id: PHRASE });
    state.enabled = false;
    await pending;
    expect((await r.view()).summary.totals.phrasesInserted).toBe(0);
  });

  it('ticket decisions count once per ticket × action × amount; re-renders do not inflate', async () => {
    const { r } = recorder();
    const lines = [decision({}), decision({ amountText: '€40', outcome: 'allowed' }), decision({ source: 'draft', amountText: '€5', outcome: 'allowed' })];
    for (let i = 0; i < 5; i++) await r.recordTicketDecisions('48213', lines);
    await r.recordTicketDecisions('48214', [decision({})]);
    const s = (await r.view(7)).summary;
    expect(s.totals.limitChecks).toBe(3); // 2 ticket lines on 48213 + 1 on 48214; draft lines are not counted
    expect(s.limits).toEqual([
      expect.objectContaining({ id: 'refund', total: 3, outcomes: { allowed: 1, 'needs-approval': 2, 'not-allowed': 0, 'needs-info': 0 }, sources: { ticket: 3, draft: 0, 'can-i': 0 } }),
    ]);
  });

  it('avoid-rules count once per ticket × rule; leak findings and unknown rules are not avoid-rules', async () => {
    const { r } = recorder();
    await r.recordDraftFindings('48213', [finding(RULE), finding(RULE), finding('leak/limit-figure', 'leak')]);
    await r.recordDraftFindings('48213', [finding(RULE)]);
    await r.recordDraftFindings('48214', [finding(RULE), finding('made-up-rule')]);
    const s = (await r.view(7)).summary;
    expect(s.totals.avoidFired).toBe(2);
    expect(s.avoid).toEqual([expect.objectContaining({ id: RULE, fired: 2, known: true })]);
  });

  it('dedupe keys are hashes in the session area, never ticket ids', async () => {
    const session = new Map<string, unknown>();
    const r = new InsightsRecorder({
      kv: slowKv(),
      session: { get: async <T,>(k: string) => session.get(k) as T, set: async (k, v) => void session.set(k, v) },
      settings: async () => ({ enabled: true, locked: false }),
      pack: async () => bundled,
    });
    await r.recordTicketDecisions('ZD-48213', [decision({})]);
    const seen = JSON.stringify(session.get('insightsSeen'));
    expect(seen).toMatch(/^\["l:[0-9a-f]{8}"\]$/);
    expect(seen).not.toContain('48213');
  });

  describe('Can-I answers', () => {
    beforeEach(() => void vi.useFakeTimers());
    afterEach(() => void vi.useRealTimers());

    it('count once the form settles: typing 1, 18, 180 counts only the last answer', async () => {
      const { r } = recorder();
      const page = 'chrome-extension://x/can-i.html#';
      r.recordCanI(page, decision({ outcome: 'allowed', amountText: '1' }));
      vi.advanceTimersByTime(200);
      r.recordCanI(page, decision({ outcome: 'allowed', amountText: '18' }));
      vi.advanceTimersByTime(200);
      r.recordCanI(page, decision({ outcome: 'needs-approval', amountText: '180' }));
      vi.advanceTimersByTime(CANI_SETTLE_MS + 10);
      vi.useRealTimers();
      await r.flush();
      const s = (await r.view(7)).summary;
      expect(s.totals.limitChecks).toBe(1);
      expect(s.limits[0]).toMatchObject({ id: 'refund', outcomes: { 'needs-approval': 1, allowed: 0 }, sources: { 'can-i': 1 } });
    });

    it('two pages settle independently; flush counts what is pending', async () => {
      const { r } = recorder();
      r.recordCanI('popup', decision({ action: 'store-credit', outcome: 'allowed' }));
      r.recordCanI('can-i', decision({ outcome: 'not-allowed' }));
      vi.useRealTimers();
      await r.flush();
      expect((await r.view(7)).summary.totals.limitChecks).toBe(2);
    });
  });

  it('clear deletes every count and the dedupe memory', async () => {
    const { r } = recorder();
    await r.recordTicketDecisions('48213', [decision({})]);
    await r.recordFromPage({ kind: 'phrase-inserted', id: PHRASE });
    await r.clear();
    expect((await r.view(7)).summary.totals).toEqual({ phrasesInserted: 0, avoidFired: 0, avoidAccepted: 0, avoidDismissed: 0, limitChecks: 0 });
    await r.recordTicketDecisions('48213', [decision({})]); // the same ticket counts again after a clear
    expect((await r.view(7)).summary.totals.limitChecks).toBe(1);
  });

  it('exports CSV and JSON with pack titles and a dated file name', async () => {
    const { r } = recorder({ now: () => new Date(2026, 10, 25, 9) });
    await r.recordFromPage({ kind: 'phrase-inserted', id: PHRASE });
    const csv = await r.export('csv');
    expect(csv.filename).toBe('tactline-insights-2026-11-25.csv');
    expect(csv.mime).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[1]).toMatch(new RegExp(`^2026-11-25,phrase-inserted,${PHRASE.replace(/[.]/g, '\\.')},`));
    const json = await r.export('json', 30);
    expect(json.filename).toBe('tactline-insights-2026-11-25.json');
    expect(JSON.parse(json.text)).toMatchObject({ format: 'tactline-insights/1', pack: { id: bundled.id }, range: { days: 30 }, totals: { phrasesInserted: 1 } });
  });

  it('a corrupt stored value is treated as empty, not as an error', async () => {
    const { r, kv } = recorder();
    kv.data.set(INSIGHTS_KEY, { v: 1, days: { '2026-11-25': 'garbage' } });
    await r.recordFromPage({ kind: 'phrase-inserted', id: PHRASE });
    expect((await r.view(7)).summary.totals.phrasesInserted).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the router (real Engine, bundled pack, settings and insights in fakeBrowser storage)

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${EXT}/`;
const PAGE = { id: EXT, url: `${BASE}options.html`, origin: `chrome-extension://${EXT}` };
const CONTENT = { id: EXT, url: 'https://northwind-demo.zendesk.com/agent/tickets/48213', origin: 'https://northwind-demo.zendesk.com', tab: { id: 3 }, frameId: 0 };

function routerSetup(policyRaw: unknown = {}) {
  const engine = new Engine(freshStore());
  const admin = { lastError: async () => undefined } as unknown as PackAdmin;
  const route = createRouter(engine, { extensionId: EXT, baseUrl: BASE, admin, policy: async () => validateManagedPolicy(policyRaw) });
  const send = async <K extends MessageType>(type: K, payload: unknown, sender: object = CONTENT) => route({ tactline: 1, type, payload }, sender);
  return { send };
}

const TICKET = {
  platform: 'zendesk',
  ticketId: '48213',
  subject: 'Tent arrived broken',
  latestCustomerMessage: 'My tent arrived with a snapped pole. I want a refund of €180 now. Order NW-1234.',
  replyMode: 'public',
  messages: [{ role: 'customer', text: 'My tent arrived with a snapped pole. I want a refund of €180 now. Order NW-1234.' }],
  tags: [],
  requester: { name: 'Ada Example', email: 'ada@example.com' },
};

/** Wait until the fire-and-forget counting behind a reply has been written. */
async function settled(send: ReturnType<typeof routerSetup>['send']) {
  for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 5));
  return send('insights/get', { days: 7 }, PAGE);
}

describe('insights messages through the router', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a ticket counts its limit checks once; a draft its avoid-rules once; a phrase insert once; no ticket data is stored', async () => {
    const { send } = routerSetup();
    for (let i = 0; i < 3; i++) expect((await send('tickets/suggest', { context: TICKET })).ok).toBe(true);
    for (let i = 0; i < 3; i++) expect((await send('tickets/draft', { context: TICKET, draft: 'Please calm down, Ada.', replyMode: 'public' })).ok).toBe(true);
    expect(await send('insights/record', { kind: 'phrase-inserted', id: PHRASE })).toEqual({ ok: true, data: null });
    const r = (await settled(send)) as unknown as { ok: true; data: { summary: { totals: Record<string, number>; limits: Array<{ id: string }> } } };
    expect(r.ok).toBe(true);
    expect(r.data.summary.totals.limitChecks).toBeGreaterThanOrEqual(1);
    expect(r.data.summary.limits.map((l) => l.id)).toContain('refund');
    expect(r.data.summary.totals.avoidFired).toBe(1);
    expect(r.data.summary.totals.phrasesInserted).toBe(1);
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).toContain(PHRASE);
    for (const secret of ['Ada', 'ada@example.com', '48213', '180', 'NW-1234', 'tent', 'zendesk']) expect(stored, secret).not.toContain(secret);
  });

  it('privileged insights messages are refused from a content script; accepted from the options page', async () => {
    const { send } = routerSetup();
    for (const [type, payload] of [['insights/get', {}], ['insights/export', { format: 'csv' }], ['insights/clear', {}]] as const) {
      expect(await send(type, payload, CONTENT)).toEqual({ ok: false, error: `${type} is only accepted from Tactline's own pages` });
      expect((await send(type, payload, PAGE)).ok, type).toBe(true);
    }
  });

  it('limits/decide counts as a Can-I check only from the extension page', async () => {
    const engine = new Engine(freshStore());
    const insights = new InsightsRecorder({ kv: slowKv(), settings: async () => ({ enabled: true, locked: false }), pack: async () => (await engine.load()).pack, settleMs: 1 });
    const route = createRouter(engine, { extensionId: EXT, baseUrl: BASE, admin: { lastError: async () => undefined } as unknown as PackAdmin, policy: async () => validateManagedPolicy({}), insights });
    expect((await route({ tactline: 1, type: 'limits/decide', payload: { action: 'refund', amount: 500 } }, CONTENT)).ok).toBe(true);
    await insights.flush();
    expect((await insights.view(7)).summary.totals.limitChecks).toBe(0);
    expect((await route({ tactline: 1, type: 'limits/decide', payload: { action: 'refund', amount: 500 } }, { ...PAGE, url: `${BASE}can-i.html` })).ok).toBe(true);
    await insights.flush();
    const s = (await insights.view(7)).summary;
    expect(s.limits).toHaveLength(1);
    expect(s.limits[0]!.sources).toEqual({ ticket: 0, draft: 0, 'can-i': 1 });
  });

  it('settings/set insights:false switches counting off; a policy can force it and lock it', async () => {
    const { send } = routerSetup();
    expect((await send('settings/set', { insights: false }, PAGE)).ok).toBe(true);
    await send('insights/record', { kind: 'phrase-inserted', id: PHRASE });
    const off = (await settled(send)) as { ok: true; data: { enabled: boolean; locked: boolean; summary: { totals: { phrasesInserted: number } } } };
    expect(off.data).toMatchObject({ enabled: false, locked: false, summary: { totals: { phrasesInserted: 0 } } });

    fakeBrowser.reset();
    const locked = routerSetup({ insights: false });
    const st = (await locked.send('status/get', {})) as { ok: true; data: { lockedSettings: string[]; settings: { insights?: boolean } } };
    expect(st.data.lockedSettings).toContain('insights');
    expect(st.data.settings.insights).toBe(false);
    expect(await locked.send('settings/set', { insights: true }, PAGE)).toMatchObject({ ok: false, error: expect.stringMatching(/insights is set by your organisation/) });
    await locked.send('insights/record', { kind: 'phrase-inserted', id: PHRASE });
    const v = (await settled(locked.send)) as { ok: true; data: { enabled: boolean; locked: boolean; summary: { totals: { phrasesInserted: number } } } };
    expect(v.data).toMatchObject({ enabled: false, locked: true, summary: { totals: { phrasesInserted: 0 } } });
  });
});

describe('protocol validation of insights messages', () => {
  const ok = (type: string, payload: unknown) => parseRequest({ tactline: 1, type, payload }).ok;

  it('insights/record: only the page kinds, an id of the allowed shape, no other fields', () => {
    expect(ok('insights/record', { kind: 'phrase-inserted', id: 'emp-angry-damaged' })).toBe(true);
    expect(ok('insights/record', { kind: 'avoid-accepted', ruleId: 'calm-down' })).toBe(true);
    expect(ok('insights/record', { kind: 'avoid-dismissed', ruleId: 'ns:rule_1.v2' })).toBe(true);
    for (const payload of [
      null,
      [],
      'phrase-inserted',
      {},
      { kind: 'avoid-fired', ruleId: 'calm-down' }, // the background computes these itself
      { kind: 'limit-checked', action: 'refund', outcome: 'allowed', source: 'ticket' },
      { kind: 'phrase-inserted' },
      { kind: 'phrase-inserted', id: '' },
      { kind: 'phrase-inserted', id: 'x'.repeat(201) },
      { kind: 'phrase-inserted', id: 'with space' },
      { kind: 'phrase-inserted', id: '../../etc' },
      { kind: 'phrase-inserted', id: 'https://evil.example/' },
      { kind: 'phrase-inserted', id: '__proto__' },
      { kind: 'phrase-inserted', id: 5 },
      { kind: 'phrase-inserted', ruleId: 'calm-down' },
      { kind: 'avoid-accepted', id: 'calm-down' },
      { kind: 'phrase-inserted', id: 'ok', ticket: 'Dear Ada' },
      { kind: 'PHRASE-INSERTED', id: 'ok' },
    ]) {
      expect(ok('insights/record', payload), JSON.stringify(payload)).toBe(false);
    }
  });

  it('insights/get, export, clear, settings/set insights', () => {
    expect(ok('insights/get', {})).toBe(true);
    expect(ok('insights/get', { days: 90 })).toBe(true);
    for (const days of [0, 181, 1.5, '7', NaN]) expect(ok('insights/get', { days }), String(days)).toBe(false);
    expect(ok('insights/export', { format: 'csv' })).toBe(true);
    expect(ok('insights/export', { format: 'json', days: 30 })).toBe(true);
    for (const p of [{}, { format: 'xlsx' }, { format: 'csv', path: '/tmp/x' }]) expect(ok('insights/export', p), JSON.stringify(p)).toBe(false);
    expect(ok('insights/clear', {})).toBe(true);
    expect(ok('insights/clear', { all: true })).toBe(false);
    expect(ok('settings/set', { insights: false })).toBe(true);
    expect(ok('settings/set', { insights: 'no' })).toBe(false);
  });
});
