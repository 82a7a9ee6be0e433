/**
 * Upgrade from the previous stored format: database version 1 kept each whole StoredPack (index as
 * JSON text) in `packs`. Opening it with today's IdbStore moves every version into listing + body,
 * keeps the pointer and the version floor, and the engine loads the old JSON index, then writes it
 * back once in the current format.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { IdbStore } from '@/entrypoints/background/idb-store';
import { Engine } from '@/entrypoints/background/engine';
import { acceptPack } from '@/entrypoints/background/updater';
import { assertValidPack } from '@/guidance/pack/validate';
import { buildIndex, serializeIndex } from '@/guidance/index/build';
import type { StoredPack } from '@/guidance/store';
import { enc, pack } from './helpers';

let seq = 0;

/** A database exactly as version 1 of the store wrote it. */
async function versionOneDb(versions: number[], activeVersion: number, index: 'json' | 'stale' | 'none' = 'json'): Promise<string> {
  const name = `tactline-v1-${process.pid}-${++seq}`;
  const db = await openDB(name, 1, {
    upgrade(d) {
      d.createObjectStore('packs', { keyPath: 'key' });
      d.createObjectStore('meta');
    },
  });
  for (const v of versions) {
    const p = assertValidPack(pack(v));
    const other = assertValidPack(pack(v + 100));
    const stored: StoredPack = {
      key: `${p.id}@${p.version}`,
      pack: p,
      index: index === 'json' ? serializeIndex(buildIndex(p)) : index === 'stale' ? serializeIndex(buildIndex(other)) : undefined,
      source: 'url',
      installedAt: new Date(Date.UTC(2026, 0, v)).toISOString(),
      signedBy: undefined,
    };
    await db.put('packs', stored);
  }
  await db.put('meta', { key: `acme-support@${activeVersion}`, previous: `acme-support@${activeVersion - 1}` }, 'active');
  await db.put('meta', Math.max(...versions), 'floor:acme-support');
  db.close();
  return name;
}

describe('IndexedDB store: upgrade from version 1', () => {
  it('keeps every stored version, the active pointer and the floor', async () => {
    const name = await versionOneDb([1, 2, 3], 2);
    const store = new IdbStore(name);
    const active = await store.getActive();
    expect(active?.key).toBe('acme-support@2');
    expect(active?.pack.phrases[0]?.text).toContain('version 2 phrase');
    expect(typeof active?.index).toBe('string'); // the old JSON index is moved as it was
    expect(await store.getFloor('acme-support')).toBe(3);
    const list = await store.list();
    expect(list.map((l) => l.key)).toEqual(['acme-support@3', 'acme-support@2', 'acme-support@1']);
    expect(list.every((l) => !('pack' in l) && !('index' in l) && l.id === 'acme-support' && l.name === 'Acme Support')).toBe(true);
    expect((await store.get('acme-support@1'))?.pack.version).toBe(1);
    expect((await store.getActiveListing())?.version).toBe(2);
    // Version floor still refuses a replay of version 3.
    await expect(acceptPack(store, { bytes: enc(pack(3, { name: 'Changed' })), source: 'url' }, { trustedKeys: [] })).rejects.toMatchObject({ stage: 'version' });
  });

  it('the engine loads the old JSON index and writes it back once as a typed-array record', async () => {
    const name = await versionOneDb([1, 2], 2);
    const store = new IdbStore(name);
    const engine = new Engine(store);
    const l = await engine.load();
    expect(l.pack.version).toBe(2);
    const before = l.index.intents.map((i) => i.id);
    // The write-back happens in the background: wait for it.
    let idx: StoredPack['index'];
    for (let i = 0; i < 50 && typeof idx !== 'object'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      idx = (await store.getActive())?.index;
    }
    expect(typeof idx).toBe('object');
    expect((idx as { format: string }).format).toBe('tactline-index/2');
    // A fresh engine (service-worker restart) loads the record and ranks the same way.
    const again = await new Engine(store).load();
    expect(again.index.intents.map((i) => i.id)).toEqual(before);
    const s = await new Engine(store).suggestFor(
      { platform: 'demo', ticketId: 't1', subject: 'Refund', messages: [{ role: 'customer', text: 'I want my money back please' }], latestCustomerMessage: 'I want my money back please', requester: {}, tags: [], replyMode: 'public' },
      { role: 'agent' } as Parameters<Engine['suggestFor']>[1],
    );
    expect(s.signals.intents[0]?.id).toBe('refund');
  });

  it('a stale or missing old index is rebuilt once and stored, never used', async () => {
    for (const kind of ['stale', 'none'] as const) {
      const name = await versionOneDb([1, 2], 2, kind);
      const store = new IdbStore(name);
      const l = await new Engine(store).load();
      expect(l.index.packVersion).toBe(2);
      let idx: StoredPack['index'];
      for (let i = 0; i < 50 && typeof idx !== 'object'; i++) {
        await new Promise((r) => setTimeout(r, 10));
        idx = (await store.getActive())?.index;
      }
      expect((idx as { packVersion: number }).packVersion).toBe(2);
    }
  });

  it('installs and garbage-collects normally after the upgrade (bodies go with their listings)', async () => {
    const name = await versionOneDb([1, 2, 3, 4, 5], 5);
    const store = new IdbStore(name);
    const r = await acceptPack(store, { bytes: enc(pack(6)), source: 'url' }, { trustedKeys: [] });
    expect(r.outcome).toBe('installed');
    const keys = (await store.list()).map((l) => l.key).sort();
    expect(keys).toEqual(['acme-support@2', 'acme-support@3', 'acme-support@4', 'acme-support@5', 'acme-support@6']);
    expect(await store.get('acme-support@1')).toBeUndefined();
    const db = await openDB(name);
    expect((await db.getAllKeys('bodies')).sort()).toEqual(keys);
    db.close();
  });
});
