import { describe, expect, it } from 'vitest';
import { decide, type DecideInput, type Decision } from '../../../guidance/limits/decide';
import { resolvePointer } from '../../../guidance/limits/pointer';
import { fixturePack } from './fixture-pack';

const TODAY = '2026-03-10';

interface Expect {
  outcome: Decision['outcome'];
  approver?: string;
  limitId?: string;
  never?: string;
  yourLimit?: number;
  question?: RegExp;
  reasoning?: RegExp;
  summary?: RegExp;
  evidence?: RegExp;
  valueInUnit?: number;
}

type Row = [name: string, input: Omit<DecideInput, 'pack'>, expected: Expect];

const rows: Row[] = [
  // Per-role maximum and its boundary.
  ['agent refund well inside', { role: 'agent', action: 'refund', amount: 40 }, { outcome: 'allowed', limitId: 'refund-standard', yourLimit: 100 }],
  ['agent refund exactly at the limit', { role: 'agent', action: 'refund', amount: 100 }, { outcome: 'allowed', summary: /within your limit \(€100\)/ }],
  ['agent refund one cent over', { role: 'agent', action: 'refund', amount: 100.01 }, { outcome: 'needs-approval', approver: 'team-lead', summary: /^Refund €100\.01 — needs Team lead approval \(your limit €100\)/ }],
  ['agent refund €180 → team lead', { role: 'agent', action: 'refund', amount: 180 }, { outcome: 'needs-approval', approver: 'team-lead', evidence: /Photo of the damage/ }],
  ['agent refund exactly at band edge 500 → team lead', { role: 'agent', action: 'refund', amount: 500 }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['agent refund 500.01 → manager band', { role: 'agent', action: 'refund', amount: 500.01 }, { outcome: 'needs-approval', approver: 'manager', evidence: /Team lead sign-off/ }],
  ['agent refund 2000 → manager at manager max', { role: 'agent', action: 'refund', amount: 2000 }, { outcome: 'needs-approval', approver: 'manager' }],
  ['agent refund 2000.01 → above every approver', { role: 'agent', action: 'refund', amount: 2000.01 }, { outcome: 'not-allowed', reasoning: /may grant at most €2,000/ }],
  ['agent refund 3500 hits the never rule', { role: 'agent', action: 'refund', amount: 3500 }, { outcome: 'not-allowed', never: 'never-refund-over-3000' }],
  ['refund exactly at the never threshold is not caught by it', { role: 'manager', action: 'refund', amount: 3000 }, { outcome: 'not-allowed', reasoning: /No approval band and no role/ }],
  ['team lead refund 300 alone', { role: 'team-lead', action: 'refund', amount: 300 }, { outcome: 'allowed', yourLimit: 500 }],
  ['team lead refund 600 → manager (own band skipped)', { role: 'team-lead', action: 'refund', amount: 600 }, { outcome: 'needs-approval', approver: 'manager' }],
  ['manager refund 1999', { role: 'manager', action: 'refund', amount: 1999 }, { outcome: 'allowed', yourLimit: 2000 }],
  ['senior agent inherits the agent refund limit', { role: 'senior-agent', action: 'refund', amount: 100 }, { outcome: 'allowed', yourLimit: 100, reasoning: /inherit|has the Agent maximum/ }],
  ['senior agent above inherited limit → team lead', { role: 'senior-agent', action: 'refund', amount: 101 }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['role given by label', { role: 'Team lead', action: 'refund', amount: 450 }, { outcome: 'allowed' }],
  ['action given by limit id', { role: 'agent', action: 'goodwill-credit', amount: 20, priorUses: 0 }, { outcome: 'allowed', limitId: 'goodwill-credit' }],
  ['manual never rule stays on the checklist', { role: 'agent', action: 'refund', amount: 50 }, { outcome: 'allowed', evidence: /open chargeback/, summary: /confirm 1 check first/ }],
  ['confirmed manual rule leaves the checklist', { role: 'agent', action: 'refund', amount: 50, confirmations: ['never-refund-chargeback'] }, { outcome: 'allowed', reasoning: /You confirmed/ }],

  // Currencies.
  ['no currency → pack currency, said so', { role: 'agent', action: 'refund', amount: 90 }, { outcome: 'allowed', reasoning: /taken as EUR/ }],
  ['GBP converted with a direct rate, inside', { role: 'agent', action: 'refund', amount: 86, currency: 'GBP' }, { outcome: 'allowed', valueInUnit: 98.9 }],
  ['GBP converted with a direct rate, over', { role: 'agent', action: 'refund', amount: 87, currency: 'GBP' }, { outcome: 'needs-approval', approver: 'team-lead', valueInUnit: 100.05 }],
  ['USD converted with the reverse rate', { role: 'agent', action: 'refund', amount: 110, currency: 'USD' }, { outcome: 'allowed', valueInUnit: 100 }],
  ['USD reverse rate, over', { role: 'agent', action: 'refund', amount: 111, currency: 'usd' }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['CHF without rate → needs-info, never compared', { role: 'agent', action: 'refund', amount: 50, currency: 'CHF' }, { outcome: 'needs-info', question: /amount in EUR.*no CHF–EUR rate/ }],
  ['USD limit, EUR amount via direct rate', { role: 'agent', action: 'shipping-upgrade', amount: 18.18, currency: 'EUR' }, { outcome: 'allowed', valueInUnit: 19.998 }],
  ['USD limit, EUR amount via direct rate, over', { role: 'agent', action: 'shipping-upgrade', amount: 19, currency: 'EUR' }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['USD limit, GBP amount: no GBP–USD rate', { role: 'agent', action: 'shipping-upgrade', amount: 5, currency: 'GBP' }, { outcome: 'needs-info', question: /no GBP–USD rate/ }],
  ['count limit ignores currency', { role: 'agent', action: 'replacement', amount: 1, currency: 'EUR', proofOfPurchase: true, dates: { delivery: '2026-03-01' } }, { outcome: 'allowed', reasoning: /currency EUR is ignored/ }],

  // Windows.
  ['replacement inside the window', { role: 'agent', action: 'replacement', amount: 1, proofOfPurchase: true, dates: { delivery: '2026-02-20' } }, { outcome: 'allowed', reasoning: /18 days since delivery.*inside the 30-day window/ }],
  ['replacement exactly at the window edge', { role: 'agent', action: 'replacement', amount: 1, proofOfPurchase: true, dates: { delivery: '2026-02-08' } }, { outcome: 'allowed', reasoning: /30 days since delivery/ }],
  ['replacement one day outside → lead exception', { role: 'agent', action: 'replacement', amount: 1, proofOfPurchase: true, dates: { delivery: '2026-02-07' } }, { outcome: 'needs-approval', approver: 'team-lead', summary: /31 days since delivery, outside the 30-day window/ }],
  ['34 days since delivery', { role: 'agent', action: 'replacement', amount: 1, proofOfPurchase: true, dates: { delivery: '2026-02-04' } }, { outcome: 'needs-approval', approver: 'team-lead', evidence: /34 days ago/ }],
  ['team lead approves the window exception themself', { role: 'team-lead', action: 'replacement', amount: 1, proofOfPurchase: true, dates: { delivery: '2026-02-04' } }, { outcome: 'allowed', reasoning: /approve this window exception yourself/ }],
  ['missing delivery date → question', { role: 'agent', action: 'replacement', amount: 1, proofOfPurchase: true }, { outcome: 'needs-info', question: /When was the order delivered/ }],
  ['invalid delivery date → question', { role: 'agent', action: 'replacement', amount: 1, proofOfPurchase: true, dates: { delivery: '2026-02-31' } }, { outcome: 'needs-info', question: /not a valid date: When was the order delivered\? \(YYYY-MM-DD\)/ }],
  ['future delivery date is inside', { role: 'agent', action: 'replacement', amount: 1, proofOfPurchase: true, dates: { delivery: '2026-03-20' } }, { outcome: 'allowed', reasoning: /in the future/ }],
  ['window without exception approver → not allowed', { role: 'agent', action: 'goodwill-gift', amount: 20, segment: 'member', priorUses: 0, dates: { order: '2026-02-01' } }, { outcome: 'not-allowed', reasoning: /allows no exception/ }],

  // Caps.
  ['cap: first use', { role: 'agent', action: 'store-credit', amount: 20, priorUses: 0 }, { outcome: 'allowed', reasoning: /number 1 of 2/ }],
  ['cap: last allowed use', { role: 'agent', action: 'store-credit', amount: 20, priorUses: 1 }, { outcome: 'allowed', reasoning: /number 2 of 2/ }],
  ['cap: reached → lead', { role: 'agent', action: 'store-credit', amount: 20, priorUses: 2 }, { outcome: 'needs-approval', approver: 'team-lead', summary: /over the cap of 2 per 90 days/ }],
  ['cap: missing prior uses → question', { role: 'agent', action: 'store-credit', amount: 20 }, { outcome: 'needs-info', question: /How many times .* last 90 days/ }],
  ['cap never rule: second gift', { role: 'agent', action: 'goodwill-gift', amount: 20, segment: 'member', priorUses: 1, dates: { order: '2026-03-01' } }, { outcome: 'not-allowed', never: 'never-second-gift' }],
  ['cap never rule: first gift', { role: 'agent', action: 'goodwill-gift', amount: 30, segment: 'member', priorUses: 0, dates: { order: '2026-03-01' } }, { outcome: 'allowed' }],
  ['cap and amount both need the lead', { role: 'agent', action: 'store-credit', amount: 40, priorUses: 3 }, { outcome: 'needs-approval', approver: 'team-lead', summary: /your limit €25; over the cap/ }],
  ['senior agent credit over the cap still needs the lead', { role: 'senior-agent', action: 'store-credit', amount: 40, priorUses: 2 }, { outcome: 'needs-approval', approver: 'team-lead' }],

  // Percent limits.
  ['discount as a percentage inside', { role: 'agent', action: 'discount', amount: 10, currency: '%' }, { outcome: 'allowed', yourLimit: 10 }],
  ['discount 10.5% → lead', { role: 'agent', action: 'discount', amount: 10.5, currency: '%' }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['discount money with order value', { role: 'agent', action: 'discount', amount: 15, currency: 'EUR', orderValue: 150 }, { outcome: 'allowed', valueInUnit: 10 }],
  ['discount money: 20% → manager band', { role: 'agent', action: 'discount', amount: 30, currency: 'EUR', orderValue: 150 }, { outcome: 'needs-approval', approver: 'manager' }],
  ['discount: missing order value → question', { role: 'agent', action: 'discount', amount: 30, currency: 'EUR' }, { outcome: 'needs-info', question: /order value/ }],
  ['discount above 25% of the order → never', { role: 'manager', action: 'discount', amount: 26, currency: '%' }, { outcome: 'not-allowed', never: 'never-discount-over-25' }],

  // Never rules.
  ['replacement without proof of purchase', { role: 'agent', action: 'replacement', amount: 1, proofOfPurchase: false, dates: { delivery: '2026-03-01' } }, { outcome: 'not-allowed', never: 'never-replace-without-proof' }],
  ['replacement: proof unknown → question', { role: 'agent', action: 'replacement', amount: 1, dates: { delivery: '2026-03-01' } }, { outcome: 'needs-info', question: /proof of purchase/ }],
  ['two replacements → lead', { role: 'agent', action: 'replacement', amount: 2, proofOfPurchase: true, dates: { delivery: '2026-03-01' } }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['fee waiver for a business customer → never', { role: 'agent', action: 'fee-waiver', amount: 10, segment: 'business' }, { outcome: 'not-allowed', never: 'never-waive-business' }],
  ['fee waiver for a member', { role: 'agent', action: 'fee-waiver', amount: 10, segment: 'member' }, { outcome: 'allowed' }],
  ['fee waiver, segment unknown → question', { role: 'agent', action: 'fee-waiver', amount: 10 }, { outcome: 'needs-info', question: /segment/ }],

  // Segments and audiences.
  ['business refund uses the business limit', { role: 'agent', action: 'refund', amount: 50, segment: 'business' }, { outcome: 'needs-approval', approver: 'team-lead', limitId: 'refund-business', yourLimit: 0 }],
  ['member refund uses the generic limit', { role: 'agent', action: 'refund', amount: 50, segment: 'member' }, { outcome: 'allowed', limitId: 'refund-standard' }],
  ['gift for a standard customer → no limit applies', { role: 'agent', action: 'goodwill-gift', amount: 10, segment: 'standard' }, { outcome: 'not-allowed', reasoning: /applies only to member/ }],
  ['gift, segment missing → question', { role: 'agent', action: 'goodwill-gift', amount: 10 }, { outcome: 'needs-info', question: /segment/ }],
  ['unknown segment → question', { role: 'agent', action: 'refund', amount: 10, segment: 'vip' }, { outcome: 'needs-info', question: /standard, member, business/ }],
  ['internal requester uses the internal limit', { role: 'agent', action: 'refund', amount: 800, audience: 'internal' }, { outcome: 'allowed', limitId: 'internal-refund' }],
  ['internal limit over → manager', { role: 'agent', action: 'refund', amount: 1200, audience: 'internal' }, { outcome: 'needs-approval', approver: 'manager', limitId: 'internal-refund' }],
  ['internal requester, no internal limit → customer limit', { role: 'agent', action: 'store-credit', amount: 10, priorUses: 0, audience: 'internal' }, { outcome: 'allowed', reasoning: /no internal limit/ }],

  // Unknowns.
  ['unknown role → needs-info', { role: 'intern', action: 'refund', amount: 10 }, { outcome: 'needs-info', question: /Which role are you\? .*Agent \(agent\)/ }],
  ['unknown action → needs-info', { role: 'agent', action: 'teleport', amount: 10 }, { outcome: 'needs-info', question: /Which action is this\?.*refund/ }],
  ['negative amount → needs-info', { role: 'agent', action: 'refund', amount: -5 }, { outcome: 'needs-info', question: /What amount/ }],
  ['NaN amount → needs-info', { role: 'agent', action: 'refund', amount: Number.NaN }, { outcome: 'needs-info' }],
];

function check(d: Decision, e: Expect): void {
  expect(d.outcome).toBe(e.outcome);
  if (e.approver !== undefined) expect(d.approver?.role).toBe(e.approver);
  if (e.outcome !== 'needs-approval') expect(d.approver).toBeUndefined();
  if (e.limitId !== undefined) expect(d.limitId).toBe(e.limitId);
  if (e.never !== undefined) expect(d.neverRule?.id).toBe(e.never);
  if (e.yourLimit !== undefined) expect(d.yourLimit).toBe(e.yourLimit);
  if (e.question) expect(d.questions.join('\n')).toMatch(e.question);
  if (e.outcome === 'needs-info') expect(d.questions.length).toBeGreaterThan(0);
  else if (e.outcome !== 'not-allowed') expect(d.questions).toEqual([]);
  if (e.reasoning) expect(d.reasoning.join('\n')).toMatch(e.reasoning);
  if (e.summary) expect(d.summary).toMatch(e.summary);
  if (e.evidence) expect(d.evidence.join('\n')).toMatch(e.evidence);
  if (e.valueInUnit !== undefined) expect(d.valueInUnit).toBeCloseTo(e.valueInUnit, 6);
}

function citesResolve(pack: unknown, d: Decision): void {
  expect(d.cites.length).toBeGreaterThan(0);
  for (const c of d.cites) expect(resolvePointer(pack, c), `cite ${c}`).not.toBeUndefined();
}

describe('decide() on the Example Bikes fixture pack', () => {
  it.each(rows)('%s', (_name, input, expected) => {
    const d = decide({ pack: fixturePack, today: TODAY, ...input });
    check(d, expected);
    citesResolve(fixturePack, d);
    expect(d.pack).toEqual({ id: 'example-bikes', version: 7 });
    expect(d.reasoning.length).toBeGreaterThan(0);
    expect(d.summary).not.toMatch(/NaN|undefined/);
  });

  it('links the policy clause and how to ask', () => {
    const d = decide({ pack: fixturePack, role: 'agent', action: 'refund', amount: 180, today: TODAY });
    expect(d.policy).toEqual({
      id: 'returns',
      title: 'Returns and refunds',
      summary: 'Refunds to the original payment method within 30 days of delivery.',
      url: 'https://help.example-bikes.test/returns',
    });
    expect(d.how).toBe('Internal note tagged @lead with the order number');
    expect(d.cites).toContain('/limits/0/maxByRole/agent');
    expect(d.cites).toContain('/limits/0/approvals/0');
  });

  it('the summary reads as one line', () => {
    const d = decide({ pack: fixturePack, role: 'agent', action: 'refund', amount: 180, today: TODAY, confirmations: ['never-refund-chargeback'] });
    expect(d.summary).toBe('Refund €180 — needs Team lead approval (your limit €100)');
    const gbp = decide({ pack: fixturePack, role: 'agent', action: 'refund', amount: 50, currency: 'GBP', today: TODAY, confirmations: ['never-refund-chargeback'] });
    expect(gbp.summary).toBe('Refund £50 (€57.50) — within your limit (€100)');
  });

  it('defaults today to the current date', () => {
    const recent = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const d = decide({ pack: fixturePack, role: 'agent', action: 'replacement', amount: 1, proofOfPurchase: true, dates: { delivery: recent } });
    expect(d.outcome).toBe('allowed');
  });

  it('missing facts are all asked at once, never guessed', () => {
    const d = decide({ pack: fixturePack, role: 'agent', action: 'replacement', amount: 1, today: TODAY });
    expect(d.outcome).toBe('needs-info');
    expect(d.questions).toHaveLength(2);
  });
});

export { rows as fixtureRows };
