import type { FeatureParams } from './features';
import type { FeatureTable, FeatureTableData } from './table';

export const INDEX_FORMAT = 'tactline-index/1' as const;

/** Scoring knobs. Defaults were tuned on CLINC150 train/val (never on the test split). */
export interface IntentParams {
  features: FeatureParams;
  /** Weight of the centroid score; (1 − alpha) goes to the k-NN score over single examples. */
  alpha: number;
  /** k of the k-NN part (mean of the k best example similarities). */
  knn: number;
  /** Added to an intent's raw score per matched keyword phrase (capped at 2 matches). */
  keywordBoost: number;
  /** Candidates kept from the first pass for full scoring. */
  candidates: number;
}

/** Logistic calibration p = σ(a·top + b·margin + c); candidates under `threshold` are dropped. */
export interface Calibration {
  a: number;
  b: number;
  c: number;
  threshold: number;
  /** How many leave-one-out samples the fit used (0 = prior only). */
  samples: number;
}

export interface KeywordEntry {
  intent: number;
  /** Stemmed tokens of the keyword phrase. */
  stems: string[];
  text: string;
}

/** What is stored (serialised): feature ids and term counts per example, plus metadata. */
export interface StoredIndex {
  format: typeof INDEX_FORMAT;
  packId: string;
  packVersion: number;
  /** Hash of everything the index depends on (intents, examples, keywords, params). */
  fingerprint: string;
  params: IntentParams;
  /** Feature vocabulary (id ↔ string) as plain data; see table.ts. */
  features: FeatureTable;
  intents: Array<{ id: string; label: string }>;
  /** Examples sorted by intent: examples of intent i are exStart[i] … exStart[i+1]-1. */
  exStart: Int32Array;
  /** Example sparse vectors (CSR): features of example j are exPtr[j] … exPtr[j+1]-1 (ids ascending). */
  exPtr: Int32Array;
  exFeat: Int32Array;
  /** Term count of each (example, feature). */
  exTf: Uint16Array;
  keywords: KeywordEntry[];
  calibration: Calibration;
}

/** The full numeric index (derived from StoredIndex at build and at load). */
export interface IndexData extends StoredIndex {
  idf: Float32Array;
  /** Feature group (features.ts GROUPS order) of each feature id. */
  groups: Uint8Array;
  /** Group-normalised TF-IDF weight of each (example, feature). */
  exVal: Float32Array;
  /** L2 norm of each example vector. */
  exNorm: Float32Array;
  /** Normalised intent centroids as postings by feature (CSR): cPtr[f] … cPtr[f+1]-1. */
  cPtr: Int32Array;
  cIntent: Int32Array;
  cVal: Float32Array;
  /** Norm of each unnormalised centroid (sum of example vectors), for leave-one-out maths. */
  cNorm: Float32Array;
}

/** Runtime-only caches (never serialised). */
export interface IndexRuntime {
  /** Scratch dense query vector, zeroed after each use. */
  scratch: Float64Array;
  intentScratch: Float64Array;
  /** token norm → known feature ids + unknown-feature counts per group. */
  tokenCache: Map<string, { ids: Int32Array; unknown: Float32Array }>;
  /** Lazily built per-intent centroid maps (for evidence). */
  centroidMaps: Map<number, Map<number, number>>;
  /** Lazily built sparse normalised centroids (ids ascending). */
  centroidSparse: Map<number, { ids: Int32Array; vals: Float32Array }>;
  /** feature id → slot in the per-call candidate matrix, or -1 (reset after each call). */
  slotOf: Int32Array;
  keywordsByFirst: Map<string, KeywordEntry[]>;
  maxIdf: number;
}

/**
 * The index as IndexedDB stores it (format 2): the stored part plus everything derived, as typed
 * arrays and strings, so a service-worker restart only structured-clones it (no JSON parse, no
 * derivation, no per-feature strings). Format 1 (`serializeIndex`, JSON text) still loads.
 */
export interface IndexRecord {
  format: typeof INDEX_RECORD_FORMAT;
  packId: string;
  packVersion: number;
  fingerprint: string;
  params: IntentParams;
  intents: Array<{ id: string; label: string }>;
  keywords: KeywordEntry[];
  calibration: Calibration;
  features: FeatureTableData;
  groups: Uint8Array;
  exStart: Int32Array;
  exPtr: Int32Array;
  exFeat: Int32Array;
  exTf: Uint16Array;
  idf: Float32Array;
  exVal: Float32Array;
  exNorm: Float32Array;
  cPtr: Int32Array;
  cIntent: Int32Array;
  cVal: Float32Array;
  cNorm: Float32Array;
}

export const INDEX_RECORD_FORMAT = 'tactline-index/2' as const;

export interface PackIndex extends IndexData {
  runtime: IndexRuntime;
}
