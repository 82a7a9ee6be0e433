/**
 * Support cues that are not emotions: repeat contact ("third time I'm writing", "still waiting",
 * "as I said in my last email") and urgency ("urgent", "by tomorrow", "no rush").
 * Pure, synchronous, never throw; evidence offsets slice back to the input.
 */
import type { Evidence } from '../types';
import { hasWord, prepare } from './lexicon/text';

/** A cue pattern (matched on lower-cased text) and the words one of which must occur for it to apply. */
interface Pattern {
  need: string[];
  re: RegExp;
}

const MAX_LEN = 200_000;

const REPEAT_PATTERNS: Pattern[] = [
  { need: ['second', 'third', 'fourth', 'fifth', 'sixth', '2nd', '3rd', '4th', '5th', '6th', 'umpteenth', 'last'], re: /\b(?:second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th|umpteenth|last)\s+(?:time|email|e-mail|message|request|attempt|call|ticket|reminder)\b(?:\s+(?:i'?m\s+|i\s+am\s+|i'?ve\s+|i\s+have\s+|we'?re\s+)?(?:writing|written|asking|asked|contacting|contacted|emailing|emailed|calling|called|reaching|reached|chasing|trying|tried|sending|sent))?/g },
  { need: ['times', 'emails', 'e-mails', 'messages', 'requests', 'attempts', 'calls', 'tickets', 'reminders'], re: /\b(?:several|multiple|many|countless|numerous|\d{1,2})\s+(?:times|emails|e-mails|messages|requests|attempts|calls|tickets|reminders)\s+(?:i'?m\s+|i\s+am\s+|i'?ve\s+|i\s+have\s+|now\s+|already\s+)?(?:writing|written|asking|asked|contacting|contacted|emailing|emailed|calling|called|reaching|reached|chasing|trying|tried|sending|sent|now|already)\b/g },
  { need: ['contacted', 'emailed', 'e-mailed', 'called', 'phoned', 'rang', 'written', 'wrote', 'messaged', 'reached', 'asked', 'spoken', 'spoke', 'complained', 'chatted'], re: /\b(?:i|we)(?:\s+have|'ve|’ve|\s+had|'d|’d)?\s+(?:already\s+)?(?:contacted|emailed|e-mailed|called|phoned|rang|written|wrote|messaged|reached\s+out\s+to|asked|spoken\s+to|spoke\s+to|complained\s+to|chatted\s+with)\s+(?:you|your\s+(?:team|support|colleagues?|agents?)|support|customer\s+service)?\s*(?:already|before|previously|twice|again|several\s+times|multiple\s+times|many\s+times|\d+\s+times|last\s+week|yesterday|earlier)\b/g },
  { need: ['still'], re: /\bstill\s+(?:waiting|no\s+(?:reply|response|answer|update|news|refund)|haven'?t\s+(?:heard|received|got)|have\s+not\s+(?:heard|received)|nothing)\b/g },
  { need: ['again'], re: /\b(?:writing|contacting|emailing|messaging|asking|calling)\s+(?:you\s+)?again\b/g },
  { need: ['said', 'mentioned', 'explained', 'wrote', 'stated', 'told'], re: /\b(?:as\s+i\s+(?:said|mentioned|explained|wrote|stated)|like\s+i\s+(?:said|told\s+you))\s+(?:before|earlier|already|previously|in\s+my\s+(?:last|previous|earlier|first)\s+\w+)/g },
  { need: ['previous', 'last', 'earlier', 'first', 'original'], re: /\b(?:my|our)\s+(?:previous|last|earlier|first|original)\s+(?:email|e-mail|message|ticket|request|complaint|call|chat|enquiry|inquiry|letter)s?\b/g },
  { need: ['follow', 'following', 'follow-up', 'followup', 'chasing', 'reminder'], re: /\b(?:follow(?:ing)?[- ]?up\s+on|chasing\s+(?:up\s+)?(?:my|this|the)|(?:gentle\s+|friendly\s+|another\s+)?reminder\b)/g },
  { need: ['one', 'nobody', 'noone'], re: /\b(?:no\s+one|nobody|noone)\s+(?:has\s+)?(?:got\s+back|gotten\s+back|responded|replied|answered|called\s+(?:me\s+)?back)\b/g },
  { need: ['got', 'gotten', 'received', 'had'], re: /\b(?:(?:never|didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:got|gotten|received|had)\s+(?:a|any)\s+(?:reply|response|answer|call\s*back))\b/g },
  { need: ['waiting', 'waited'], re: /\b(?:been\s+waiting|waited)\s+(?:for\s+)?(?:over\s+|more\s+than\s+)?(?:a|an|\d{1,3}|two|three|four|five|several|many)\s+(?:days?|weeks?|months?|hours?)\s+(?:for\s+(?:a|an|your)\s+(?:reply|response|answer|update))/g },
  { need: ['again'], re: /\b(?:(?:same|this)\s+(?:issue|problem)\s+again|once\s+again|yet\s+again|again\s+and\s+again)\b/g },
];

export function detectRepeatContact(text: string): Evidence[] {
  try {
    return scan(typeof text === 'string' ? text : String(text ?? ''), REPEAT_PATTERNS);
  } catch {
    return [];
  }
}

function scan(input: string, patterns: Pattern[]): Evidence[] {
  const text = input.length > MAX_LEN ? input.slice(0, MAX_LEN) : input;
  const prepared = prepare(text);
  const low = prepared.low;
  const found: Array<{ start: number; end: number }> = [];
  for (const { need, re } of patterns) {
    if (!hasWord(prepared, need)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = re.exec(low)) !== null && guard++ < 100) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      found.push({ start: m.index, end: m.index + m[0].trimEnd().length });
    }
  }
  // Longest cue first, then no overlaps ("As I said in my last email" beats "last email").
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const hits: Array<{ start: number; end: number }> = [];
  for (const f of found) if (!hits.some((h) => f.start < h.end && f.end > h.start)) hits.push(f);
  hits.sort((a, b) => a.start - b.start);
  return hits.map((h) => ({ text: text.slice(h.start, h.end), start: h.start, end: h.end }));
}

const HIGH_PATTERNS: Pattern[] = [
  { need: ['urgent', 'urgently', 'asap', 'a.s.a.p', 'emergency', 'critical', 'time-sensitive', 'sensitive', 'immediately', 'away', 'now', 'once', 'delay', 'possible'], re: /\b(?:urgent(?:ly)?|asap|a\.s\.a\.p\.?|emergency|critical|time[- ]sensitive|immediately|right\s+away|right\s+now|straight\s+away|as\s+soon\s+as\s+possible|at\s+once|without\s+delay)\b/g },
  { need: ['tomorrow', 'tonight', 'today', 'end', 'eod', 'this'], re: /\b(?:by|before|until)\s+(?:tomorrow|tonight|today|end\s+of\s+(?:the\s+)?day|eod|this\s+(?:evening|afternoon|morning))\b/g },
  { need: ['need', 'needs', 'needed'], re: /\b(?:need|needs|needed)\s+(?:it|this|them|the\s+\w+)\s+(?:today|tomorrow|by\s+\w+day|before\s+(?:the|my)\s+\w+)\b/g },
  { need: ['wedding', 'flight', 'trip', 'event', 'funeral', 'surgery', 'exam', 'interview', 'party', 'holiday', 'vacation'], re: /\b(?:before|for)\s+(?:the|my|our)\s+(?:wedding|flight|trip|event|funeral|surgery|exam|interview|party|holiday|vacation)\b/g },
  { need: ['work', 'log', 'login', 'access', 'pay', 'use'], re: /\b(?:can'?t|cannot|unable\s+to)\s+(?:work|log\s*in|login|access\s+(?:my|our)\s+account|pay\s+(?:my|our)|use\s+(?:it|the\s+(?:app|service|account)))\b/g },
  { need: ['hacked', 'compromised', 'locked', 'fraud', 'fraudulent', 'unauthorized', 'unauthorised', 'stolen', 'breach'], re: /\b(?:account\s+(?:was\s+|has\s+been\s+)?(?:hacked|compromised|locked)|fraud(?:ulent)?|unauthori[sz]ed\s+(?:charges?|payments?|transactions?|access|purchases?|withdrawals?)|stolen\s+card|security\s+breach|data\s+breach)\b/g },
  { need: ['legal', 'lawyer', 'solicitor', 'attorney', 'claims', 'chargeback', 'dispute', 'standards'], re: /\b(?:legal\s+action|lawyer|solicitor|attorney|small\s+claims|chargeback|dispute\s+(?:the|this)\s+charge|trading\s+standards)\b/g },
  { need: ['deadline', 'chance', 'notice', 'running'], re: /\b(?:deadline|last\s+chance|final\s+notice|running\s+out\s+of\s+time|time\s+is\s+running\s+out)\b/g },
];
const LOW_PATTERNS: Pattern[] = [
  { need: ['rush', 'hurry', 'urgency', 'urgent', 'priority', 'time-sensitive', 'sensitive', 'whenever', 'chance', 'moment', 'minute', 'convenience', 'leisure', 'time', 'wondering', 'curious', 'curiosity', 'fyi', 'information'], re: /\b(?:no\s+(?:rush|hurry|urgency)|not\s+(?:urgent|a\s+priority|in\s+a\s+hurry|in\s+a\s+rush|time[- ]sensitive)|low\s+priority|whenever\s+(?:you\s+(?:can|get\s+a\s+chance|have\s+time)|it'?s\s+convenient|convenient)|when\s+you\s+(?:get|have)\s+a\s+(?:chance|moment|minute)|at\s+your\s+(?:convenience|leisure)|in\s+your\s+own\s+time|take\s+your\s+time|just\s+(?:wondering|curious|a\s+quick\s+question)|out\s+of\s+curiosity|fyi|for\s+your\s+information)\b/g },
];
const NEGATED_HIGH_RE = /\b(?:not|isn'?t|no|nothing)\s+(?:very\s+|that\s+|too\s+|super\s+)?$/i;

export interface UrgencyResult {
  level: 'low' | 'normal' | 'high';
  evidence: Evidence[];
}

export function detectUrgency(text: string): UrgencyResult {
  try {
    const t = typeof text === 'string' ? text : String(text ?? '');
    const low = scan(t, LOW_PATTERNS);
    const high = scan(t, HIGH_PATTERNS).filter((e) => {
      const before = t.slice(Math.max(0, (e.start ?? 0) - 16), e.start);
      return !NEGATED_HIGH_RE.test(before) && !low.some((l) => (e.start ?? 0) < (l.end ?? 0) && (e.end ?? 0) > (l.start ?? 0));
    });
    // Shouting "!!!" with another high cue reinforces; on its own it is not urgency.
    if (high.length > 0) return { level: 'high', evidence: high.slice(0, 5) };
    if (low.length > 0) return { level: 'low', evidence: low.slice(0, 5) };
    return { level: 'normal', evidence: [] };
  } catch {
    return { level: 'normal', evidence: [] };
  }
}
