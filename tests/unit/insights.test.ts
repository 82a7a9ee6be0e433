/**
 * Local insights core (guidance/insights.ts): counting, retention and per-day caps, summaries with
 * titles from the pack, CSV quoting and formula-injection guard, and the JSON export's shape.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CSV_HEADER,
  MAX_KEYS_PER_DAY,
  RETENTION_DAYS,
  addDays,
  checkEvent,
  csvCell,
  dayKey,
  emptyAggregate,
  eventInPack,
  exportFilename,
  exportRows,
  record,
  sanitizeAggregate,
  summarize,
  toCsv,
  toJson,
  type InsightEvent,
  type InsightsAggregate,
} from '@/guidance/insights';
import type { Pack } from '@/guidance/pack/types';
import { parseCsv } from '../eval/intents';

const pack = {
  format: 'tactline-pack/1',
  id: 'acme',
  name: 'Acme Outdoor',
  version: 3,
  roles: [{ id: 'agent', label: 'Agent' }],
  intents: [],
  phrases: [
    { id: 'empathy.delay', text: 'I am sorry your order is late, {{customer.firstName}}.', kind: 'empathy', intents: [], emotions: [], channels: [], audience: 'any' },
    { id: 'close.thanks', text: 'Thanks for your patience.', kind: 'closing', intents: [], emotions: [], channels: [], audience: 'any' },
  ],
  policies: [],
  limits: [
    { id: 'refund-std', action: 'refund', label: 'Refunds', unit: 'EUR', maxByRole: { agent: 100 }, approvals: [], never: [], segments: [], audience: 'any' },
    { id: 'refund-member', action: 'refund', label: 'Member refunds', unit: 'EUR', maxByRole: { agent: 150 }, approvals: [], never: [], segments: ['member'], audience: 'any' },
    { id: 'credit', action: 'store-credit', label: 'Store credit', unit: 'EUR', maxByRole: { agent: 50 }, approvals: [], never: [], segments: [], audience: 'any' },
  ],
  avoid: [{ id: 'avoid.calm-down', pattern: 'calm down', why: 'Dismissive', instead: ['I understand'], severity: 'warning', appliesTo: 'any' }],
  scenarios: [],
  rates: [],
  segments: [],
} as unknown as Pack;

const NOW = new Date(2026, 10, 25, 10, 30); // 25 Nov 2026, local time
const day = (offset: number) => new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() + offset, 12);

function many(events: Array<[InsightEvent, Date]>, start: InsightsAggregate = emptyAggregate()): InsightsAggregate {
  return events.reduce((agg, [e, at]) => record(agg, e, at).agg, start);
}

describe('record', () => {
  it('counts per local day and id, without changing the input', () => {
    const a0 = emptyAggregate();
    const { agg: a1, counted } = record(a0, { kind: 'phrase-inserted', id: 'empathy.delay' }, NOW);
    expect(counted).toBe(true);
    expect(a0.days).toEqual({});
    const a2 = many(
      [
        [{ kind: 'phrase-inserted', id: 'empathy.delay' }, NOW],
        [{ kind: 'phrase-inserted', id: 'close.thanks' }, NOW],
        [{ kind: 'phrase-inserted', id: 'empathy.delay' }, day(-1)],
        [{ kind: 'limit-checked', action: 'refund', outcome: 'needs-approval', source: 'ticket' }, NOW],
      ],
      a1,
    );
    expect(a2.days[dayKey(NOW)]!.c).toEqual({ p: { 'empathy.delay': 2, 'close.thanks': 1 }, l: { 'refund|needs-approval|ticket': 1 } });
    expect(a2.days[dayKey(day(-1))]!.c).toEqual({ p: { 'empathy.delay': 1 } });
  });

  it('refuses malformed events (nothing stored)', () => {
    const bad = [
      { kind: 'phrase-inserted', id: '' },
      { kind: 'phrase-inserted', id: 'has space' },
      { kind: 'phrase-inserted', id: 'https://evil.example/x' },
      { kind: 'phrase-inserted', id: 'x'.repeat(201) },
      { kind: 'phrase-inserted', id: '__proto__' },
      { kind: 'phrase-inserted', id: 'ok', text: 'Dear Ada Example' },
      { kind: 'avoid-fired', id: 'avoid.calm-down' },
      { kind: 'limit-checked', action: 'refund', outcome: 'maybe', source: 'ticket' },
      { kind: 'limit-checked', action: 'refund', outcome: 'allowed', source: 'email' },
      { kind: 'limit-checked', action: 'refund', outcome: 'allowed', source: 'ticket', amount: 180 },
      { kind: 'sent', id: 'x' },
    ];
    for (const e of bad) {
      expect(checkEvent(e), JSON.stringify(e)).not.toBeNull();
      const r = record(emptyAggregate(), e as InsightEvent, NOW);
      expect(r.counted).toBe(false);
      expect(r.agg.days).toEqual({});
    }
  });

  it('ids that are names of Object.prototype members count like any other id', () => {
    const agg = many([
      [{ kind: 'phrase-inserted', id: 'constructor' }, NOW],
      [{ kind: 'phrase-inserted', id: 'constructor' }, NOW],
      [{ kind: 'phrase-inserted', id: 'toString' }, NOW],
    ]);
    expect(agg.days[dayKey(NOW)]!.c.p).toEqual({ constructor: 2, toString: 1 });
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it(`keeps ${RETENTION_DAYS} days: older days are pruned on write`, () => {
    const old = many([
      [{ kind: 'phrase-inserted', id: 'close.thanks' }, day(-RETENTION_DAYS)],
      [{ kind: 'phrase-inserted', id: 'close.thanks' }, day(-(RETENTION_DAYS - 1))],
    ]);
    expect(Object.keys(old.days)).toHaveLength(2); // pruning is relative to the day being written
    const after = record(old, { kind: 'phrase-inserted', id: 'close.thanks' }, NOW).agg;
    expect(Object.keys(after.days).sort()).toEqual([dayKey(day(-(RETENTION_DAYS - 1))), dayKey(NOW)]);
    const later = record(after, { kind: 'phrase-inserted', id: 'close.thanks' }, day(1)).agg;
    expect(Object.keys(later.days)).not.toContain(dayKey(day(-(RETENTION_DAYS - 1))));
  });

  it(`caps a day at ${MAX_KEYS_PER_DAY} distinct counters; existing ones still count; the overflow is reported`, () => {
    let agg = emptyAggregate();
    for (let i = 0; i < MAX_KEYS_PER_DAY + 25; i++) agg = record(agg, { kind: 'avoid-fired', ruleId: `rule.${i}` }, NOW).agg;
    const bucket = agg.days[dayKey(NOW)]!;
    expect(Object.keys(bucket.c.f!)).toHaveLength(MAX_KEYS_PER_DAY);
    expect(bucket.dropped).toBe(25);
    const r = record(agg, { kind: 'avoid-fired', ruleId: 'rule.0' }, NOW);
    expect(r.counted).toBe(true);
    expect(r.agg.days[dayKey(NOW)]!.c.f!['rule.0']).toBe(2);
    expect(summarize(r.agg, { now: NOW, days: 7 }).dropped).toBe(25);
    // Storage stays bounded: the JSON of a full day is small.
    expect(JSON.stringify(r.agg).length).toBeLessThan(MAX_KEYS_PER_DAY * 40);
  });

  it('property: the summed counts equal the number of valid events recorded (no loss, no double count)', () => {
    const ev = fc.oneof(
      fc.record({ kind: fc.constant('phrase-inserted' as const), id: fc.constantFrom('empathy.delay', 'close.thanks', 'gone.phrase') }),
      fc.record({ kind: fc.constantFrom('avoid-fired' as const, 'avoid-accepted' as const, 'avoid-dismissed' as const), ruleId: fc.constantFrom('avoid.calm-down', 'r2') }),
      fc.record({ kind: fc.constant('limit-checked' as const), action: fc.constantFrom('refund', 'store-credit'), outcome: fc.constantFrom('allowed' as const, 'needs-approval' as const, 'not-allowed' as const, 'needs-info' as const), source: fc.constantFrom('ticket' as const, 'draft' as const, 'can-i' as const) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(ev, fc.integer({ min: 0, max: 20 })), { maxLength: 80 }), (list) => {
        const agg = many(list.map(([e, d]) => [e as InsightEvent, day(-d)]));
        const s = summarize(agg, { now: NOW, days: 30, pack });
        const t = s.totals;
        expect(t.phrasesInserted + t.avoidFired + t.avoidAccepted + t.avoidDismissed + t.limitChecks).toBe(list.length);
        expect(s.series.reduce((n, p) => n + p.phrasesInserted, 0)).toBe(t.phrasesInserted);
        expect(s.limits.reduce((n, l) => n + l.total, 0)).toBe(t.limitChecks);
      }),
      { numRuns: 200 },
    );
  });
});

describe('eventInPack', () => {
  it('phrase ids, avoid-rule ids and limit actions of the active pack only', () => {
    expect(eventInPack({ kind: 'phrase-inserted', id: 'close.thanks' }, pack)).toBe(true);
    expect(eventInPack({ kind: 'phrase-inserted', id: 'avoid.calm-down' }, pack)).toBe(false);
    expect(eventInPack({ kind: 'avoid-accepted', ruleId: 'avoid.calm-down' }, pack)).toBe(true);
    expect(eventInPack({ kind: 'avoid-dismissed', ruleId: 'close.thanks' }, pack)).toBe(false);
    expect(eventInPack({ kind: 'limit-checked', action: 'store-credit', outcome: 'allowed', source: 'can-i' }, pack)).toBe(true);
    expect(eventInPack({ kind: 'limit-checked', action: 'discount', outcome: 'allowed', source: 'can-i' }, pack)).toBe(false);
  });
});

describe('summarize', () => {
  const agg = many([
    [{ kind: 'phrase-inserted', id: 'empathy.delay' }, NOW],
    [{ kind: 'phrase-inserted', id: 'empathy.delay' }, day(-2)],
    [{ kind: 'phrase-inserted', id: 'close.thanks' }, day(-2)],
    [{ kind: 'phrase-inserted', id: 'retired.phrase' }, day(-3)],
    [{ kind: 'phrase-inserted', id: 'close.thanks' }, day(-40)],
    [{ kind: 'avoid-fired', ruleId: 'avoid.calm-down' }, NOW],
    [{ kind: 'avoid-fired', ruleId: 'avoid.calm-down' }, day(-1)],
    [{ kind: 'avoid-fired', ruleId: 'avoid.calm-down' }, day(-1)],
    [{ kind: 'avoid-fired', ruleId: 'avoid.calm-down' }, day(-1)],
    [{ kind: 'avoid-accepted', ruleId: 'avoid.calm-down' }, day(-1)],
    [{ kind: 'avoid-dismissed', ruleId: 'avoid.calm-down' }, NOW],
    [{ kind: 'avoid-accepted', ruleId: 'r.never-fired' }, NOW],
    [{ kind: 'limit-checked', action: 'refund', outcome: 'allowed', source: 'ticket' }, NOW],
    [{ kind: 'limit-checked', action: 'refund', outcome: 'needs-approval', source: 'ticket' }, NOW],
    [{ kind: 'limit-checked', action: 'refund', outcome: 'needs-approval', source: 'can-i' }, day(-5)],
    [{ kind: 'limit-checked', action: 'store-credit', outcome: 'not-allowed', source: 'can-i' }, day(-6)],
  ]);

  it('totals, top phrases with pack titles, acceptance rates, outcome split per limit', () => {
    const s = summarize(agg, { now: NOW, days: 7, pack });
    expect(s).toMatchObject({ from: dayKey(day(-6)), to: dayKey(NOW), days: 7, dropped: 0 });
    expect(s.totals).toEqual({ phrasesInserted: 4, avoidFired: 4, avoidAccepted: 2, avoidDismissed: 1, limitChecks: 4 });
    expect(s.phrases).toEqual([
      { id: 'empathy.delay', title: 'I am sorry your order is late, {{customer.firstName}}.', known: true, count: 2 },
      { id: 'close.thanks', title: 'Thanks for your patience.', known: true, count: 1 },
      { id: 'retired.phrase', title: 'retired.phrase', known: false, count: 1 },
    ]);
    expect(s.avoid[0]).toEqual({ id: 'avoid.calm-down', title: 'calm down', known: true, fired: 4, accepted: 1, dismissed: 1, acceptanceRate: 0.25 });
    expect(s.avoid[1]).toMatchObject({ id: 'r.never-fired', known: false, acceptanceRate: null });
    expect(s.limits).toEqual([
      { id: 'refund', title: 'Refunds', known: true, total: 3, outcomes: { allowed: 1, 'needs-approval': 2, 'not-allowed': 0, 'needs-info': 0 }, sources: { ticket: 2, draft: 0, 'can-i': 1 } },
      { id: 'store-credit', title: 'Store credit', known: true, total: 1, outcomes: { allowed: 0, 'needs-approval': 0, 'not-allowed': 1, 'needs-info': 0 }, sources: { ticket: 0, draft: 0, 'can-i': 1 } },
    ]);
  });

  it('a daily series with every day of the range (zeros included), oldest first', () => {
    const s = summarize(agg, { now: NOW, days: 7, pack });
    expect(s.series.map((p) => p.date)).toEqual([-6, -5, -4, -3, -2, -1, 0].map((d) => dayKey(day(d))));
    expect(s.series.map((p) => p.phrasesInserted)).toEqual([0, 0, 0, 1, 2, 0, 1]);
    expect(summarize(agg, { now: NOW, days: 90, pack }).totals.phrasesInserted).toBe(5);
    expect(summarize(agg, { now: NOW, days: 90, pack }).series).toHaveLength(90);
  });

  it('acceptance never shows above 100 % (several accepts for one firing)', () => {
    const a = many([
      [{ kind: 'avoid-fired', ruleId: 'avoid.calm-down' }, NOW],
      [{ kind: 'avoid-accepted', ruleId: 'avoid.calm-down' }, NOW],
      [{ kind: 'avoid-accepted', ruleId: 'avoid.calm-down' }, NOW],
    ]);
    expect(summarize(a, { now: NOW, days: 7, pack }).avoid[0]!.acceptanceRate).toBe(1);
  });

  it('without a pack, ids stand in for titles', () => {
    const s = summarize(agg, { now: NOW, days: 7 });
    expect(s.phrases[0]).toMatchObject({ id: 'empathy.delay', title: 'empathy.delay', known: false });
  });

  it('addDays crosses months, years and DST changes without skipping a day', () => {
    expect(addDays('2026-03-28', 3)).toBe('2026-03-31');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('export', () => {
  const agg = many([
    [{ kind: 'phrase-inserted', id: 'empathy.delay' }, NOW],
    [{ kind: 'phrase-inserted', id: 'empathy.delay' }, day(-1)],
    [{ kind: 'avoid-fired', ruleId: 'avoid.calm-down' }, NOW],
    [{ kind: 'limit-checked', action: 'refund', outcome: 'needs-approval', source: 'ticket' }, NOW],
    [{ kind: 'limit-checked', action: 'refund', outcome: 'allowed', source: 'can-i' }, NOW],
  ]);

  it('CSV: header, one row per date × kind × id (× outcome × source), CRLF, titles from the pack', () => {
    const csv = toCsv(exportRows(agg, { now: NOW, pack }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1)).toEqual([
      `${dayKey(day(-1))},phrase-inserted,empathy.delay,"I am sorry your order is late, {{customer.firstName}}.",,,1`,
      `${dayKey(NOW)},phrase-inserted,empathy.delay,"I am sorry your order is late, {{customer.firstName}}.",,,1`,
      `${dayKey(NOW)},avoid-fired,avoid.calm-down,calm down,,,1`,
      `${dayKey(NOW)},limit-checked,refund,Refunds,allowed,can-i,1`,
      `${dayKey(NOW)},limit-checked,refund,Refunds,needs-approval,ticket,1`,
    ]);
  });

  it('CSV cells: RFC 4180 quoting and no formula injection', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("https://evil.example","x")')).toBe(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(12)).toBe('12');
    // A pack title that is a formula is neutralised in the export.
    const evil = { ...pack, avoid: [{ ...pack.avoid[0]!, pattern: '=cmd|" /C calc"!A0' }] } as Pack;
    const csv = toCsv(exportRows(agg, { now: NOW, pack: evil }));
    expect(csv).toContain(`avoid.calm-down,"'=cmd|"" /C calc""!A0"`);
  });

  it('property: every CSV parses back to the same cells (RFC 4180 round trip)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (cells) => {
        fc.pre(!(cells.length === 1 && cells[0] === '')); // a blank line is no row for the reader
        const line = `${cells.map(csvCell).join(',')}\r\n`;
        const back = parseCsv(line)[0]!;
        expect(back).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      }),
      { numRuns: 500 },
    );
  });

  it('JSON: format tag, pack, range, totals, rows; no ticket data anywhere', () => {
    const doc = JSON.parse(toJson(agg, { now: NOW, pack, days: 30 }));
    expect(Object.keys(doc)).toEqual(['format', 'exportedAt', 'pack', 'range', 'totals', 'phrases', 'avoid', 'limits', 'rows']);
    expect(doc.format).toBe('tactline-insights/1');
    expect(doc.pack).toEqual({ id: 'acme', name: 'Acme Outdoor', version: 3 });
    expect(doc.range).toEqual({ from: dayKey(day(-29)), to: dayKey(NOW), days: 30 });
    expect(doc.totals.phrasesInserted).toBe(2);
    expect(doc.rows).toHaveLength(5);
    expect(Object.keys(doc.rows[0])).toEqual(['date', 'kind', 'id', 'title', 'outcome', 'source', 'count']);
    // Only pack ids, enums, dates and counts are stored: the aggregate itself holds nothing else.
    const stored = JSON.stringify(agg);
    expect(stored).not.toMatch(/Ada|@|https?:|€|180/);
  });

  it('export range: rows outside the requested days are left out', () => {
    expect(exportRows(agg, { now: NOW, days: 1, pack }).every((r) => r.date === dayKey(NOW))).toBe(true);
    expect(exportRows(agg, { now: NOW, pack })).toHaveLength(5);
  });

  it('file names carry the local date', () => {
    expect(exportFilename('csv', NOW)).toBe('tactline-insights-2026-11-25.csv');
    expect(exportFilename('json', NOW)).toBe('tactline-insights-2026-11-25.json');
  });
});

describe('sanitizeAggregate', () => {
  it('keeps what record() writes and drops tampering', () => {
    const good = many([[{ kind: 'phrase-inserted', id: 'close.thanks' }, NOW]]);
    expect(sanitizeAggregate(JSON.parse(JSON.stringify(good)))).toEqual(good);
    for (const raw of [undefined, null, 5, 'x', { v: 2, days: {} }, { v: 1, days: 'x' }]) expect(sanitizeAggregate(raw)).toEqual(emptyAggregate());
    const tampered = {
      v: 1,
      days: {
        'not-a-date': { c: { p: { a: 1 } } },
        '2026-11-20': { c: { p: { ok: 2, 'bad id': 1, neg: -1, frac: 1.5, str: '3' }, z: { x: 1 }, l: { 'refund|allowed|ticket': 1, 'refund|maybe|ticket': 1, 'refund|allowed': 1 } } },
      },
    };
    expect(sanitizeAggregate(tampered)).toEqual({ v: 1, days: { '2026-11-20': { c: { p: { ok: 2 }, l: { 'refund|allowed|ticket': 1 } } } } });
  });
});
