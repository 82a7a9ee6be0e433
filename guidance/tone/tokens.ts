/**
 * Word tokens with offsets, shared by the tone lint and the leak guard. A token is a run of letters
 * and digits, with inner apostrophes of any kind ("don’t" → "don't") and inner hyphens
 * ("non-obvious" is one word); lower-cased. `breakBefore` is true when a sentence boundary
 * (. ! ? ; followed by a space, or a line break) separates a token from the previous one:
 * multi-word patterns never match across it.
 */

export interface Token {
  /** Normalised: lower-case, apostrophes straight. */
  norm: string;
  start: number;
  end: number;
  breakBefore: boolean;
}

const APOS_RE = /['\u2019\u2018\u02BC\u0060\u00B4]/g;
const HYPHEN_RE = /[\u2010\u2011]/g;

const ODD_RE = /[\u2019\u2018\u02BC\u0060\u00B4\u2010\u2011]/;

export function normWord(word: string): string {
  const lower = word.toLowerCase();
  return ODD_RE.test(lower) ? lower.replace(APOS_RE, "'").replace(HYPHEN_RE, '-') : lower;
}

const LETTER_RE = /[\p{L}\p{N}\p{M}]/u;

/** Letter or digit (fast path for ASCII). */
function isWordChar(code: number, ch: string): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return LETTER_RE.test(ch);
}

/** Characters that join two word runs into one word: apostrophes and hyphens. */
function isJoiner(code: number): boolean {
  return (
    code === 39 || code === 0x2019 || code === 0x2018 || code === 0x02bc || code === 0x60 || code === 0xb4 ||
    code === 45 || code === 0x2010 || code === 0x2011
  );
}

function isSentenceEnd(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 59 || code === 0x2026;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 12;
}

/** Closing quotes/brackets that may sit between a sentence end and the space after it. */
function isCloser(code: number): boolean {
  return code === 34 || code === 39 || code === 0x2019 || code === 0x201d || code === 41 || code === 93;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  // Gap state since the previous token.
  let brk = false;
  let pendingEnd = false;
  while (i < n) {
    const code = text.charCodeAt(i);
    const ch = text[i]!;
    if (!isWordChar(code, ch)) {
      if (code === 10 || code === 13) brk = true;
      else if (isSentenceEnd(code)) pendingEnd = true;
      else if (pendingEnd && isSpace(code)) brk = true;
      else if (!(pendingEnd && isCloser(code))) pendingEnd = false;
      i++;
      continue;
    }
    const start = i;
    i++;
    for (;;) {
      while (i < n && isWordChar(text.charCodeAt(i), text[i]!)) i++;
      if (i + 1 < n && isJoiner(text.charCodeAt(i)) && isWordChar(text.charCodeAt(i + 1), text[i + 1]!)) {
        i += 2;
        continue;
      }
      break;
    }
    out.push({ norm: normWord(text.slice(start, i)), start, end: i, breakBefore: out.length > 0 && brk });
    brk = false;
    pendingEnd = false;
  }
  return out;
}

/** Pattern words: `*` stands for any one word; everything else is literal (never a regex). */
export function patternWords(pattern: string): Array<string | null> | undefined {
  const words: Array<string | null> = [];
  for (const chunk of pattern.trim().split(/\s+/)) {
    if (!chunk) continue;
    if (chunk === '*') {
      words.push(null);
      continue;
    }
    const toks = tokenize(chunk.replace(/\*/g, ' '));
    for (const t of toks) words.push(t.norm);
  }
  // A pattern must contain at least one literal word.
  if (!words.some((w) => w !== null)) return undefined;
  // Leading/trailing wildcards would only widen the underline: trim them.
  while (words[0] === null) words.shift();
  while (words[words.length - 1] === null) words.pop();
  return words;
}
