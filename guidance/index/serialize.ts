/**
 * Store the index beside its pack. The JSON is tagged with the pack id, version and a fingerprint of
 * the intents it was built from; `loadIndex` refuses an index built for anything else, so a stale
 * index can never silently mis-rank a newer pack.
 */
import type { Pack } from '../pack/types';
import { indexFingerprint } from './fingerprint';
import { createRuntime } from './score';
import { deriveIndex } from './derive';
import { INDEX_FORMAT, type PackIndex, type StoredIndex } from './types';

export class StaleIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleIndexError';
  }
}

/** Feature ids of each example, delta-encoded within the example (ids ascending → small numbers). */
function encodeFeat(ptr: Int32Array, feat: Int32Array): number[] {
  const out = new Array<number>(feat.length);
  for (let j = 0; j + 1 < ptr.length; j++) {
    let prev = 0;
    for (let p = ptr[j]!; p < ptr[j + 1]!; p++) {
      out[p] = feat[p]! - prev;
      prev = feat[p]!;
    }
  }
  return out;
}
function decodeFeat(ptr: Int32Array, enc: number[]): Int32Array {
  const out = new Int32Array(enc.length);
  for (let j = 0; j + 1 < ptr.length; j++) {
    let prev = 0;
    for (let p = ptr[j]!; p < ptr[j + 1]!; p++) {
      prev += enc[p]!;
      out[p] = prev;
    }
  }
  return out;
}

/** Example lengths instead of CSR pointers. */
function lengths(ptr: Int32Array): number[] {
  const out = new Array<number>(ptr.length - 1);
  for (let j = 0; j + 1 < ptr.length; j++) out[j] = ptr[j + 1]! - ptr[j]!;
  return out;
}
function fromLengths(len: number[]): Int32Array {
  const out = new Int32Array(len.length + 1);
  for (let j = 0; j < len.length; j++) out[j + 1] = out[j]! + len[j]!;
  return out;
}

/**
 * Serialise the stored part only: feature strings, per-example feature ids (delta-encoded) and
 * term counts (only those above 1), keywords, calibration. IDF, weights and centroids are derived
 * again at load (a few milliseconds), which keeps the stored index several times smaller.
 */
export function serializeIndex(index: StoredIndex): string {
  const d = index;
  const tfOver1: number[] = [];
  for (let p = 0; p < d.exTf.length; p++) if (d.exTf[p]! > 1) tfOver1.push(p, d.exTf[p]!);
  return JSON.stringify({
    format: d.format,
    packId: d.packId,
    packVersion: d.packVersion,
    fingerprint: d.fingerprint,
    params: d.params,
    intents: d.intents,
    calibration: d.calibration,
    keywords: d.keywords,
    features: d.features.join('\n'),
    exCount: lengths(d.exStart),
    exLen: lengths(d.exPtr),
    exFeat: encodeFeat(d.exPtr, d.exFeat),
    tfOver1,
  });
}

/** Parse a stored index and check it belongs to `pack`; throws StaleIndexError otherwise. */
export function loadIndex(json: string, pack: Pack): PackIndex {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new StaleIndexError('Stored index is not valid JSON.');
  }
  if (raw['format'] !== INDEX_FORMAT) throw new StaleIndexError(`Unknown index format ${String(raw['format'])}.`);
  if (raw['packId'] !== pack.id || raw['packVersion'] !== pack.version) {
    throw new StaleIndexError(
      `Index was built for pack ${String(raw['packId'])} v${String(raw['packVersion'])}, not ${pack.id} v${pack.version}.`,
    );
  }
  const params = raw['params'] as StoredIndex['params'];
  if (raw['fingerprint'] !== indexFingerprint(pack, params)) {
    throw new StaleIndexError(`Index does not match the intents of pack ${pack.id} v${pack.version} (content changed).`);
  }
  const num = (k: string): number[] => {
    const v = raw[k];
    if (!Array.isArray(v)) throw new StaleIndexError(`Stored index lacks ${k}.`);
    return v as number[];
  };
  if (typeof raw['features'] !== 'string') throw new StaleIndexError('Stored index lacks features.');
  const features = raw['features'] === '' ? [] : raw['features'].split('\n');
  const exStart = fromLengths(num('exCount'));
  const exPtr = fromLengths(num('exLen'));
  const enc = num('exFeat');
  if (enc.length !== exPtr[exPtr.length - 1] || exStart[exStart.length - 1] !== exPtr.length - 1) {
    throw new StaleIndexError('Stored index is inconsistent.');
  }
  const exFeat = decodeFeat(exPtr, enc);
  for (let p = 0; p < exFeat.length; p++) if (!(exFeat[p]! >= 0 && exFeat[p]! < features.length)) throw new StaleIndexError('Stored index is inconsistent.');
  const exTf = new Uint16Array(exFeat.length).fill(1);
  const over = num('tfOver1');
  for (let k = 0; k + 1 < over.length; k += 2) exTf[over[k]!] = over[k + 1]!;
  const stored: StoredIndex = {
    format: INDEX_FORMAT,
    packId: pack.id,
    packVersion: pack.version,
    fingerprint: raw['fingerprint'] as string,
    params,
    intents: raw['intents'] as StoredIndex['intents'],
    calibration: raw['calibration'] as StoredIndex['calibration'],
    keywords: raw['keywords'] as StoredIndex['keywords'],
    features,
    exStart,
    exPtr,
    exFeat,
    exTf,
  };
  const data = deriveIndex(stored);
  return { ...data, runtime: createRuntime(data) };
}
