import { describe, expect, it } from 'vitest';
import type { AvoidRule } from '../../../guidance/pack/types';
import { compileAvoidRules, lintDraft } from '../../../guidance/tone/lint';
import { DEFAULT_AVOID } from '../../../guidance/tone/defaults';

function rule(id: string, pattern: string, over: Partial<AvoidRule> = {}): AvoidRule {
  return { id, pattern, why: `why ${id}`, instead: [`instead ${id}`], severity: 'warning', appliesTo: 'any', ...over };
}

const packRules: AvoidRule[] = [
  rule('policy', 'per our policy'),
  rule('no-refunds', 'no * refunds'),
  rule('not-my-dept', "that's not my department"),
  rule('rma', 'RMA number', { appliesTo: 'public', severity: 'info' }),
  rule('as-i-mentioned', 'as I * mentioned'),
  rule('regexy', 'a.b (c)+ [x]'),
  rule('stars-only', '* *'),
];
const compiled = compileAvoidRules(packRules);
const pub = { replyMode: 'public' as const };

function ids(draft: string, mode: 'public' | 'internal' = 'public'): string[] {
  return lintDraft(draft, compiled, { replyMode: mode }).map((f) => f.ruleId);
}

describe('lintDraft()', () => {
  it('finds a pack phrase with offsets, why and alternatives', () => {
    const draft = 'Hello! Per our policy, we cannot do that.';
    const [f] = lintDraft(draft, compiled, pub);
    expect(f).toEqual({
      ruleId: 'policy',
      start: 7,
      end: 21,
      text: 'Per our policy',
      why: 'why policy',
      instead: ['instead policy'],
      severity: 'warning',
      builtin: false,
    });
    expect(draft.slice(f!.start, f!.end)).toBe(f!.text);
  });
  it('is case-insensitive', () => expect(ids('PER OUR POLICY we do not')).toEqual(['policy']));
  it('tolerates extra whitespace and line-internal tabs', () => expect(ids('per   our\tpolicy')).toEqual(['policy']));
  it('does not match across a sentence boundary', () => expect(ids('That was per our. Policy changed.')).toEqual([]));
  it('matches across a comma', () => expect(ids('Please, calm, down.')).toEqual(['tactline/calm-down']));
  it('wildcard matches exactly one word', () => {
    expect(ids('There are no partial refunds here.')).toEqual(['no-refunds']);
    expect(ids('There are no refunds here.')).toEqual([]);
    expect(ids('There are no partial cash refunds.')).toEqual([]);
  });
  it('wildcard in the middle of a longer phrase', () => expect(ids('As I already mentioned, it ships Monday.')).toEqual(['as-i-mentioned']));
  it('respects word boundaries: no "recalm down", no "calm downstairs"', () => {
    expect(ids('Please recalm down the settings.')).toEqual([]);
    expect(ids('Stay calm downstairs.')).toEqual([]);
    expect(ids('It is obviously fine.')).toEqual(['tactline/obviously']);
    expect(ids('Non-obviously fine.')).toEqual([]);
  });
  it('matches curly and straight apostrophes alike', () => {
    expect(ids('Sorry, that’s not my department.')).toEqual(['not-my-dept']);
    expect(ids("Sorry, that's not my department.")).toEqual(['not-my-dept']);
    expect(ids('Sorry, thatʼs not my department.')).toEqual(['not-my-dept']);
  });
  it('public-only rules are skipped in internal notes', () => {
    expect(ids('Your RMA number is 55.', 'public')).toEqual(['rma']);
    expect(ids('Your RMA number is 55.', 'internal')).toEqual([]);
  });
  it('pack patterns are never regex: metacharacters are literal words', () => {
    expect(ids('aab ccc x')).toEqual([]);
    expect(ids('See a.b (c)+ [x] now')).toEqual(['regexy']);
  });
  it('a pattern without a literal word is skipped, not a match-everything', () => {
    expect(compiled.skipped).toContain('stars-only');
    expect(ids('any words at all')).toEqual([]);
  });
  it('includes the built-in defaults', () => {
    expect(ids('Calm down, as I said before you need to wait.')).toEqual(['tactline/calm-down', 'tactline/as-i-said', 'tactline/you-need-to']);
    const f = lintDraft('calm down', compiled, pub)[0]!;
    expect(f.builtin).toBe(true);
    expect(f.instead.length).toBeGreaterThan(0);
  });
  it('a pack rule with the same pattern replaces the built-in', () => {
    const c = compileAvoidRules([rule('mine', 'Calm  Down')]);
    expect(lintDraft('please calm down', c, pub).map((f) => f.ruleId)).toEqual(['mine']);
    expect(c.rules.filter((r) => r.pattern.toLowerCase().includes('calm'))).toHaveLength(1);
  });
  it('a pack finding hides an overlapping built-in finding', () => {
    const c = compileAvoidRules([rule('please-calm', 'please calm down now')]);
    expect(lintDraft('Please calm down now.', c, pub).map((f) => f.ruleId)).toEqual(['please-calm']);
  });
  it('defaults can be turned off', () => {
    const c = compileAvoidRules([], { defaults: false });
    expect(lintDraft('calm down obviously', c, pub)).toEqual([]);
  });
  it('reports every occurrence, in order', () => {
    const fs = lintDraft('Obviously. Obviously!', compiled, pub);
    expect(fs.map((f) => f.start)).toEqual([0, 11]);
  });
  it('never changes the draft and returns [] for empty text', () => {
    const draft = 'calm down';
    lintDraft(draft, compiled, pub);
    expect(draft).toBe('calm down');
    expect(lintDraft('', compiled, pub)).toEqual([]);
  });
  it('works with non-Latin letters', () => {
    const c = compileAvoidRules([rule('de', 'beruhigen Sie sich')], { defaults: false });
    expect(lintDraft('Bitte beruhigen Sie sich.', c, pub).map((f) => f.text)).toEqual(['beruhigen Sie sich']);
  });
  it('the built-in set is small and well-formed', () => {
    expect(DEFAULT_AVOID.length).toBeGreaterThanOrEqual(4);
    for (const r of DEFAULT_AVOID) {
      expect(r.id.startsWith('tactline/')).toBe(true);
      expect(r.instead.length).toBeGreaterThan(0);
    }
  });
  it('lints 2,000 characters against hundreds of rules and finds every occurrence (speed: npm run bench)', () => {
    const many: AvoidRule[] = [];
    const words = ['refund', 'policy', 'never', 'cannot', 'sorry', 'delay', 'order', 'customer', 'please', 'wait'];
    for (let i = 0; i < 400; i++) many.push(rule(`r${i}`, `${words[i % 10]} ${i % 3 ? '*' : words[(i * 7) % 10]} ${words[(i * 3) % 10]}${i}`));
    const c = compileAvoidRules([...packRules, ...many]);
    const sentence = 'Sorry for the delay, as I said before the refund policy says you need to wait for the order. ';
    const draft = sentence.repeat(Math.ceil(2000 / sentence.length)).slice(0, 2000);
    const findings = lintDraft(draft, c, pub);
    const fullSentences = Math.floor(2000 / sentence.length);
    // "as I said before" and "you need to" fire once per complete sentence.
    expect(findings.filter((f) => /as i said before/i.test(f.text)).length).toBeGreaterThanOrEqual(fullSentences);
    for (const f of findings) expect(draft.slice(f.start, f.end)).toBe(f.text);
  });
});

describe('replaceFinding()', async () => {
  const { replaceFinding } = await import('../../../guidance/tone/lint');
  it('replaces the finding and puts the caret after the replacement', () => {
    const draft = 'Ok. Calm down, we will fix it.';
    const f = lintDraft(draft, compiled, pub)[0]!;
    expect(replaceFinding(draft, f, 'i can see why this is upsetting')).toEqual({
      text: 'Ok. I can see why this is upsetting, we will fix it.',
      caret: 4 + 'I can see why this is upsetting'.length,
    });
  });
  it('refuses a stale finding', () => {
    const f = lintDraft('Please calm down.', compiled, pub)[0]!;
    expect(replaceFinding('Please stay calm.', f, 'x')).toBeNull();
  });
});

describe('benchLint()', async () => {
  const { benchLint } = await import('../../../guidance/tone/bench');
  it('reports a 2,000-character lint time under 2 ms with hundreds of rules', () => {
    const r = benchLint(packRules, { batches: 8, batchSize: 10 });
    expect(r.chars).toBe(2000);
    expect(r.rules).toBeGreaterThan(300);
    expect(r.findings).toBeGreaterThan(5);
    expect(r.bestMs).toBeLessThan(2);
  });
});
