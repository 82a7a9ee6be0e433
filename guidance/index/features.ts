/**
 * Feature extraction for intent matching. One text → weighted sparse features in four groups:
 *   w: stemmed content words          ("w:refund")
 *   b: word bigrams (one side may be a function word, so "not working" and "how much" survive)
 *   c: character 3–5-grams of content words, with word boundaries (typos, compounds, morphology)
 *   s: support-domain synonym concepts ("reimburse" → "s:refund")
 * Each group is L2-normalised on its own and scaled by its group weight, so the many character
 * n-grams cannot drown the word features.
 */
import type { Token } from '../text/tokenize';
import { conceptOf } from '../text/synonyms';

export const GROUPS = ['w', 'b', 'c', 's'] as const;
export type Group = (typeof GROUPS)[number];
export const GROUP_INDEX: Record<Group, number> = { w: 0, b: 1, c: 2, s: 3 };

export interface FeatureParams {
  /** Group weights, in GROUPS order. */
  groupWeights: [number, number, number, number];
  nMin: number;
  nMax: number;
}

export const DEFAULT_FEATURE_PARAMS: FeatureParams = {
  groupWeights: [1, 0.55, 0.9, 0.35],
  nMin: 3,
  nMax: 5,
};

/** Features of one token on its own (unigram, char n-grams, concept); excludes bigrams. */
export function tokenFeatures(tok: Token, params: FeatureParams, out: string[]): void {
  if (tok.stop) return;
  out.push('w:' + tok.stem);
  const concept = conceptOf(tok.stem);
  if (concept !== undefined) out.push('s:' + concept);
  if (tok.stem === '#num' || tok.stem === '#code') return;
  const word = tok.norm;
  if (word.length < 3) return;
  const padded = ' ' + word + ' ';
  for (let n = params.nMin; n <= params.nMax; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push('c:' + padded.slice(i, i + n));
  }
}

/** Bigram feature of two adjacent tokens, or undefined when both are function words. */
export function bigramFeature(a: Token, b: Token): string | undefined {
  if (a.stop && b.stop) return undefined;
  return 'b:' + a.stem + '_' + b.stem;
}

/** All feature strings of a token sequence, with repetition (term frequency). */
export function textFeatures(tokens: readonly Token[], params: FeatureParams): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    tokenFeatures(t, params, out);
    if (i > 0) {
      const bg = bigramFeature(tokens[i - 1]!, t);
      if (bg !== undefined) out.push(bg);
    }
  }
  return out;
}

export function groupOf(feature: string): number {
  return GROUP_INDEX[feature[0] as Group] ?? 0;
}
