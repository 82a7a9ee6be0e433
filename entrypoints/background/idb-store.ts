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
 *
 * Layout (database version 2): `packs` holds one small listing record per stored version (id,
 * version, name, source, dates), `bodies` the pack itself with its prebuilt index under the same
 * key, `meta` the pointer and floors. Listing, history and garbage collection read only the small
 * records; only the active body is read to answer tickets. The index is stored as typed arrays
 * (guidance/index/serialize.ts `indexRecord`), which IndexedDB clones with memory copies.
 * Version 1 kept the whole StoredPack (index as JSON text) in `packs`; opening such a database
 * moves every record into the new layout in the upgrade transaction (nothing is lost if it fails:
 * the upgrade aborts and version 1 stays as it was), and its JSON index still loads.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { ActivePointer, GuidanceStore, StoredPack } from '@/guidance/store';

/**
 * What `bodies` holds for each stored version: the pack object and its index. (Measured in
 * Chromium with a 20k-entry pack: the structured clone of the object graph writes and reads faster
 * than JSON text or UTF-8 JSON bytes of it, stringify and parse included.)
 */
interface PackBody {
  key: string;
  pack: StoredPack['pack'];
  index?: StoredPack['index'];
}

function bodyOf(p: StoredPack): PackBody {
  return { key: p.key, pack: p.pack, index: p.index };
}

interface TactlineDB extends DBSchema {
  /** Small listing records (version 1: whole StoredPacks, migrated on upgrade). */
  packs: { key: string; value: PackListing };
  bodies: { key: string; value: PackBody };
  meta: { key: string; value: unknown };
}

export const DB_VERSION = 2;
type Stores = ('packs' | 'bodies' | 'meta')[];
const ALL: Stores = ['packs', 'bodies', 'meta'];

export function listingOf(p: StoredPack): PackListing {
  const { pack, index: _index, ...rest } = p;
  const out: PackListing = { ...rest, id: pack.id, version: pack.version, name: pack.name };
  if (pack.expiresAt !== undefined) out.expiresAt = pack.expiresAt;
  if (pack.publishedAt !== undefined) out.publishedAt = pack.publishedAt;
  if (out.signedBy === undefined) delete out.signedBy;
  return out;
}

