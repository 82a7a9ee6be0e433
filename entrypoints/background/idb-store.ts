/**
 * IndexedDB implementation of GuidanceStore, in the extension's own origin (background, popup and
 * options share it; the helpdesk page never sees it).
 *
 * Atomicity: a new pack, the version floor of its pack id and the "active" pointer are written in
 * ONE readwrite transaction over ['packs', 'meta'], the pointer last. Any error aborts the
 * transaction explicitly: a plain throw between awaited writes would otherwise let IndexedDB
 * auto-commit what was already queued (e.g. a pointer to a pack that was never written).
 *
 * Version floor (anti-downgrade, anti-replay): meta `floor:<packId>` holds the highest version ever
 * installed for that pack id. `install()` refuses `version <= floor` inside the same transaction, so
 * two racing installs cannot both pass. Rollback (`activate()`) re-activates a stored older version
 * and deliberately leaves the floor where it is: rollback is a local, explicit choice, and automatic
 * updates can never bring back a version at or below the floor.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { ActivePointer, GuidanceStore, StoredPack } from '@/guidance/store';

interface TactlineDB extends DBSchema {
  packs: { key: string; value: StoredPack };
  meta: { key: string; value: unknown };
}

const ACTIVE = 'active';
const floorKey = (packId: string) => `floor:${packId}`;

/** Points inside a write transaction where tests inject failures (see tests/unit/updater). */
export type WritePoint = 'install:read' | 'install:put-pack' | 'install:gc' | 'install:floor' | 'install:pointer' | 'activate:pointer';

/**
 * Test hook: called before each write. Throwing simulates an exception in our own code between
 * writes; returning 'fail-request' makes the next IndexedDB request itself fail (ConstraintError).
 */
export type FaultHook = (point: WritePoint) => void | 'fail-request' | Promise<void | 'fail-request'>;

export class StoreRejected extends Error {
  override name = 'StoreRejected';
  constructor(
    readonly code: 'floor' | 'missing',
    message: string,
  ) {
    super(message);
  }
}

export type PackListing = Omit<StoredPack, 'pack' | 'index'> & { id: string; version: number; name: string; expiresAt?: string; publishedAt?: string };

export class IdbStore implements GuidanceStore {
  private db?: Promise<IDBPDatabase<TactlineDB>>;

  constructor(
    private readonly name = 'tactline',
    private readonly fault?: FaultHook,
  ) {}

  private open(): Promise<IDBPDatabase<TactlineDB>> {
    this.db ??= openDB<TactlineDB>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('packs', { keyPath: 'key' });
        db.createObjectStore('meta');
      },
    });
    return this.db;
  }

  /** Runs the fault hook; 'fail-request' issues a request that IndexedDB itself rejects. */
  private async point(p: WritePoint, tx: IDBPTransaction<TactlineDB, ('packs' | 'meta')[], 'readwrite'>): Promise<void> {
    if (!this.fault) return;
    if ((await this.fault(p)) === 'fail-request') {
      const meta = tx.objectStore('meta');
      await meta.add(p, `fault:${p}`);
      await meta.add(p, `fault:${p}`); // ConstraintError: the key exists → the request fails
    }
  }

  async getActive(): Promise<StoredPack | undefined> {
    const db = await this.open();
    const tx = db.transaction(['packs', 'meta'], 'readonly');
    const pointer = (await tx.objectStore('meta').get(ACTIVE)) as ActivePointer | undefined;
    const pack = pointer ? await tx.objectStore('packs').get(pointer.key) : undefined;
    await tx.done;
    return pack;
  }

  async getActivePointer(): Promise<ActivePointer | undefined> {
    const db = await this.open();
    return (await db.get('meta', ACTIVE)) as ActivePointer | undefined;
  }

  async get(key: string): Promise<StoredPack | undefined> {
    const db = await this.open();
    return db.get('packs', key);
  }

  /** Highest version ever installed for `packId` (0 when none). */
  async getFloor(packId: string): Promise<number> {
    const db = await this.open();
    const v = await db.get('meta', floorKey(packId));
    return typeof v === 'number' ? v : 0;
  }

  async install(next: StoredPack, keep = 5): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['packs', 'meta'], 'readwrite', { durability: 'strict' });
    try {
      const meta = tx.objectStore('meta');
      const packs = tx.objectStore('packs');
      await this.point('install:read', tx);
      const current = (await meta.get(ACTIVE)) as ActivePointer | undefined;
      const floorValue = await meta.get(floorKey(next.pack.id));
      const floor = typeof floorValue === 'number' ? floorValue : 0;
      if (next.pack.version <= floor) {
        throw new StoreRejected(
          'floor',
          `version ${next.pack.version} of "${next.pack.id}" is not newer than version ${floor}, the highest already installed (no downgrade or replay)`,
        );
      }
      await this.point('install:put-pack', tx);
      await packs.put(next);
      // Keep the newest `keep` versions (by install time); never delete the active one or `next`.
      await this.point('install:gc', tx);
      const all = await packs.getAll();
      const stale = all
        .filter((p) => p.key !== next.key && p.key !== current?.key)
        .sort((a, b) => a.installedAt.localeCompare(b.installedAt));
      const excess = all.length - keep;
      for (const p of stale.slice(0, Math.max(0, excess))) await packs.delete(p.key);
      await this.point('install:floor', tx);
      await meta.put(next.pack.version, floorKey(next.pack.id));
      // The pointer flips last.
      await this.point('install:pointer', tx);
      await meta.put({ key: next.key, previous: current?.key } satisfies ActivePointer, ACTIVE);
      await tx.done;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        /* already finished or aborted */
      }
      await tx.done.catch(() => undefined);
      throw error;
    }
  }

  /** Make a stored version active again (rollback). The version floor is left unchanged. */
  async activate(key: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['packs', 'meta'], 'readwrite', { durability: 'strict' });
    try {
      const exists = await tx.objectStore('packs').getKey(key);
      if (!exists) throw new StoreRejected('missing', `No stored pack ${key}`);
      const current = (await tx.objectStore('meta').get(ACTIVE)) as ActivePointer | undefined;
      await this.point('activate:pointer', tx);
      await tx.objectStore('meta').put({ key, previous: current?.key } satisfies ActivePointer, ACTIVE);
      await tx.done;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
      await tx.done.catch(() => undefined);
      throw error;
    }
  }

  async list(): Promise<PackListing[]> {
    const db = await this.open();
    const all = await db.getAll('packs');
    return all
      .map(({ pack, index: _index, ...rest }) => ({
        ...rest,
        id: pack.id,
        version: pack.version,
        name: pack.name,
        expiresAt: pack.expiresAt,
        publishedAt: pack.publishedAt,
      }))
      .sort((a, b) => b.installedAt.localeCompare(a.installedAt));
  }
}
