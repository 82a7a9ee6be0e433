/**
 * Language of ticket text from stopword profiles (en, de, fr, es, nl, it, pt). A word shared by several
 * profiles splits its vote between them. Returns "und" (undetermined) when the text is too short or the
 * vote is not clear. Pure, synchronous, never throws.
 */
import { CHAR_HINTS, STOPWORDS } from './lexicon/stopwords';
import { prepare } from './lexicon/text';

const LANGS = Object.keys(STOPWORDS);
const VOTES = new Map<string, Array<[string, number]>>();
(function compile(): void {
  const owners = new Map<string, string[]>();
  for (const lang of LANGS) {
    for (const w of new Set((STOPWORDS[lang] ?? '').split(/\s+/).filter(Boolean))) {
      const list = owners.get(w) ?? [];
      list.push(lang);
      owners.set(w, list);
    }
  }
  for (const [w, langs] of owners) VOTES.set(w, langs.map((l) => [l, 1 / langs.length]));
})();

/** Only the first part of a long ticket is needed to tell its language. */
const MAX_CHARS = 4000;
const MIN_VOTES = 2.5;

export interface LanguageResult {
  /** ISO 639-1 code, or "und" when too short or unsure. */
  language: string;
  /** 0..1 share of the winning language in the vote (0 when "und"). */
  confidence: number;
}

export function detectLanguage(text: string): LanguageResult {
  try {
    return detect(typeof text === 'string' ? text : String(text ?? ''));
  } catch {
    return { language: 'und', confidence: 0 };
  }
}

function detect(input: string): LanguageResult {
  const prepared = prepare(input);
  const scores: Record<string, number> = {};
  for (const l of LANGS) scores[l] = 0;
  let words = 0;
  for (const t of prepared.tokens) {
    if (t.start >= MAX_CHARS) break;
    if (t.kind !== 'word' || /^\d/.test(t.low)) continue;
    words++;
    const votes = VOTES.get(t.low);
    if (votes) for (const [l, v] of votes) scores[l] = (scores[l] ?? 0) + v;
  }
  const lower = prepared.low.length > MAX_CHARS ? prepared.low.slice(0, MAX_CHARS) : prepared.low;
  for (const l of LANGS) {
    const chars = CHAR_HINTS[l] ?? '';
    let hits = 0;
    for (const c of chars) if (lower.includes(c)) hits++;
    scores[l] = (scores[l] ?? 0) + Math.min(hits, 3) * 0.5;
  }
  let best = 'und';
  let bestScore = 0;
  let total = 0;
  for (const l of LANGS) {
    const s = scores[l] ?? 0;
    total += s;
    if (s > bestScore) {
      best = l;
      bestScore = s;
    }
  }
  if (words < 3 || bestScore < MIN_VOTES || total === 0) return { language: 'und', confidence: 0 };
  const share = bestScore / total;
  // Confidence grows with evidence and with the margin over the others.
  const amount = 1 - Math.exp(-bestScore / 4);
  const confidence = Math.round(Math.min(0.99, share * (0.5 + 0.5 * amount)) * 100) / 100;
  if (share < 0.5) return { language: 'und', confidence: 0 };
  return { language: best, confidence };
}
