export { foldToken, foldText } from './normalize';
export { stem } from './stem';
export { STOPWORDS, NEGATIONS, isStopword } from './stopwords';
export { tokenize, splitSentences, type Token } from './tokenize';
export { SYNONYMS, conceptOf } from './synonyms';
