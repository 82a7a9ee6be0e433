/**
 * Feature extraction for intent matching. One text → weighted sparse features in four groups:
 *   w: stemmed content words          ("w:refund")
 *   b: word bigrams (one side may be a function word, so "not working" and "how much" survive)
 *   c: character 3–5-grams of content words, with word boundaries (typos, compounds, morphology)
 *   s: support-domain synonym concepts ("reimburse" → "s:refund")
 *   f: function words on their own ("how", "my", "not"), weakly weighted: they tell questions from
 *      requests ("how do I …" vs "I want …")
 * Each group is L2-normalised on its own and scaled by its group weight, so the many character
 * n-grams cannot drown the word features.
 */
import type { Token } from '../text/tokenize';
import { conceptOf } from '../text/synonyms';

export const GROUPS = ['w', 'b', 'c', 's', 'f'] as const;
export const NGROUPS = GROUPS.length;
export type Group = (typeof GROUPS)[number];
export const GROUP_INDEX: Record<Group, number> = { w: 0, b: 1, c: 2, s: 3, f: 4 };

export interface FeatureParams {
  /** Group weights, in GROUPS order. */
  groupWeights: [number, number, number, number, number];
  /** Bigrams of two function words ("how much", "can i") too. */
  stopBigrams: boolean;
  nMin: number;
  nMax: number;
}

export const DEFAULT_FEATURE_PARAMS: FeatureParams = {
  groupWeights: [1, 0.9, 0.9, 0.35, 0.7],
  stopBigrams: true,
  nMin: 3,
  nMax: 5,
};

/** Features of one token on its own (unigram, char n-grams, concept); excludes bigrams. */
export function tokenFeatures(tok: Token, params: FeatureParams, out: string[]): void {
  if (tok.stop) {
    if (params.groupWeights[4] > 0) out.push('f:' + tok.stem);
    return;
  }
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
export function bigramFeature(a: Token, b: Token, params?: FeatureParams): string | undefined {
  if (a.stop && b.stop && params?.stopBigrams !== true) return undefined;
  return 'b:' + a.stem + '_' + b.stem;
}

/** All feature strings of a token sequence, with repetition (term frequency). */
export function textFeatures(tokens: readonly Token[], params: FeatureParams): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    tokenFeatures(t, params, out);
    if (i > 0) {
      const bg = bigramFeature(tokens[i - 1]!, t, params);
      if (bg !== undefined) out.push(bg);
    }
  }
  return out;
}

export function groupOf(feature: string): number {
  return GROUP_INDEX[feature[0] as Group] ?? 0;
}
