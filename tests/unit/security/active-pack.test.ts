/**
 * "The active pack untouched": adversarial packs from the fuzz arbitraries go through the real import
 * pipeline (PackAdmin.importFile → acceptPack → IndexedDB store, fake-indexeddb) on top of an
 * installed pack. Every one is refused, and the active pack, its stored versions and the version
 * floor stay exactly as they were.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '@/entrypoints/background/engine';
import { PackAdmin } from '@/entrypoints/background/admin';
import { validateManagedPolicy } from '@/entrypoints/background/policy';
import { freshStore, memoryKv, pack } from '../updater/helpers';
import { caseArbitrary, type FuzzCase } from '../../fuzz/pack-fuzz';

function asText(c: FuzzCase): string | undefined {
  if (c.text !== undefined) return c.text;
  if (c.bytes !== undefined) return new TextDecoder().decode(c.bytes);
  try {
    return JSON.stringify(c.object);
  } catch {
    return undefined; // 100,000-deep objects cannot be written as text here (the loader caps depth anyway)
  }
}

describe('adversarial imports leave the active pack untouched', () => {
  it('400 adversarial packs through importFile: all refused, active pack / history / floor unchanged', async () => {
    const store = freshStore();
    const engine = new Engine(store);
    const admin = new PackAdmin({
      engine,
      store,
      kv: memoryKv(),
      readPolicy: async () => validateManagedPolicy({}),
      readSettings: async () => ({ role: '', agentName: 'Ada Example', dock: 'right' }),
      now: () => new Date('2026-11-24T12:00:00Z'),
    });
    const first = await admin.importFile(JSON.stringify(pack(3)), 'acme.json');
    expect(first.ok, first.errors.join('\n')).toBe(true);
    const snap = async () => {
      const active = await store.getActive();
      return { key: active?.key, pack: JSON.stringify(active?.pack), index: indexPrint(active?.index), keys: (await store.list()).map((p) => p.key).sort(), floor: await store.getFloor('acme-support') };
    };
    const before = await snap();
    const cases = fc.sample(caseArbitrary().filter((c) => c.adversarial && c.kind !== 'oversize'), { numRuns: 400, seed: 4242 });
    let tried = 0;
    for (const c of cases) {
      const text = asText(c);
      if (text === undefined) continue;
      tried++;
      const r = await admin.importFile(text, c.filename ?? 'pack.json');
      expect(r.ok, `${c.kind}: ${c.what}`).toBe(false);
      expect(r.errors.length, c.what).toBeGreaterThan(0);
    }
    expect(tried).toBeGreaterThan(300);
    expect(await snap()).toEqual(before);
    // The same pipeline still accepts a good pack afterwards (the store was not wedged).
    const next = await admin.importFile(JSON.stringify(pack(4)), 'acme.json');
    expect(next.ok, next.errors.join('\n')).toBe(true);
    expect((await store.getActive())?.key).toBe('acme-support@4');
  }, 240_000);
});

/** A fingerprint of the stored index (JSON text of older stores, or the typed-array record). */
function indexPrint(index: unknown): string | undefined {
  if (index === undefined) return undefined;
  if (typeof index === 'string') return `json:${index.length}`;
  return Object.entries(index as Record<string, unknown>)
    .map(([k, v]) => `${k}:${v && typeof v === 'object' && 'length' in v ? (v as { length: number }).length : typeof v}`)
    .join(',');
}
