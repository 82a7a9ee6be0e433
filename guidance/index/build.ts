/**
 * Builds the precomputed intent index for a pack: feature vocabulary with IDF over intents,
 * normalised example vectors, intent centroids as feature postings, keyword phrases, and a
 * calibration fitted on the pack's own examples by leave-one-out. Built once per pack version,
 * stored with the pack (see serialize.ts), so a service-worker restart does not rebuild it.
 */
import type { Pack } from '../pack/types';
import { tokenize } from '../text/tokenize';
import { bigramFeature, DEFAULT_FEATURE_PARAMS, tokenFeatures } from './features';
import { createRuntime, scoreQuery, vectorize } from './score';
import { indexFingerprint } from './fingerprint';
import { deriveIndex } from './derive';
import { FeatureTable } from './table';
import { INDEX_FORMAT, type Calibration, type IntentParams, type KeywordEntry, type PackIndex } from './types';

export { serializeIndex, indexRecord, loadIndex, StaleIndexError } from './serialize';
export { indexFingerprint, fnv1a } from './fingerprint';
export { deriveIndex } from './derive';
export type { PackIndex, IndexRecord } from './types';

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
const MAX_CALIBRATION_SAMPLES = 300;

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

  // 1. Texts per intent (its examples plus one pseudo-example from label + description) → feature
  //    ids with term counts. Token features are computed once per distinct word.
  const featureId = new Map<string, number>();
  const features: string[] = [];
  const idOf = (f: string): number => {
    let id = featureId.get(f);
    if (id === undefined) {
      id = features.length;
      featureId.set(f, id);
      features.push(f);
    }
    return id;
  };
  const tokenIds = new Map<string, Int32Array>();
  const buf: string[] = [];
  const exStart = new Int32Array(nIntents + 1);
  const exTexts: string[] = [];
  const ptr: number[] = [0];
  // Example features and term counts, written straight into typed arrays (grown by doubling).
  let feat = new Int32Array(1 << 16);
  let tfs = new Uint16Array(1 << 16);
  let nFeat = 0;
  // Dense term counts over feature ids (grown on demand) + the ids touched by the current text.
  let counts = new Int32Array(1 << 16);
  const touched: number[] = [];
  const bump = (id: number): void => {
    if (id >= counts.length) {
      const grown = new Int32Array(Math.max(counts.length * 2, id + 1));
      grown.set(counts);
      counts = grown;
    }
    if (counts[id] === 0) touched.push(id);
    counts[id]! += 1;
  };
  for (let i = 0; i < nIntents; i++) {
    exStart[i] = exTexts.length;
    const it = pack.intents[i]!;
    for (const text of [...it.examples, [it.label, it.description ?? ''].join('. ')]) {
      const tokens = tokenize(text);
      touched.length = 0;
      for (let k = 0; k < tokens.length; k++) {
        const t = tokens[k]!;
        let ids = tokenIds.get(t.norm);
        if (ids === undefined) {
          buf.length = 0;
          tokenFeatures(t, fp, buf);
          ids = new Int32Array(buf.length);
          for (let x = 0; x < buf.length; x++) ids[x] = idOf(buf[x]!);
          tokenIds.set(t.norm, ids);
        }
        for (let x = 0; x < ids.length; x++) bump(ids[x]!);
        if (k > 0) {
          const bg = bigramFeature(tokens[k - 1]!, t, fp);
          if (bg !== undefined) bump(idOf(bg));
        }
      }
      if (touched.length === 0) continue;
      const ids = Int32Array.from(touched).sort();
      if (nFeat + ids.length > feat.length) {
        const size = Math.max(feat.length * 2, nFeat + ids.length);
        const f2 = new Int32Array(size);
        f2.set(feat);
        feat = f2;
        const t2 = new Uint16Array(size);
        t2.set(tfs);
        tfs = t2;
      }
      for (let x = 0; x < ids.length; x++) {
        const id = ids[x]!;
        feat[nFeat] = id;
        tfs[nFeat++] = Math.min(counts[id]!, 65535);
        counts[id] = 0;
      }
      ptr.push(nFeat);
      exTexts.push(text);
    }
  }
  exStart[nIntents] = exTexts.length;

  const data = deriveIndex({
    format: INDEX_FORMAT,
    packId: pack.id,
    packVersion: pack.version,
    fingerprint: indexFingerprint(pack, params),
    params,
    features: FeatureTable.fromList(features),
    intents,
    exStart,
    exPtr: Int32Array.from(ptr),
    exFeat: feat.slice(0, nFeat),
    exTf: tfs.slice(0, nFeat),
    keywords: keywordEntries(pack),
    calibration: { ...PRIOR_CALIBRATION },
  });
  const index: PackIndex = { ...data, runtime: createRuntime(data) };
  if (options.calibrate !== false) index.calibration = fitCalibration(index, exTexts);
  if (options.threshold !== undefined) index.calibration.threshold = options.threshold;
  return index;
}

function keywordEntries(pack: Pack): KeywordEntry[] {
  const keywords: KeywordEntry[] = [];
  pack.intents.forEach((it, i) => {
    for (const kw of it.keywords) {
      const stems = tokenize(kw).map((t) => t.stem);
      if (stems.length > 0) keywords.push({ intent: i, stems, text: kw });
    }
  });
  return keywords;
}

/**
 * Fit p(top intent correct) = σ(a·top + b·margin + c) on the pack's own examples: each sampled
 * example is scored leave-one-out (positive when its intent still wins) and once more with its whole
 * intent left out (always a negative: what an unrelated request looks like to this pack).
 * Regularised toward the prior, so small packs barely move it.
 */
function fitCalibration(index: PackIndex, exTexts: readonly string[]): Calibration {
  const samples: Array<[number, number, number]> = [];
  const nIntents = index.intents.length;
  // Deterministic spread of examples over intents (round robin), capped.
  const perIntent: number[][] = [];
  for (let i = 0; i < nIntents; i++) {
    // real examples only (the last entry of each intent is the label pseudo-example)
    const list: number[] = [];
    for (let j = index.exStart[i]!; j < index.exStart[i + 1]! - 1; j++) list.push(j);
    perIntent.push(list.length >= 2 ? list : []);
  }
  for (let round = 0; samples.length < MAX_CALIBRATION_SAMPLES; round++) {
    let any = false;
    for (let i = 0; i < nIntents && samples.length < MAX_CALIBRATION_SAMPLES; i++) {
      const j = perIntent[i]![round];
      if (j === undefined) continue;
      any = true;
      const tokens = tokenize(exTexts[j] ?? '');
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
