/**
 * The feature vocabulary as plain data: every feature string in one text ('\n' after each), start
 * offsets, and an open-addressing hash table (FNV-1a, linear probing) from feature string to id.
 *
 * Built once with the index and stored with it. Everything is a string or a typed array, so the
 * structured clone IndexedDB does on read is a few memory copies: loading a stored index creates
 * neither one string per feature nor a Map of them (tens of milliseconds at 40k+ features).
 */
export interface FeatureTableData {
  /** Every feature followed by '\n'. */
  text: string;
  /** off[i] = start of feature i in `text`; off[length] = text.length. */
  off: Int32Array;
  /** Hash slots (size a power of two, at least twice the feature count): feature id or -1. */
  slots: Int32Array;
  /** The full 32-bit hash of the feature in each used slot (a probe skips other features without reading them). */
  hashes: Int32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

export class FeatureTable implements FeatureTableData {
  readonly length: number;
  private readonly mask: number;

  constructor(
    readonly text: string,
    readonly off: Int32Array,
    readonly slots: Int32Array,
    readonly hashes: Int32Array,
  ) {
    this.length = off.length - 1;
    this.mask = slots.length - 1;
  }

  /** Table over a list of distinct features (none may contain '\n'). */
  static fromList(features: readonly string[]): FeatureTable {
    const off = new Int32Array(features.length + 1);
    let at = 0;
    for (let i = 0; i < features.length; i++) {
      off[i] = at;
      at += features[i]!.length + 1;
    }
    off[features.length] = at;
    return FeatureTable.hashed(features.length === 0 ? '' : features.join('\n') + '\n', off);
  }

  /** Table over the '\n'-joined text of the previous stored format (no trailing '\n'). */
  static fromJoined(joined: string): FeatureTable {
    if (joined === '') return FeatureTable.hashed('', new Int32Array(1));
    const text = joined + '\n';
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    const off = new Int32Array(n + 1);
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) off[k++] = i + 1;
    return FeatureTable.hashed(text, off);
  }

  /** Rebuild the class around stored data (no copies). */
  static from(data: FeatureTableData): FeatureTable {
    return data instanceof FeatureTable ? data : new FeatureTable(data.text, data.off, data.slots, data.hashes);
  }

  private static hashed(text: string, off: Int32Array): FeatureTable {
    const n = off.length - 1;
    let size = 16;
    while (size < n * 2) size *= 2;
    const slots = new Int32Array(size).fill(-1);
    const hashes = new Int32Array(size);
    const mask = size - 1;
    for (let id = 0; id < n; id++) {
      let h = FNV_OFFSET;
      for (let i = off[id]!, end = off[id + 1]! - 1; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
      let s = (h >>> 0) & mask;
      while (slots[s] !== -1) s = (s + 1) & mask;
      slots[s] = id;
      hashes[s] = h | 0;
    }
    return new FeatureTable(text, off, slots, hashes);
  }

  /** Plain data for storage. */
  data(): FeatureTableData {
    return { text: this.text, off: this.off, slots: this.slots, hashes: this.hashes };
  }

  /** The feature string of an id. */
  at(id: number): string {
    return this.text.slice(this.off[id]!, this.off[id + 1]! - 1);
  }

  /** First character code of a feature (its group letter). */
  firstCode(id: number): number {
    return this.text.charCodeAt(this.off[id]!);
  }

  /** Id of a feature, or -1. */
  id(feature: string): number {
    return this.find(mix(FNV_OFFSET, feature), feature, '', '', '');
  }

  /** Id of the feature a + b + c + d, without building that string (bigram lookups), or -1. */
  idOf4(a: string, b: string, c: string, d: string): number {
    return this.find(mix(mix(mix(mix(FNV_OFFSET, a), b), c), d), a, b, c, d);
  }

  private find(h: number, a: string, b: string, c: string, d: string): number {
    const len = a.length + b.length + c.length + d.length;
    const { slots, hashes, off, text, mask } = this;
    const h32 = h | 0;
    for (let s = (h >>> 0) & mask; ; s = (s + 1) & mask) {
      const id = slots[s]!;
      if (id < 0) return -1;
      if (hashes[s] !== h32) continue;
      const start = off[id]!;
      if (off[id + 1]! - 1 - start !== len) continue;
      if (same(text, start, a) && same(text, start + a.length, b) && same(text, start + a.length + b.length, c) && same(text, start + len - d.length, d)) return id;
    }
  }

  /** Structural check of stored data (corruption, not tampering: the data is the extension's own). */
  static valid(data: unknown): data is FeatureTableData {
    const d = data as Partial<FeatureTableData> | null;
    if (!d || typeof d.text !== 'string' || !isTyped(d.off, 'Int32Array') || !isTyped(d.slots, 'Int32Array') || !isTyped(d.hashes, 'Int32Array')) return false;
    const n = d.off.length - 1;
    if (n < 0 || d.off[0] !== 0 || d.off[n] !== d.text.length) return false;
    const size = d.slots.length;
    if (size < 16 || (size & (size - 1)) !== 0 || size < n * 2 || d.hashes.length !== size) return false;
    for (let i = 0; i < n; i++) if (!(d.off[i + 1]! > d.off[i]!) || d.text.charCodeAt(d.off[i + 1]! - 1) !== 10) return false;
    let used = 0;
    for (let s = 0; s < size; s++) {
      const id = d.slots[s]!;
      if (id === -1) continue;
      if (!(id >= 0 && id < n)) return false;
      let h = FNV_OFFSET;
      for (let i = d.off[id]!, end = d.off[id + 1]! - 1; i < end; i++) h = Math.imul(h ^ d.text.charCodeAt(i), FNV_PRIME);
      if ((h | 0) !== d.hashes[s]) return false;
      used++;
    }
    return used === n;
  }
}

function same(text: string, at: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (text.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
  return true;
}

/** True when `v` is a typed array of that kind (by tag: survives structured clone and realms). */
export function isTyped<K extends 'Int32Array' | 'Uint16Array' | 'Uint8Array' | 'Float32Array'>(
  v: unknown,
  kind: K,
): v is { Int32Array: Int32Array; Uint16Array: Uint16Array; Uint8Array: Uint8Array; Float32Array: Float32Array }[K] {
  return ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === `[object ${kind}]`;
}
