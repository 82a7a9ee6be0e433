/**
 * Emotion and sentiment of ticket text: a compact hand-written lexicon plus rules (negation,
 * intensifiers, capitals, repeated punctuation, cheap sarcasm cues, support-specific phrases).
 * Pure, synchronous, never throws; every piece of evidence slices back to the input text.
 */
import type { EmotionLabel, EmotionSignal, Evidence, SentimentSignal } from '../types';
import { BOOSTERS, EMOTION_LEXICON, EXPECTATION_WORDS, NEGATORS } from './lexicon/emotion';
import { prepare, type WordToken } from './lexicon/text';

type Emo = Exclude<EmotionLabel, 'neutral'>;
const EMOS: readonly Emo[] = ['angry', 'frustrated', 'anxious', 'confused', 'disappointed', 'grateful'];

interface Entry {
  valence: number;
  /** Set when the valence comes from a sentiment-only line (it wins over emotion lines). */
  explicitValence: boolean;
  emo: Partial<Record<Emo, number>>;
}

const exact = new Map<string, Entry>();
const prefixes = new Map<string, Entry>();

function entryFor(map: Map<string, Entry>, key: string): Entry {
  let e = map.get(key);
  if (!e) {
    e = { valence: 0, explicitValence: false, emo: {} };
    map.set(key, e);
  }
  return e;
}

(function compileLexicon(): void {
  for (const raw of EMOTION_LEXICON.split('\n')) {
    const line = raw.trim();
    const m = /^(\S+)\s+(-?\d+(?:\.\d+)?):\s*(.*)$/.exec(line);
    if (!m) continue;
    const label = m[1] as Emo | '-';
    const lineValence = Number(m[2]);
    for (const item of (m[3] ?? '').split(/\s+/)) {
      if (!item) continue;
      const [wordRaw, wRaw] = item.split('=');
      const weight = wRaw === undefined ? 1 : Number(wRaw);
      if (!wordRaw || !(weight > 0)) continue;
      const isPrefix = wordRaw.endsWith('*');
      const word = isPrefix ? wordRaw.slice(0, -1) : wordRaw;
      const e = entryFor(isPrefix ? prefixes : exact, word);
      if (label === '-') {
        e.valence = lineValence * weight;
        e.explicitValence = true;
      } else {
        e.emo[label] = Math.max(e.emo[label] ?? 0, weight);
        if (!e.explicitValence && e.valence === 0) e.valence = lineValence * Math.min(1, weight + 0.2);
      }
    }
  }
})();

const NEG = new Set(NEGATORS.split(/\s+/).filter(Boolean));
const EXPECT = new Set(EXPECTATION_WORDS.split(/\s+/).filter(Boolean));
const ACRONYMS = new Set(
  'USA UK EU EUR USD GBP CHF PDF URL USB ID PIN SMS FAQ API IBAN BIC VAT DHL UPS FEDEX TNT GLS DPD USPS ' +
    'ASAP OK TV PC CEO CTO HR IT AM PM GMT UTC CET EST PST NYC LA SSN DM PM FYI BTW IMO IMHO LOL OMG WTF NFL ' +
    'NBA NHL MLB NASA FBI CIA RSVP ETA ATM SKU RMA UPC IMEI SIM GPS HD LCD LED TBH IIRC AFAIK TLDR'.split(' '),
);

const memo = new Map<string, Entry | null>();
function lookup(word: string): Entry | undefined {
  const cached = memo.get(word);
  if (cached !== undefined) return cached ?? undefined;
  const ex = exact.get(word);
  let pre: Entry | undefined;
  for (let n = Math.min(word.length, 14); n >= 3; n--) {
    pre = prefixes.get(word.slice(0, n));
    if (pre) break;
  }
  // An exact entry and a prefix entry complement each other ("worried" = worr* emotion + its own valence).
  let found: Entry | undefined = ex ?? pre;
  if (ex && pre) {
    const emo: Entry['emo'] = { ...pre.emo };
    for (const k of EMOS) {
      const w = ex.emo[k];
      if (w !== undefined) emo[k] = Math.max(emo[k] ?? 0, w);
    }
    const valence = ex.explicitValence || !pre.explicitValence ? ex.valence || pre.valence : pre.valence;
    found = { valence, explicitValence: ex.explicitValence || pre.explicitValence, emo };
  }
  if (memo.size > 20_000) memo.clear();
  memo.set(word, found ?? null);
  return found;
}

