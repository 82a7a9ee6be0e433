/**
 * Dates and durations in ticket text, resolved against the ticket's reference date so that policy
 * windows can be checked: absolute ("3 March", "March 3rd", "03/03/2026", "2026-03-03", "3.3.2026")
 * and relative ("34 days ago", "yesterday", "last Tuesday", "two weeks ago", "last week"), each with the
 * kind of event it is about when the wording around says so ("ordered …", "delivered on …").
 *
 * Policy: a date without a year resolves to its most recent past occurrence, and a weekday to the most
 * recent past one, unless the wording points forward ("tomorrow", "in 3 days", "next Friday", "by Friday").
 * Ambiguous numeric dates (03/04/2026) take the reading that is not in the future; when both are in the
 * past, the more recent one (tickets talk about recent events).
 * Pure, synchronous, never throws; `text.slice(start, end) === date.text` always holds.
 */
import type { DateKind, DateSignal } from '../types';
import { hasWord, prepare, type PreparedText } from './lexicon/text';

const DAY_MS = 86_400_000;
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
  // German, French, Spanish, Italian, Dutch, Portuguese (full names and the unambiguous abbreviations).
  januar: 1, jänner: 1, janvier: 1, enero: 1, gennaio: 1, januari: 1, janeiro: 1,
  februar: 2, février: 2, fevrier: 2, febrero: 2, febbraio: 2, februari: 2, fevereiro: 2,
  märz: 3, maerz: 3, mär: 3, mars: 3, marzo: 3, maart: 3, março: 3,
  avril: 4, abril: 4, aprile: 4,
  mai: 5, mayo: 5, maggio: 5, mei: 5, maio: 5,
  juni: 6, juin: 6, junio: 6, giugno: 6, junho: 6,
  juli: 7, juillet: 7, julio: 7, luglio: 7, julho: 7,
  août: 8, aout: 8, agosto: 8, augustus: 8,
  septembre: 9, septiembre: 9, setiembre: 9, settembre: 9, setembro: 9,
  oktober: 10, okt: 10, octobre: 10, octubre: 10, ottobre: 10, outubro: 10,
  novembre: 11, noviembre: 11, novembro: 11,
  dezember: 12, dez: 12, décembre: 12, decembre: 12, diciembre: 12, dicembre: 12, dezembro: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4,
  thu: 4, thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
};
const SMALL_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, 'a couple of': 2, 'a couple': 2, couple: 2,
  'a few': 3, few: 3, 'several': 3,
};
const MON_EU =
  'januar|jänner|janvier|enero|gennaio|januari|janeiro|februar|février|fevrier|febrero|febbraio|februari|fevereiro|' +
  'märz|maerz|mär|mars|marzo|maart|março|avril|aprile|abril|mai|mayo|maggio|mei|maio|juni|juin|junio|giugno|junho|' +
  'juli|juillet|julio|luglio|julho|août|aout|agosto|augustus|septembre|septiembre|setiembre|settembre|setembro|' +
  'oktober|okt|octobre|octubre|ottobre|outubro|novembre|noviembre|novembro|dezember|dez|décembre|decembre|diciembre|dicembre|dezembro';
const MON = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|${MON_EU})\.?(?![a-zà-ÿ])`;
const WD = String.raw`(?:((?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?,?\s+)?`;
const DAYNUM = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:,?\s+(?:de\s+)?(\d{4}|'\d{2}))?`;
const NUMWORD = String.raw`(\d{1,3}|a couple of|a couple|couple of|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)`;
const UNIT = String.raw`(days?|weeks?|fortnights?|months?|years?)`;
const WEEKDAY = String.raw`(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)`;

interface Rule {
  /** Words one of which must occur for the rule to apply (a cheap pre-filter); absent = always run. */
  need?: readonly string[] | ((p: PreparedText) => boolean);
  re: RegExp;
  resolve: (m: RegExpExecArray, ctx: Ctx) => Resolved | undefined;
}
interface Resolved {
  day: number; // days since epoch (UTC)
  /** Offsets of the date expression within the match (defaults to the whole match). */
  trimStart?: number;
  future?: boolean;
}
interface Ctx {
  ref: number;
  refY: number;
  refM: number;
  refD: number;
  text: string;
  forward: boolean; // wording before the match points to the future ("by", "until", "next")
}

const rx = (s: string): RegExp => new RegExp(s, 'g');

function dayOf(y: number, m: number, d: number): number | undefined {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1900 && y <= 2200)) return undefined;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(t / DAY_MS);
}

