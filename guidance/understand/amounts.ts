/**
 * Money amounts in ticket or draft text: currency symbols, codes and words before or after the number,
 * English and European separators, number words, "2k", ranges. Order numbers, dates, times, quantities,
 * percentages, phone numbers, postcodes and versions are not money. A bare number counts as money only
 * in a money sentence ("refund 180", "I paid 61.21"), with the pack's default currency marked assumed.
 * Pure, synchronous, never throws; `text.slice(start, end) === amount.text` always holds.
 */
import type { AmountSignal } from '../types';
import {
  CURRENCY_CODES,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  MINOR_WORDS,
  NUMBER_WORDS,
  SCALE_WORDS,
} from './lexicon/currencies';
import { hasWord, prepare } from './lexicon/text';

export interface AmountOptions {
  /** ISO 4217 code used for bare numbers in a money context (marked `currencyAssumed`). */
  defaultCurrency?: string;
  source?: 'ticket' | 'draft';
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SYMBOL_MAP = new Map<string, string>(CURRENCY_SYMBOLS.map(([s, c]) => [s.toLowerCase(), c]));
const CODE_SET = new Set(CURRENCY_CODES.split(/\s+/).filter(Boolean));
const WORD_MAP = new Map<string, string>(CURRENCY_WORDS.map(([w, c]) => [w, c]));
const MINOR_MAP = new Map<string, string | undefined>(MINOR_WORDS.map(([w, c]) => [w, c]));

// Symbols that are safe before a number. "R" and "Ft"/"kr" need care: only codes/symbols with a
// non-letter or a word boundary before them.
const PRE_SYMBOLS = CURRENCY_SYMBOLS.map(([s]) => s).filter((s) => s !== 'R' && s !== 'Ft');
const PRE_RE = new RegExp(
  `(?:^|[^A-Za-z0-9\\u00C0-\\u024F$])(${[...PRE_SYMBOLS].sort((a, b) => b.length - a.length).map(esc).join('|')}|${[...CODE_SET].join('|')})[ \\u00A0]?$`,
  'i',
);
const POST_WORDS = [...WORD_MAP.keys(), ...MINOR_MAP.keys()].sort((a, b) => b.length - a.length);
const POST_RE = new RegExp(
  `[ \\u00A0]?(?:(${['€', '$', '£', '¥', '₹', '₽', '₺', '₩', '₪', '₱', '₫', '฿', '₴', '₦'].map(esc).join('|')})|(${[...CODE_SET].join('|')}|zł|Kč|Ft|kr\\.?|CHF|Fr\\.|SFr\\.?)(?![A-Za-z0-9\\u00C0-\\u024F])|(${POST_WORDS.map(esc).join('|')})(?![A-Za-z0-9\\u00C0-\\u024F]))`,
  'iy',
);
/** Digit number: thousands groups (",", ".", space, apostrophe) or plain, optional decimals. */
const NUM_SRC =
  /(?<![A-Za-z0-9\u00C0-\u024F.,:/#'’_])(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:[.,]\d{1,2})?|\d{1,3}(?:['’]\d{3})+(?:\.\d{1,2})?|\d{1,12}(?:[.,]\d{1,2})?)(?!\d|[.,:/]\d|['’]\d)/;
const NUM_SCAN = new RegExp(NUM_SRC.source, 'g');
const MULT_RE = /(?:[ \u00A0]?(k|K|mn|m|M|bn)(?![A-Za-z0-9\u00C0-\u024F])|[ \u00A0](thousand|million|grand|billion)(?![A-Za-z0-9\u00C0-\u024F]))/y;
const NUMW =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|grand|million';
const WORDNUM_SRC = `(?:(?:a|an)[ ])?(?:(?:${NUMW})[ -](?:and[ ])?){0,6}(?:${NUMW})`;
const WORD_AMOUNT_RE = new RegExp(
  `(?<![A-Za-z0-9\\u00C0-\\u024F])(${WORDNUM_SRC})[ ](${POST_WORDS.map(esc).join('|')})(?![A-Za-z0-9\\u00C0-\\u024F])`,
  'g',
);
/** Words that make the number-word pass worth running. */
const WORD_AMOUNT_NEED = [...new Set(POST_WORDS.flatMap((w) => w.split(' ')))];

/** Words around a bare number that make it money. */
const MONEY_CUE_RE =
  /\b(?:refund\w*|reimburs\w*|charg\w*|overcharg\w*|paid|pay|paying|payment|payments|spen[dt]\w*|cost\w*|price\w*|priced|fee|fees|owe[ds]?|owing|balance|deposit\w*|withdr[ae]w\w*|transfer\w*|amount\w*|total|bill|billed|invoiced|credit(?:ed)?|debit(?:ed)?|worth|budget|compensat\w*|sum|cashback|money|top[- ]?up|topped\s+up|overdraft|limit|loan|sent\s+me|send\s+me|back)\b/i;
const BARE_AFTER_OK = new Set(
  ('at to in for from on and but or into back last yesterday today this that was were is are which because so ' +
    'please transfer transfers payment payments refund refunds charge charges fee fees standing deposit ' +
    'reimbursement bill total instead already only more less then now i it by off extra tomorrow via as ' +
    'with without plus minus each per every has have had will would should could if when even still yet ' +
    'recently ago the my your our their back during in within over under between then last next').split(' '),
);
const BARE_BEFORE_BAD =
  /(?:#|№|\b(?:no|nr|num|number|order|orders|ord|invoice|inv|ticket|case|ref|reference|id|size|sizes|version|v|ver|model|room|table|flight|code|pin|zip|postcode|post\s+code|tel|phone|mobile|call|fax|account|acc|acct|iban|card|item|sku|part|page|step|level|floor|apt|apartment|unit|street|st|route|gate|seat|platform|line|chapter|rev|build|release|quantity|qty|x|times|aged?|year|years|day|days|week|weeks|month|months|hour|hours|minute|minutes|at|before|after|around|until|till|since|by|jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december|mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday|quarter\s+(?:to|past)|half\s+past|\d{1,2}\s+(?:to|past))\.?)\s*$/i;

const MAX_LEN = 200_000;

interface NumTok {
  start: number;
  end: number;
  value: number;
  text: string;
}

function parseDigits(raw: string): number | undefined {
  let s = raw.replace(/[ \u00A0\u202F'’]/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the later one is the decimal separator.
    if (lastDot > lastComma) s = s.replace(/,/g, '');
    else s = s.replace(/\./g, '').replace(',', '.');
  } else if (lastComma >= 0) {
    const decimals = s.length - lastComma - 1;
    const commas = s.split(',').length - 1;
    s = decimals === 3 || commas > 1 ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (lastDot >= 0) {
    const decimals = s.length - lastDot - 1;
    const dots = s.split('.').length - 1;
    if (decimals === 3 || dots > 1) s = s.replace(/\./g, '');
  }
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

function parseWords(raw: string): number | undefined {
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of raw.toLowerCase().split(/[ -]+/)) {
    if (w === 'and') continue;
    if (w === 'a' || w === 'an') {
      current = Math.max(current, 1);
      continue;
    }
    const n = NUMBER_WORDS[w];
    if (n !== undefined) {
      current += n;
      any = true;
      continue;
    }
    const sc = SCALE_WORDS[w];
    if (sc !== undefined) {
      any = true;
      if (sc === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * sc;
        current = 0;
      }
    }
  }
  return any ? total + current : undefined;
}

function symbolCurrency(sym: string): string | undefined {
  const low = sym.toLowerCase();
  const s = SYMBOL_MAP.get(low);
  if (s) return s;
  const up = sym.toUpperCase();
  if (CODE_SET.has(up)) return up === 'RMB' ? 'CNY' : up;
  if (low === 'fr.' || low === 'sfr' || low === 'sfr.' || low === 'chf') return 'CHF';
  if (low === 'kr' || low === 'kr.') return 'SEK';
  if (low === 'zł') return 'PLN';
  if (low === 'kč') return 'CZK';
  if (low === 'ft') return 'HUF';
  return undefined;
}

function multiplier(m: string | undefined): number {
  if (!m) return 1;
  const l = m.toLowerCase();
  if (l === 'k' || l === 'thousand' || l === 'grand') return 1e3;
  if (l === 'm' || l === 'mn' || l === 'million') return 1e6;
  if (l === 'bn' || l === 'billion') return 1e9;
  return 1;
}

interface Found {
  start: number;
  end: number;
  value: number;
  currency?: string;
  assumed?: boolean;
  min?: number;
}

export function extractAmounts(text: string, opts: AmountOptions = {}): AmountSignal[] {
  try {
    return extract(typeof text === 'string' ? text : String(text ?? ''), opts ?? {});
  } catch {
    return [];
  }
}

function extract(input: string, opts: AmountOptions): AmountSignal[] {
  const text = input.length > MAX_LEN ? input.slice(0, MAX_LEN) : input;
  const source = opts.source ?? 'ticket';
  const found: Found[] = [];

  // 1. Digit numbers.
  const nums: NumTok[] = [];
  NUM_SCAN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUM_SCAN.exec(text)) !== null) {
    const v = parseDigits(m[0]);
    if (v !== undefined) nums.push({ start: m.index, end: m.index + m[0].length, value: v, text: m[0] });
    if (nums.length > 2000) break;
  }
  dropHyphenChains(text, nums);

  const used = new Set<number>();
  for (let i = 0; i < nums.length; i++) {
    if (used.has(i)) continue;
    const n = nums[i]!;
    const a = attach(text, n);
    if (!a) continue;
    // Range: "150-200 EUR", "€150–€200", "$50 to $80", "between $50 and $80".
    const next = nums[i + 1];
    if (next) {
      const gap = text.slice(a.end, next.start);
      const gapPlain = text.slice(n.end, next.start);
      const joinAfter = /^\s{0,2}(?:-|–|—|to|and)\s{0,2}(?:[^\s\d]{1,4}\s?)?$/i.test(gap) && a.end <= next.start;
      const joinPlain = /^\s{0,2}(?:-|–|—|to|and)\s{0,2}$/i.test(gapPlain);
      if (joinAfter || (a.pre === undefined && joinPlain)) {
        const b = attach(text, next);
        const between = /\bbetween\s+(?:\S{1,4}\s?)?$/i.test(text.slice(Math.max(0, n.start - 14), a.start));
        const connector = (joinAfter ? gap : gapPlain).trim().toLowerCase();
        const okConnector = connector.startsWith('and') ? between : true;
        if (b && b.currency && okConnector && b.value >= a.value && (a.currency === undefined || a.currency === b.currency)) {
          found.push({ start: a.start, end: b.end, value: b.value, min: a.value, currency: b.currency });
          used.add(i).add(i + 1);
          continue;
        }
        if (b && !b.currency && a.currency && okConnector && joinPlain === false && b.value >= a.value && a.pre) {
          // "€150-200"
          found.push({ start: a.start, end: b.end, value: b.value, min: a.value, currency: a.currency });
          used.add(i).add(i + 1);
          continue;
        }
        if (a.currency && a.pre && joinPlain && okConnector && b && b.value >= a.value) {
          found.push({ start: a.start, end: b.end, value: b.value, min: a.value, currency: b.currency ?? a.currency });
          used.add(i).add(i + 1);
          continue;
        }
      }
    }
    if (a.currency) {
      found.push({ start: a.start, end: a.end, value: a.value, currency: a.currency });
      used.add(i);
    } else if (a.minor) {
      found.push({ start: a.start, end: a.end, value: a.value, currency: opts.defaultCurrency, assumed: opts.defaultCurrency ? true : undefined });
      used.add(i);
    }
  }

  // 2. Number words: "fifty dollars", "a hundred bucks", "twenty-five euros".
  const prepared = prepare(text);
  WORD_AMOUNT_RE.lastIndex = 0;
  while (hasWord(prepared, WORD_AMOUNT_NEED) && (m = WORD_AMOUNT_RE.exec(prepared.low)) !== null) {
    const numText = m[1] ?? '';
    const unit = (m[2] ?? '').toLowerCase();
    let v = parseWords(numText);
    if (v === undefined || v === 0) continue;
    let cur = WORD_MAP.get(unit);
    if (MINOR_MAP.has(unit)) {
      v = v / 100;
      cur = MINOR_MAP.get(unit) ?? opts.defaultCurrency;
    }
    const start = m.index;
    const end = m.index + m[0].length;
    if (found.some((f) => start < f.end && end > f.start)) continue;
    found.push({ start, end, value: round2(v), currency: cur });
  }

  // 3. Bare numbers in a money sentence.
  for (let i = 0; i < nums.length; i++) {
    if (used.has(i)) continue;
    const n = nums[i]!;
    if (found.some((f) => n.start < f.end && n.end > f.start)) continue;
    // "a 2k budget", "refund 1.5k": a k/thousand multiplier counts as part of the number.
    const kk = /^(?:k\b|K\b| thousand\b| grand\b)/.exec(text.slice(n.end, n.end + 9));
    const tok: NumTok = kk && n.value < 100000 ? { ...n, end: n.end + kk[0].length, value: n.value * 1000, text: n.text + kk[0] } : n;
    const bare = bareMoney(text, tok, nums[i - 1], nums[i + 1], Boolean(kk));
    if (bare) {
      found.push({
        start: tok.start,
        end: tok.end,
        value: tok.value,
        currency: opts.defaultCurrency,
        assumed: opts.defaultCurrency ? true : undefined,
      });
    }
  }

  found.sort((x, y) => x.start - y.start);
  const out: AmountSignal[] = [];
  let lastEnd = -1;
  for (const f of found) {
    if (f.start < lastEnd) continue;
    lastEnd = f.end;
    const sig: AmountSignal = { value: round2(f.value), text: text.slice(f.start, f.end), start: f.start, end: f.end, source };
    if (f.currency) sig.currency = f.currency;
    if (f.assumed) sig.currencyAssumed = true;
    if (f.min !== undefined) sig.min = round2(f.min);
    out.push(sig);
  }
  return out;
}

interface Attached {
  start: number;
  end: number;
  value: number;
  currency?: string;
  pre?: string;
  /** Minor units ("cents") with no currency of their own: money, currency from the pack default. */
  minor?: boolean;
}

/** Currency before or after a digit number, and a "k"/"thousand" multiplier. */
function attach(text: string, n: NumTok): Attached | undefined {
  let start = n.start;
  let end = n.end;
  let value = n.value;
  let currency: string | undefined;
  let pre: string | undefined;

  // Percentages, ordinals, times, dates are never money.
  const after = text.slice(n.end, n.end + 12);
  if (/^\s?%|^\s?(?:st|nd|rd|th)\b|^\s?[ap]\.?m\b/i.test(after)) return undefined;
  if (/^\s?percent\b/i.test(text.slice(n.end, n.end + 9))) return undefined;

  const left = text.slice(Math.max(0, n.start - 6), n.start);
  const pm = PRE_RE.exec(left);
  if (pm && pm[1]) {
    const cur = symbolCurrency(pm[1]);
    // "kr" / "R" before a number must be clearly a currency; codes must be upper case.
    const isCode = /^[a-z]{3}$/i.test(pm[1]);
    if (cur && (!isCode || pm[1] === pm[1].toUpperCase())) {
      currency = cur;
      pre = pm[1];
      start = n.start - (left.length - left.lastIndexOf(pm[1]));
    }
  }
  MULT_RE.lastIndex = end;
  const mm = MULT_RE.exec(text);
  if (mm) {
    const unit = mm[1] ?? mm[2];
    const isBareM = unit === 'm' || unit === 'M' || unit === 'mn';
    // "5m" alone is metres/minutes; only with a currency.
    let ok = !isBareM || currency !== undefined;
    if (isBareM && !currency) {
      POST_RE.lastIndex = end + mm[0].length;
      ok = POST_RE.exec(text) !== null;
    }
    if (ok && n.value < 100000) {
      value = value * multiplier(unit);
      end += mm[0].length;
    }
  }
  if (!currency) {
    POST_RE.lastIndex = end;
    const post = POST_RE.exec(text);
    if (post) {
      const tok = post[1] ?? post[2] ?? post[3] ?? '';
      const low = tok.toLowerCase();
      let cur: string | undefined;
      if (post[3]) {
        if (MINOR_MAP.has(low)) {
          cur = MINOR_MAP.get(low) ?? 'minor';
        } else cur = WORD_MAP.get(low);
      } else if (post[2]) {
        const isCode = /^[a-z]{3}$/i.test(tok);
        cur = isCode && tok !== tok.toUpperCase() && !['eur', 'usd', 'gbp', 'chf'].includes(low) ? undefined : symbolCurrency(tok);
      } else cur = symbolCurrency(tok);
      if (cur) {
        end = POST_RE.lastIndex;
        if (MINOR_MAP.has(low)) {
          // "50 cents", "20 pence": minor units.
          value = value / 100;
          return { start, end, value, currency: MINOR_MAP.get(low), pre, minor: true };
        }
        currency = cur;
      }
    }
  }
  return { start, end, value, currency, pre };
}

/** "2026-03-03", "555-123-4567", "2026-03": hyphen-joined number chains that are dates or phone numbers. */
function dropHyphenChains(text: string, nums: NumTok[]): void {
  const drop = new Set<number>();
  let i = 0;
  while (i < nums.length) {
    let j = i;
    while (j + 1 < nums.length && /^[-–]$/.test(text.slice(nums[j]!.end, nums[j + 1]!.start))) j++;
    const len = j - i + 1;
    const first = nums[i]!;
    const second = nums[i + 1];
    const prevChar = text[first.start - 1] ?? '';
    if (len >= 3 || (len === 2 && second && (/^\d{4}$/.test(first.text) || (/^\d{4}$/.test(second.text) && /^\d{3}$/.test(first.text)))) || (len >= 1 && /[-–]/.test(prevChar) && /[A-Za-z0-9\u00C0-\u024F]/u.test(text[first.start - 2] ?? ''))) {
      for (let k = i; k <= j; k++) drop.add(k);
    }
    i = j + 1;
  }
  if (drop.size === 0) return;
  const kept = nums.filter((_, k) => !drop.has(k));
  nums.length = 0;
  nums.push(...kept);
}

function bareMoney(text: string, n: NumTok, prev: NumTok | undefined, next: NumTok | undefined, multiplied = false): boolean {
  if (!multiplied && /[ \u00A0\u202F'’]/.test(n.text)) return false;
  const digits = n.text.replace(/\D/g, '');
  const hasDecimals = multiplied || (/[.,]\d{1,2}$/.test(n.text) && !/^\d{1,3}[.,]\d{3}$/.test(n.text));
  if (digits.length > 7) return false;
  if (n.value === 0) return false;
  // Years and plain small counts are not money.
  if (!hasDecimals && /^(?:19|20)\d\d$/.test(n.text)) return false;
  const before = text.slice(Math.max(0, n.start - 24), n.start);
  if (BARE_BEFORE_BAD.test(before)) return false;
  if (/[+#(@\-–/:]\s*$/.test(before)) return false;
  if (multiplied) {
    // "2k" needs a money word close by: "a 2k budget", "refund 2k", "2k loan".
    const around = text.slice(Math.max(0, n.start - 40), Math.min(text.length, n.end + 20));
    return MONEY_CUE_RE.test(around) && !/^\s*(?:km|kg|followers|views|miles|users|words|steps|run)\b/i.test(text.slice(n.end, n.end + 12));
  }
  const afterText = text.slice(n.end, n.end + 24);
  if (/^\s*[-–/:@%)]/.test(afterText)) return false;
  if (/^[ \u00A0]?(?:%|st|nd|rd|th|x|h|hrs?|min|mins|kg|g|cm|mm|km|m|lb|lbs|gb|mb|tb|ml|l|pcs|am|pm|a\.m|p\.m)\b/i.test(afterText)) return false;
  const nextWord = /^\s*([A-Za-z\u00C0-\u024F]+)/.exec(afterText)?.[1]?.toLowerCase();
  if (nextWord && !BARE_AFTER_OK.has(nextWord)) return false;
  if (prev && n.start - prev.end <= 2) return false;
  if (next && next.start - n.end <= 2) return false;
  // Money cue in the same sentence, close to the number.
  const sentStart = Math.max(
    text.lastIndexOf('.', n.start - 1) >= 0 && !/\d/.test(text[text.lastIndexOf('.', n.start - 1) + 1] ?? '')
      ? text.lastIndexOf('.', n.start - 1)
      : -1,
    text.lastIndexOf('!', n.start - 1),
    text.lastIndexOf('?', n.start - 1),
    text.lastIndexOf('\n', n.start - 1),
    n.start - 60,
  );
  const window = text.slice(Math.max(0, sentStart + 1), Math.min(text.length, n.end + 30));
  const cue = MONEY_CUE_RE.exec(window);
  if (!cue) return false;
  // "back" alone only counts as "(money) back".
  if (/^back$/i.test(cue[0]) && !/\b(?:money|refund|pay|paid|get|want|need)\b/i.test(window)) return false;
  if (!hasDecimals && n.value < 5 && !/\b(?:refund|paid|pay|charged|cost|price|fee|owe|spent|spend)\w*\s+(?:me\s+)?(?:of\s+)?$/i.test(before)) return false;
  return true;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
