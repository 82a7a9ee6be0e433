/**
 * Core intent scoring over a built index: query vectorisation with a reusable dense scratch,
 * centroid scores through feature postings, then k-NN over the examples of the best candidates.
 */
import type { Token } from '../text/tokenize';
import { groupOf, NGROUPS, tokenFeatures } from './features';
import type { IndexData, IndexRuntime, KeywordEntry, PackIndex } from './types';

export interface QueryVector {
  ids: number[];
  vals: number[];
  /** L2 norm of the full query (known + unknown features). */
  norm: number;
  /** Squared norm of the known part (for the k-NN cosine). */
  knownSq: number;
}

const TOKEN_CACHE_MAX = 30_000;

export function createRuntime(data: IndexData): IndexRuntime {
  let maxIdf = 0;
  for (let i = 0; i < data.idf.length; i++) maxIdf = Math.max(maxIdf, data.idf[i]!);
  const keywordsByFirst = new Map<string, KeywordEntry[]>();
  for (const k of data.keywords) {
    const first = k.stems[0];
    if (first === undefined) continue;
    const list = keywordsByFirst.get(first) ?? [];
    list.push(k);
    keywordsByFirst.set(first, list);
  }
  return {
    scratch: new Float64Array(data.features.length),
    intentScratch: new Float64Array(data.intents.length),
    tokenCache: new Map(),
    centroidMaps: new Map(),
    centroidSparse: new Map(),
    slotOf: new Int32Array(data.features.length).fill(-1),
    keywordsByFirst,
    maxIdf: maxIdf || 1,
  };
}

const featBuf: string[] = [];

function tokenEntry(index: PackIndex, tok: Token): { ids: Int32Array; unknown: Float32Array } {
  const rt = index.runtime;
  const key = tok.norm;
  let hit = rt.tokenCache.get(key);
  if (hit !== undefined) return hit;
  featBuf.length = 0;
  tokenFeatures(tok, index.params.features, featBuf);
  const ids: number[] = [];
  const unknown = new Float32Array(NGROUPS);
  for (const f of featBuf) {
    const id = index.features.id(f);
    if (id < 0) unknown[groupOf(f)]! += 1;
    else ids.push(id);
  }
  hit = { ids: Int32Array.from(ids), unknown };
  if (rt.tokenCache.size >= TOKEN_CACHE_MAX) rt.tokenCache.clear();
  rt.tokenCache.set(key, hit);
  return hit;
}

/** Per-token feature ids of a token sequence, computed once and shared by all its chunks. */
export interface PreparedTokens {
  entries: Array<{ ids: Int32Array; unknown: Float32Array }>;
  /** bigram[i] = feature id of the bigram (i-1, i); -1 unknown to the index; -2 no bigram. */
  bigram: Int32Array;
}

export function prepareTokens(index: PackIndex, tokens: readonly Token[], breaks?: ReadonlySet<number>): PreparedTokens {
  const entries = new Array<{ ids: Int32Array; unknown: Float32Array }>(tokens.length);
  const bigram = new Int32Array(tokens.length);
  const table = index.features;
  const stopBigrams = index.params.features.stopBigrams;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    entries[i] = tokenEntry(index, t);
    if (i === 0 || breaks?.has(i)) {
      bigram[i] = -2;
      continue;
    }
    const prev = tokens[i - 1]!;
    if (prev.stop && t.stop && !stopBigrams) bigram[i] = -2;
    else bigram[i] = table.idOf4('b:', prev.stem, '_', t.stem);
  }
  return { entries, bigram };
}

/** Build the weighted, group-normalised query vector of a token sequence. */
export function vectorize(index: PackIndex, tokens: readonly Token[]): QueryVector {
  return vectorizeRange(index, prepareTokens(index, tokens), 0, tokens.length);
}

