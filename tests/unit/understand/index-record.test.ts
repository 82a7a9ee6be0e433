/**
 * The stored index, format 2 (`indexRecord`: typed arrays, what IndexedDB holds) and the feature
 * table behind it. Format 1 (JSON text) is covered in intent-index.test.ts and must keep loading.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex, indexRecord, loadIndex, serializeIndex, StaleIndexError } from '../../../guidance/index/build';
import { FeatureTable } from '../../../guidance/index/table';
import type { IndexRecord } from '../../../guidance/index/types';
import { matchIntents } from '../../../guidance/understand/intent';
import { testPack } from './intent.fixture';

const TEXTS = ['I want my money back for the broken tent', 'where is my parcel', 'what is the weather on Mars', 'password reset never arrives', 'how do I change my delivery address'];

describe('index record (format 2)', () => {
  const pack = testPack();
  const index = buildIndex(pack);
  const record = indexRecord(index);

  it('survives a structured clone (what IndexedDB does) and matches exactly like the built index', () => {
    const loaded = loadIndex(structuredClone(record), pack);
    for (const text of TEXTS) {
      const a = matchIntents(index, text);
      const b = matchIntents(loaded, text);
      expect(b.map((c) => [c.id, c.score, c.evidence.map((e) => e.text)])).toEqual(a.map((c) => [c.id, c.score, c.evidence.map((e) => e.text)]));
    }
    // Same data as format 1 describes: serialising the loaded record gives the same JSON.
    expect(serializeIndex(loaded)).toBe(serializeIndex(index));
  });

  it('holds only strings, numbers, plain objects and typed arrays (no Map, no class instance)', () => {
    const seen: string[] = [];
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object') return;
      if (ArrayBuffer.isView(v)) return;
      const proto = Object.getPrototypeOf(v) as unknown;
      if (!Array.isArray(v) && proto !== Object.prototype) seen.push(String((v as object).constructor?.name));
      for (const x of Object.values(v as Record<string, unknown>)) walk(x);
    };
    walk(record);
    expect(seen).toEqual([]);
    expect(record.format).toBe('tactline-index/2');
  });

  it('a format-1 index (JSON text, stored by earlier versions) loads to the same record', () => {
    const fromJson = loadIndex(serializeIndex(index), pack);
    const a = indexRecord(fromJson);
    expect(a.features.text).toBe(record.features.text);
    expect([...a.features.slots]).toEqual([...record.features.slots]);
    expect([...a.features.hashes]).toEqual([...record.features.hashes]);
    expect([...a.exFeat]).toEqual([...record.exFeat]);
    expect([...a.cIntent]).toEqual([...record.cIntent]);
    expect([...a.cVal]).toEqual([...record.cVal]);
    expect([...a.groups]).toEqual([...record.groups]);
  });

  it('refuses a record built for another pack version, another pack or changed intents', () => {
    expect(() => loadIndex(record, { ...pack, version: pack.version + 1 })).toThrow(StaleIndexError);
    expect(() => loadIndex(record, { ...pack, id: 'other-pack' })).toThrow(/built for pack/);
    const edited = testPack();
    edited.intents[0]!.examples.push('I need a refund for the socks');
    expect(() => loadIndex(record, edited)).toThrow(StaleIndexError);
  });

  it('refuses damaged records: unknown format, missing or truncated arrays, ids out of range', () => {
    const damaged: Array<(r: IndexRecord) => void> = [
      (r) => ((r as { format: string }).format = 'tactline-index/9'),
      (r) => ((r as Partial<IndexRecord>).cVal = undefined),
      (r) => (r.exNorm = r.exNorm.slice(1)),
      (r) => (r.exFeat = r.exFeat.slice(1)),
      (r) => (r.exVal = new Float32Array(r.exVal.length - 1)),
      (r) => (r.exFeat[3] = r.features.off.length + 5),
      (r) => (r.cIntent[0] = -1),
      (r) => ((r as { exTf: unknown }).exTf = Array.from(r.exTf)),
      (r) => (r.features = { ...r.features, slots: r.features.slots.slice(0, 8) }),
      (r) => (r.features.hashes[r.features.slots.findIndex((id) => id >= 0)]! ^= 1),
      (r) => (r.features = { ...r.features, text: r.features.text.slice(0, -1) }),
      (r) => (r.exPtr[1] = r.exPtr[2]! + 1),
    ];
    for (const damage of damaged) {
      const r = structuredClone(record);
      damage(r);
      expect(() => loadIndex(r, pack)).toThrow(StaleIndexError);
    }
    expect(() => loadIndex(null as unknown as IndexRecord, pack)).toThrow(StaleIndexError);
  });
});

describe('feature table', () => {
  const words = ['w:refund', 'b:my_order', 'c: re', 'c:und ', 's:refund', 'f:how', 'w:ü-umlaut', 'b:not_work'];
  const table = FeatureTable.fromList(words);

  it('maps every feature to its id and back, and unknown strings to -1', () => {
    words.forEach((w, i) => {
      expect(table.id(w)).toBe(i);
      expect(table.at(i)).toBe(w);
    });
    for (const miss of ['', 'w:refun', 'w:refundx', 'b:my_orde', 'x', 'w:REFUND']) expect(table.id(miss)).toBe(-1);
    expect(table.length).toBe(words.length);
  });

  it('finds a feature from its parts without building the string (bigrams)', () => {
    expect(table.idOf4('b:', 'my', '_', 'order')).toBe(1);
    expect(table.idOf4('b:', 'not', '_', 'work')).toBe(7);
    expect(table.idOf4('b:', 'my', '_', 'orders')).toBe(-1);
    expect(table.idOf4('b:', 'myo', '_', 'rder')).toBe(-1);
  });

  it('reads the joined text of format 1 the same way, empty included', () => {
    const again = FeatureTable.fromJoined(words.join('\n'));
    expect(again.text).toBe(table.text);
    expect([...again.off]).toEqual([...table.off]);
    expect([...again.slots]).toEqual([...table.slots]);
    const empty = FeatureTable.fromJoined('');
    expect(empty.length).toBe(0);
    expect(empty.id('w:x')).toBe(-1);
    expect(FeatureTable.valid(empty.data())).toBe(true);
  });

  it('stays correct when many features collide in a small table', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `c:${i.toString(36)}`);
    const t = FeatureTable.fromList(many);
    expect(many.every((f, i) => t.id(f) === i)).toBe(true);
    expect(t.id('c:zzzzz')).toBe(-1);
    expect(FeatureTable.valid(structuredClone(t.data()))).toBe(true);
  });
});
