/**
 * A small sample of the pack fuzz (`npm run fuzz` runs ≥100,000 cases): the same arbitraries through
 * loader → validatePack → buildIndex, so `npm test` catches a regression on every push.
 */
import { describe, expect, it } from 'vitest';
import { basePacks, formatSummary, runFuzz } from '../../fuzz/pack-fuzz';
import { validatePack } from '../../../guidance/pack/validate';

const SAMPLE = Number(process.env.TACTLINE_FUZZ_SAMPLE ?? 2_000);

describe('pack fuzz sample', () => {
  it('the starting packs are valid (otherwise every mutation would be rejected for the wrong reason)', () => {
    for (const p of basePacks()) expect(validatePack(p).ok).toBe(true);
  });

  it(`${SAMPLE} adversarial/benign packs: 0 adversarial accepted, 0 crashes, no mutation, no pollution`, () => {
    const s = runFuzz({ cases: SAMPLE, batch: 500 });
    const text = formatSummary(s);
    expect(s.counts, text).toEqual({ adversarialAccepted: 0, crashed: 0, mutated: 0, polluted: 0 });
    expect(s.failures, text).toEqual([]);
    // The sample must really exercise both outcomes: rejections at load and in the validator, and
    // some benign packs accepted and indexed.
    const all = [...s.byKind.values()];
    expect(all.reduce((a, k) => a + k.loadRejected, 0)).toBeGreaterThan(0);
    expect(all.reduce((a, k) => a + k.validatorRejected, 0)).toBeGreaterThan(SAMPLE / 2);
    expect(all.reduce((a, k) => a + k.indexed, 0)).toBeGreaterThan(0);
    expect(s.byKind.size).toBeGreaterThanOrEqual(20);
  }, 180_000);
});
