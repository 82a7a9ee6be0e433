/**
 * IndexedDB implementation of GuidanceStore, in the extension's own origin (background, popup and
 * options share it; the helpdesk page never sees it).
 *
 * Atomicity: a new pack and the "active" pointer are written in ONE readwrite transaction over
 * ['packs', 'meta'], the pointer last. Any error aborts the transaction explicitly: a plain throw
 * between awaited writes would otherwise let IndexedDB auto-commit what was already queued.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ActivePointer, GuidanceStore, StoredPack } from '@/guidance/store';

interface TactlineDB extends DBSchema {
  packs: { key: string; value: StoredPack };
  meta: { key: string; value: ActivePointer | { key: string; value: unknown } };
}

const ACTIVE = 'active';

export class IdbStore implements GuidanceStore {
  private db?: Promise<IDBPDatabase<TactlineDB>>;

  constructor(private readonly name = 'tactline') {}

  private open(): Promise<IDBPDatabase<TactlineDB>> {
    this.db ??= openDB<TactlineDB>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('packs', { keyPath: 'key' });
        db.createObjectStore('meta');
      },
    });
    return this.db;
  }

  async getActive(): Promise<StoredPack | undefined> {
    const db = await this.open();
    const tx = db.transaction(['packs', 'meta'], 'readonly');
    const pointer = (await tx.objectStore('meta').get(ACTIVE)) as ActivePointer | undefined;
    const pack = pointer ? await tx.objectStore('packs').get(pointer.key) : undefined;
    await tx.done;
    return pack;
  }

  async install(next: StoredPack, keep = 5): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['packs', 'meta'], 'readwrite', { durability: 'strict' });
    try {
      const meta = tx.objectStore('meta');
      const packs = tx.objectStore('packs');
      const current = (await meta.get(ACTIVE)) as ActivePointer | undefined;
      await packs.put(next);
      // Keep the newest `keep` versions (by install time), never the active one's replacement.
      const all = await packs.getAll();
      const stale = all
        .filter((p) => p.key !== next.key && p.key !== current?.key)
        .sort((a, b) => a.installedAt.localeCompare(b.installedAt));
      const excess = all.length - keep;
      for (const p of stale.slice(0, Math.max(0, excess))) await packs.delete(p.key);
      // The pointer flips last.
      await meta.put({ key: next.key, previous: current?.key } satisfies ActivePointer, ACTIVE);
      await tx.done;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        /* already finished or aborted */
      }
      throw error;
    }
  }

  async activate(key: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['packs', 'meta'], 'readwrite', { durability: 'strict' });
    try {
      const exists = await tx.objectStore('packs').getKey(key);
      if (!exists) throw new Error(`No stored pack ${key}`);
      const current = (await tx.objectStore('meta').get(ACTIVE)) as ActivePointer | undefined;
      await tx.objectStore('meta').put({ key, previous: current?.key } satisfies ActivePointer, ACTIVE);
      await tx.done;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
      throw error;
    }
  }

  async list() {
    const db = await this.open();
    const all = await db.getAll('packs');
    return all.map(({ pack, index: _index, ...rest }) => ({ ...rest, id: pack.id, version: pack.version, name: pack.name }));
  }
}
