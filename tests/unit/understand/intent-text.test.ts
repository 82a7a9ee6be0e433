import { describe, expect, it } from 'vitest';
import { stem } from '../../../guidance/text/stem';
import { tokenize, splitSentences } from '../../../guidance/text/tokenize';
import { foldToken } from '../../../guidance/text/normalize';
import { stripQuotedAndSignature } from '../../../guidance/text/clean';

describe('text normalisation for intent matching', () => {
  it.each([
    ['refunds', 'refund'],
    ['refunded', 'refund'],
    ['refunding', 'refund'],
    ['cancelled', 'cancel'],
    ['cancellation', 'cancel'],
    ['shipped', 'ship'],
    ['deliveries', 'deliver'],
  ])('stems %s → %s', (w, s) => expect(stem(w)).toBe(s));

  it('keeps replace/replaced/replacement together', () => {
    expect(new Set(['replace', 'replaced', 'replacing', 'replacement'].map(stem)).size).toBe(1);
  });

  it('folds case and diacritics', () => {
    expect(foldToken('Rückgabe')).toBe('ruckgabe');
    expect(foldToken('CAFÉ')).toBe('cafe');
    expect(foldToken('Straße')).toBe('strasse');
  });

  it('splits contractions and keeps negation as its own token with offsets', () => {
    const text = "I didn't get it, can't log in";
    const toks = tokenize(text);
    expect(toks.map((t) => t.norm)).toEqual(['i', 'did', 'not', 'get', 'it', 'can', 'not', 'log', 'in']);
    for (const t of toks) expect(text.slice(t.start, t.end).length).toBeGreaterThan(0);
  });

  it('marks numbers and codes', () => {
    const toks = tokenize('order 12345 and ref AB12C');
    expect(toks.map((t) => t.stem)).toEqual(['order', '#num', 'and', 'ref', '#code']);
  });

  it('splits sentences on punctuation and line breaks', () => {
    expect(splitSentences('One. Two!\nThree?').length).toBe(3);
  });

  it('strips quoted history and signatures', () => {
    const msg = 'My boots leak.\n\nBest regards,\nAda Example\nSent from my iPhone\n\nOn Mon, 3 Nov 2026 at 10:00, Care <care@shop.example> wrote:\n> We are sorry';
    expect(stripQuotedAndSignature(msg)).toBe('My boots leak.');
    expect(stripQuotedAndSignature('Where is my order?\n-- \nAda Example\n+44 20 0000 0000')).toBe('Where is my order?');
    expect(stripQuotedAndSignature('> old quoted line\nNew question about my refund')).toBe('New question about my refund');
    expect(stripQuotedAndSignature('Thanks, the refund arrived.')).toBe('Thanks, the refund arrived.');
  });
});
