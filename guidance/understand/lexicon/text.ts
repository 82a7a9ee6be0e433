/**
 * Small text helpers shared by the extractors: offset-preserving lower-casing and a fast word tokenizer.
 * Regexes with the `u` or `i` flag are several times slower in V8, so extractors match lower-cased text
 * with plain `g` regexes and slice the original text for the evidence.
 */

/** Lower-cases `text` keeping every offset (String#toLowerCase can change length for a few letters). */
export function lowerSameLength(text: string): string {
  const low = text.toLowerCase();
  if (low.length === text.length) return low;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i];
  }
  return out;
}

/** Letters and digits of the scripts we read (Latin, Greek, Cyrillic …); not punctuation, symbols or emoji. */
export function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, currency signs
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false; // surrogates (emoji)
  if (c >= 0xfe30 && c <= 0xfe6f) return false;
  if (c >= 0xff00 && c <= 0xff0f) return false;
  return true;
}

export interface WordToken {
  /** Lower-cased, with ’ normalised to ' (the original is `text.slice(start, end)`). */
  low: string;
  start: number;
  end: number;
  /** word: letters/digits (with inner ' ’ -); bang: run of ! and ?; punct: run of . , ; : ( ) */
  kind: 'word' | 'bang' | 'punct';
}

const MAX_TOKENS = 5000;
const MAX_WORD = 40;

/** Tokenizes into words (inner apostrophes and hyphens kept), runs of !/?, and clause punctuation. */
export function tokenize(text: string, low: string): WordToken[] {
  const out: WordToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && out.length < MAX_TOKENS) {
    const c = text.charCodeAt(i);
    if (isWordCode(c)) {
      let j = i + 1;
      while (j < n && j - i < MAX_WORD) {
        const d = text.charCodeAt(j);
        if (isWordCode(d)) j++;
        else if ((d === 39 || d === 0x2019 || d === 45) && j + 1 < n && isWordCode(text.charCodeAt(j + 1))) j += 2;
        else break;
      }
      let l = low.slice(i, j);
      if (l.indexOf('’') >= 0) l = l.replace(/’/g, "'");
      out.push({ low: l, start: i, end: j, kind: 'word' });
      i = j;
    } else if (c === 33 || c === 63) {
      let j = i + 1;
      while (j < n && j - i < 20 && (text.charCodeAt(j) === 33 || text.charCodeAt(j) === 63)) j++;
      out.push({ low: text.slice(i, j), start: i, end: j, kind: 'bang' });
      i = j;
    } else if (c === 46 || c === 44 || c === 59 || c === 58 || c === 40 || c === 41 || c === 10) {
      out.push({ low: text[i] ?? '', start: i, end: i + 1, kind: 'punct' });
      i++;
    } else i++;
  }
  return out;
}

/** True when any of the literals occurs in `low` (a cheap pre-filter before running a regex). */
export function hasAny(low: string, literals: readonly string[]): boolean {
  for (const l of literals) if (low.indexOf(l) >= 0) return true;
  return false;
}

export interface PreparedText {
  text: string;
  low: string;
  tokens: WordToken[];
  /** Lower-cased word tokens present in the text (for cheap "does this cue apply at all" checks). */
  words: Set<string>;
}

let last: PreparedText | undefined;

/**
 * Lower-cased text, tokens and word set, computed once per text: every extractor is called on the same
 * analysed text in turn, so the last result is kept (a one-entry cache; no other state).
 */
export function prepare(text: string): PreparedText {
  if (last && last.text === text) return last;
  // ’ → ' keeps the length, so patterns can be written with a plain apostrophe.
  const low = lowerSameLength(text).replace(/’/g, "'");
  const tokens = tokenize(text, low);
  const words = new Set<string>();
  for (const t of tokens) if (t.kind === 'word') words.add(t.low);
  last = { text, low, tokens, words };
  return last;
}

/** True when any of the words occurs as a token. */
export function hasWord(p: PreparedText, words: readonly string[]): boolean {
  for (const w of words) if (p.words.has(w)) return true;
  return false;
}
