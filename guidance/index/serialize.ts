/**
 * Store the index beside its pack, in one of two forms:
 *  - `indexRecord()` (format 2, what the extension stores in IndexedDB): typed arrays and strings,
 *    derived arrays included, so loading after a service-worker restart is a structured clone plus
 *    consistency checks — no JSON parse, no derivation, no Map of features;
 *  - `serializeIndex()` (format 1): compact JSON text (the derived arrays are recomputed at load);
 *    what earlier versions stored, and still accepted by `loadIndex`.
 * Both are tagged with the pack id, version and a fingerprint of the intents they were built from;
 * `loadIndex` refuses an index built for anything else, so a stale index can never silently
 * mis-rank a newer pack.
 */
import type { Pack } from '../pack/types';
import { indexFingerprint } from './fingerprint';
import { createRuntime } from './score';
import { deriveIndex } from './derive';
import { FeatureTable, isTyped } from './table';
import { INDEX_FORMAT, INDEX_RECORD_FORMAT, type IndexData, type IndexRecord, type PackIndex, type StoredIndex } from './types';

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
    features: d.features.text.slice(0, -1),
    exCount: lengths(d.exStart),
    exLen: lengths(d.exPtr),
    exFeat: encodeFeat(d.exPtr, d.exFeat),
    tfOver1,
  });
}

/** The index as IndexedDB stores it (format 2). The arrays are shared, not copied (IndexedDB copies on write). */
export function indexRecord(index: IndexData): IndexRecord {
  const d = index;
  return {
    format: INDEX_RECORD_FORMAT,
    packId: d.packId,
    packVersion: d.packVersion,
    fingerprint: d.fingerprint,
    params: d.params,
    intents: d.intents,
    keywords: d.keywords,
    calibration: d.calibration,
    features: d.features.data(),
    groups: d.groups,
    exStart: d.exStart,
    exPtr: d.exPtr,
    exFeat: d.exFeat,
    exTf: d.exTf,
    idf: d.idf,
    exVal: d.exVal,
    exNorm: d.exNorm,
    cPtr: d.cPtr,
    cIntent: d.cIntent,
    cVal: d.cVal,
    cNorm: d.cNorm,
  };
}

/** Pack id, version and fingerprint must match `pack`; throws StaleIndexError otherwise. */
function checkBelongs(raw: Record<string, unknown>, pack: Pack): void {
  if (raw['packId'] !== pack.id || raw['packVersion'] !== pack.version) {
    throw new StaleIndexError(
      `Index was built for pack ${String(raw['packId'])} v${String(raw['packVersion'])}, not ${pack.id} v${pack.version}.`,
    );
  }
  if (raw['fingerprint'] !== indexFingerprint(pack, raw['params'] as StoredIndex['params'])) {
    throw new StaleIndexError(`Index does not match the intents of pack ${pack.id} v${pack.version} (content changed).`);
  }
}

function inRange(a: Int32Array, n: number): boolean {
  for (let p = 0; p < a.length; p++) if (!(a[p]! >= 0 && a[p]! < n)) return false;
  return true;
}

function ascending(a: Int32Array, last: number): boolean {
  if (a[0] !== 0 || a[a.length - 1] !== last) return false;
  for (let i = 1; i < a.length; i++) if (a[i]! < a[i - 1]!) return false;
  return true;
}

/** A format-2 record → the live index, after checking it is whole and consistent. */
function loadRecord(r: IndexRecord, pack: Pack): PackIndex {
  checkBelongs(r as unknown as Record<string, unknown>, pack);
  const bad = (): never => {
    throw new StaleIndexError('Stored index is inconsistent.');
  };
  if (!Array.isArray(r.intents) || !Array.isArray(r.keywords) || typeof r.calibration !== 'object' || r.calibration === null) bad();
  if (!FeatureTable.valid(r.features)) bad();
  const ints = [r.exStart, r.exPtr, r.exFeat, r.cPtr, r.cIntent] as unknown[];
  const floats = [r.idf, r.exVal, r.exNorm, r.cVal, r.cNorm] as unknown[];
  if (!ints.every((a) => isTyped(a, 'Int32Array')) || !floats.every((a) => isTyped(a, 'Float32Array')) || !isTyped(r.exTf, 'Uint16Array') || !isTyped(r.groups, 'Uint8Array')) bad();
  const nF = r.features.off.length - 1;
  const nI = r.intents.length;
  const nEx = r.exPtr.length - 1;
  const nP = r.exFeat.length;
  if (r.exStart.length !== nI + 1 || !ascending(r.exStart, nEx) || !ascending(r.exPtr, nP)) bad();
  if (r.exTf.length !== nP || r.exVal.length !== nP || r.exNorm.length !== nEx || r.idf.length !== nF || r.groups.length !== nF || r.cNorm.length !== nI) bad();
  if (r.cPtr.length !== nF + 1 || !ascending(r.cPtr, r.cIntent.length) || r.cVal.length !== r.cIntent.length) bad();
  if (!inRange(r.exFeat, nF) || !inRange(r.cIntent, nI)) bad();
  for (const k of r.keywords) if (!(k && Number.isInteger(k.intent) && k.intent >= 0 && k.intent < nI && Array.isArray(k.stems))) bad();
  const data: IndexData = {
    format: INDEX_FORMAT,
    packId: pack.id,
    packVersion: pack.version,
    fingerprint: r.fingerprint,
    params: r.params,
    intents: r.intents,
    keywords: r.keywords,
    calibration: r.calibration,
    features: FeatureTable.from(r.features),
    groups: r.groups,
    exStart: r.exStart,
    exPtr: r.exPtr,
    exFeat: r.exFeat,
    exTf: r.exTf,
    idf: r.idf,
    exVal: r.exVal,
    exNorm: r.exNorm,
    cPtr: r.cPtr,
    cIntent: r.cIntent,
    cVal: r.cVal,
    cNorm: r.cNorm,
  };
  return { ...data, runtime: createRuntime(data) };
}

/**
 * Load a stored index — a format-2 record (`indexRecord`) or format-1 JSON text (`serializeIndex`)
 * — and check it belongs to `pack`; throws StaleIndexError otherwise.
 */
export function loadIndex(stored: string | IndexRecord, pack: Pack): PackIndex {
  if (typeof stored !== 'string') {
    if (stored === null || typeof stored !== 'object' || stored.format !== INDEX_RECORD_FORMAT) {
      throw new StaleIndexError(`Unknown index format ${String((stored as { format?: unknown } | null)?.format)}.`);
    }
    return loadRecord(stored, pack);
  }
  return loadJson(stored, pack);
}

function loadJson(json: string, pack: Pack): PackIndex {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new StaleIndexError('Stored index is not valid JSON.');
  }
  if (raw === null || typeof raw !== 'object' || raw['format'] !== INDEX_FORMAT) throw new StaleIndexError(`Unknown index format ${String(raw?.['format'])}.`);
  checkBelongs(raw, pack);
  const params = raw['params'] as StoredIndex['params'];
  const num = (k: string): number[] => {
    const v = raw[k];
    if (!Array.isArray(v)) throw new StaleIndexError(`Stored index lacks ${k}.`);
    return v as number[];
  };
  if (typeof raw['features'] !== 'string') throw new StaleIndexError('Stored index lacks features.');
  const features = FeatureTable.fromJoined(raw['features']);
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
