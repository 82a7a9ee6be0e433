/**
 * Acceptance table for the empowerment engine on the three shipped sample packs: boundaries,
 * currencies, windows, caps, percent limits, never rules, segments, audiences and missing facts.
 * The packs are loaded through the real validator, as the extension and the CLI load them.
 */
import { describe, expect, it } from 'vitest';
import { decide, type DecideInput, type Decision } from '../../../guidance/limits/decide';
import { resolvePointer } from '../../../guidance/limits/pointer';
import { samplePacks } from './sample-packs';

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
}
type Row = [name: string, input: Omit<DecideInput, 'pack'>, expected: Expect];

// Retailer facts that let a refund be decided on the amount alone.
const R_OK = {
  dates: { delivery: '2026-03-01' },
  proofOfPurchase: true,
  orderValue: 3000,
  confirmations: ['refund-other-account'],
};

const retailer: Row[] = [
  ['agent refund exactly at €100', { role: 'agent', action: 'refund', amount: 100, ...R_OK }, { outcome: 'allowed', yourLimit: 100, summary: /^Refund €100 — within your limit \(€100\)$/ }],
  ['agent refund €100.01 → senior agent', { role: 'agent', action: 'refund', amount: 100.01, ...R_OK }, { outcome: 'needs-approval', approver: 'senior-agent' }],
  ['agent refund €250 → still the senior band', { role: 'agent', action: 'refund', amount: 250, ...R_OK }, { outcome: 'needs-approval', approver: 'senior-agent' }],
  ['agent refund €250.01 → team lead', { role: 'agent', action: 'refund', amount: 250.01, ...R_OK }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['senior agent refund €200 alone', { role: 'senior-agent', action: 'refund', amount: 200, ...R_OK }, { outcome: 'allowed', yourLimit: 250 }],
  ['senior agent refund €300 → team lead', { role: 'senior-agent', action: 'refund', amount: 300, ...R_OK }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['team lead refund €800 → support manager', { role: 'team-lead', action: 'refund', amount: 800, ...R_OK }, { outcome: 'needs-approval', approver: 'support-manager' }],
  ['agent refund €2,000 → support manager at their max', { role: 'agent', action: 'refund', amount: 2000, ...R_OK }, { outcome: 'needs-approval', approver: 'support-manager' }],
  ['refund €2,000.01 → never (Finance)', { role: 'agent', action: 'refund', amount: 2000.01, ...R_OK }, { outcome: 'not-allowed', never: 'refund-over-2000' }],
  ['team lead refund €1,999.99 → support manager', { role: 'team-lead', action: 'refund', amount: 1999.99, ...R_OK }, { outcome: 'needs-approval', approver: 'support-manager' }],
  ['support manager refund exactly €2,000', { role: 'support-manager', action: 'refund', amount: 2000, ...R_OK }, { outcome: 'allowed', yourLimit: 2000 }],
  ['refund needs no order value (no percent rule in this pack)', { role: 'agent', action: 'refund', amount: 50, ...R_OK, orderValue: undefined }, { outcome: 'allowed' }],
  ['refund without proof of purchase → never', { role: 'agent', action: 'refund', amount: 50, ...R_OK, proofOfPurchase: false }, { outcome: 'not-allowed', never: 'refund-no-proof' }],
  ['refund, proof unknown → question', { role: 'agent', action: 'refund', amount: 50, ...R_OK, proofOfPurchase: undefined }, { outcome: 'needs-info', question: /proof of purchase/ }],
  ['refund 34 days after delivery → team lead exception', { role: 'agent', action: 'refund', amount: 50, ...R_OK, dates: { delivery: '2026-02-04' } }, { outcome: 'needs-approval', approver: 'team-lead', summary: /34 days since delivery, outside the 30-day window/ }],
  ['refund exactly 30 days after delivery', { role: 'agent', action: 'refund', amount: 50, ...R_OK, dates: { delivery: '2026-02-08' } }, { outcome: 'allowed' }],
  ['refund, delivery date missing → question', { role: 'agent', action: 'refund', amount: 50, ...R_OK, dates: {} }, { outcome: 'needs-info', question: /When was the order delivered/ }],
  ['refund US$100 → €86 at the pack rate', { role: 'agent', action: 'refund', amount: 100, currency: 'USD', ...R_OK }, { outcome: 'allowed', reasoning: /€86 at the pack's rate/ }],
  ['refund US$117 → €100.62 → senior agent', { role: 'agent', action: 'refund', amount: 117, currency: 'USD', ...R_OK }, { outcome: 'needs-approval', approver: 'senior-agent' }],
  ['refund in JPY: no rate → question, not a comparison', { role: 'agent', action: 'refund', amount: 5000, currency: 'JPY', ...R_OK, orderValue: 100000 }, { outcome: 'needs-info', question: /no JPY–EUR rate/ }],
  ['manual rule unconfirmed stays a checklist item', { role: 'agent', action: 'refund', amount: 50, ...R_OK, confirmations: [] }, { outcome: 'allowed', summary: /confirm 1 check first/ }],
  ['store credit €30 for a standard customer', { role: 'agent', action: 'store-credit', amount: 30, segment: 'standard', priorUses: 0, confirmations: ['credit-instead-of-refund'] }, { outcome: 'allowed', yourLimit: 30 }],
  ['store credit €30.01 → senior agent', { role: 'agent', action: 'store-credit', amount: 30.01, segment: 'member', priorUses: 1 }, { outcome: 'needs-approval', approver: 'senior-agent' }],
  ['third credit in 90 days → team lead', { role: 'agent', action: 'store-credit', amount: 20, segment: 'standard', priorUses: 2 }, { outcome: 'needs-approval', approver: 'team-lead', summary: /over the cap of 2 per 90 days/ }],
  ['store credit, earlier uses unknown → question', { role: 'agent', action: 'store-credit', amount: 20, segment: 'member' }, { outcome: 'needs-info', question: /last 90 days/ }],
  ['store credit, segment unknown → question', { role: 'agent', action: 'store-credit', amount: 20, priorUses: 0 }, { outcome: 'needs-info', question: /segment/ }],
  ['store credit for business → never', { role: 'agent', action: 'store-credit', amount: 20, segment: 'business', priorUses: 0 }, { outcome: 'not-allowed', never: 'credit-business' }],
  ['store credit €301 → never', { role: 'support-manager', action: 'store-credit', amount: 301, segment: 'standard', priorUses: 0 }, { outcome: 'not-allowed', never: 'credit-over-300' }],
  ['discount 10% inside the 14-day window', { role: 'agent', action: 'discount', amount: 10, currency: '%', dates: { order: '2026-03-05' } }, { outcome: 'allowed', yourLimit: 10 }],
  ['discount €30 on €200 (15%) → senior agent', { role: 'agent', action: 'discount', amount: 30, currency: 'EUR', orderValue: 200, dates: { order: '2026-03-08' } }, { outcome: 'needs-approval', approver: 'senior-agent' }],
  ['discount 31% → never', { role: 'support-manager', action: 'discount', amount: 31, currency: '%', dates: { order: '2026-03-08' } }, { outcome: 'not-allowed', never: 'discount-over-30' }],
  ['discount 20 days after the order → never', { role: 'agent', action: 'discount', amount: 5, currency: '%', dates: { order: '2026-02-18' } }, { outcome: 'not-allowed', never: 'discount-outside-window' }],
  ['discount in money without order value → question', { role: 'agent', action: 'discount', amount: 30, dates: { order: '2026-03-08' } }, { outcome: 'needs-info', question: /order value/ }],
  ['one replacement inside the window', { role: 'agent', action: 'replacement', amount: 1, proofOfPurchase: true, dates: { delivery: '2026-03-01' } }, { outcome: 'allowed' }],
  ['second replacement → team lead', { role: 'agent', action: 'replacement', amount: 2, proofOfPurchase: true, dates: { delivery: '2026-03-01' } }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['fourth replacement → never', { role: 'support-manager', action: 'replacement', amount: 4, proofOfPurchase: true, dates: { delivery: '2026-03-01' } }, { outcome: 'not-allowed', never: 'replacement-over-3' }],
  ['goodwill gift €15, first this year', { role: 'agent', action: 'goodwill-gift', amount: 15, segment: 'standard', priorUses: 0 }, { outcome: 'allowed' }],
  ['second goodwill gift this year → never', { role: 'agent', action: 'goodwill-gift', amount: 15, segment: 'standard', priorUses: 1 }, { outcome: 'not-allowed', never: 'gift-once-a-year' }],
  ['goodwill gift for business → never', { role: 'agent', action: 'goodwill-gift', amount: 15, segment: 'business', priorUses: 0 }, { outcome: 'not-allowed', never: 'gift-business' }],
  ['fee waiver €10.01 → senior agent', { role: 'agent', action: 'fee-waiver', amount: 10.01, confirmations: ['fee-customs'] }, { outcome: 'needs-approval', approver: 'senior-agent' }],
  ['shipping upgrade exactly €15', { role: 'senior-agent', action: 'shipping-upgrade', amount: 15, confirmations: ['upgrade-no-promise'] }, { outcome: 'allowed' }],
  ['store transfer for a colleague (internal) → senior agent', { role: 'agent', action: 'store-transfer', amount: 3, audience: 'internal' }, { outcome: 'needs-approval', approver: 'senior-agent', limitId: 'store-transfer' }],
  ['unknown role', { role: 'intern', action: 'refund', amount: 10 }, { outcome: 'needs-info', question: /Which role are you/ }],
  ['unknown action', { role: 'agent', action: 'teleport', amount: 10 }, { outcome: 'needs-info', question: /Which action/ }],
];

const S_OK = { dates: { purchase: '2026-03-01' }, orderValue: 10000 };

const saas: Row[] = [
  ['rep refund exactly $50', { role: 'support-rep', action: 'refund', amount: 50, ...S_OK }, { outcome: 'allowed', yourLimit: 50, summary: /^Refund \$50 — within your limit \(\$50\)$/ }],
  ['rep refund $50.01 → account manager', { role: 'support-rep', action: 'refund', amount: 50.01, ...S_OK }, { outcome: 'needs-approval', approver: 'account-manager' }],
  ['rep refund $1,200 → head of support', { role: 'support-rep', action: 'refund', amount: 1200, ...S_OK }, { outcome: 'needs-approval', approver: 'head-of-support' }],
  ['refund $5,000.01 → never', { role: 'head-of-support', action: 'refund', amount: 5000.01, ...S_OK }, { outcome: 'not-allowed', never: 'saas-refund-over-5000' }],
  ['refund above the invoice → never', { role: 'support-rep', action: 'refund', amount: 40, ...S_OK, orderValue: 39 }, { outcome: 'not-allowed', never: 'saas-refund-over-invoice' }],
  ['refund 45 days after purchase → billing specialist', { role: 'support-rep', action: 'refund', amount: 20, ...S_OK, dates: { purchase: '2026-01-24' } }, { outcome: 'needs-approval', approver: 'billing-specialist' }],
  ['billing specialist approves the window exception', { role: 'billing-specialist', action: 'refund', amount: 20, ...S_OK, dates: { purchase: '2026-01-24' } }, { outcome: 'allowed' }],
  ['refund, purchase date missing → question', { role: 'support-rep', action: 'refund', amount: 20, orderValue: 100 }, { outcome: 'needs-info', question: /When was it purchased\?/ }],
  ['refund €43 → $49.88', { role: 'support-rep', action: 'refund', amount: 43, currency: 'EUR', ...S_OK }, { outcome: 'allowed' }],
  ['refund €44 → $51.04 → account manager', { role: 'support-rep', action: 'refund', amount: 44, currency: 'EUR', ...S_OK }, { outcome: 'needs-approval', approver: 'account-manager' }],
  ['refund in CHF: no rate', { role: 'support-rep', action: 'refund', amount: 10, currency: 'CHF', ...S_OK }, { outcome: 'needs-info', question: /no CHF–USD rate/ }],
  ['credit $25 with two earlier', { role: 'support-rep', action: 'store-credit', amount: 25, priorUses: 2 }, { outcome: 'allowed' }],
  ['fourth credit in a year → head of support', { role: 'support-rep', action: 'store-credit', amount: 25, priorUses: 3 }, { outcome: 'needs-approval', approver: 'head-of-support' }],
  ['credit CA$100 → $72 → account manager', { role: 'support-rep', action: 'store-credit', amount: 100, currency: 'CAD', priorUses: 0 }, { outcome: 'needs-approval', approver: 'account-manager' }],
  ['credit $1,000.01 → never', { role: 'head-of-support', action: 'store-credit', amount: 1000.01, priorUses: 0 }, { outcome: 'not-allowed', never: 'credit-over-1000' }],
  ['trial extension 7 days', { role: 'support-rep', action: 'extension', amount: 7, priorUses: 0 }, { outcome: 'allowed', yourLimit: 7 }],
  ['trial extension 8 days → account manager', { role: 'support-rep', action: 'extension', amount: 8, priorUses: 0 }, { outcome: 'needs-approval', approver: 'account-manager' }],
  ['trial extension 15 days → never', { role: 'head-of-support', action: 'extension', amount: 15, priorUses: 0 }, { outcome: 'not-allowed', never: 'trial-over-14' }],
  ['second trial extension → never', { role: 'support-rep', action: 'extension', amount: 3, priorUses: 1 }, { outcome: 'not-allowed', never: 'trial-once' }],
  ['trial extension, earlier uses unknown → question', { role: 'support-rep', action: 'extension', amount: 3 }, { outcome: 'needs-info', question: /How many times/ }],
  ['rep may give no renewal discount alone', { role: 'support-rep', action: 'discount', amount: 5, currency: '%', segment: 'annual' }, { outcome: 'needs-approval', approver: 'account-manager', yourLimit: 0 }],
  ['account manager renewal discount 10%', { role: 'account-manager', action: 'discount', amount: 10, currency: '%', segment: 'enterprise' }, { outcome: 'allowed' }],
  ['account manager renewal discount 15% → head of support', { role: 'account-manager', action: 'discount', amount: 15, currency: '%', segment: 'enterprise' }, { outcome: 'needs-approval', approver: 'head-of-support' }],
  ['renewal discount for self-serve → never', { role: 'account-manager', action: 'discount', amount: 5, currency: '%', segment: 'self-serve' }, { outcome: 'not-allowed', never: 'renewal-self-serve' }],
  ['renewal discount 25% → never', { role: 'head-of-support', action: 'discount', amount: 25, currency: '%', segment: 'annual' }, { outcome: 'not-allowed', never: 'renewal-over-20' }],
  ['renewal discount $1,500 of $10,000 → head of support', { role: 'account-manager', action: 'discount', amount: 1500, currency: 'USD', orderValue: 10000, segment: 'annual' }, { outcome: 'needs-approval', approver: 'head-of-support' }],
  ['SLA credit 10% (by limit id)', { role: 'support-rep', action: 'sla-credit', amount: 10, currency: '%', segment: 'enterprise', confirmations: ['sla-cash'] }, { outcome: 'allowed' }],
  ['SLA credit 30% → head of support', { role: 'support-rep', action: 'sla-credit', amount: 30, currency: '%', segment: 'annual', confirmations: ['sla-cash'] }, { outcome: 'needs-approval', approver: 'head-of-support' }],
  ['late fee waiver $200.01 → head of support', { role: 'support-rep', action: 'fee-waiver', amount: 200.01 }, { outcome: 'needs-approval', approver: 'head-of-support' }],
];

const it_: Row[] = [
  ['analyst grants 3 access groups', { role: 'service-desk-analyst', action: 'access-grant', amount: 3, audience: 'internal', confirmations: ['access-no-manager'] }, { outcome: 'allowed', limitId: 'access-grant' }],
  ['analyst 4 groups → team lead', { role: 'service-desk-analyst', action: 'access-grant', amount: 4, audience: 'internal' }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['analyst 13 groups → security officer', { role: 'service-desk-analyst', action: 'access-grant', amount: 13, audience: 'internal' }, { outcome: 'needs-approval', approver: 'security-officer' }],
  ['admin rights 3 days for an employee → security officer', { role: 'service-desk-analyst', action: 'admin-rights', amount: 3, segment: 'employee', audience: 'internal' }, { outcome: 'needs-approval', approver: 'security-officer', yourLimit: 0 }],
  ['admin rights for a contractor → never', { role: 'security-officer', action: 'admin-rights', amount: 3, segment: 'contractor', audience: 'internal' }, { outcome: 'not-allowed', never: 'admin-not-employee' }],
  ['admin rights 8 days → never', { role: 'security-officer', action: 'admin-rights', amount: 8, segment: 'employee', audience: 'internal' }, { outcome: 'not-allowed', never: 'admin-over-7-days' }],
  ['security officer admin rights 7 days', { role: 'security-officer', action: 'admin-rights', amount: 7, segment: 'executive', audience: 'internal', confirmations: ['admin-without-security'] }, { outcome: 'allowed' }],
  ['MFA reset, first this month', { role: 'service-desk-analyst', action: 'mfa-reset', amount: 1, priorUses: 0, audience: 'internal', confirmations: ['mfa-no-identity-check'] }, { outcome: 'allowed' }],
  ['third MFA reset in 30 days → security officer', { role: 'service-desk-analyst', action: 'mfa-reset', amount: 1, priorUses: 2, audience: 'internal' }, { outcome: 'needs-approval', approver: 'security-officer' }],
  ['MFA reset, earlier resets unknown → question', { role: 'service-desk-analyst', action: 'mfa-reset', amount: 1, audience: 'internal' }, { outcome: 'needs-info', question: /last 30 days/ }],
  ['hardware €150 within 3 years', { role: 'service-desk-analyst', action: 'replacement', amount: 150, dates: { purchase: '2024-01-10' }, audience: 'internal', confirmations: ['hw-no-asset'] }, { outcome: 'allowed' }],
  ['hardware €150.01 → team lead', { role: 'service-desk-analyst', action: 'replacement', amount: 150.01, dates: { purchase: '2024-01-10' }, audience: 'internal' }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['hardware €700 → IT manager', { role: 'service-desk-analyst', action: 'replacement', amount: 700, dates: { purchase: '2024-01-10' }, audience: 'internal' }, { outcome: 'needs-approval', approver: 'it-manager' }],
  ['hardware €2,600 → never (procurement)', { role: 'it-manager', action: 'replacement', amount: 2600, dates: { purchase: '2024-01-10' }, audience: 'internal' }, { outcome: 'not-allowed', never: 'hw-over-2500' }],
  ['hardware older than 3 years → IT manager exception', { role: 'service-desk-analyst', action: 'replacement', amount: 100, dates: { purchase: '2022-01-10' }, audience: 'internal' }, { outcome: 'needs-approval', approver: 'it-manager' }],
  ['hardware US$200 → €172 → team lead', { role: 'service-desk-analyst', action: 'replacement', amount: 200, currency: 'USD', dates: { purchase: '2025-06-01' }, audience: 'internal' }, { outcome: 'needs-approval', approver: 'team-lead' }],
  ['loaner for an employee, asked 5 days ago', { role: 'service-desk-analyst', action: 'loaner-device', amount: 1, segment: 'employee', dates: { contact: '2026-03-05' }, audience: 'internal' }, { outcome: 'allowed' }],
  ['loaner for an intern → never', { role: 'service-desk-analyst', action: 'loaner-device', amount: 1, segment: 'intern', dates: { contact: '2026-03-05' }, audience: 'internal' }, { outcome: 'not-allowed', never: 'loaner-interns' }],
  ['loaner, contact date missing → question', { role: 'service-desk-analyst', action: 'loaner-device', amount: 1, segment: 'employee', audience: 'internal' }, { outcome: 'needs-info', question: /contact/ }],
  ['licence €3,001 → never', { role: 'it-manager', action: 'software-licence', amount: 3001, audience: 'internal' }, { outcome: 'not-allowed', never: 'licence-over-3000' }],
  ['licence €500 → team lead alone', { role: 'team-lead', action: 'software-licence', amount: 500, audience: 'internal', confirmations: ['licence-uncatalogued'] }, { outcome: 'allowed' }],
  ['"other" fits several limits → which one?', { role: 'team-lead', action: 'other', amount: 1, audience: 'internal' }, { outcome: 'needs-info', question: /Which one is it: .*MFA reset/ }],
];

function check(d: Decision, e: Expect): void {
  expect(d.outcome, d.reasoning.join('\n')).toBe(e.outcome);
  if (e.approver !== undefined) expect(d.approver?.role).toBe(e.approver);
  if (e.limitId !== undefined) expect(d.limitId).toBe(e.limitId);
  if (e.never !== undefined) expect(d.neverRule?.id).toBe(e.never);
  if (e.yourLimit !== undefined) expect(d.yourLimit).toBe(e.yourLimit);
  if (e.question) expect(d.questions.join('\n')).toMatch(e.question);
  if (e.reasoning) expect(d.reasoning.join('\n')).toMatch(e.reasoning);
  if (e.summary) expect(d.summary).toMatch(e.summary);
  if (e.outcome === 'needs-info') expect(d.questions.length).toBeGreaterThan(0);
  if (e.outcome === 'allowed' || e.outcome === 'needs-approval') expect(d.questions).toEqual([]);
}

const tables: Array<[keyof typeof samplePacks, Row[]]> = [
  ['retailer', retailer],
  ['saas', saas],
  ['it', it_],
];

describe.each(tables)('decide() on the %s sample pack', (name, rows) => {
  const pack = samplePacks[name];
  it.each(rows)('%s', (_n, input, expected) => {
    const d = decide({ pack, today: TODAY, ...input });
    check(d, expected);
    expect(d.cites.length).toBeGreaterThan(0);
    for (const c of d.cites) expect(resolvePointer(pack, c), c).not.toBeUndefined();
    expect(d.pack).toEqual({ id: pack.id, version: pack.version });
  });
});

it('the table covers at least 60 decisions across the three sample packs', () => {
  expect(retailer.length + saas.length + it_.length).toBeGreaterThanOrEqual(60);
});
