export { buildIndex, DEFAULT_INTENT_PARAMS, PRIOR_CALIBRATION, type BuildOptions } from './build';
export { indexFingerprint, fnv1a } from './fingerprint';
export { serializeIndex, loadIndex, StaleIndexError } from './serialize';
export type { PackIndex, IndexData, IntentParams, Calibration } from './types';