function addMonths(ctx: Ctx, months: number): number {
  const total = ctx.refY * 12 + (ctx.refM - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Math.round(Date.UTC(y, m - 1, Math.min(ctx.refD, last)) / DAY_MS);
}

function year(raw: string | undefined, ctx: Ctx): number | undefined {
  if (!raw) return undefined;
  const s = raw.replace("'", '');
  if (s.length === 4) return Number(s);
  const yy = Number(s);
  return yy <= (ctx.refY % 100) + 1 ? 2000 + yy : 1900 + yy;
}

/** Month/day without a year: most recent past occurrence, or the next one when the wording looks forward. */
function noYear(ctx: Ctx, m: number, d: number, forward: boolean): number | undefined {
  const thisYear = dayOf(ctx.refY, m, d);
  if (thisYear === undefined) {
    // Feb 29 in a non-leap year: try the closest leap year in the right direction.
    for (let k = 1; k <= 4; k++) {
      const y = forward ? ctx.refY + k : ctx.refY - k;
      const v = dayOf(y, m, d);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  if (forward) return thisYear >= ctx.ref ? thisYear : dayOf(ctx.refY + 1, m, d);
  return thisYear <= ctx.ref ? thisYear : dayOf(ctx.refY - 1, m, d);
}

function num(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const l = raw.toLowerCase().trim();
  if (/^\d+$/.test(l)) return Number(l);
  return SMALL_NUMBERS[l] ?? SMALL_NUMBERS[l.replace(/\s+of$/, '')];
}

function weekdayIndex(raw: string): number | undefined {
  return WEEKDAYS[raw.toLowerCase().replace(/\.$/, '')];
}

function monthIndex(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  return MONTHS[raw.toLowerCase().replace(/\.$/, '')];
}

function unitDays(unit: string, n: number, ctx: Ctx, sign: -1 | 1): number {
  const u = unit.toLowerCase();
  if (u.startsWith('day')) return ctx.ref + sign * n;
  if (u.startsWith('week')) return ctx.ref + sign * 7 * n;
  if (u.startsWith('fortnight')) return ctx.ref + sign * 14 * n;
  if (u.startsWith('month')) return addMonths(ctx, sign * n);
  return addMonths(ctx, sign * 12 * n);
}

/** Weekday relative to the reference: `back` = most recent past (1..7 days back), else next (1..7 ahead). */
function weekday(ctx: Ctx, wd: number, back: boolean, allowToday = false): number {
  const refWd = new Date(ctx.ref * DAY_MS).getUTCDay();
  if (back) {
    let diff = (refWd - wd + 7) % 7;
    if (diff === 0 && !allowToday) diff = 7;
    return ctx.ref - diff;
  }
  let diff = (wd - refWd + 7) % 7;
  if (diff === 0 && !allowToday) diff = 7;
  return ctx.ref + diff;
}

const MONTH_WORDS = Object.keys(MONTHS);
const WEEKDAY_WORDS = [...Object.keys(WEEKDAYS), 'wednes', 'thurs'];
const UNIT_WORDS = ['day', 'days', 'week', 'weeks', 'fortnight', 'fortnights', 'month', 'months', 'year', 'years'];
const hasOrdinal = (p: PreparedText): boolean => /\b\d{1,2}(?:st|nd|rd|th)\b/.test(p.low);

const RULES: Rule[] = [
  // ISO 2026-03-03 (also 2026/03/03).
  {
    re: rx(String.raw`(?<![\d.\-/])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d\-/]|\.\d)`),
    resolve: (m) => {
      const v = dayOf(Number(m[1]), Number(m[3]), Number(m[4]));
      return v === undefined ? undefined : { day: v, future: true };
    },
  },
  // Numeric 03/03/2026, 3.3.2026, 3-3-26.
  {
    re: rx(String.raw`(?<![\d.\-/,])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d\-/]|[.,]\d)`),
    resolve: (m, ctx) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const y = year(m[4], ctx);
      if (y === undefined) return undefined;
      const dm = dayOf(y, b, a); // day.month (European)
      const md = dayOf(y, a, b); // month/day (US)
      if (m[2] === '.') return dm === undefined ? undefined : { day: dm, future: true };
      if (dm === undefined) return md === undefined ? undefined : { day: md, future: true };
      if (md === undefined || md === dm) return { day: dm, future: true };
      const dmPast = dm <= ctx.ref;
      const mdPast = md <= ctx.ref;
      if (dmPast && !mdPast) return { day: dm, future: true };
      if (mdPast && !dmPast) return { day: md, future: true };
      if (dmPast && mdPast) return { day: Math.max(dm, md), future: true };
      return { day: Math.min(dm, md), future: true };
    },
  },
  // "3 March 2026", "3rd of March", "the 3rd of Mar", "Friday 3 March".
  {
    need: MONTH_WORDS,
    re: rx(String.raw`\b${WD}(?:the\s+)?${DAYNUM}\.?(?:\s+(?:of|de))?\s+${MON}${YEAR}(?![a-z0-9])`),
    resolve: (m, ctx) => monthDay(ctx, monthIndex(m[3]), Number(m[2]), year(m[4], ctx), m[1]),
  },
  // "March 3rd", "March the 3rd", "Mar 3, 2026", "Friday, October the 16th".
  {
    need: MONTH_WORDS,
    re: rx(String.raw`\b${WD}${MON}\s+(?:the\s+)?${DAYNUM}(?![\d:])${YEAR}(?![a-z0-9])`),
    resolve: (m, ctx) => monthDay(ctx, monthIndex(m[2]), Number(m[3]), year(m[4], ctx), m[1]),
  },
  // "the day before yesterday".
  { re: rx(String.raw`\b(?:the\s+)?day\s+before\s+yesterday\b`), resolve: (_m, ctx) => ({ day: ctx.ref - 2 }) },
  { re: rx(String.raw`\b(?:the\s+)?day\s+after\s+tomorrow\b`), resolve: (_m, ctx) => ({ day: ctx.ref + 2, future: true }) },
  // "34 days ago", "two weeks ago", "a month ago", "over a week ago".
  {
    need: ['ago', 'back', 'before'],
    re: rx(String.raw`\b${NUMWORD}\s+${UNIT}\s+(?:ago|back|before\s+(?:now|today))\b`),
    resolve: (m, ctx) => {
      const n = num(m[1]);
      if (n === undefined || n > 3660) return undefined;
      return { day: unitDays(m[2] ?? 'day', n, ctx, -1) };
    },
  },
  // "in 3 days", "3 days from now", "in two weeks".
  {
    need: UNIT_WORDS,
    re: rx(String.raw`\b(?:in\s+${NUMWORD}\s+${UNIT}(?:'?s?\s+time)?|${NUMWORD}\s+${UNIT}\s+from\s+(?:now|today))\b`),
    resolve: (m, ctx) => {
      const n = num(m[1] ?? m[3]);
      if (n === undefined || n > 3660) return undefined;
      return { day: unitDays(m[2] ?? m[4] ?? 'day', n, ctx, 1), future: true };
    },
  },
  // "last week", "last month", "last year", "a week ago" forms without a number handled above.
  {
    need: ['week', 'month', 'year', 'fortnight'],
    re: rx(String.raw`\b(last|past|previous|next|this\s+coming)\s+(week|month|year|fortnight)\b(?!\s*'?s?\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))`),
    resolve: (m, ctx) => {
      const sign = /^next|^this/i.test(m[1] ?? '') ? 1 : -1;
      const unit = (m[2] ?? 'week').toLowerCase();
      return { day: unitDays(unit, 1, ctx, sign as 1 | -1), future: sign === 1 };
    },
  },
  // "next week Friday", "Friday next week", "Monday last week".
  {
    need: ['week'],
    re: rx(String.raw`\b(next|this|last)\s+week'?s?\s+${WEEKDAY}\b|\b${WEEKDAY}\s+(?:of\s+)?(next|this|last)\s+week\b`),
    resolve: (m, ctx) => {
      const q = (m[1] ?? m[4] ?? '').toLowerCase();
      const wd = weekdayIndex(m[2] ?? m[3] ?? '');
      if (wd === undefined) return undefined;
      const k = q === 'next' ? 1 : q === 'last' ? -1 : 0;
      return { day: weekOf(ctx, wd, k), future: k >= 0 };
    },
  },
  // "last Tuesday", "next Friday", "this Monday", "on Tuesday", "since Friday", "by Friday", "Saturday coming".
  {
    need: WEEKDAY_WORDS,
    re: rx(String.raw`\b(?:(last|past|previous|next|this\s+coming|this|coming|on|since|by|until|till|before|from|for)\s+)?${WEEKDAY}\b(\s+coming)?(?:\s+(?:morning|afternoon|evening|night))?`),
    resolve: (m, ctx) => {
      const wd = weekdayIndex(m[2] ?? '');
      if (wd === undefined) return undefined;
      const q = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ') || (m[3] ? 'coming' : '');
      const short = (m[2] ?? '').length <= 4;
      // Abbreviations like "sat", "sun", "wed" are too ambiguous on their own.
      if (short && !q) return undefined;
      if (short && ['sat', 'sun', 'wed', 'mon'].includes((m[2] ?? '').toLowerCase()) && !/last|next|on|since|by|until|till/.test(q)) return undefined;
      const keepQualifier = /^(last|past|previous|next|this coming|this|coming)$/.test(q) && !m[3];
      const trimStart = m[1] && !keepQualifier ? m[0].toLowerCase().indexOf((m[2] ?? '').toLowerCase(), (m[1] ?? '').length) : 0;
      if (q === 'next') return { day: weekOf(ctx, wd, 1), future: true, trimStart };
      if (q === 'this') return { day: weekOf(ctx, wd, 0), future: true, trimStart };
      if (q === 'last' || q === 'past' || q === 'previous' || q === 'since') return { day: weekday(ctx, wd, true, false), trimStart };
      if (/^(this coming|coming)$/.test(q)) return { day: weekday(ctx, wd, false, false), future: true, trimStart };
      if (/^(by|until|till|before)$/.test(q)) return { day: weekday(ctx, wd, false, true), future: true, trimStart };
      if (ctx.forward) return { day: weekday(ctx, wd, false, true), future: true, trimStart };
      return { day: weekday(ctx, wd, true, false), trimStart };
    },
  },
  // "the 15th", "on the 3rd", "last 13th", "next 30th" (day of this or the previous/next month).
  {
    need: hasOrdinal,
    re: rx(String.raw`\b(?:(on|since|from|until|till|by|before|after|between|to|and|for|last|next|this)\s+)?(the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|each|every|month|time|times|floor|century|anniversary|birthday|place|row|grade|edition|generation|attempt|try|order|item|email|call|day|week|year|one|person|customer|largest|biggest|most|best|street|st|avenue|ave|road|rd|amendment))`),
    resolve: (m, ctx) => {
      const q = (m[1] ?? '').toLowerCase();
      if (!q && !m[2]) return undefined;
      const d = Number(m[3]);
      const forward = /^(until|till|by|before|next)$/.test(q) || (q !== 'last' && q !== 'since' && ctx.forward);
      let v: number | undefined = dayOf(ctx.refY, ctx.refM, d);
      if (!forward && (v === undefined || v > ctx.ref)) v = addMonthsDay(ctx, -1, d);
      else if (forward && (v === undefined || v < ctx.ref)) v = addMonthsDay(ctx, 1, d);
      if (v === undefined) return undefined;
      const keep = q === 'last' || q === 'next' || q === 'this';
      const trimStart = keep ? 0 : m[0].toLowerCase().indexOf(m[2] ? 'the' : (m[3] ?? ''), (m[1] ?? '').length);
      return { day: v, trimStart, future: forward };
    },
  },
  { re: rx(String.raw`\b(?:yesterday|last\s+night)\b`), resolve: (_m, ctx) => ({ day: ctx.ref - 1 }) },
  { re: rx(String.raw`\b(?:today|this\s+(?:morning|afternoon|evening)|tonight|earlier\s+today)\b`), resolve: (_m, ctx) => ({ day: ctx.ref, future: true }) },
  { re: rx(String.raw`\btomorrow\b`), resolve: (_m, ctx) => ({ day: ctx.ref + 1, future: true }) },
];

/** Weekday `wd` of the (Monday-based) week `k` weeks from the reference's week. */
function weekOf(ctx: Ctx, wd: number, k: number): number {
  const refWd = new Date(ctx.ref * DAY_MS).getUTCDay();
  const monday = ctx.ref - ((refWd + 6) % 7);
  return monday + 7 * k + ((wd + 6) % 7);
}

function addMonthsDay(ctx: Ctx, months: number, d: number): number | undefined {
  const total = ctx.refY * 12 + (ctx.refM - 1) + months;
  return dayOf(Math.floor(total / 12), (total % 12) + 1, d);
}

function monthDay(ctx: Ctx, m: number | undefined, d: number, y: number | undefined, wdName?: string): Resolved | undefined {
  if (m === undefined) return undefined;
  if (y !== undefined) {
    const v = dayOf(y, m, d);
    return v === undefined ? undefined : { day: v, future: true };
  }
  // "Thursday 30th June": the weekday tells the year (closest such year to the reference date).
  const wd = wdName ? weekdayIndex(wdName) : undefined;
  if (wd !== undefined) {
    let best: number | undefined;
    for (let k = 0; k <= 6; k++) {
      for (const yy of k === 0 ? [ctx.refY] : [ctx.refY - k, ctx.refY + k]) {
        const v = dayOf(yy, m, d);
        if (v === undefined || new Date(v * DAY_MS).getUTCDay() !== wd) continue;
        if (best === undefined || Math.abs(v - ctx.ref) < Math.abs(best - ctx.ref)) best = v;
      }
      if (best !== undefined) return { day: best, future: true };
    }
  }
  const v = noYear(ctx, m, d, ctx.forward);
  return v === undefined ? undefined : { day: v, future: ctx.forward };
}

/** Wording that makes a date point forward: "by Friday", "until 3 March", "next …", "arrive on …". */
const FORWARD_BEFORE_RE =
  /\b(?:by|until|till|before|no\s+later\s+than|due|deadline|expected|expect|expecting|scheduled|will|going\s+to|gonna|plan(?:ning)?\s+to|next|upcoming|coming|should\s+(?:arrive|be)|supposed\s+to|need\s+(?:it|this|them)\s+(?:by|before|on|for)?|for\s+the|wedding|birthday|party|trip|flight|leave|leaving|travel(?:l?ing)?|appointment|meeting|book(?:ed|ing)?|reserv\w*|arrive|arrives|arriving|stay|staying|check(?:ing)?\s+(?:in|out)|postpone|schedule|reschedule|make\s+it|how\s+about|what\s+about|move\s+it|change\s+it)\b[^.!?\n]{0,30}$/i;
/** A past-tense verb right before the date cancels forward wording ("I'd like a refund for what I bought on Monday"). */
const PAST_NEAR_RE = /\b(?:[a-z]+ed|bought|sent|got|paid|came|went|was|were|did|had|made|took|gave|wrote|spoke|told|said|since|ago|left|broke|lost)\b[^.!?\n]{0,20}$/i;

/** Kind keywords: the nearest one in the same sentence wins (before the date first, then after). */
const KIND_WORDS: ReadonlyArray<readonly [RegExp, DateKind]> = [
  [/\b(?:returned|return(?:ing|s)?|sent\s+(?:it|them|the\s+\w+)?\s*back|send\s+(?:it|them)\s+back|shipped\s+(?:it|them)?\s*back|posted\s+(?:it|them)?\s*back|mailed\s+(?:it|them)?\s*back|dropped\s+(?:it|them)?\s*off|drop(?:ped)?-?off|refused\s+delivery)\b/gi, 'return'],
  [/\b(?:delivered|delivery|deliveries|arrived|arrive|arrives|arriving|arrival|received|receive|came|got\s+(?:it|them|the\s+(?:package|parcel|order|item|items|box))|showed\s+up|turned\s+up|signed\s+for|dispatched|shipped|shipping)\b/gi, 'delivery'],
  [/\b(?:ordered|order|orders|placed\s+(?:an|my|the)\s+order|checkout|checked\s+out)\b/gi, 'order'],
  [/\b(?:bought|buy|purchased|purchase|purchases|paid|payment|charged|subscribed|renewed|subscription)\b/gi, 'purchase'],
  [/\b(?:contacted|contact|called|rang|phoned|emailed|e-?mail|wrote|written|messaged|message|spoke|chatted|reached\s+out|opened\s+(?:a|the)\s+ticket|ticket|complained)\b/gi, 'contact'],
  [/\b(?:booked|booking|cancel+ed|cancel+ation|broke|broken|stopped\s+working|happened|started|installed|signed\s+up|registered|appointment|meeting|moved)\b/gi, 'event'],
];

function kindFor(text: string, start: number, end: number): DateKind {
  const sentStartIdx = Math.max(
    text.lastIndexOf('.', start - 1) > 0 && !/\d/.test(text[text.lastIndexOf('.', start - 1) - 1] ?? '') ? text.lastIndexOf('.', start - 1) : -1,
    text.lastIndexOf('!', start - 1),
    text.lastIndexOf('?', start - 1),
    text.lastIndexOf('\n', start - 1),
  );
  const from = Math.max(sentStartIdx + 1, start - 70);
  const before = text.slice(from, start);
  let best: { kind: DateKind; dist: number } | undefined;
  for (const [re, kind] of KIND_WORDS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(before)) !== null) {
      const dist = before.length - (m.index + m[0].length);
      if (!best || dist < best.dist) best = { kind, dist };
    }
  }
  if (best) return best.kind;
  // After the date, up to the end of the sentence.
  const afterRaw = text.slice(end, end + 50);
  const stop = afterRaw.search(/[.!?\n]/);
  const after = stop >= 0 ? afterRaw.slice(0, stop) : afterRaw;
  for (const [re, kind] of KIND_WORDS) {
    re.lastIndex = 0;
    const m = re.exec(after);
    if (m && (!best || m.index < best.dist)) best = { kind, dist: m.index };
  }
  return best?.kind ?? 'unknown';
}

