import { describe, expect, it } from 'vitest';
import { buildIndex, loadIndex, serializeIndex, StaleIndexError } from '../../../guidance/index/build';
import { matchIntents } from '../../../guidance/understand/intent';
import { testPack } from './intent.fixture';

describe('index serialize / load', () => {
  const pack = testPack();
  const index = buildIndex(pack);
  const json = serializeIndex(index);

  it('round-trips to an index that matches exactly like the original', () => {
    const loaded = loadIndex(json, pack);
    for (const text of ['I want my money back for the broken tent', 'where is my parcel', 'what is the weather on Mars', 'password reset never arrives']) {
      const a = matchIntents(index, text);
      const b = matchIntents(loaded, text);
      expect(b.map((c) => c.id)).toEqual(a.map((c) => c.id));
      b.forEach((c, i) => expect(c.score).toBeCloseTo(a[i]!.score, 2));
    }
    expect(serializeIndex(loaded)).toBe(json);
  });

  it('is tagged with the pack id and version', () => {
    const raw = JSON.parse(json) as Record<string, unknown>;
    expect(raw['packId']).toBe(pack.id);
    expect(raw['packVersion']).toBe(pack.version);
    expect(raw['format']).toBe('tactline-index/1');
  });

  it('refuses an index built for an older pack version', () => {
    expect(() => loadIndex(json, { ...pack, version: pack.version + 1 })).toThrow(StaleIndexError);
  });

  it('refuses an index built for another pack', () => {
    expect(() => loadIndex(json, { ...pack, id: 'other-pack' })).toThrow(/built for pack/);
  });

  it('refuses an index whose intents changed under the same version', () => {
    const edited = testPack();
    edited.intents[0]!.examples.push('I need a refund for the socks');
    expect(() => loadIndex(json, edited)).toThrow(StaleIndexError);
  });

  it('refuses garbage and truncated JSON', () => {
    expect(() => loadIndex('not json', pack)).toThrow(StaleIndexError);
    expect(() => loadIndex(json.slice(0, json.length / 2), pack)).toThrow(StaleIndexError);
    expect(() => loadIndex(JSON.stringify({ format: 'something-else' }), pack)).toThrow(StaleIndexError);
  });

  it('builds deterministically (same pack → same serialized index)', () => {
    expect(serializeIndex(buildIndex(testPack()))).toBe(json);
  });
});