/** Query vector of tokens [from, to) of a prepared sequence (bigrams inside the range only). */
export function vectorizeRange(index: PackIndex, pre: PreparedTokens, from: number, to: number): QueryVector {
  const rt = index.runtime;
  const tf = rt.scratch;
  const touched: number[] = [];
  const unknown = [0, 0, 0, 0, 0];
  for (let i = from; i < to; i++) {
    const e = pre.entries[i]!;
    for (let k = 0; k < e.ids.length; k++) {
      const id = e.ids[k]!;
      if (tf[id] === 0) touched.push(id);
      tf[id]! += 1;
    }
    for (let g = 0; g < NGROUPS; g++) unknown[g]! += e.unknown[g]!;
    if (i > from) {
      const id = pre.bigram[i]!;
      if (id === -1) unknown[1]! += 1;
      else if (id >= 0) {
        if (tf[id] === 0) touched.push(id);
        tf[id]! += 1;
      }
    }
  }
  const idf = index.idf;
  const gw = index.params.features.groupWeights;
  const sumsq = [0, 0, 0, 0, 0];
  const groups = featureGroups(index);
  const vals = new Array<number>(touched.length);
  for (let k = 0; k < touched.length; k++) {
    const id = touched[k]!;
    const c = tf[id]!;
    const v = (c === 1 ? 1 : 1 + Math.log(c)) * idf[id]!;
    vals[k] = v;
    sumsq[groups[id]!]! += v * v;
    tf[id] = 0;
  }
  const unk = rt.maxIdf * rt.maxIdf;
  const scale = [0, 0, 0, 0, 0];
  let norm2 = 0;
  let known2 = 0;
  for (let g = 0; g < NGROUPS; g++) {
    const all = sumsq[g]! + unknown[g]! * unk;
    if (all > 0) {
      scale[g] = gw[g]! / Math.sqrt(all);
      norm2 += gw[g]! * gw[g]!;
      known2 += sumsq[g]! * scale[g]! * scale[g]!;
    }
  }
  for (let k = 0; k < touched.length; k++) vals[k] = vals[k]! * scale[groups[touched[k]!]!]!;
  return { ids: touched, vals, norm: Math.sqrt(norm2), knownSq: known2 };
}

/** Feature group of each feature id (stored with the index). */
export function featureGroups(index: IndexData): Uint8Array {
  return index.groups;
}

/** L2 norm of each example vector (derived with the index, stored with it). */
export function exampleNorms(index: IndexData): Float32Array {
  return index.exNorm;
}

