import { GROUP_INDEX, NGROUPS, type Group } from './features';
import type { IndexData, StoredIndex } from './types';

/**
 * Everything numeric that follows from the stored part (feature ids and term counts per example):
 * IDF over intents, group-normalised example vectors, centroid postings. Run at build and at load,
 * so the stored index stays small.
 */
export function deriveIndex(stored: StoredIndex): IndexData {
  const { exStart, exPtr, exFeat, exTf, features, params } = stored;
  const nIntents = stored.intents.length;
  const nF = features.length;
  const gw = params.features.groupWeights;
  // IDF over intents.
  const df = new Int32Array(nF);
  const last = new Int32Array(nF).fill(-1);
  for (let i = 0; i < nIntents; i++) {
    for (let p = exPtr[exStart[i]!]!; p < exPtr[exStart[i + 1]!]!; p++) {
      const f = exFeat[p]!;
      if (last[f] !== i) {
        last[f] = i;
        df[f]! += 1;
      }
    }
  }
  const idf = new Float32Array(nF);
  for (let f = 0; f < nF; f++) idf[f] = df[f]! > 0 ? Math.log(1 + nIntents / df[f]!) : 0;
  const groups = new Uint8Array(nF);
  for (let f = 0; f < nF; f++) groups[f] = GROUP_INDEX[String.fromCharCode(features.firstCode(f)) as Group] ?? 0;
  // Example vectors.
  const nEx = exPtr.length - 1;
  const exVal = new Float32Array(exFeat.length);
  const sumsq = new Float64Array(NGROUPS);
  for (let j = 0; j < nEx; j++) {
    sumsq.fill(0);
    for (let p = exPtr[j]!; p < exPtr[j + 1]!; p++) {
      const c = exTf[p]!;
      const v = (c === 1 ? 1 : 1 + Math.log(c)) * idf[exFeat[p]!]!;
      exVal[p] = v;
      sumsq[groups[exFeat[p]!]!]! += v * v;
    }
    for (let p = exPtr[j]!; p < exPtr[j + 1]!; p++) {
      const g = groups[exFeat[p]!]!;
      exVal[p] = sumsq[g]! > 0 ? (exVal[p]! / Math.sqrt(sumsq[g]!)) * gw[g]! : 0;
    }
  }
  // Norm of each example vector (k-NN cosine).
  const exNorm = new Float32Array(nEx);
  for (let j = 0; j < nEx; j++) {
    let s = 0;
    for (let p = exPtr[j]!; p < exPtr[j + 1]!; p++) s += exVal[p]! * exVal[p]!;
    exNorm[j] = Math.sqrt(s);
  }
  // Centroids as postings by feature (CSR), two passes.
  const cNorm = new Float32Array(nIntents);
  const sum = new Float64Array(nF);
  const touched: number[] = [];
  const perIntent: Array<{ ids: Int32Array; vals: Float32Array }> = [];
  const postingCount = new Int32Array(nF + 1);
  for (let i = 0; i < nIntents; i++) {
    touched.length = 0;
    for (let p = exPtr[exStart[i]!]!; p < exPtr[exStart[i + 1]!]!; p++) {
      const f = exFeat[p]!;
      if (sum[f] === 0) touched.push(f);
      sum[f]! += exVal[p]!;
    }
    let n2 = 0;
    for (const f of touched) n2 += sum[f]! * sum[f]!;
    const n = Math.sqrt(n2);
    cNorm[i] = n;
    const ids = Int32Array.from(touched);
    const vals = new Float32Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      vals[k] = n > 0 ? sum[ids[k]!]! / n : 0;
      sum[ids[k]!] = 0;
      postingCount[ids[k]!]! += 1;
    }
    perIntent.push({ ids, vals });
  }
  const cPtr = new Int32Array(nF + 1);
  for (let f = 0; f < nF; f++) cPtr[f + 1] = cPtr[f]! + postingCount[f]!;
  const fill = cPtr.slice(0, nF);
  const cIntent = new Int32Array(cPtr[nF]!);
  const cVal = new Float32Array(cPtr[nF]!);
  perIntent.forEach((c, i) => {
    for (let k = 0; k < c.ids.length; k++) {
      const f = c.ids[k]!;
      const at = fill[f]!++;
      cIntent[at] = i;
      cVal[at] = c.vals[k]!;
    }
  });
  return { ...stored, idf, groups, exVal, exNorm, cPtr, cIntent, cVal, cNorm };
}

