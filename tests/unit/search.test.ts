import { describe, expect, it } from 'vitest';
import { createPackSearch } from '../../guidance/search';
import { testPack } from './understand/intent.fixture';

describe('pack search box (fuse.js)', () => {
  const search = createPackSearch(testPack());

  it('finds a policy by a word of its title', () => {
    const hits = search.search('refunds');
    expect(hits.some((h) => h.kind === 'policy' && h.id === 'refund-policy')).toBe(true);
  });

  it('tolerates typos', () => {
    expect(search.search('damagd goods').some((h) => h.id === 'damage-policy')).toBe(true);
  });

  it('finds phrases and intents, with scores in 0..1, best first', () => {
    const hits = search.search('password');
    expect(hits.some((h) => h.kind === 'intent' && h.id === 'account-login')).toBe(true);
    for (const h of hits) {
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('returns nothing for an empty query and respects the limit', () => {
    expect(search.search('   ')).toEqual([]);
    expect(search.search('e', 3).length).toBeLessThanOrEqual(3);
  });
});
