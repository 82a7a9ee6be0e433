/**
 * Intent matching against the pack's intents, through the precomputed index.
 *
 * A ticket is split into segments (latest customer message, subject, earlier messages, each with a
 * weight) and each segment into sentence chunks. Candidates come from one pass over the whole text;
 * every chunk is then scored against those candidates (centroid + k-NN over examples + keyword
 * boosts) and calibrated. An intent's score is its best calibrated chunk score times the segment
 * weight; intents under the pack's threshold are dropped, so [] means "no intent fits". A second
 * (third) intent is returned when it is confident on its own and its evidence comes from a different
 * part of the text (multi-intent tickets: "refund" + "complaint").
 */
import type { Evidence, IntentCandidate } from '../types';
import type { PackIndex } from '../index/types';
import { calibrate, CandidateScorer, centroidTop, findKeywords, prepareTokens, vectorizeRange, type IntentScore, type PreparedTokens, type QueryVector } from '../index/score';
import { splitSentences, tokenize, type Token } from '../text/tokenize';

export interface IntentSegment {
  text: string;
  /** Offset of `text` inside the analysed text (evidence offsets are shifted by it). */
  offset: number;
  /** 1 = latest customer message; less for subject and older messages. */
  weight: number;
}

export interface MatchOptions {
  /** Override the index's calibrated threshold. */
  threshold?: number;
  /** At most this many intents (default 3). */
  maxIntents?: number;
}

export interface RankedIntent {
  intent: number;
  id: string;
  label: string;
  raw: number;
  /** Calibrated probability for the top entry; for the others the same formula against the next one. */
  score: number;
}

/** Chunks scored in full at most (long tickets: the highest-weighted segments first). */
const MAX_CHUNKS = 48;
/** Chunks longer than this many tokens are split into windows. */
const WINDOW = 40;
/** k-NN is computed for this many candidates per chunk (the rest use their centroid score only). */
const KNN_TOP = 3;
/** Chunks whose best centroid score reaches this share of the ticket's best are fully scored… */
const FULL_SCORE_SHARE = 0.5;
/** …at most this many. */
const MAX_FULL_CHUNKS = 10;

/**
 * Rank all intents for one short text (one chunk, no segmentation). Used by the evaluation and by
 * the search box; `matchIntents` is the ticket-level entry point.
 */
export function rankIntents(index: PackIndex, text: string, k = 3): RankedIntent[] {
  const tokens = tokenize(text);
  if (tokens.length === 0 || index.intents.length === 0) return [];
  const pre = prepareTokens(index, tokens);
  const q = vectorizeRange(index, pre, 0, tokens.length);
  const hits = keywordHits(index, tokens);
  const cands = centroidTop(index, q, index.params.candidates, hits.boost);
  if (cands.length === 0) return [];
  const scorer = new CandidateScorer(index, cands, q);
  try {
    const scored = scorer.score(q, hits.boost, Math.max(k, KNN_TOP));
    return toRanked(index, scored.slice(0, Math.max(k, 2))).slice(0, k);
  } finally {
    scorer.dispose();
  }
}

function toRanked(index: PackIndex, scored: IntentScore[]): RankedIntent[] {
  return scored.map((s, i) => ({
    intent: s.intent,
    id: index.intents[s.intent]!.id,
    label: index.intents[s.intent]!.label,
    raw: s.raw,
    score: calibrate(index, s.raw, scored[i + 1]?.raw ?? 0),
  }));
}

interface Chunk {
  tokens: Token[];
  /** Index of tokens[0] in the whole token list. */
  from: number;
  weight: number;
  start: number;
  end: number;
}

type KeywordHits = { boost: Map<number, number>; spans: Map<number, Array<{ from: number; to: number }>>; found: ReturnType<typeof findKeywords> };

function keywordHits(index: PackIndex, tokens: readonly Token[]): KeywordHits {
  return fromFound(index, findKeywords(index, tokens), 0, tokens.length);
}

/** Keyword hits inside tokens [from, to) of the whole text, with spans relative to `from`. */
function chunkKeywords(index: PackIndex, found: KeywordHits['found'], from: number, to: number): KeywordHits {
  return fromFound(index, found, from, to);
}

function fromFound(index: PackIndex, found: KeywordHits['found'], from: number, to: number): KeywordHits {
  const boost = new Map<number, number>();
  const spans = new Map<number, Array<{ from: number; to: number }>>();
  for (const [intent, list] of found) {
    const inside = list.filter((l) => l.from >= from && l.to < to);
    if (inside.length === 0) continue;
    boost.set(intent, Math.min(2, inside.length) * index.params.keywordBoost);
    spans.set(intent, inside.map((l) => ({ from: l.from - from, to: l.to - from })));
  }
  return { boost, spans, found };
}

