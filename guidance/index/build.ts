/**
 * Builds the precomputed intent index for a pack: feature vocabulary with IDF over intents,
 * normalised example vectors, intent centroids as feature postings, keyword phrases, and a
 * calibration fitted on the pack's own examples by leave-one-out. Built once per pack version,
 * stored with the pack (see serialize.ts), so a service-worker restart does not rebuild it.
 */
import type { Pack } from '../pack/types';
import { tokenize } from '../text/tokenize';
import { DEFAULT_FEATURE_PARAMS, groupOf, textFeatures } from './features';
import { createRuntime, scoreQuery, vectorize } from './score';
import { indexFingerprint } from './fingerprint';
import { INDEX_FORMAT, type Calibration, type IndexData, type IntentParams, type KeywordEntry, type PackIndex } from './types';

export { serializeIndex, loadIndex, StaleIndexError } from './serialize';
export { indexFingerprint, fnv1a } from './fingerprint';
export type { PackIndex } from './types';

export const DEFAULT_INTENT_PARAMS: IntentParams = {
  features: DEFAULT_FEATURE_PARAMS,
  alpha: 0.5,
  knn: 2,
  keywordBoost: 0.12,
  candidates: 12,
};

/**
 * Prior calibration (fitted the same way on CLINC150 train, 10 examples per intent); the pack's own fit
 * moves it. The threshold 0.25 was chosen on CLINC150 val + oos_val: about 93% of out-of-scope
 * requests get no intent while two thirds of in-scope ones are accepted with the right intent.
 */
export const PRIOR_CALIBRATION: Calibration = { a: 5.8, b: 9.5, c: -3.8, threshold: 0.25, samples: 0 };

/** Leave-one-out samples used for calibration at most (keeps 20k-entry builds fast). */
const MAX_CALIBRATION_SAMPLES = 600;

export interface BuildOptions {
  params?: Partial<IntentParams>;
  /** Override the calibration threshold (eval sweeps it). */
  threshold?: number;
  /** Skip the leave-one-out fit and use the prior (faster; used by the eval's inner loops). */
  calibrate?: boolean;
}

