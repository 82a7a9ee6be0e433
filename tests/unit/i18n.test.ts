import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const LANGS = ['en', 'de', 'fr', 'es'] as const;
const load = (l: string) => JSON.parse(readFileSync(`public/_locales/${l}/messages.json`, 'utf8')) as Record<string, { message: string }>;
const holes = (s: string) => [...s.matchAll(/\$(\d)/g)].map((m) => m[1]).sort().join(',');

describe('UI translations', () => {
  const en = load('en');
  for (const l of LANGS.filter((x) => x !== 'en')) {
    it(`${l} has every English key, no extra ones, and the same placeholders`, () => {
      const other = load(l);
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(en)) {
        expect(other[k]?.message.trim(), `${l}/${k} is empty`).not.toBe('');
        expect(holes(other[k]?.message ?? ""), `${l}/${k} placeholders`).toBe(holes(v.message));
      }
    });
  }
  it('translations are translations, not English copies (short brand words aside)', () => {
    for (const l of LANGS.filter((x) => x !== 'en')) {
      const other = load(l);
      const copies = Object.entries(en).filter(([k, v]) => v.message.length > 24 && other[k]?.message === v.message).map(([k]) => k);
      expect(copies, `${l} copies English for ${copies.join(', ')}`).toEqual([]);
    }
  });
});
