/**
 * Lint timing for `npm run bench`: a 2,000-character draft against a pack's avoid rules (plus the
 * built-ins, plus optional synthetic rules to reach "hundreds"). Pure: uses only
 * `globalThis.performance`, present in Node and browsers.
 */
import type { AvoidRule } from '../pack/types';
import { compileAvoidRules, lintDraft } from './lint';

export interface LintBench {
  rules: number;
  chars: number;
  findings: number;
  compileMs: number;
  /** Best batch mean (the real CPU cost on a busy machine) and overall mean, per lint. */
  bestMs: number;
  meanMs: number;
  runs: number;
}

const SAMPLE =
  'Hi Ada, I am sorry the tent pole snapped. As I said before, you need to send a photo of the pole ' +
  'so we can replace it. Per our policy we refund within 30 days of delivery; obviously this is within it. ';

export function benchLint(avoid: readonly AvoidRule[], opts: { chars?: number; extraRules?: number; batches?: number; batchSize?: number } = {}): LintBench {
  const chars = opts.chars ?? 2000;
  const extra: AvoidRule[] = [];
  const words = ['refund', 'policy', 'never', 'cannot', 'sorry', 'delay', 'order', 'photo', 'please', 'wait'];
  for (let i = 0; i < (opts.extraRules ?? 300); i++) {
    extra.push({
      id: `bench-${i}`,
      pattern: `${words[i % 10]} ${i % 3 ? '*' : words[(i * 7) % 10]} ${words[(i * 3) % 10]}${i}`,
      why: 'bench',
      instead: [],
      severity: 'info',
      appliesTo: 'any',
    });
  }
  const now = (): number => globalThis.performance.now();
  const t0 = now();
  const compiled = compileAvoidRules([...avoid, ...extra]);
  const compileMs = now() - t0;
  const draft = SAMPLE.repeat(Math.ceil(chars / SAMPLE.length)).slice(0, chars);
  for (let i = 0; i < 50; i++) lintDraft(draft, compiled, { replyMode: 'public' });
  const batches = opts.batches ?? 20;
  const size = opts.batchSize ?? 25;
  let best = Infinity;
  let total = 0;
  for (let b = 0; b < batches; b++) {
    const s = now();
    for (let i = 0; i < size; i++) lintDraft(draft, compiled, { replyMode: 'public' });
    const ms = (now() - s) / size;
    total += ms;
    best = Math.min(best, ms);
  }
  return {
    rules: compiled.rules.length,
    chars: draft.length,
    findings: lintDraft(draft, compiled, { replyMode: 'public' }).length,
    compileMs,
    bestMs: best,
    meanMs: total / batches,
    runs: batches * size,
  };
}