function compose(listing: PackListing, body: PackBody): StoredPack {
  const { id: _id, version: _version, name: _name, expiresAt: _e, publishedAt: _p, ...rest } = listing;
  return { ...rest, key: listing.key, pack: body.pack, index: body.index };
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

/** Version 1 → 2, inside the upgrade transaction: split every stored pack into listing and body. */
async function migrateV1(tx: IDBPTransaction<TactlineDB, Stores, 'versionchange'>): Promise<void> {
  const bodies = tx.objectStore('bodies');
  let cursor = await tx.objectStore('packs').openCursor();
  while (cursor) {
    const old = cursor.value as unknown as StoredPack;
    if (old && typeof old === 'object' && 'pack' in old) {
      await bodies.put({ key: old.key, pack: old.pack, index: old.index });
      await cursor.update(listingOf(old));
    }
    cursor = await cursor.continue();
  }
}

export class IdbStore implements GuidanceStore {
  private db?: Promise<IDBPDatabase<TactlineDB>>;

  constructor(
    private readonly name = 'tactline',
    private readonly fault?: FaultHook,
  ) {}

  private open(): Promise<IDBPDatabase<TactlineDB>> {
    this.db ??= openDB<TactlineDB>(this.name, DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          db.createObjectStore('packs', { keyPath: 'key' });
          db.createObjectStore('meta');
        }
        if (oldVersion < 2) {
          db.createObjectStore('bodies', { keyPath: 'key' });
          if (oldVersion >= 1) {
            void migrateV1(tx).catch(() => {
              try {
                tx.abort(); // the database stays at version 1, unchanged; the next open retries
              } catch {
                /* already aborted */
              }
            });
          }
        }
      },
    });
    this.db.catch(() => (this.db = undefined));
    return this.db;
  }

  /** Runs the fault hook; 'fail-request' issues a request that IndexedDB itself rejects. */
  private async point(p: WritePoint, tx: IDBPTransaction<TactlineDB, Stores, 'readwrite'>): Promise<void> {
    if (!this.fault) return;
    if ((await this.fault(p)) === 'fail-request') {
      const meta = tx.objectStore('meta');
      await meta.add(p, `fault:${p}`);
      await meta.add(p, `fault:${p}`); // ConstraintError: the key exists → the request fails
    }
  }

  async getActive(): Promise<StoredPack | undefined> {
    const db = await this.open();
    const tx = db.transaction(ALL, 'readonly');
    const pointer = (await tx.objectStore('meta').get(ACTIVE)) as ActivePointer | undefined;
    const [listing, body] = pointer ? await Promise.all([tx.objectStore('packs').get(pointer.key), tx.objectStore('bodies').get(pointer.key)]) : [];
    await tx.done;
    return listing && body ? compose(listing, body) : undefined;
  }

  /** The active version's listing (no pack body read). */
  async getActiveListing(): Promise<PackListing | undefined> {
    const db = await this.open();
    const tx = db.transaction(['packs', 'meta'], 'readonly');
    const pointer = (await tx.objectStore('meta').get(ACTIVE)) as ActivePointer | undefined;
    const listing = pointer ? await tx.objectStore('packs').get(pointer.key) : undefined;
    await tx.done;
    return listing;
  }

  /** One stored version's listing (no pack body read). */
  async getListing(key: string): Promise<PackListing | undefined> {
    const db = await this.open();
    return db.get('packs', key);
  }

  /**
   * Replace the stored index of a stored version (a format upgrade or a rebuild after a stale
   * index). Only the index changes; the pack, the pointer and the floor are untouched.
   */
  async putIndex(key: string, index: NonNullable<StoredPack['index']>): Promise<void> {
    const db = await this.open();
    const tx = db.transaction('bodies', 'readwrite');
    const body = await tx.store.get(key);
    if (body) await tx.store.put({ ...body, index });
    await tx.done;
  }

  async getActivePointer(): Promise<ActivePointer | undefined> {
    const db = await this.open();
    return (await db.get('meta', ACTIVE)) as ActivePointer | undefined;
  }

  async get(key: string): Promise<StoredPack | undefined> {
    const db = await this.open();
    const tx = db.transaction(['packs', 'bodies'], 'readonly');
    const [listing, body] = await Promise.all([tx.objectStore('packs').get(key), tx.objectStore('bodies').get(key)]);
    await tx.done;
    return listing && body ? compose(listing, body) : undefined;
  }

  /** Highest version ever installed for `packId` (0 when none). */
  async getFloor(packId: string): Promise<number> {
    const db = await this.open();
    const v = await db.get('meta', floorKey(packId));
    return typeof v === 'number' ? v : 0;
  }

  async install(next: StoredPack, keep = 5): Promise<void> {
    const db = await this.open();
    const body = bodyOf(next);
    const tx = db.transaction(ALL, 'readwrite', { durability: 'strict' });
    try {
      const meta = tx.objectStore('meta');
      const packs = tx.objectStore('packs');
      const bodies = tx.objectStore('bodies');
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
      await Promise.all([bodies.put(body), packs.put(listingOf(next))]);
      // Keep the newest `keep` versions (by install time); never delete the active one or `next`.
      // Only the small listing records are read.
      await this.point('install:gc', tx);
      const all = await packs.getAll();
      const stale = all
        .filter((p) => p.key !== next.key && p.key !== current?.key)
        .sort((a, b) => a.installedAt.localeCompare(b.installedAt));
      const excess = all.length - keep;
      for (const p of stale.slice(0, Math.max(0, excess))) await Promise.all([packs.delete(p.key), bodies.delete(p.key)]);
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
    return all.sort((a, b) => b.installedAt.localeCompare(a.installedAt));
  }
}
