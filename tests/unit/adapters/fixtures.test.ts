// @vitest-environment happy-dom
/**
 * Golden tests for every fixture page under tests/fixtures/<site>/: adapterFor(claimed URL) → extract
 * must deep-equal <page>.expected.json (`null` = no adapter may return a ticket for this page).
 * A missing expected file FAILS; run with UPDATE_FIXTURES=1 to write it, then review it by eye.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapterForFixture, discoverFixtures, parse, readExpected } from './fixture-utils';

const UPDATE = process.env.UPDATE_FIXTURES === '1';
const pages = discoverFixtures();

describe('adapter fixtures', () => {
  it('finds fixture pages', () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  it.each(pages.map((p) => [`${p.site}/${p.file}`, p] as const))('%s', (_name, page) => {
    const doc = parse(page.html);
    const adapter = adapterForFixture(page);
    const actual = adapter ? adapter.extract(doc, page.url) : null;
    if (actual) expect(adapter!.id).toBe(page.site);
    const expected = readExpected(page.expectedPath);
    if (expected === undefined) {
      if (UPDATE) {
        writeFileSync(page.expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
        return;
      }
      throw new Error(`${page.expectedPath} is missing. Run with UPDATE_FIXTURES=1 to write it, then review it by eye.`);
    }
    expect(actual).toEqual(expected);
  });
});
