/**
 * Text normalisation shared by the index and the ticket analyser.
 * Lower-cases, folds diacritics ("Rückgabe" → "ruckgabe", "café" → "cafe"), unifies apostrophes.
 * Pure and allocation-light: called once per token on every ticket.
 */

const COMBINING = /[\u0300-\u036f]/g;
const ASCII_WORD = /^[a-z0-9']*$/;

/** Fold one token: lower-case, strip diacritics, unify apostrophes, ß → ss. */
export function foldToken(token: string): string {
  const lower = token.toLowerCase();
  if (ASCII_WORD.test(lower)) return lower;
  return lower
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/œ/g, 'oe')
    .normalize('NFKD')
    .replace(COMBINING, '');
}

/** Fold a whole string (used for keyword phrases and search). */
export function foldText(text: string): string {
  return foldToken(text).replace(/\s+/g, ' ').trim();
}