function makeChunks(segments: readonly IntentSegment[]): { chunks: Chunk[]; all: Token[]; breaks: Set<number> } {
  const chunks: Chunk[] = [];
  const all: Token[] = [];
  const breaks = new Set<number>();
  const position = new Map<Token, number>();
  const ordered = segments.map((s, i) => ({ s, i })).sort((a, b) => b.s.weight - a.s.weight || a.i - b.i);
  for (const { s } of ordered) {
    if (s.weight <= 0) continue;
    const tokens = tokenize(s.text);
    if (tokens.length === 0) continue;
    breaks.add(all.length);
    for (const t of tokens) {
      t.start += s.offset;
      t.end += s.offset;
      position.set(t, all.length);
      all.push(t);
    }
    const sentences = splitSentences(s.text);
    let ti = 0;
    const segChunks: Chunk[] = [];
    for (const sen of sentences) {
      const st: Token[] = [];
      while (ti < tokens.length && tokens[ti]!.start - s.offset < sen.end) {
        if (tokens[ti]!.start - s.offset >= sen.start) st.push(tokens[ti]!);
        ti++;
      }
      for (const clause of splitClauses(st)) pushWindows(clause, s.weight, segChunks);
    }
    // Short multi-sentence segments are also read as a whole ("My tent arrived. Pole snapped. Refund?").
    if (segChunks.length > 1 && tokens.length <= 80) {
      segChunks.push({ tokens, from: 0, weight: s.weight, start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end });
    }
    for (const c of segChunks) {
      if (chunks.length >= MAX_CHUNKS) break;
      c.from = position.get(c.tokens[0]!) ?? 0;
      chunks.push(c);
    }
  }
  return { chunks, all, breaks };
}

/** Words that start a new request inside one sentence ("…, and also I need to change my address"). */
const CLAUSE_MARKERS = new Set(['also', 'additionally', 'plus', 'besides', 'secondly', 'separately', 'furthermore', 'moreover', 'meanwhile']);

/** Split a sentence at clause markers when both sides keep at least 3 words. */
function splitClauses(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let from = 0;
  for (let i = 3; i < tokens.length - 3; i++) {
    if (!CLAUSE_MARKERS.has(tokens[i]!.norm)) continue;
    const cut = i > 0 && tokens[i - 1]!.norm === 'and' ? i - 1 : i;
    if (cut - from < 3) continue;
    out.push(tokens.slice(from, cut));
    from = cut;
  }
  out.push(tokens.slice(from));
  return out;
}

function pushWindows(st: Token[], weight: number, segChunks: Chunk[]): void {
  for (let w = 0; w < st.length; w += WINDOW) {
    const part = st.slice(w, w + WINDOW + 8);
    if (part.length === 0) continue;
    segChunks.push({ tokens: part, from: 0, weight, start: part[0]!.start, end: part[part.length - 1]!.end });
    if (w + WINDOW + 8 >= st.length) break;
  }
}

const NO_KEYWORDS: KeywordHits = { boost: new Map(), spans: new Map(), found: new Map() };

interface Best {
  score: number;
  raw: number;
  chunk: Chunk;
  q: QueryVector;
  kw: Array<{ from: number; to: number }>;
}