export function buildIndex(pack: Pack, options: BuildOptions = {}): PackIndex {
  const params: IntentParams = { ...DEFAULT_INTENT_PARAMS, ...options.params };
  const fp = params.features;
  const intents = pack.intents.map((it) => ({ id: it.id, label: it.label }));
  const nIntents = intents.length;

  // 1. Texts per intent: its examples plus one pseudo-example from label + description.
  const exFeatures: string[][] = [];
  const exStart = new Int32Array(nIntents + 1);
  for (let i = 0; i < nIntents; i++) {
    exStart[i] = exFeatures.length;
    const it = pack.intents[i]!;
    const texts = [...it.examples, [it.label, it.description ?? ''].join('. ')];
    for (const t of texts) {
      const f = textFeatures(tokenize(t), fp);
      if (f.length > 0) exFeatures.push(f);
    }
  }
  exStart[nIntents] = exFeatures.length;

  // 2. Vocabulary and document frequency over intents.
  const featureId = new Map<string, number>();
  const features: string[] = [];
  const df: number[] = [];
  const lastIntent: number[] = [];
  for (let i = 0; i < nIntents; i++) {
    for (let j = exStart[i]!; j < exStart[i + 1]!; j++) {
      for (const f of exFeatures[j]!) {
        let id = featureId.get(f);
        if (id === undefined) {
          id = features.length;
          featureId.set(f, id);
          features.push(f);
          df.push(0);
          lastIntent.push(-1);
        }
        if (lastIntent[id] !== i) {
          lastIntent[id] = i;
          df[id]! += 1;
        }
      }
    }
  }
  const nF = features.length;
  const idf = new Float32Array(nF);
  for (let f = 0; f < nF; f++) idf[f] = Math.log(1 + nIntents / df[f]!);
  const groups = new Uint8Array(nF);
  for (let f = 0; f < nF; f++) groups[f] = groupOf(features[f]!);

  // 3. Example vectors (group-normalised TF-IDF).
  const nEx = exFeatures.length;
  const exPtr = new Int32Array(nEx + 1);
  const feats: number[] = [];
  const vals: number[] = [];
  const gw = fp.groupWeights;
  for (let j = 0; j < nEx; j++) {
    exPtr[j] = feats.length;
    const tf = new Map<number, number>();
    for (const f of exFeatures[j]!) {
      const id = featureId.get(f)!;
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    const sumsq = [0, 0, 0, 0, 0];
    const entries: Array<[number, number]> = [];
    for (const [id, c] of tf) {
      const v = (1 + Math.log(c)) * idf[id]!;
      sumsq[groups[id]!]! += v * v;
      entries.push([id, v]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    for (const [id, v] of entries) {
      const g = groups[id]!;
      feats.push(id);
      vals.push((v / Math.sqrt(sumsq[g]!)) * gw[g]!);
    }
  }
  exPtr[nEx] = feats.length;
  const exFeat = Int32Array.from(feats);
  const exVal = Float32Array.from(vals);

  // 4. Centroids (sum of example vectors), normalised, as postings by feature.
  const cNorm = new Float32Array(nIntents);
  const perFeature: Array<Array<[number, number]>> = Array.from({ length: nF }, () => []);
  for (let i = 0; i < nIntents; i++) {
    const sum = new Map<number, number>();
    for (let j = exStart[i]!; j < exStart[i + 1]!; j++) {
      for (let p = exPtr[j]!; p < exPtr[j + 1]!; p++) sum.set(exFeat[p]!, (sum.get(exFeat[p]!) ?? 0) + exVal[p]!);
    }
    let n2 = 0;
    for (const v of sum.values()) n2 += v * v;
    const n = Math.sqrt(n2);
    cNorm[i] = n;
    if (n === 0) continue;
    for (const [f, v] of sum) perFeature[f]!.push([i, v / n]);
  }
  const cPtr = new Int32Array(nF + 1);
  let total = 0;
  for (let f = 0; f < nF; f++) {
    cPtr[f] = total;
    total += perFeature[f]!.length;
  }
  cPtr[nF] = total;
  const cIntent = new Int32Array(total);
  const cVal = new Float32Array(total);
  for (let f = 0, p = 0; f < nF; f++) {
    for (const [i, v] of perFeature[f]!) {
      cIntent[p] = i;
      cVal[p] = v;
      p++;
    }
  }

  // 5. Keyword phrases.
  const keywords: KeywordEntry[] = [];
  pack.intents.forEach((it, i) => {
    for (const kw of it.keywords) {
      const stems = tokenize(kw).map((t) => t.stem);
      if (stems.length > 0) keywords.push({ intent: i, stems, text: kw });
    }
  });

  const data: IndexData = {
    format: INDEX_FORMAT,
    packId: pack.id,
    packVersion: pack.version,
    fingerprint: indexFingerprint(pack, params),
    params,
    features,
    idf,
    intents,
    exStart,
    exPtr,
    exFeat,
    exVal,
    cPtr,
    cIntent,
    cVal,
    cNorm,
    keywords,
    calibration: { ...PRIOR_CALIBRATION },
  };
  const index: PackIndex = { ...data, runtime: createRuntime(data) };
  if (options.calibrate !== false) index.calibration = fitCalibration(index, pack);
  if (options.threshold !== undefined) index.calibration.threshold = options.threshold;
  return index;
}

/**
 * Fit p(top intent correct) = σ(a·top + b·margin + c) on the pack's own examples: each sampled
 * example is scored leave-one-out (positive when its intent still wins) and once more with its whole
 * intent left out (always a negative: what an unrelated request looks like to this pack).
 * Regularised toward the prior, so small packs barely move it.
 */
function fitCalibration(index: PackIndex, pack: Pack): Calibration {
  const samples: Array<[number, number, number]> = [];
  const nIntents = index.intents.length;
  // Deterministic spread of examples over intents (round robin), capped.
  const perIntent: number[][] = [];
  for (let i = 0; i < nIntents; i++) {
    const real = pack.intents[i]!.examples.length;
    const list: number[] = [];
    // only real examples (the last one of each intent is the label pseudo-example)
    for (let j = index.exStart[i]!; j < Math.min(index.exStart[i + 1]! - 1, index.exStart[i]! + real); j++) list.push(j);
    perIntent.push(list.length >= 2 ? list : []);
  }
  for (let round = 0; samples.length < MAX_CALIBRATION_SAMPLES; round++) {
    let any = false;
    for (let i = 0; i < nIntents && samples.length < MAX_CALIBRATION_SAMPLES; i++) {
      const j = perIntent[i]![round];
      if (j === undefined) continue;
      any = true;
      const tokens = tokenize(pack.intents[i]!.examples[j - index.exStart[i]!] ?? '');
      const q = vectorize(index, tokens);
      const scored = scoreQuery(index, q, { excludeExample: j });
      const top = scored[0];
      if (top === undefined) continue;
      samples.push([top.raw, top.raw - (scored[1]?.raw ?? 0), top.intent === i ? 1 : 0]);
      // The same text with its own intent removed from the pack: an unseen topic, so any match is wrong.
      const other = scoreQuery(index, q, { excludeIntent: i });
      const o = other[0];
      if (o !== undefined) samples.push([o.raw, o.raw - (other[1]?.raw ?? 0), 0]);
    }
    if (!any) break;
  }
  const prior = PRIOR_CALIBRATION;
  if (samples.length < 20) return { ...prior, samples: samples.length };
  // Newton steps on the L2-regularised (toward the prior) logistic loss: 3 parameters, converges fast.
  let w = [prior.a, prior.b, prior.c];
  const pw = [prior.a, prior.b, prior.c];
  const lambda = 0.5; // prior strength, in "samples"
  for (let iter = 0; iter < 25; iter++) {
    const g = [0, 0, 0];
    const h = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    for (const [t, m, y] of samples) {
      const x = [t, m, 1];
      const p = 1 / (1 + Math.exp(-(w[0]! * t + w[1]! * m + w[2]!)));
      const r = p * (1 - p);
      for (let u = 0; u < 3; u++) {
        g[u]! += (p - y) * x[u]!;
        for (let v = 0; v < 3; v++) h[u]![v]! += r * x[u]! * x[v]!;
      }
    }
    for (let u = 0; u < 3; u++) {
      g[u]! += lambda * (w[u]! - pw[u]!);
      h[u]![u]! += lambda;
    }
    const step = solve3(h, g);
    if (step === undefined) break;
    w = w.map((v, u) => v - step[u]!);
    if (Math.abs(step[0]!) + Math.abs(step[1]!) + Math.abs(step[2]!) < 1e-6) break;
  }
  const [a, b, c] = w as [number, number, number];
  return { a, b, c, threshold: prior.threshold, samples: samples.length };
}

function solve3(m: number[][], y: number[]): number[] | undefined {
  const [a, b, c] = m as [number[], number[], number[]];
  const det = (p: number[][]): number =>
    p[0]![0]! * (p[1]![1]! * p[2]![2]! - p[1]![2]! * p[2]![1]!) -
    p[0]![1]! * (p[1]![0]! * p[2]![2]! - p[1]![2]! * p[2]![0]!) +
    p[0]![2]! * (p[1]![0]! * p[2]![1]! - p[1]![1]! * p[2]![0]!);
  const d = det([a, b, c]);
  if (!Number.isFinite(d) || Math.abs(d) < 1e-12) return undefined;
  const out: number[] = [];
  for (let col = 0; col < 3; col++) {
    const mm = [a.slice(), b.slice(), c.slice()];
    for (let r = 0; r < 3; r++) mm[r]![col] = y[r]!;
    out.push(det(mm) / d);
  }
  return out;
}
