/**
 * Property tests for the empowerment engine (fast-check):
 * - a larger amount never needs less approval (allowed < needs-approval by approver rank < not-allowed);
 * - a higher role never has a lower limit unless the pack gives it a lower figure explicitly;
 * - every decision cites at least one pack rule, and every cited pointer resolves in the pack.
 * Run on the sample packs, the fixture pack, and on randomly generated packs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, type DecideInput, type Decision } from '../../../guidance/limits/decide';
import { resolvePointer } from '../../../guidance/limits/pointer';
import type { ApprovalBand, NeverRule, Pack, PackLimit } from '../../../guidance/pack/types';
import { fixturePack } from './fixture-pack';
import { samplePacks } from './sample-packs';

const TODAY = '2026-03-10';

/** Money-like amounts in cents (fc.double clusters near 0 and would rarely reach the bands). */
const money = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
const packs: Array<[string, Pack]> = [
  ['fixture', fixturePack],
  ['retailer', samplePacks.retailer],
  ['saas', samplePacks.saas],
  ['it', samplePacks.it],
];

function severity(pack: Pack, d: Decision): number {
  if (d.outcome === 'allowed') return 0;
  if (d.outcome === 'not-allowed') return 10_000;
  if (d.outcome === 'needs-approval') {
    const i = pack.roles.findIndex((r) => r.id === d.approver!.role);
    return 1 + (i < 0 ? pack.roles.length : i);
  }
  return Number.NaN;
}

/** Facts that complete every rule of a limit (so the amount alone decides). */
function fullFacts(pack: Pack, limit: PackLimit, role: string, amount: number): DecideInput {
  return {
    pack,
    role,
    action: limit.id,
    amount,
    currency: limit.unit === 'percent' ? '%' : limit.unit === 'count' ? undefined : limit.unit,
    orderValue: 1e12,
    dates: { delivery: TODAY, order: TODAY, purchase: TODAY, contact: TODAY },
    today: TODAY,
    priorUses: 0,
    proofOfPurchase: true,
    confirmations: limit.never.map((n) => n.id),
    segment: limit.segments[0] ?? pack.segments[0],
    audience: limit.audience === 'internal' ? 'internal' : 'customer',
  };
}

function checkMonotone(pack: Pack, limit: PackLimit, role: string, a: number, b: number): void {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const dl = decide(fullFacts(pack, limit, role, lo));
  const dh = decide(fullFacts(pack, limit, role, hi));
  if (dl.outcome === 'needs-info' || dh.outcome === 'needs-info') {
    // Missing facts do not depend on the amount, unless a never rule fires for the larger one.
    expect(dh.outcome === dl.outcome || dh.outcome === 'not-allowed', `${dl.summary} / ${dh.summary}`).toBe(true);
    return;
  }
  expect(severity(pack, dh), `${lo} → ${dl.summary}\n${hi} → ${dh.summary}`).toBeGreaterThanOrEqual(severity(pack, dl));
}

function checkCites(pack: Pack, d: Decision): void {
  expect(d.cites.length).toBeGreaterThan(0);
  expect(d.cites.some((c) => c.startsWith('/limits') || c.startsWith('/roles'))).toBe(true);
  for (const c of d.cites) expect(resolvePointer(pack, c), c).not.toBeUndefined();
}

// Amounts around the interesting figures: limits, band edges, never thresholds, ± one cent.
function interesting(limit: PackLimit): number[] {
  const base = [
    ...Object.values(limit.maxByRole),
    ...limit.approvals.map((b) => b.above),
    ...limit.never.map((n) => n.value ?? 0),
  ];
  return [...new Set(base.flatMap((v) => [v - 0.01, v, v + 0.01]).filter((v) => v >= 0))];
}

