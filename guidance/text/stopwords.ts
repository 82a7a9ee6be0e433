/**
 * English function words. They still take part in word bigrams ("not working", "how much") but are
 * not unigram or character n-gram features on their own: they say nothing about the topic.
 */
const WORDS =
  'a an the and or but if then so of to in on at by for from with without about into onto over under ' +
  'up down out off is am are was were be been being do does did doing have has had having i me my mine ' +
  'myself we us our ours you your yours he him his she her hers it its they them their theirs this that ' +
  'these those there here what which who whom whose when where why how all any both each few more most ' +
  'other some such no nor only own same than too very s t can will just should would could may might must ' +
  'shall also as because while until again further once im ive id ill youre its lets hi hello hey dear ' +
  'please thanks thank pls plz ok okay yes yeah oh well really get got getting go going want wanted like ' +
  'need know tell let make one still even much many something anything thing things way now';

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(' '));

/** Negations keep their meaning in bigrams ("not working") and are never dropped. */
export const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'nothing', 'nobody', 'none', 'cannot', 'without']);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}