/** Match a ticket (or any text) against the pack's intents. */
export function matchIntents(index: PackIndex, input: string | readonly IntentSegment[], opts: MatchOptions = {}): IntentCandidate[] {
  const segments: readonly IntentSegment[] = typeof input === 'string' ? [{ text: input, offset: 0, weight: 1 }] : input;
  if (index.intents.length === 0) return [];
  const { chunks, all, breaks } = makeChunks(segments);
  if (chunks.length === 0) return [];
  const threshold = opts.threshold ?? index.calibration.threshold;
  const maxIntents = opts.maxIntents ?? 3;

  // Candidates from the whole text (plus any intent whose keyword appears anywhere).
  const pre = prepareTokens(index, all, breaks);
  const whole = vectorizeRange(index, pre, 0, all.length);
  const wholeKw = keywordHits(index, all);
  const cands = centroidTop(index, whole, index.params.candidates, wholeKw.boost);
  if (cands.length === 0) return [];

  const best = new Map<number, Best>();
  const scorer = new CandidateScorer(index, cands, whole);
  try {
    // Pass 1: cheap centroid scores for every chunk. Pass 2: full scoring (k-NN, calibration) only
    // for the chunks that come close to the best one — long tickets are mostly not the request.
    const pass1 = chunks.map((chunk) => {
      const q = vectorizeRange(index, pre, chunk.from, chunk.from + chunk.tokens.length);
      const kw = wholeKw.boost.size === 0 ? NO_KEYWORDS : chunkKeywords(index, wholeKw.found, chunk.from, chunk.from + chunk.tokens.length);
      const cen = scorer.centroids(q);
      let top = 0;
      for (let mi = 0; mi < cen.length; mi++) top = Math.max(top, cen[mi]! + (kw.boost.get(cands[mi]!) ?? 0));
      return { chunk, q, kw, cen, top: top * chunk.weight };
    });
    const bestTop = Math.max(0, ...pass1.map((p) => p.top));
    const selected = pass1
      .filter((p) => p.top > 0 && p.top >= bestTop * FULL_SCORE_SHARE)
      .sort((a, b) => b.top - a.top)
      .slice(0, MAX_FULL_CHUNKS);
    for (const { chunk, q, kw, cen } of selected) {
      const scored = scorer.score(q, kw.boost, KNN_TOP, cen);
      const top = scored[0];
      if (top === undefined) continue;
      const p = calibrate(index, top.raw, scored[1]?.raw ?? 0) * chunk.weight;
      const prev = best.get(top.intent);
      if (prev === undefined || p > prev.score) {
        const spans = kw.spans.get(top.intent) ?? [];
        best.set(top.intent, { score: p, raw: top.raw, chunk, q, kw: spans });
      }
    }
  } finally {
    scorer.dispose();
  }
  const ranked = [...best.entries()].filter(([, b]) => b.score >= threshold).sort((a, b) => b[1].score - a[1].score);
  const out: IntentCandidate[] = [];
  const usedSpans: Array<[number, number]> = [];
  for (const [intent, b] of ranked) {
    if (out.length >= maxIntents) break;
    const evidence = evidenceFor(index, intent, b, segments, pre);
    if (out.length > 0) {
      // A further intent needs evidence of its own, outside the spans that explain the first ones.
      const own = evidence.filter((e) => !usedSpans.some(([s, en]) => (e.start ?? 0) < en && (e.end ?? 0) > s));
      if (own.length === 0) continue;
    }
    for (const e of evidence) usedSpans.push([e.start ?? 0, e.end ?? 0]);
    const meta = index.intents[intent]!;
    out.push({ id: meta.id, label: meta.label, score: Math.min(0.99, round3(b.score)), evidence });
  }
  return out;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function centroidMap(index: PackIndex, intent: number): Map<number, number> {
  const cache = index.runtime.centroidMaps;
  let m = cache.get(intent);
  if (m !== undefined) return m;
  m = new Map();
  const n = index.cNorm[intent]! || 1;
  for (let j = index.exStart[intent]!; j < index.exStart[intent + 1]!; j++) {
    for (let p = index.exPtr[j]!; p < index.exPtr[j + 1]!; p++) m.set(index.exFeat[p]!, (m.get(index.exFeat[p]!) ?? 0) + index.exVal[p]! / n);
  }
  if (cache.size > 256) cache.clear();
  cache.set(intent, m);
  return m;
}

/** The ticket words that made `intent` match in its best chunk, merged into spans. */
function evidenceFor(index: PackIndex, intent: number, b: Best, segments: readonly IntentSegment[], pre: PreparedTokens): Evidence[] {
  const cmap = centroidMap(index, intent);
  const dense = index.runtime.scratch;
  for (let k = 0; k < b.q.ids.length; k++) dense[b.q.ids[k]!] = b.q.vals[k]!;
  const toks = b.chunk.tokens;
  const contrib = new Array<number>(toks.length).fill(0);
  for (let i = 0; i < toks.length; i++) {
    const ids = pre.entries[b.chunk.from + i]!.ids;
    for (let k = 0; k < ids.length; k++) contrib[i]! += dense[ids[k]!]! * (cmap.get(ids[k]!) ?? 0);
    if (i > 0) {
      const id = pre.bigram[b.chunk.from + i]!;
      if (id >= 0) {
        const v = (dense[id]! * (cmap.get(id) ?? 0)) / 2;
        contrib[i]! += v;
        contrib[i - 1]! += v;
      }
    }
  }
  for (let k = 0; k < b.q.ids.length; k++) dense[b.q.ids[k]!] = 0;
  for (const s of b.kw) for (let i = s.from; i <= s.to; i++) contrib[i]! += index.params.keywordBoost;
  const max = Math.max(0, ...contrib);
  if (max <= 0) return [];
  const keep = contrib.map((c, i) => c >= max * 0.25 && !toks[i]!.stop);
  const spans: Array<{ start: number; end: number; weight: number }> = [];
  for (let i = 0; i < toks.length; i++) {
    if (!keep[i]) continue;
    const last = spans[spans.length - 1];
    const t = toks[i]!;
    // join with the previous span across at most one function word
    if (last !== undefined && (keep[i - 1] || (i >= 2 && keep[i - 2] && toks[i - 1]!.stop)) && t.start - last.end <= 12) {
      last.end = t.end;
      last.weight += contrib[i]!;
    } else spans.push({ start: t.start, end: t.end, weight: contrib[i]! });
  }
  spans.sort((a, b2) => b2.weight - a.weight);
  const source = (start: number, end: number): string => {
    for (const s of segments) {
      if (start >= s.offset && end <= s.offset + s.text.length) return s.text.slice(start - s.offset, end - s.offset);
    }
    return '';
  };
  return spans.slice(0, 4).map((s) => ({ text: source(s.start, s.end), start: s.start, end: s.end }));
}