function parseRef(referenceDate: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(typeof referenceDate === 'string' ? referenceDate : '');
  if (!m) {
    const t = Date.parse(referenceDate);
    return Number.isFinite(t) ? Math.floor(t / DAY_MS) : undefined;
  }
  return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

const MAX_LEN = 200_000;

export function extractDates(text: string, referenceDate: string): DateSignal[] {
  try {
    return extract(typeof text === 'string' ? text : String(text ?? ''), referenceDate);
  } catch {
    return [];
  }
}

function extract(input: string, referenceDate: string): DateSignal[] {
  const ref = parseRef(referenceDate);
  if (ref === undefined) return [];
  const text = input.length > MAX_LEN ? input.slice(0, MAX_LEN) : input;
  const refDate = new Date(ref * DAY_MS);
  const base = { ref, refY: refDate.getUTCFullYear(), refM: refDate.getUTCMonth() + 1, refD: refDate.getUTCDate(), text };
  const taken: Array<[number, number]> = [];
  const out: DateSignal[] = [];
  const prepared = prepare(text);
  const low = prepared.low;
  for (const rule of RULES) {
    if (rule.need) {
      const ok = typeof rule.need === 'function' ? rule.need(prepared) : hasWord(prepared, rule.need);
      if (!ok) continue;
    }
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = rule.re.exec(low)) !== null && guard++ < 500) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const mStart = m.index;
      const mEnd = m.index + m[0].length;
      if (taken.some(([s, e]) => mStart < e && mEnd > s)) continue;
      const before = text.slice(Math.max(0, mStart - 45), mStart);
      const forward = FORWARD_BEFORE_RE.test(before) && !PAST_NEAR_RE.test(before.slice(-22));
      const r = rule.resolve(m, { ...base, forward });
      if (!r) continue;
      let start = mStart + (r.trimStart ?? 0);
      let end = mEnd;
      while (start < end && /\s/.test(text[start] ?? '')) start++;
      while (end > start && /[\s,.]/.test(text[end - 1] ?? '')) end--;
      const the = /^the\s+/i.exec(text.slice(start, end));
      if (the && start + the[0].length < end) start += the[0].length;
      if (end <= start) continue;
      taken.push([mStart, mEnd]);
      const iso = new Date(r.day * DAY_MS).toISOString().slice(0, 10);
      out.push({ date: iso, kind: kindFor(text, start, end), daysAgo: ref - r.day, text: text.slice(start, end), start, end });
      if (out.length > 200) break;
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

