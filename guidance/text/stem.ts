/**
 * A light English stemmer (Porter-style suffix stripping, conservative). Its job is to make
 * "refunds", "refunded", "refunding" meet "refund", and "cancellation"/"cancelled" meet "cancel";
 * character n-grams take care of the rest (typos, compounds, other morphology).
 * Non-ASCII or short words are returned unchanged.
 */

const VOWEL = /[aeiouy]/;
const cache = new Map<string, string>();
const CACHE_MAX = 50_000;

function hasVowel(s: string): boolean {
  return VOWEL.test(s);
}

function isCons(ch: string | undefined): boolean {
  return ch !== undefined && !'aeiou'.includes(ch);
}

/** Irregular forms common in support text. */
const IRREGULAR_WORDS: Record<string, string> = {
  bought: 'buy', paid: 'pay', sent: 'send', sold: 'sell', gave: 'give', given: 'give', took: 'take',
  taken: 'take', broke: 'break', broken: 'break', came: 'come', went: 'go', gone: 'go', lost: 'lose',
  told: 'tell', said: 'say', made: 'make', got: 'get', gotten: 'get', left: 'leave', spent: 'spend',
  children: 'child', women: 'woman', men: 'man', feet: 'foot', teeth: 'tooth', people: 'person',
  cancellation: 'cancel', cancellations: 'cancel', cancelled: 'cancel', canceled: 'cancel',
  cancelling: 'cancel', canceling: 'cancel', delivery: 'deliver', deliveries: 'deliver',
  refunds: 'refund', shipping: 'ship', shipment: 'ship', shipments: 'ship', payment: 'pay', payments: 'pay',
  replacement: 'replace', replacements: 'replace', subscription: 'subscribe', subscriptions: 'subscribe',
  receipt: 'receipt', receipts: 'receipt', news: 'news', series: 'series', species: 'species',
};

const IRREGULAR = new Map<string, string>(Object.entries(IRREGULAR_WORDS));

function step1(w: string): string {
  // plurals
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') && w.length > 3) w = w.slice(0, -1);
  // past / progressive ("shipped" → "ship", "refunding" → "refund")
  for (const suf of ['ing', 'ed'] as const) {
    if (w.endsWith(suf) && w.length > suf.length + 2) {
      const base = w.slice(0, -suf.length);
      if (!hasVowel(base)) continue;
      const a = base[base.length - 1];
      const b = base[base.length - 2];
      if (a === b && isCons(a) && !'lsz'.includes(a ?? '')) return base.slice(0, -1);
      return base;
    }
  }
  return w;
}

const STEP2: Array<[string, string]> = [
  ['ational', 'ate'], ['ization', 'ize'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
  ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'],
  ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'], ['enci', 'ence'],
  ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'], ['alli', 'al'], ['bli', 'ble'],
  ['ness', ''], ['ment', ''], ['ly', ''],
];

function step2(w: string): string {
  for (const [suf, rep] of STEP2) {
    if (w.endsWith(suf)) {
      const base = w.slice(0, -suf.length);
      if (base.length >= 3 && hasVowel(base)) return base + rep;
      return w;
    }
  }
  return w;
}

/** Stem one folded token. */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let out = IRREGULAR.get(word);
  if (out === undefined) out = step2(step1(word));
  if (out.endsWith('y') && out.length > 3 && isCons(out[out.length - 2])) out = out.slice(0, -1) + 'i';
  // Porter's final-e rule keeps "replace", "replaced", "replacing" together as "replac".
  if (out.endsWith('e') && out.length > 4) out = out.slice(0, -1);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, out);
  return out;
}