/** Keyword phrases found in a token sequence: intent → matched keyword entries with token spans. */
export function findKeywords(index: PackIndex, tokens: readonly Token[]): Map<number, Array<{ entry: KeywordEntry; from: number; to: number }>> {
  const out = new Map<number, Array<{ entry: KeywordEntry; from: number; to: number }>>();
  const byFirst = index.runtime.keywordsByFirst;
  if (byFirst.size === 0) return out;
  for (let i = 0; i < tokens.length; i++) {
    const list = byFirst.get(tokens[i]!.stem);
    if (list === undefined) continue;
    for (const entry of list) {
      let ok = true;
      for (let k = 1; k < entry.stems.length; k++) {
        if (tokens[i + k]?.stem !== entry.stems[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const arr = out.get(entry.intent) ?? [];
      arr.push({ entry, from: i, to: i + entry.stems.length - 1 });
      out.set(entry.intent, arr);
    }
  }
  return out;
}

export interface IntentScore {
  intent: number;
  raw: number;
  centroid: number;
  knn: number;
  keywords: number;
}

export interface ScoreOptions {
  /** Leave-one-out: score as if this example were not in the index. */
  excludeExample?: number;
  /** Leave-one-intent-out: score as if this intent were not in the pack (simulates unseen topics). */
  excludeIntent?: number;
  /** Extra score per intent from keyword matches. */
  keywordHits?: Map<number, number>;
  /** Only these intents (skips the postings pass) — used for per-sentence rescoring. */
  only?: readonly number[];
  candidates?: number;
  /** Compute the k-NN part only for this many best candidates by centroid (+ keyword) score. */
  knnTop?: number;
}

/** Score intents for one query vector; returns the best candidates, best first. */
export function scoreQuery(index: PackIndex, q: QueryVector, opts: ScoreOptions = {}): IntentScore[] {
  if (q.ids.length === 0 || q.norm === 0) return [];
  const params = index.params;
  const acc = index.runtime.intentScratch;
  const nIntents = index.intents.length;
  const exclude = opts.excludeExample;
  let excludeIntent = -1;
  if (exclude !== undefined) {
    for (let i = 0; i < nIntents; i++) if (exclude >= index.exStart[i]! && exclude < index.exStart[i + 1]!) excludeIntent = i;
  }
  let cands: number[];
  const cen = new Map<number, number>();
  if (opts.only !== undefined) {
    cands = opts.only.slice();
    const set = new Set(cands);
    const { cPtr, cIntent, cVal } = index;
    for (let k = 0; k < q.ids.length; k++) {
      const f = q.ids[k]!;
      const v = q.vals[k]!;
      for (let p = cPtr[f]!; p < cPtr[f + 1]!; p++) {
        const it = cIntent[p]!;
        if (set.has(it)) acc[it]! += v * cVal[p]!;
      }
    }
    for (const it of cands) {
      cen.set(it, acc[it]! / q.norm);
      acc[it] = 0;
    }
  } else {
    const { cPtr, cIntent, cVal } = index;
    const touched: number[] = [];
    for (let k = 0; k < q.ids.length; k++) {
      const f = q.ids[k]!;
      const v = q.vals[k]!;
      for (let p = cPtr[f]!; p < cPtr[f + 1]!; p++) {
        const it = cIntent[p]!;
        if (acc[it] === 0) touched.push(it);
        acc[it]! += v * cVal[p]!;
      }
    }
    for (const it of touched) {
      if (it !== opts.excludeIntent) cen.set(it, acc[it]! / q.norm);
      acc[it] = 0;
    }
    const limit = opts.candidates ?? params.candidates;
    cands = topByValue(cen, limit);
    if (opts.keywordHits !== undefined) for (const it of opts.keywordHits.keys()) if (!cands.includes(it)) cands.push(it);
  }
  // Leave-one-out correction of the held-out example's own centroid.
  if (excludeIntent >= 0 && cen.has(excludeIntent) && exclude !== undefined) {
    const norms = exampleNorms(index);
    const xx = norms[exclude]! * norms[exclude]!;
    const cn = index.cNorm[excludeIntent]!;
    const qS = cen.get(excludeIntent)! * q.norm * cn;
    const rest2 = cn * cn - 2 * qS + xx;
    cen.set(excludeIntent, rest2 > 1e-9 ? (qS - xx) / (q.norm * Math.sqrt(rest2)) : 0);
  }
  if (opts.knnTop !== undefined && cands.length > opts.knnTop) {
    const kwh = opts.keywordHits;
    cands = cands
      .map((it) => [it, (cen.get(it) ?? 0) + (kwh?.get(it) ?? 0)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, opts.knnTop)
      .map((e) => e[0]);
  }
  // Dense query for the k-NN dots.
  const dense = index.runtime.scratch;
  for (let k = 0; k < q.ids.length; k++) dense[q.ids[k]!] = q.vals[k]!;
  const norms = exampleNorms(index);
  const out: IntentScore[] = [];
  const kk = Math.max(1, params.knn);
  const best: number[] = [];
  for (const it of cands) {
    best.length = 0;
    for (let j = index.exStart[it]!; j < index.exStart[it + 1]!; j++) {
      if (j === exclude) continue;
      const xn = norms[j]!;
      if (xn === 0) continue;
      let dot = 0;
      for (let p = index.exPtr[j]!; p < index.exPtr[j + 1]!; p++) dot += index.exVal[p]! * dense[index.exFeat[p]!]!;
      const sim = dot / (q.norm * xn);
      insertTop(best, sim, kk);
    }
    let knn = 0;
    for (const s of best) knn += s;
    knn = best.length > 0 ? knn / kk : 0;
    const c = cen.get(it) ?? 0;
    const kw = opts.keywordHits?.get(it) ?? 0;
    out.push({ intent: it, centroid: c, knn, keywords: kw, raw: params.alpha * c + (1 - params.alpha) * knn + kw });
  }
  for (let k = 0; k < q.ids.length; k++) dense[q.ids[k]!] = 0;
  out.sort((a, b) => b.raw - a.raw);
  return out;
}

function insertTop(best: number[], v: number, k: number): void {
  if (best.length < k) {
    best.push(v);
    best.sort((a, b) => b - a);
    return;
  }
  if (v <= best[k - 1]!) return;
  best[k - 1] = v;
  best.sort((a, b) => b - a);
}

/**
 * The `limit` keys with the highest values, best first; equal values keep the map's order (the
 * same result as a stable sort of all entries, without sorting them all).
 */
function topByValue(m: Map<number, number>, limit: number): number[] {
  const keys: number[] = [];
  const vals: number[] = [];
  if (limit <= 0) return keys;
  for (const [k, v] of m) {
    if (keys.length === limit) {
      if (!(v > vals[limit - 1]!)) continue;
      keys.pop();
      vals.pop();
    }
    let at = keys.length;
    keys.push(k);
    vals.push(v);
    while (at > 0 && v > vals[at - 1]!) {
      keys[at] = keys[at - 1]!;
      vals[at] = vals[at - 1]!;
      at--;
    }
    keys[at] = k;
    vals[at] = v;
  }
  return keys;
}

/** Calibrated probability that the top intent is right. */
export function calibrate(index: IndexData, top: number, second: number): number {
  const c = index.calibration;
  const z = c.a * top + c.b * (top - second) + c.c;
  return 1 / (1 + Math.exp(-z));
}

/** Sparse normalised centroid of one intent (cached). */
export function centroidSparse(index: PackIndex, intent: number): { ids: Int32Array; vals: Float32Array } {
  const cache = index.runtime.centroidSparse;
  let c = cache.get(intent);
  if (c !== undefined) return c;
  const sum = new Map<number, number>();
  const n = index.cNorm[intent]! || 1;
  for (let j = index.exStart[intent]!; j < index.exStart[intent + 1]!; j++) {
    for (let p = index.exPtr[j]!; p < index.exPtr[j + 1]!; p++) sum.set(index.exFeat[p]!, (sum.get(index.exFeat[p]!) ?? 0) + index.exVal[p]!);
  }
  const ids = Int32Array.from(sum.keys()).sort();
  const vals = new Float32Array(ids.length);
  for (let k = 0; k < ids.length; k++) vals[k] = sum.get(ids[k]!)! / n;
  c = { ids, vals };
  if (cache.size >= 1024) cache.clear();
  cache.set(intent, c);
  return c;
}

/** Top intents by centroid score (+ keyword boost) through the postings, topical features only. */
export function centroidTop(index: PackIndex, q: QueryVector, limit: number, keywordBoost?: Map<number, number>): number[] {
  const acc = index.runtime.intentScratch;
  const { cPtr, cIntent, cVal } = index;
  const groups = featureGroups(index);
  const touched: number[] = [];
  // Features shared by over a tenth of a large pack's intents barely separate them: skipped here.
  const idfCut = index.intents.length >= 50 ? Math.log(11) : 0;
  const idf = index.idf;
  for (let k = 0; k < q.ids.length; k++) {
    const f = q.ids[k]!;
    if (groups[f] === 4 || idf[f]! < idfCut) continue; // function words say little about the topic
    const v = q.vals[k]!;
    for (let p = cPtr[f]!; p < cPtr[f + 1]!; p++) {
      const it = cIntent[p]!;
      if (acc[it] === 0) touched.push(it);
      acc[it]! += v * cVal[p]!;
    }
  }
  if (keywordBoost !== undefined) for (const [it, b] of keywordBoost) {
    if (acc[it] === 0) touched.push(it);
    acc[it]! += b * q.norm;
  }
  const scored = touched.map((it) => [it, acc[it]!] as const);
  for (const it of touched) acc[it] = 0;
  scored.sort((a, b) => b[1] - a[1]);
  const out = scored.slice(0, limit).map((e) => e[0]);
  if (keywordBoost !== undefined) for (const it of keywordBoost.keys()) if (!out.includes(it)) out.push(it);
  return out;
}

/**
 * Scores many short queries (sentence chunks) against a fixed candidate set: the candidates'
 * centroids are laid out once in a compact feature-slot matrix, so each chunk costs its own
 * non-zeros × candidates; k-NN is computed only for the chunk's best few.
 */
export class CandidateScorer {
  private readonly slots: number[] = [];
  private readonly matrix: Float32Array;
  private readonly m: number;

  constructor(
    private readonly index: PackIndex,
    readonly cands: readonly number[],
    /** Every chunk's features are among these (the whole text's query vector). */
    universe: QueryVector,
  ) {
    this.m = cands.length;
    const slotOf = index.runtime.slotOf;
    for (const f of universe.ids) {
      slotOf[f] = this.slots.length;
      this.slots.push(f);
    }
    this.matrix = new Float32Array(this.slots.length * this.m);
    cands.forEach((it, mi) => {
      const c = centroidSparse(index, it);
      for (let k = 0; k < c.ids.length; k++) {
        const slot = slotOf[c.ids[k]!]!;
        if (slot >= 0) this.matrix[slot * this.m + mi] = c.vals[k]!;
      }
    });
  }

  /** Release the shared slot table (must be called once done). */
  dispose(): void {
    const slotOf = this.index.runtime.slotOf;
    for (const f of this.slots) slotOf[f] = -1;
    this.slots.length = 0;
  }

  /** Centroid similarity of one query to every candidate (same order as `cands`). */
  centroids(q: QueryVector): Float64Array {
    const m = this.m;
    const cen = new Float64Array(m);
    if (q.norm === 0) return cen;
    const slotOf = this.index.runtime.slotOf;
    for (let k = 0; k < q.ids.length; k++) {
      const slot = slotOf[q.ids[k]!]!;
      if (slot < 0) continue;
      const v = q.vals[k]!;
      const base = slot * m;
      for (let mi = 0; mi < m; mi++) cen[mi]! += v * this.matrix[base + mi]!;
    }
    for (let mi = 0; mi < m; mi++) cen[mi] = cen[mi]! / q.norm;
    return cen;
  }

  /** Full scores (centroid + k-NN + keywords) for the `knnTop` best candidates of one query, best first. */
  score(q: QueryVector, keywordBoost: Map<number, number> | undefined, knnTop: number, centroids?: Float64Array): IntentScore[] {
    if (q.norm === 0) return [];
    const m = this.m;
    const cen = centroids ?? this.centroids(q);
    const params = this.index.params;
    const order: Array<[number, number]> = [];
    for (let mi = 0; mi < m; mi++) order.push([mi, cen[mi]! + (keywordBoost?.get(this.cands[mi]!) ?? 0)]);
    order.sort((a, b) => b[1] - a[1]);
    const top = order.slice(0, knnTop);
    const index = this.index;
    const dense = index.runtime.scratch;
    for (let k = 0; k < q.ids.length; k++) dense[q.ids[k]!] = q.vals[k]!;
    const norms = exampleNorms(index);
    const kk = Math.max(1, params.knn);
    const best: number[] = [];
    const out: IntentScore[] = [];
    for (const [mi] of top) {
      const it = this.cands[mi]!;
      best.length = 0;
      for (let j = index.exStart[it]!; j < index.exStart[it + 1]!; j++) {
        const xn = norms[j]!;
        if (xn === 0) continue;
        let dot = 0;
        for (let p = index.exPtr[j]!; p < index.exPtr[j + 1]!; p++) dot += index.exVal[p]! * dense[index.exFeat[p]!]!;
        insertTop(best, dot / (q.norm * xn), kk);
      }
      let knn = 0;
      for (const s of best) knn += s;
      knn = best.length > 0 ? knn / kk : 0;
      const kw = keywordBoost?.get(it) ?? 0;
      out.push({ intent: it, centroid: cen[mi]!, knn, keywords: kw, raw: params.alpha * cen[mi]! + (1 - params.alpha) * knn + kw });
    }
    for (let k = 0; k < q.ids.length; k++) dense[q.ids[k]!] = 0;
    out.sort((a, b) => b.raw - a.raw);
    return out;
  }
}
