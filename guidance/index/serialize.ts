/**
 * Store the index beside its pack. The JSON is tagged with the pack id, version and a fingerprint of
 * the intents it was built from; `loadIndex` refuses an index built for anything else, so a stale
 * index can never silently mis-rank a newer pack.
 */
import type { Pack } from '../pack/types';
import { indexFingerprint } from './fingerprint';
import { createRuntime } from './score';
import { INDEX_FORMAT, type IndexData, type PackIndex } from './types';

export class StaleIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleIndexError';
  }
}

const round = (v: number): number => Math.round(v * 1e5) / 1e5;

/** Delta-encode a non-decreasing integer array (CSR pointers, sorted feature ids). */
function deltas(a: Int32Array): number[] {
  const out = new Array<number>(a.length);
  let prev = 0;
  for (let i = 0; i < a.length; i++) {
    out[i] = a[i]! - prev;
    prev = a[i]!;
  }
  return out;
}
function undelta(a: number[]): Int32Array {
  const out = new Int32Array(a.length);
  let prev = 0;
  for (let i = 0; i < a.length; i++) {
    prev += a[i]!;
    out[i] = prev;
  }
  return out;
}

export function serializeIndex(index: PackIndex | IndexData): string {
  const d = index;
  return JSON.stringify({
    format: d.format,
    packId: d.packId,
    packVersion: d.packVersion,
    fingerprint: d.fingerprint,
    params: d.params,
    intents: d.intents,
    calibration: d.calibration,
    keywords: d.keywords,
    features: d.features,
    idf: Array.from(d.idf, round),
    exStart: deltas(d.exStart),
    exPtr: deltas(d.exPtr),
    exFeat: Array.from(d.exFeat),
    exVal: Array.from(d.exVal, round),
    cPtr: deltas(d.cPtr),
    cIntent: Array.from(d.cIntent),
    cVal: Array.from(d.cVal, round),
    cNorm: Array.from(d.cNorm, round),
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
  const params = raw['params'] as IndexData['params'];
  if (raw['fingerprint'] !== indexFingerprint(pack, params)) {
    throw new StaleIndexError(`Index does not match the intents of pack ${pack.id} v${pack.version} (content changed).`);
  }
  const num = (k: string): number[] => {
    const v = raw[k];
    if (!Array.isArray(v)) throw new StaleIndexError(`Stored index lacks ${k}.`);
    return v as number[];
  };
  const data: IndexData = {
    format: INDEX_FORMAT,
    packId: pack.id,
    packVersion: pack.version,
    fingerprint: raw['fingerprint'] as string,
    params,
    intents: raw['intents'] as IndexData['intents'],
    calibration: raw['calibration'] as IndexData['calibration'],
    keywords: raw['keywords'] as IndexData['keywords'],
    features: raw['features'] as string[],
    idf: Float32Array.from(num('idf')),
    exStart: undelta(num('exStart')),
    exPtr: undelta(num('exPtr')),
    exFeat: Int32Array.from(num('exFeat')),
    exVal: Float32Array.from(num('exVal')),
    cPtr: undelta(num('cPtr')),
    cIntent: Int32Array.from(num('cIntent')),
    cVal: Float32Array.from(num('cVal')),
    cNorm: Float32Array.from(num('cNorm')),
  };
  if (data.exPtr.length !== data.exStart[data.exStart.length - 1]! + 1 || data.cPtr.length !== data.features.length + 1) {
    throw new StaleIndexError('Stored index is inconsistent.');
  }
  return { ...data, runtime: createRuntime(data) };
}