describe.each(packs)('properties on the %s pack', (_name, pack) => {
  it('a larger amount never needs less approval', () => {
    const pairs = fc.tuple(
      fc.constantFrom(...pack.limits),
      fc.constantFrom(...pack.roles.map((r) => r.id)),
      money(10_000),
      money(10_000),
    );
    fc.assert(fc.property(pairs, ([limit, role, a, b]) => checkMonotone(pack, limit, role, a, b)), { numRuns: 300 });
    // And exhaustively around every figure of every limit.
    for (const limit of pack.limits) {
      const xs = interesting(limit).sort((x, y) => x - y);
      for (const role of pack.roles) for (let i = 1; i < xs.length; i++) checkMonotone(pack, limit, role.id, xs[i - 1]!, xs[i]!);
    }
  });

  it('a higher role never has a lower limit unless the pack says so explicitly', () => {
    for (const limit of pack.limits) {
      const mine = pack.roles.map((r) => decide(fullFacts(pack, limit, r.id, 0)).yourLimit ?? 0);
      for (let j = 1; j < pack.roles.length; j++) {
        const explicit = limit.maxByRole[pack.roles[j]!.id];
        if (explicit !== undefined) expect(mine[j]).toBe(explicit);
        else expect(mine[j]).toBeGreaterThanOrEqual(Math.max(...mine.slice(0, j)));
      }
    }
  });

  it('every decision cites pack rules that resolve', () => {
    const actions = [...new Set([...pack.limits.map((l) => l.action), ...pack.limits.map((l) => l.id), 'teleport', ''])];
    const input = fc.record({
      role: fc.constantFrom(...pack.roles.map((r) => r.id), 'nobody'),
      action: fc.constantFrom(...actions),
      amount: fc.oneof(money(100_000), fc.double({ min: -10, max: 100_000, noNaN: true }), fc.constant(Number.NaN)),
      currency: fc.constantFrom(undefined, 'EUR', 'USD', 'GBP', 'JPY', '%'),
      segment: fc.constantFrom(undefined, ...pack.segments, 'unknown-segment'),
      orderValue: fc.option(fc.double({ min: 1, max: 100_000, noNaN: true }), { nil: undefined }),
      priorUses: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      proofOfPurchase: fc.option(fc.boolean(), { nil: undefined }),
      delivery: fc.option(fc.integer({ min: -5, max: 2000 }), { nil: undefined }),
      audience: fc.constantFrom(undefined, 'customer' as const, 'internal' as const),
    });
    fc.assert(
      fc.property(input, (i) => {
        const day = (n: number | undefined): string | undefined =>
          n === undefined ? undefined : new Date(Date.parse(TODAY) - n * 86_400_000).toISOString().slice(0, 10);
        const d = decide({
          pack,
          today: TODAY,
          role: i.role,
          action: i.action,
          amount: i.amount,
          currency: i.currency,
          segment: i.segment,
          orderValue: i.orderValue,
          priorUses: i.priorUses,
          proofOfPurchase: i.proofOfPurchase,
          dates: { delivery: day(i.delivery), order: day(i.delivery), purchase: day(i.delivery), contact: day(i.delivery) },
          audience: i.audience,
        });
        checkCites(pack, d);
        expect(d.summary).not.toMatch(/NaN|undefined|\[object/);
        if (d.outcome === 'needs-info') expect(d.questions.length).toBeGreaterThan(0);
        if (d.outcome === 'needs-approval') expect(d.approver).toBeDefined();
      }),
      { numRuns: 400 },
    );
  });
});

// Random packs: any role order, any band layout, any explicit caps.
const roleIds = ['r0', 'r1', 'r2', 'r3', 'r4'];

// Figures from a small set, so bands, maxima and amounts collide often (edges are where bugs live).
const FIGURES = [0, 10, 50, 100, 250, 500, 1000, 2000];
const figure = fc.oneof(fc.constantFrom(...FIGURES), fc.integer({ min: 0, max: 3000 }));
const amountNearFigures = fc.oneof(
  money(3000),
  fc.tuple(fc.constantFrom(...FIGURES), fc.constantFrom(-0.01, 0, 0.01)).map(([f, d]) => Math.max(0, f + d)),
);

const randomLimit = (nRoles: number): fc.Arbitrary<PackLimit> => {
  const ids = roleIds.slice(0, nRoles);
  return fc
    .record({
      max: fc.array(fc.option(figure, { nil: undefined }), { minLength: nRoles, maxLength: nRoles }),
      bands: fc.array(fc.record({ above: figure, approver: fc.constantFrom(...ids, 'outsider') }), { maxLength: 4 }),
      neverAbove: fc.option(figure, { nil: undefined }),
      unit: fc.constantFrom('EUR', 'count', 'percent'),
    })
    .map(({ max, bands, neverAbove, unit }) => {
      const maxByRole: Record<string, number> = {};
      max.forEach((v, i) => {
        if (v !== undefined) maxByRole[ids[i]!] = v;
      });
      const never: NeverRule[] = neverAbove === undefined ? [] : [{ id: 'n', when: 'amount-above', value: neverAbove, text: 'never' }];
      const approvals: ApprovalBand[] = bands.map((b) => ({ ...b, evidence: ['proof'] }));
      return {
        id: 'l',
        action: 'refund',
        label: 'Refund',
        unit,
        maxByRole,
        approvals,
        never,
        segments: [],
        audience: 'customer',
      } satisfies PackLimit;
    });
};

const randomPack: fc.Arbitrary<Pack> = fc.integer({ min: 1, max: 5 }).chain((n) =>
  randomLimit(n).map((limit) => ({
    format: 'tactline-pack/1' as const,
    id: 'random',
    name: 'Random',
    version: 1,
    currency: 'EUR',
    roles: roleIds.slice(0, n).map((id) => ({ id, label: id.toUpperCase() })),
    intents: [],
    phrases: [],
    policies: [],
    limits: [limit],
    avoid: [],
    scenarios: [],
    rates: [],
    segments: [],
  })),
);

describe('properties on random packs', () => {
  it('a larger amount never needs less approval, whatever the band layout', () => {
    fc.assert(
      fc.property(
        randomPack,
        fc.nat(),
        amountNearFigures,
        amountNearFigures,
        (pack, r, a, b) => {
          const role = pack.roles[r % pack.roles.length]!.id;
          checkMonotone(pack, pack.limits[0]!, role, a, b);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('roles inherit from lower roles unless the pack lists them explicitly', () => {
    fc.assert(
      fc.property(randomPack, (pack) => {
        const limit = pack.limits[0]!;
        const mine = pack.roles.map((r) => decide(fullFacts(pack, limit, r.id, 0)).yourLimit ?? 0);
        pack.roles.forEach((r, j) => {
          const explicit = limit.maxByRole[r.id];
          if (explicit !== undefined) expect(mine[j]).toBe(explicit);
          else expect(mine[j]).toBe(j === 0 ? 0 : mine[j - 1]);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('every decision cites rules that resolve', () => {
    fc.assert(
      fc.property(randomPack, fc.nat(), money(5000), (pack, r, amount) => {
        const role = pack.roles[r % pack.roles.length]!.id;
        checkCites(pack, decide(fullFacts(pack, pack.limits[0]!, role, amount)));
      }),
      { numRuns: 500 },
    );
  });
});