function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0) return true;
  }
  return false;
}

/** All letters upper case (and at least one letter). */
function isShout(s: string): boolean {
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
    else if (c >= 0xc0 && s[i] !== s[i]!.toUpperCase()) return false;
    else if (c >= 0xc0) letters++;
  }
  return letters > 0;
}

type Token = WordToken;

interface Cue {
  /** Literals of which at least one must occur in the lower-cased text before the regex runs. */
  need: string[];
  re: RegExp;
  emo: Partial<Record<Emo, number>>;
  valence: number;
  /** Words inside the match that must not be scored again by the lexicon (sarcasm, "thanks for nothing"). */
  consume?: boolean;
}

const cue = (need: string[], src: string, emo: Cue['emo'], valence: number, consume = false): Cue => ({
  need,
  re: new RegExp(src, 'g'),
  emo,
  valence,
  consume,
});

/** Multi-word cues. Bounded patterns only (no nested quantifiers). */
const CUES: Cue[] = [
  // Repeat contact / waiting: the support-specific frustration signals.
  cue(['time', 'times', 'email', 'emails', 'message', 'messages', 'request', 'requests', 'attempt', 'attempts', 'call', 'calls'], String.raw`\b(?:second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th|\d{1,2}(?:st|nd|rd|th)|several|multiple|many|countless|numerous|umpteenth|\d{1,2})\s+(?:time|times|emails?|messages?|requests?|attempts?|calls?)\s+(?:i'?m\s+|i\s+am\s+|i'?ve\s+|i\s+have\s+)?(?:writing|written|asking|asked|contacting|contacted|emailing|emailed|calling|called|reaching|reached|chasing|trying|tried|sending|sent)\b`, { frustrated: 1.6 }, -2),
  cue(['time'], String.raw`\b(?:third|fourth|fifth|3rd|4th|5th|umpteenth|last)\s+time\b`, { frustrated: 0.6 }, -0.8),
  cue(['still'], String.raw`\bstill\s+(?:waiting|no\b|not\b|nothing|haven'?t|hasn'?t|have\s+not|has\s+not|don'?t|doesn'?t|didn'?t|can'?t|cannot|broken|missing|unresolved|pending|charging|charged)`, { frustrated: 1.3 }, -1.5),
  cue(['waiting', 'waited'], String.raw`\b(?:waiting|waited|been\s+waiting)\s+(?:for\s+)?(?:over\s+|more\s+than\s+|almost\s+)?(?:weeks|days|months|ages|forever|so\s+long|a\s+(?:week|month)|\d{1,3}\s+(?:days|weeks|months|hours))\b`, { frustrated: 1.2 }, -1.5),
  cue(['one', 'nobody'], String.raw`\b(?:no\s+one|nobody|noone)\s+(?:has\s+|have\s+|ever\s+|even\s+)?(?:responded|replied|answered|called|got\s+back|gets\s+back|helped|helps|cares|bothered|contacted|respond|reply|answer|help)`, { frustrated: 1.4 }, -1.8),
  cue(['response', 'reply', 'answer', 'update', 'feedback', 'word', 'call'], String.raw`\b(?:no|zero|not\s+a\s+single|not\s+any)\s+(?:response|reply|answer|update|feedback|word|call\s+back|callback)\b`, { frustrated: 1.0 }, -1.2),
  cue(['keep', 'kept'], String.raw`\b(?:keep|keeps|kept)\s+(?:getting|being|saying|telling|sending|asking|happening|failing|crashing|charging)\b`, { frustrated: 1.0 }, -1),
  cue(['fed', 'sick', 'tired', 'enough', 'straw', 'wits', 'patience'], String.raw`\b(?:fed\s+up|sick\s+(?:and\s+tired\s+)?of|tired\s+of|had\s+enough|enough\s+is\s+enough|last\s+straw|at\s+my\s+wits'?\s+end|losing\s+my\s+patience|lost\s+my\s+patience|running\s+out\s+of\s+patience)\b`, { frustrated: 1.8 }, -2.2),
  cue(['joke', 'mess', 'nightmare', 'farce', 'waste', 'shambles'], String.raw`\bwhat\s+a\s+(?:joke|mess|nightmare|farce|waste|shambles)\b`, { frustrated: 1.5 }, -2),
  cue(['shame', 'pity'], String.raw`\bwhat\s+a\s+(?:shame|pity)\b`, { disappointed: 1.3 }, -1.5),
  cue(['joke', 'ridiculous', 'unacceptable', 'absurd', 'insane', 'madness', 'crazy'], String.raw`\b(?:is|this\s+is|that'?s|it'?s)\s+(?:a\s+)?(?:joke|ridiculous|unacceptable|absurd|insane|madness|crazy)\b`, { frustrated: 0.6 }, -1),
  cue(['going', 'happening', 'hold', 'holdup', 'delay', 'problem'], String.raw`\b(?:what'?s|what\s+is|whats)\s+(?:going\s+on|happening|the\s+(?:hold\s*up|delay|problem))\b`, { frustrated: 0.7, confused: 0.4 }, -0.8),
  cue(['let', 'expected', 'used', 'not'], String.raw`\b(?:let\s+(?:me|us)\s+down|let\s+down|expected\s+(?:better|more)|used\s+to\s+(?:be|love)|not\s+what\s+i\s+(?:expected|ordered|paid\s+for)|not\s+as\s+(?:described|advertised|pictured))\b`, { disappointed: 1.5 }, -1.8),
  cue(['never', "won't", 'wont', 'will'], String.raw`\b(?:never|won'?t|will\s+not|wont)\s+(?:be\s+)?(?:order|buy|shop|use|recommend|purchas|come\s+back|return)\w{0,6}\s*(?:again|from\s+you|here|with\s+you)?`, { angry: 1.4 }, -2.2),
  cue(['money', 'refund'], String.raw`\b(?:i\s+(?:want|demand|need)\s+(?:my\s+money\s+back|a\s+full\s+refund)|give\s+me\s+my\s+money\s+back)\b`, { angry: 0.9 }, -1.2),
  cue(['report', 'reporting', 'legal', 'further', 'court', 'claims', 'standards', 'protection', 'bureau', 'bank'], String.raw`\b(?:report(?:ing)?\s+you|(?:take|taking)\s+(?:legal\s+action|this\s+further|you\s+to\s+court)|small\s+claims|trading\s+standards|consumer\s+protection|better\s+business\s+bureau|my\s+bank\s+(?:to\s+)?(?:dispute|reverse))\b`, { angry: 1.6 }, -2),
  // Confusion.
  cue(['understand', 'get', 'see', 'follow', 'figure'], String.raw`\b(?:i|we)\s+(?:still\s+)?(?:do\s+not|don'?t|dont|can'?t|cannot|didn'?t|did\s+not)\s+(?:really\s+)?(?:understand|get\s+(?:it|how|why|what)|see\s+(?:why|how)|follow|figure\s+out)\b`, { confused: 1.8 }, -0.6),
  cue(['know'], String.raw`\b(?:i|we)\s+(?:really\s+|honestly\s+|still\s+)?(?:don'?t|do\s+not|didn'?t|did\s+not|dont)\s+know\s+(?:why|how|what|if|whether|where|who|which|when)\b`, { confused: 1.2 }, -0.3),
  cue(['sense'], String.raw`\b(?:doesn'?t|does\s+not|don'?t|do\s+not|didn'?t)\s+make\s+(?:any\s+)?sense\b|\bmakes\s+no\s+sense\b`, { confused: 1.6 }, -0.8),
  cue(['idea', 'sure', 'clear', 'unclear', 'mean', 'come', 'lost', 'missing', 'explain'], String.raw`\b(?:no\s+idea|not\s+(?:at\s+all\s+)?sure\s+(?:if|whether|why|how|what|which|where|when|about)|not\s+clear|isn'?t\s+clear|unclear\s+(?:to\s+me|why|how)|what\s+does\s+(?:this|that|it)\s+mean|what\s+do\s+you\s+mean|how\s+come|i'?m\s+lost|am\s+i\s+missing\s+something|can\s+(?:you|someone|anyone)\s+explain|could\s+(?:you|someone)\s+(?:please\s+)?explain)\b`, { confused: 1.4 }, -0.4),
  cue(['which', 'what', 'how'], String.raw`\b(?:which\s+one|what\s+(?:am\s+i|should\s+i|do\s+i)\s+(?:supposed|meant|need)|how\s+(?:do|can|should)\s+i)\b`, { confused: 0.5 }, 0),
  // Anxiety.
  cue(['if', 'time', 'late', 'need', 'losing', 'afford', 'safe', 'hacked', 'unauthorized', 'unauthorised', 'recognise', 'recognize'], String.raw`\b(?:what\s+if|in\s+time\s+for|before\s+it'?s\s+too\s+late|i\s+really\s+need\s+(?:this|it)|need\s+(?:it|this)\s+by|losing\s+(?:sleep|money)|can'?t\s+afford|is\s+(?:my\s+)?(?:money|account|data|card)\s+safe|been\s+hacked|was\s+hacked|got\s+hacked|hacked|unauthori[sz]ed|don'?t\s+recogni[sz]e)\b`, { anxious: 1.2 }, -1),
  // Sarcasm: a positive word used against the writer's situation.
  cue(['nothing', 'wasting', 'ruining', 'runaround'], String.raw`\b(?:thanks|thank\s+you|thx)\s+(?:a\s+lot\s+|so\s+much\s+)?for\s+(?:nothing|wasting|ruining|absolutely\s+nothing|the\s+runaround)\b`, { angry: 1.8 }, -2.5, true),
  cue(['another', 'again', 'more', 'now', 'exactly'], String.raw`\b(?:oh\s+)?(?:great|wonderful|fantastic|brilliant|perfect|lovely|awesome|terrific|super|marvell?ous|nice|excellent)[,.!\s]{1,4}(?:just\s+)?(?:another|again|yet\s+another|more\s+(?:delays?|waiting|excuses)|now\s+(?:it|they|you|i)|so\s+now|exactly\s+what\s+i\s+needed)\b`, { frustrated: 1.6 }, -2, true),
  cue(['oh', 'just'], String.raw`\b(?:oh|just)\s+(?:great|wonderful|fantastic|brilliant|perfect|lovely|awesome|terrific)\b`, { frustrated: 1.0 }, -1.2, true),
  cue(['right', 'if', 'job', 'love', 'lot', 'done', 'finest'], String.raw`\b(?:yeah|yea|sure)[,\s]{1,3}right\b|\bas\s+if\b|\bgreat\s+job\s+(?:guys\s+|team\s+)?(?:losing|breaking|ruining|ignoring)\b|\blove\s+(?:how|that|it\s+when)\s+(?:i|we|you|nobody|no\s+one)\s+(?:have|had|has|still|keep|can'?t|cannot|never|always)\b|\bthanks\s+a\s+lot\s*(?:!|\.\.\.)|\bwell\s+done\s+(?:guys|team|you)?\s*(?:…|\.\.\.)|\bcustomer\s+service\s+at\s+its\s+finest\b`, { frustrated: 1.4 }, -1.8, true),
  // Politeness that is not an emotion.
  cue(['advance', 'looking', 'checking'], String.raw`\b(?:thanks|thank\s+you|thx)\s+(?:in\s+advance|for\s+(?:your|any)\s+(?:help|time|assistance|support)\s+in\s+advance)\b|\bthanks\s+for\s+(?:looking\s+into|checking)\b`, { grateful: 0.35 }, 0.3, true),
  cue(['sorry'], String.raw`\bsorry\s+(?:to\s+(?:bother|trouble|ask|hear)|for\s+(?:the\s+)?(?:bother|trouble|inconvenience|late\s+reply|delay|asking)|if\s+(?:this|i|it)|but\b)`, {}, 0, true),
  cue(['problem', 'worries', 'worry', 'worried', 'rush', 'hurry', 'deal'], String.raw`\b(?:no\s+(?:problem|worries|rush|hurry)|don'?t\s+worry|not\s+(?:a\s+)?(?:problem|big\s+deal|worried))\b`, {}, 0.4, true),
];

