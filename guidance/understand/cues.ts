/**
 * Support cues that are not emotions: repeat contact ("third time I'm writing", "still waiting",
 * "as I said in my last email") and urgency ("urgent", "by tomorrow", "no rush").
 * Pure, synchronous, never throw; evidence offsets slice back to the input.
 */
import type { Evidence } from '../types';

const MAX_LEN = 200_000;

const REPEAT_PATTERNS: RegExp[] = [
  /\b(?:second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th|umpteenth|last)\s+(?:time|email|e-mail|message|request|attempt|call|ticket|reminder)\b(?:\s+(?:i'?m\s+|i\s+am\s+|i'?ve\s+|i\s+have\s+|we'?re\s+)?(?:writing|written|asking|asked|contacting|contacted|emailing|emailed|calling|called|reaching|reached|chasing|trying|tried|sending|sent))?/giu,
  /\b(?:several|multiple|many|countless|numerous|\d{1,2})\s+(?:times|emails|e-mails|messages|requests|attempts|calls|tickets|reminders)\s+(?:i'?m\s+|i\s+am\s+|i'?ve\s+|i\s+have\s+|now\s+|already\s+)?(?:writing|written|asking|asked|contacting|contacted|emailing|emailed|calling|called|reaching|reached|chasing|trying|tried|sending|sent|now|already)\b/giu,
  /\b(?:i|we)(?:\s+have|'ve|’ve|\s+had|'d|’d)?\s+(?:already\s+)?(?:contacted|emailed|e-mailed|called|phoned|rang|written|wrote|messaged|reached\s+out\s+to|asked|spoken\s+to|spoke\s+to|complained\s+to|chatted\s+with)\s+(?:you|your\s+(?:team|support|colleagues?|agents?)|support|customer\s+service)?\s*(?:already|before|previously|twice|again|several\s+times|multiple\s+times|many\s+times|\d+\s+times|last\s+week|yesterday|earlier)\b/giu,
  /\bstill\s+(?:waiting|no\s+(?:reply|response|answer|update|news|refund)|haven'?t\s+(?:heard|received|got)|have\s+not\s+(?:heard|received)|nothing)\b/giu,
  /\b(?:writing|contacting|emailing|messaging|asking|calling)\s+(?:you\s+)?again\b/giu,
  /\b(?:as\s+i\s+(?:said|mentioned|explained|wrote|stated)|like\s+i\s+(?:said|told\s+you))\s+(?:before|earlier|already|previously|in\s+my\s+(?:last|previous|earlier|first)\s+\w+)/giu,
  /\b(?:my|our)\s+(?:previous|last|earlier|first|original)\s+(?:email|e-mail|message|ticket|request|complaint|call|chat|enquiry|inquiry|letter)s?\b/giu,
  /\b(?:follow(?:ing)?[- ]?up\s+on|chasing\s+(?:up\s+)?(?:my|this|the)|(?:gentle\s+|friendly\s+|another\s+)?reminder\b)/giu,
  /\b(?:no\s+one|nobody|noone)\s+(?:has\s+)?(?:got\s+back|gotten\s+back|responded|replied|answered|called\s+(?:me\s+)?back)\b/giu,
  /\b(?:(?:never|didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:got|gotten|received|had)\s+(?:a|any)\s+(?:reply|response|answer|call\s*back))\b/giu,
  /\b(?:been\s+waiting|waited)\s+(?:for\s+)?(?:over\s+|more\s+than\s+)?(?:a|an|\d{1,3}|two|three|four|five|several|many)\s+(?:days?|weeks?|months?|hours?)\s+(?:for\s+(?:a|an|your)\s+(?:reply|response|answer|update))/giu,
  /\b(?:(?:same|this)\s+(?:issue|problem)\s+again|once\s+again|yet\s+again|again\s+and\s+again)\b/giu,
];

export function detectRepeatContact(text: string): Evidence[] {
  try {
    return scan(typeof text === 'string' ? text : String(text ?? ''), REPEAT_PATTERNS);
  } catch {
    return [];
  }
}

function scan(input: string, patterns: RegExp[]): Evidence[] {
  const text = input.length > MAX_LEN ? input.slice(0, MAX_LEN) : input;
  const hits: Array<{ start: number; end: number }> = [];
  for (const re of patterns) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = re.exec(text)) !== null && guard++ < 100) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = m.index + m[0].trimEnd().length;
      if (!hits.some((h) => start < h.end && end > h.start)) hits.push({ start, end });
    }
  }
  hits.sort((a, b) => a.start - b.start);
  return hits.map((h) => ({ text: text.slice(h.start, h.end), start: h.start, end: h.end }));
}

const HIGH_PATTERNS: RegExp[] = [
  /\b(?:urgent(?:ly)?|asap|a\.s\.a\.p\.?|emergency|critical|time[- ]sensitive|immediately|right\s+away|right\s+now|straight\s+away|as\s+soon\s+as\s+possible|at\s+once|without\s+delay)\b/giu,
  /\b(?:by|before|until)\s+(?:tomorrow|tonight|today|end\s+of\s+(?:the\s+)?day|eod|this\s+(?:evening|afternoon|morning))\b/giu,
  /\b(?:need|needs|needed)\s+(?:it|this|them|the\s+\w+)\s+(?:today|tomorrow|by\s+\w+day|before\s+(?:the|my)\s+\w+)\b/giu,
  /\b(?:before|for)\s+(?:the|my|our)\s+(?:wedding|flight|trip|event|funeral|surgery|exam|interview|party|holiday|vacation)\b/giu,
  /\b(?:can'?t|cannot|unable\s+to)\s+(?:work|log\s*in|login|access\s+(?:my|our)\s+account|pay\s+(?:my|our)|use\s+(?:it|the\s+(?:app|service|account)))\b/giu,
  /\b(?:account\s+(?:was\s+|has\s+been\s+)?(?:hacked|compromised|locked)|fraud(?:ulent)?|unauthori[sz]ed\s+(?:charge|payment|transaction|access)|stolen\s+card|security\s+breach|data\s+breach)\b/giu,
  /\b(?:legal\s+action|lawyer|solicitor|attorney|small\s+claims|chargeback|dispute\s+(?:the|this)\s+charge|trading\s+standards)\b/giu,
  /\b(?:deadline|last\s+chance|final\s+notice|running\s+out\s+of\s+time|time\s+is\s+running\s+out)\b/giu,
];
const LOW_PATTERNS: RegExp[] = [
  /\b(?:no\s+(?:rush|hurry|urgency)|not\s+(?:urgent|a\s+priority|in\s+a\s+hurry|in\s+a\s+rush|time[- ]sensitive)|low\s+priority|whenever\s+(?:you\s+(?:can|get\s+a\s+chance|have\s+time)|it'?s\s+convenient|convenient)|when\s+you\s+(?:get|have)\s+a\s+(?:chance|moment|minute)|at\s+your\s+(?:convenience|leisure)|in\s+your\s+own\s+time|take\s+your\s+time|just\s+(?:wondering|curious|a\s+quick\s+question)|out\s+of\s+curiosity|fyi|for\s+your\s+information)\b/giu,
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
