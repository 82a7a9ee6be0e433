/**
 * Storage behind a small interface. The background implements it with IndexedDB (idb) in the
 * extension's own origin; tests and the CLI use the in-memory twin.
 *
 * Packs are stored whole (one record per pack version, plus its prebuilt index): one record reads
 * quickly even at 20k entries, where one record per entry takes over a second to write.
 */
import type { Pack } from './pack/types';
import type { IndexRecord } from './index/types';

export interface StoredPack {
  /** `${pack.id}@${pack.version}` */
  key: string;
  pack: Pack;
  /**
   * Prebuilt index for this exact pack version (see guidance/index/serialize.ts): a typed-array
   * record (`indexRecord`), or JSON text (`serializeIndex`) as stored by earlier versions.
   */
  index?: string | IndexRecord;
  source: PackSource;
  installedAt: string;
  /** Key id that signed it, when it was signed. */
  signedBy?: string;
}

export type PackSource = 'bundled' | 'file' | 'url' | 'policy';

export interface ActivePointer {
  key: string;
  previous?: string;
}

export interface GuidanceStore {
  /** The active pack with its stored index, or undefined when nothing was installed yet. */
  getActive(): Promise<StoredPack | undefined>;
  /**
   * Store `next` and make it active in one atomic step: either both happen or neither.
   * Implementations keep the last `keep` versions for rollback.
   */
  install(next: StoredPack, keep?: number): Promise<void>;
  /** Make an already stored version active again. */
  activate(key: string): Promise<void>;
  list(): Promise<Array<Omit<StoredPack, 'pack' | 'index'> & { id: string; version: number; name: string }>>;
  /** Replace the stored index of a stored version (format upgrade, rebuild); optional. */
  putIndex?(key: string, index: NonNullable<StoredPack['index']>): Promise<void>;
}

/** In-memory twin of the IndexedDB store, for tests and the CLI. */
export class MemoryStore implements GuidanceStore {
  private packs = new Map<string, StoredPack>();
  private active?: ActivePointer;

  async getActive(): Promise<StoredPack | undefined> {
    return this.active ? this.packs.get(this.active.key) : undefined;
  }

  async install(next: StoredPack, keep = 5): Promise<void> {
    this.packs.set(next.key, next);
    this.active = { key: next.key, previous: this.active?.key };
    const keys = [...this.packs.keys()];
    while (keys.length > keep) {
      const oldest = keys.shift();
      if (oldest && oldest !== this.active.key) this.packs.delete(oldest);
    }
  }

  async activate(key: string): Promise<void> {
    if (!this.packs.has(key)) throw new Error(`No stored pack ${key}`);
    this.active = { key, previous: this.active?.key };
  }

  async list() {
    return [...this.packs.values()].map(({ pack, index: _index, ...rest }) => ({
      ...rest,
      id: pack.id,
      version: pack.version,
      name: pack.name,
    }));
  }
}