const EMOJI_RE = /[:;=][-']?[()DPp3]|\uD83D[\uDE00-\uDE4F]|\uD83E[\uDD70-\uDD7A\uDD2C\uDD2F]|\u2764\uFE0F?|\uD83D\uDC94|\uD83D\uDE4F/g;
const QUESTION_WORD_RE = /(?:^|[.!?\n]\s*)(?:what|why|how|who|where|which|wait|huh|so|is|does|do|did|are|can)\b[^.!?\n]{0,120}\?/;

/** Emotion an emoticon/emoji points to (the common ones only). */
function emojiLabel(e: string): Emo | undefined {
  if (/^[:;=][-']?[)D3pP]$/.test(e)) return 'grateful';
  if (/^[:;=][-']?\($/.test(e)) return 'disappointed';
  if (e.startsWith('\u2764') || e === '\uD83D\uDE4F') return 'grateful';
  if (e === '\uD83D\uDC94') return 'disappointed';
  const c = e.codePointAt(0) ?? 0;
  if (c >= 0x1f600 && c <= 0x1f60f) return c === 0x1f610 ? undefined : c <= 0x1f606 || c >= 0x1f60a ? 'grateful' : undefined;
  if (c >= 0x1f60d && c <= 0x1f619) return 'grateful';
  if (c === 0x1f620 || c === 0x1f621 || c === 0x1f624 || c === 0x1f92c) return 'angry';
  if (c === 0x1f622 || c === 0x1f62d || c === 0x1f61e || c === 0x1f614 || c === 0x1f625 || c === 0x1f63f) return 'disappointed';
  if (c === 0x1f628 || c === 0x1f630 || c === 0x1f631 || c === 0x1f627 || c === 0x1f626) return 'anxious';
  if (c === 0x1f615 || c === 0x1f914 || c === 0x1f928 || c === 0x1f62f) return 'confused';
  if (c === 0x1f612 || c === 0x1f644 || c === 0x1f62b || c === 0x1f629 || c === 0x1f623) return 'frustrated';
  if (c >= 0x1f970 && c <= 0x1f97a) return 'grateful';
  return undefined;
}

export interface EmotionResult {
  emotion: EmotionSignal;
  sentiment: SentimentSignal;
}

/** Score above which a label beats neutral (tuned on GoEmotions train, see tests/eval/emotion.ts). */
const EMOTION_THRESHOLD = 0.6;
/** Sentiment polarity beyond which the label is positive/negative. */
const POS_THRESHOLD = 0.2;
const NEG_THRESHOLD = -0.2;

interface Hit {
  start: number;
  end: number;
  emo: Partial<Record<Emo, number>>;
}

const NEUTRAL_RESULT = (): EmotionResult => ({
  emotion: { label: 'neutral', score: 0.5, evidence: [] },
  sentiment: { label: 'neutral', score: 0 },
});

export function detectEmotion(text: string): EmotionResult {
  try {
    return detect(typeof text === 'string' ? text : String(text ?? ''));
  } catch {
    return NEUTRAL_RESULT();
  }
}

function detect(text: string): EmotionResult {
  const prepared = prepare(text);
  const { low, tokens } = prepared;
  if (tokens.length === 0) return NEUTRAL_RESULT();

  const words = tokens.filter((t) => t.kind === 'word');
  const present = prepared.words;
  const rawOf = (t: Token): string => text.slice(t.start, t.end);
  // A word can only be shouted when its first character is not a lower-case ASCII letter.
  const startsUpper = (t: Token): boolean => {
    const c = text.charCodeAt(t.start);
    return (c >= 65 && c <= 90) || c >= 0xc0;
  };
  const letters = words.filter((t) => hasLetter(t.low));
  // Template placeholders ("[NAME]", "{{customer}}") are not shouting.
  const placeholder = (t: Token): boolean => /[[{<]/.test(text[t.start - 1] ?? '') && /[\]}>]/.test(text[t.end] ?? '');
  const capsWords = letters.filter((t) => t.end - t.start >= 3 && startsUpper(t) && isShout(rawOf(t)) && !placeholder(t));
  const mostlyCaps = letters.length > 0 && capsWords.length / letters.length > 0.6;

  const scores: Record<Emo, number> = { angry: 0, frustrated: 0, anxious: 0, confused: 0, disappointed: 0, grateful: 0 };
  const hits: Hit[] = [];
  let valence = 0;
  const consumed: Array<[number, number]> = [];

  // 1. Multi-word cues.
  for (const c of CUES) {
    if (!c.need.some((w) => present.has(w))) continue;
    c.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = c.re.exec(low)) !== null && guard++ < 50) {
      if (m[0].length === 0) {
        c.re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      if (consumed.some(([s, e]) => start < e && end > s)) continue;
      for (const k of EMOS) {
        const w = c.emo[k];
        if (w) scores[k] += w;
      }
      valence += c.valence;
      if (Object.keys(c.emo).length) hits.push({ start, end, emo: c.emo });
      if (c.consume) consumed.push([start, end]);
    }
  }
  const isConsumed = (t: Token): boolean => consumed.length > 0 && consumed.some(([s, e]) => t.start < e && t.end > s);

  // 2. Lexicon over tokens with negation, boosters, caps and "but".
  let butIndex = -1;
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.low === 'but') butIndex = i;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || isConsumed(t)) continue;
    const entry = lookup(t.low);
    const isExpect = EXPECT.has(t.low);
    if (!entry && !isExpect) continue;

    // Negation: a negator within the 3 previous tokens of the same clause.
    let negStart = -1;
    let boost = 1;
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const p = tokens[j]!;
      if (p.kind !== 'word') break;
      if (NEG.has(p.low) || p.low.endsWith("n't")) {
        negStart = p.start;
        break;
      }
      const b = BOOSTERS[p.low];
      if (b !== undefined) boost *= b;
    }
    // "never arrived", "isn't working": an expectation that failed.
    if (isExpect && negStart >= 0 && !(entry && entry.valence < 0)) {
      scores.frustrated += 0.8;
      valence -= 1.4;
      hits.push({ start: negStart, end: t.end, emo: { frustrated: 0.8 } });
      continue;
    }
    if (!entry) continue;

    let factor = boost;
    if (!mostlyCaps && t.end - t.start >= 3 && startsUpper(t) && isShout(rawOf(t)) && !placeholder(t)) factor *= 1.5;
    if (butIndex >= 0) factor *= i < butIndex ? 0.6 : 1.3;

    if (negStart >= 0) {
      // Negated word: positive → disappointed/frustrated; negative → softened ("not bad").
      if (entry.valence > 0) {
        valence -= entry.valence * 0.75 * factor;
        const g = entry.emo.grateful ?? 0;
        if (g > 0 || entry.valence >= 1.5) {
          const w = Math.max(g, 0.6) * factor;
          scores.disappointed += w * 0.9;
          scores.frustrated += w * 0.4;
          hits.push({ start: negStart, end: t.end, emo: { disappointed: w * 0.9, frustrated: w * 0.4 } });
        }
      } else {
        valence -= entry.valence * 0.35 * factor;
      }
      continue;
    }

    valence += entry.valence * factor;
    let any = false;
    for (const k of EMOS) {
      const w = entry.emo[k];
      if (w) {
        scores[k] += w * factor;
        any = true;
      }
    }
    if (any) hits.push({ start: t.start, end: t.end, emo: scaled(entry.emo, factor) });
  }

  // 3. Shouting, repeated punctuation.
  const negativeSoFar = scores.angry + scores.frustrated + scores.disappointed + scores.anxious > 0.3 || valence < -0.5;
  if (!mostlyCaps) {
    const shouted = capsWords.filter((t) => t.end - t.start >= 4 && !ACRONYMS.has(rawOf(t)) && !/\d/.test(t.low));
    if (shouted.length >= 1 && negativeSoFar) {
      const w = Math.min(1.2, 0.4 * shouted.length);
      scores.angry += w;
      hits.push({ start: shouted[0]!.start, end: shouted[0]!.end, emo: { angry: w } });
    }
  } else if (letters.length >= 3 && negativeSoFar) {
    scores.angry += 0.8;
    valence -= 0.5;
  }
  let exclaim = 0;
  let qCount = 0;
  for (const t of tokens) {
    if (t.kind !== 'bang') continue;
    const bangs = (t.low.match(/!/g) ?? []).length;
    const qs = t.low.length - bangs;
    exclaim += Math.min(bangs, 4);
    if (bangs >= 2 || (bangs >= 1 && qs >= 1)) {
      if (negativeSoFar) {
        const w = bangs >= 3 || (bangs >= 1 && qs >= 1) ? 0.7 : 0.45;
        scores.angry += w * 0.6;
        scores.frustrated += w;
        hits.push({ start: t.start, end: t.end, emo: { frustrated: w, angry: w * 0.6 } });
      }
    } else if (qs >= 2) {
      const w = negativeSoFar ? 0.5 : 0.45;
      scores.confused += w;
      if (negativeSoFar) scores.frustrated += 0.3;
      hits.push({ start: t.start, end: t.end, emo: { confused: w } });
    } else if (qs === 1) {
      scores.confused += 0.22;
    }
    if (qs > 0) qCount++;
  }
  if (valence !== 0) valence += Math.sign(valence) * 0.25 * Math.min(exclaim, 4);

  // Emoticons and emoji.
  if (/[:;=][-']?[()DPp3]|[\u2600-\u27BF]|[\uD83C-\uD83E]/.test(text)) {
    EMOJI_RE.lastIndex = 0;
    let e: RegExpExecArray | null;
    let guard = 0;
    while ((e = EMOJI_RE.exec(text)) !== null && guard++ < 50) {
      const k = emojiLabel(e[0]);
      if (!k) continue;
      scores[k] += 0.8;
      valence += k === 'grateful' ? 1.5 : -1.5;
      hits.push({ start: e.index, end: e.index + e[0].length, emo: { [k]: 0.8 } });
    }
  }
  // A question that asks what/why/how something is: mild confusion.
  if (qCount > 0 && QUESTION_WORD_RE.test(low)) scores.confused += 0.3;
  // Exclamations in a text without negative cues lean positive (thanks!, great!).
  if (exclaim > 0 && !negativeSoFar && scores.grateful > 0) scores.grateful += 0.25;

  // 4. Thanks at the end of a complaint is politeness, not gratitude.
  const negTotal = scores.angry + scores.frustrated + scores.disappointed + scores.anxious + scores.confused;
  if (negTotal >= 1 && scores.grateful > 0) scores.grateful *= 0.5;

  // 5. Decide.
  let best: Emo = 'frustrated';
  let bestScore = -1;
  for (const k of EMOS) {
    if (scores[k] > bestScore) {
      best = k;
      bestScore = scores[k];
    }
  }
  const polarity = valence / Math.sqrt(valence * valence + 15);
  const sentimentLabel: SentimentSignal['label'] =
    polarity >= POS_THRESHOLD ? 'positive' : polarity <= NEG_THRESHOLD ? 'negative' : 'neutral';
  const sentiment: SentimentSignal = { label: sentimentLabel, score: round(polarity) };

  if (bestScore < EMOTION_THRESHOLD) {
    return {
      emotion: { label: 'neutral', score: round(1 - bestScore / (EMOTION_THRESHOLD * 2)), evidence: [] },
      sentiment,
    };
  }
  // A clear emotion settles a neutral sentiment: grateful → positive, angry/frustrated/anxious/disappointed → negative.
  if (sentiment.label === 'neutral' && bestScore >= EMOTION_THRESHOLD) {
    if (best === 'grateful') sentiment.label = 'positive';
    else if (best !== 'confused') sentiment.label = 'negative';
  }
  const evidence = evidenceFor(text, hits, best);
  const total = EMOS.reduce((s, k) => s + scores[k], 0);
  const share = bestScore / total;
  const strength = 1 - Math.exp(-bestScore / 1.5);
  return { emotion: { label: best, score: round(Math.min(0.99, 0.5 * share + 0.5 * strength)), evidence }, sentiment };
}

function scaled(emo: Partial<Record<Emo, number>>, f: number): Partial<Record<Emo, number>> {
  const out: Partial<Record<Emo, number>> = {};
  for (const k of EMOS) {
    const w = emo[k];
    if (w) out[k] = w * f;
  }
  return out;
}

function evidenceFor(text: string, hits: Hit[], label: Emo): Evidence[] {
  const relevant = hits
    .filter((h) => (h.emo[label] ?? 0) > 0)
    .sort((a, b) => (b.emo[label] ?? 0) - (a.emo[label] ?? 0))
    .slice(0, 5)
    .sort((a, b) => a.start - b.start);
  const out: Evidence[] = [];
  for (const h of relevant) {
    const last = out[out.length - 1];
    if (last && last.end !== undefined && h.start < last.end) {
      if (h.end > last.end) {
        last.end = h.end;
        last.text = text.slice(last.start ?? h.start, h.end);
      }
      continue;
    }
    out.push({ text: text.slice(h.start, h.end), start: h.start, end: h.end });
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
