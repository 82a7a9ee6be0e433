/**
 * Tokeniser with offsets. Every token keeps its span in the source text so a match can be shown to
 * the agent as evidence ("refund", "arrived broken").
 */
import { foldToken } from './normalize';
import { stem } from './stem';
import { isStopword } from './stopwords';

export interface Token {
  /** Folded surface form ("didn't" → "did", plus a separate "not" token). */
  norm: string;
  /** Stemmed form; digits become "#num", codes mixing letters and digits "#code". */
  stem: string;
  start: number;
  end: number;
  stop: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’\u02bc][\p{L}]+)*/gu;
const DIGITS = /^\d+$/;
const HAS_DIGIT = /\d/;

const NT_BASE: Record<string, string> = { can: 'can', ca: 'can', won: 'will', wo: 'will', don: 'do', didn: 'did', doesn: 'does', isn: 'is', aren: 'are', wasn: 'was', weren: 'were', haven: 'have', hasn: 'has', hadn: 'had', shouldn: 'should', couldn: 'could', wouldn: 'would', mustn: 'must', needn: 'need', ain: 'is' };

function push(out: Token[], norm: string, start: number, end: number): void {
  if (norm.length === 0) return;
  let st: string;
  if (DIGITS.test(norm)) st = '#num';
  else if (HAS_DIGIT.test(norm)) st = '#code';
  else st = stem(norm);
  out.push({ norm, stem: st, start, end, stop: isStopword(norm) });
}

/** Split text into word tokens with offsets into `text`. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) !== null) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const folded = foldToken(raw);
    const apo = folded.indexOf("'");
    if (apo < 0) {
      push(out, folded, start, end);
      continue;
    }
    const head = folded.slice(0, apo);
    const tail = folded.slice(apo + 1);
    if (tail === 't' && head.endsWith('n')) {
      const base = NT_BASE[head] ?? NT_BASE[head.slice(0, -1)] ?? head.slice(0, -1);
      push(out, base, start, end);
      push(out, 'not', start, end);
    } else if (['s', 'm', 're', 've', 'll', 'd'].includes(tail)) {
      push(out, head, start, end);
    } else {
      push(out, folded.replace(/'/g, ''), start, end);
    }
  }
  return out;
}

/** Sentence-ish segments (offsets into `text`): split on . ! ? ; and line breaks. */
export function splitSentences(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /[^.!?;\n]+(?:[.!?;]+|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (/[\p{L}\p{N}]/u.test(m[0])) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
