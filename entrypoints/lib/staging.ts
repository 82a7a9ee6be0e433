/**
 * Staged hand-over of an imported pack file from an extension page to the background.
 *
 * Chrome carries a `runtime.sendMessage` payload through extension messaging slowly (about 0.8 s
 * for 5.4 MB of text, measured). The options page and the service worker share the extension
 * origin, so the page writes the file into a small dedicated IndexedDB database instead and sends
 * only the record's random id ('pack/import' `{ staged: id }`); the background takes the record
 * (reads and deletes it in one transaction) and runs the same import pipeline as for `text`.
 *
 * Nothing is left behind: taking a record also deletes every record older than
 * STAGING_MAX_AGE_MS, and when the store is empty the whole database is deleted (the privacy audit
 * allows no IndexedDB database but 'tactline' in the extension origin). `sweepStaged()` does the
 * same at worker start without creating the database when it does not exist.
 */
import { STAGED_ID } from '@/guidance/protocol';
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';

export const STAGING_DB = 'tactline-staging';
const STORE = 'files';
/** A staged record older than this is deleted (on worker start and on every import). */
export const STAGING_MAX_AGE_MS = 10 * 60 * 1000;
export const NOT_HANDED_OVER = 'The file was not handed over; try again';

/** What the page hands over: the same fields as 'pack/import' `text`. */
export interface StagedFile {
  text: string;
  filename?: string;
  signature?: string;
}

interface StagedRecord extends StagedFile {
  id: string;
  /** Date.now() when staged. */
  at: number;
}

interface StagingDB extends DBSchema {
  files: { key: string; value: StagedRecord; indexes: { at: number } };
}

export interface StagingOptions {
  /** Clock (tests). */
  now?: () => number;
}

function open(): Promise<IDBPDatabase<StagingDB>> {
  return openDB<StagingDB>(STAGING_DB, 1, {
    upgrade(db) {
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' }).createIndex('at', 'at');
    },
  });
}

type Store = IDBPTransaction<StagingDB, ['files'], 'readwrite'>['store'];

/**
 * One readwrite transaction on the store: `work`, then delete every expired record. Closes the
 * connection and deletes the database when no record is left.
 */
async function inTransaction<T>(now: number, work: (store: Store) => Promise<T>): Promise<T> {
  const db = await open();
  let out: T;
  let left: number;
  try {
    const tx = db.transaction(STORE, 'readwrite');
    out = await work(tx.store);
    // Keys only (a staged value is megabytes of text): records staged before the limit.
    const old = IDBKeyRange.upperBound(now - STAGING_MAX_AGE_MS);
    for (let c = await tx.store.index('at').openKeyCursor(old); c; c = await c.continue()) await tx.store.delete(c.primaryKey);
    left = await tx.store.count();
    await tx.done;
  } finally {
    db.close();
  }
  if (left === 0) await deleteDB(STAGING_DB);
  return out;
}

const fresh = (rec: StagedRecord, now: number) => rec.at <= now && now - rec.at < STAGING_MAX_AGE_MS;

/**
 * Page side: write the file into the staging database. Returns the id to send as
 * 'pack/import' `{ staged: id }`.
 */
export async function stageFile(file: StagedFile, opts: StagingOptions = {}): Promise<string> {
  const id = globalThis.crypto.randomUUID();
  const rec: StagedRecord = { id, at: (opts.now ?? Date.now)(), text: file.text };
  if (file.filename !== undefined) rec.filename = file.filename;
  if (file.signature !== undefined) rec.signature = file.signature;
  const db = await open();
  try {
    const tx = db.transaction(STORE, 'readwrite');
    await Promise.all([tx.store.put(rec), tx.done]);
  } finally {
    db.close();
  }
  return id;
}

/**
 * Background side: read and delete the staged record (and every expired one) in one transaction.
 * Throws NOT_HANDED_OVER when the id is unknown or the record expired.
 */
export async function takeStaged(id: string, opts: StagingOptions = {}): Promise<StagedFile> {
  if (!STAGED_ID.test(id) || !(await exists())) throw new Error(NOT_HANDED_OVER);
  const now = (opts.now ?? Date.now)();
  const rec = await inTransaction(now, async (store) => {
    const r = await store.get(id);
    if (r) await store.delete(id);
    return r;
  });
  if (!rec || typeof rec.text !== 'string' || !fresh(rec, now)) throw new Error(NOT_HANDED_OVER);
  const out: StagedFile = { text: rec.text };
  if (rec.filename !== undefined) out.filename = rec.filename;
  if (rec.signature !== undefined) out.signature = rec.signature;
  return out;
}

/**
 * Page side, after the reply (or a failed send): delete the record if the background did not take
 * it. Never creates the database.
 */
export async function discardStaged(id: string, opts: StagingOptions = {}): Promise<void> {
  if (await exists()) await inTransaction((opts.now ?? Date.now)(), (store) => store.delete(id));
}

/** Worker start: delete expired records (and the database when empty). Never creates the database. */
export async function sweepStaged(opts: StagingOptions = {}): Promise<void> {
  if (await exists()) await inTransaction((opts.now ?? Date.now)(), async () => undefined);
}

/** Does the staging database exist? (When the browser cannot list databases: assume it may.) */
async function exists(): Promise<boolean> {
  const idb = globalThis.indexedDB as IDBFactory | undefined;
  if (!idb) return false;
  if (typeof idb.databases !== 'function') return true;
  return (await idb.databases()).some((d) => d.name === STAGING_DB);
}
