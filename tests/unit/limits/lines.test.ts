import { describe, expect, it } from 'vitest';
import type { AmountSignal, Signals } from '../../../guidance/types';
import { decisionsForSignals } from '../../../guidance/limits/lines';
import { approvalRequest } from '../../../guidance/limits/approval';
import { decide } from '../../../guidance/limits/decide';
import { fixturePack } from './fixture-pack';

function amountsIn(text: string, source: 'ticket' | 'draft' = 'ticket'): AmountSignal[] {
  const out: AmountSignal[] = [];
  const re = /(€|£|US\$)(\d+(?:\.\d{1,2})?)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const currency = m[1] === '€' ? 'EUR' : m[1] === '£' ? 'GBP' : 'USD';
    out.push({ value: Number(m[2]), currency, text: m[0], start: m.index, end: m.index + m[0].length, source });
  }
  return out;
}

function signals(text: string, over: Partial<Signals> = {}): Signals {
  return {
    text,
    language: 'en',
    languageConfidence: 1,
    intents: [],
    emotion: { label: 'neutral', score: 0, evidence: [] },
    sentiment: { label: 'neutral', score: 0 },
    amounts: amountsIn(text),
    dates: [],
    references: [],
    requesterKind: 'customer',
    repeatContact: false,
    urgency: 'normal',
    notes: [],
    ...over,
  };
}

describe('decisionsForSignals()', () => {
  it('turns every ticket amount into a line, with the action word nearest to it', () => {
    const s = signals('I want a refund of €180 for the broken frame. Or give me €20 store credit, fine too.');
    const lines = decisionsForSignals(s, fixturePack, 'agent', { priorUses: 0, confirmations: ['never-refund-chargeback'] });
    expect(lines.map((l) => [l.amountText, l.action, l.decision.outcome])).toEqual([
      ['€180', 'refund', 'needs-approval'],
      ['€20', 'store-credit', 'allowed'],
    ]);
    expect(lines[0]!.decision.summary).toBe('Refund €180 — needs Team lead approval (your limit €100)');
    expect(lines.every((l) => l.customerClaimed && l.source === 'ticket')).toBe(true);
    expect(lines[0]!.decision.reasoning[0]).toMatch(/The customer wrote "€180"/);
    expect(lines[0]!.actionReason).toMatch(/word "refund"/);
  });

  it('does not read "credit card" as store credit', () => {
    const s = signals('You charged my credit card €60 twice, please refund it.');
    const [line] = decisionsForSignals(s, fixturePack, 'agent');
    expect(line!.action).toBe('refund');
  });

  it('falls back to the limits linked to the matched intents', () => {
    const s = signals('The parcel came a week late and I had to pay €18 for a taxi.', {
      intents: [{ id: 'late-delivery', label: 'Late delivery', score: 0.9, evidence: [] }],
    });
    const [line] = decisionsForSignals(s, fixturePack, 'agent', { priorUses: 0 });
    expect(line!.action).toBe('store-credit');
    expect(line!.actionReason).toMatch(/intent "Late delivery"/);
    expect(line!.decision.outcome).toBe('allowed');
  });

  it('an intent naming the action beats a merely linked policy', () => {
    const s = signals('The box was crushed and the lamp is broken, it cost €150.', {
      intents: [
        { id: 'damaged', label: 'Damaged item', score: 0.8, evidence: [] },
        { id: 'refund', label: 'Refund request', score: 0.7, evidence: [] },
      ],
    });
    const [line] = decisionsForSignals(s, fixturePack, 'agent');
    expect(line!.action).toBe('refund');
  });

  it('with no action word and no intent the line asks which action', () => {
    const s = signals('Something about €45 happened.');
    const [line] = decisionsForSignals(s, fixturePack, 'agent');
    expect(line!.action).toBe('');
    expect(line!.decision.outcome).toBe('needs-info');
    expect(line!.decision.questions[0]).toMatch(/Which action is this\?/);
  });

  it('uses ticket dates for windows, today derived from daysAgo', () => {
    const text = 'The bike was delivered on 3 February and the bell is missing, please send a replacement.';
    const s = signals(text, {
      amounts: [{ value: 1, text: 'a replacement', start: text.indexOf('a replacement'), end: text.indexOf('a replacement') + 13, source: 'ticket' }],
      dates: [{ date: '2026-02-03', kind: 'delivery', daysAgo: 34, text: '3 February', start: 26, end: 36 }],
    });
    const [line] = decisionsForSignals(s, fixturePack, 'agent', { proofOfPurchase: true });
    expect(line!.action).toBe('replacement');
    expect(line!.decision.outcome).toBe('needs-approval');
    expect(line!.decision.summary).toMatch(/34 days since delivery, outside the 30-day window/);
  });

  it('reads draft amounts against the draft text and marks them as the agent\'s', () => {
    const ticket = signals('My order arrived late.', { amounts: [] });
    const draft = 'Sorry! I have added €40 store credit to your account.';
    const lines = decisionsForSignals({ ...ticket, amounts: amountsIn(draft, 'draft') }, fixturePack, 'agent', { draftText: draft, priorUses: 0 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.source).toBe('draft');
    expect(lines[0]!.customerClaimed).toBe(false);
    expect(lines[0]!.action).toBe('store-credit');
    expect(lines[0]!.decision.summary).toBe('Store credit €40 — needs Team lead approval (your limit €25)');
  });

  it('a larger draft amount changes the line', () => {
    const ticket = signals('The tent leaks.', { amounts: [] });
    const small = 'I can refund €80 today.';
    const big = 'I can refund €800 today.';
    const a = decisionsForSignals({ ...ticket, amounts: amountsIn(small, 'draft') }, fixturePack, 'agent', { draftText: small, confirmations: ['never-refund-chargeback'] });
    const b = decisionsForSignals({ ...ticket, amounts: amountsIn(big, 'draft') }, fixturePack, 'agent', { draftText: big, confirmations: ['never-refund-chargeback'] });
    expect(a[0]!.decision.outcome).toBe('allowed');
    expect(b[0]!.decision.approver?.role).toBe('manager');
  });

  it('takes the order value from "I paid …" and does not make it a line of its own', () => {
    const s = signals('I paid €150 for the helmet. I want €30 off as a discount.');
    const lines = decisionsForSignals(s, fixturePack, 'agent');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.action).toBe('discount');
    expect(lines[0]!.decision.valueInUnit).toBeCloseTo(20, 6);
    expect(lines[0]!.decision.reasoning.join('\n')).toMatch(/Order value €150 taken from the ticket \("I paid €150"\)/);
  });

  it('internal-customer mode prefers the internal limit', () => {
    const s = signals('Please refund €800 to the Lyon store cost centre.', { requesterKind: 'colleague' });
    const [line] = decisionsForSignals(s, fixturePack, 'agent');
    expect(line!.decision.limitId).toBe('internal-refund');
    expect(line!.decision.outcome).toBe('allowed');
    const customer = decisionsForSignals({ ...s, requesterKind: 'customer' }, fixturePack, 'agent');
    expect(customer[0]!.decision.limitId).toBe('refund-standard');
  });

  it('deduplicates the same amount and honours max', () => {
    const s = signals('Refund €50 please. I repeat: refund €50. Also €60, €70, €80 refunds.');
    expect(decisionsForSignals(s, fixturePack, 'agent').map((l) => l.amount.value)).toEqual([50, 60, 70, 80]);
    expect(decisionsForSignals(s, fixturePack, 'agent', { max: 2 })).toHaveLength(2);
  });

  it('notes an assumed currency', () => {
    const text = 'Please refund 90 for the lights.';
    const s = signals(text, { amounts: [{ value: 90, currency: 'EUR', currencyAssumed: true, text: '90', start: 14, end: 16, source: 'ticket' }] });
    const [line] = decisionsForSignals(s, fixturePack, 'agent');
    expect(line!.decision.reasoning.join('\n')).toMatch(/No currency was written; EUR/);
  });
});

describe('approvalRequest()', () => {
  it('builds a ready-to-paste internal note', () => {
    const d = decide({ pack: fixturePack, role: 'agent', action: 'refund', amount: 180, today: '2026-03-10' });
    const note = approvalRequest(d, { ticketId: '48213', customerName: 'Ada Example', orderId: 'EB-1001', agentName: 'Sam Example' });
    expect(note).toBe(
      [
        'Approval request for Team lead: refund of €180 (ticket 48213)',
        'Customer: Ada Example · Order: EB-1001',
        '',
        'Why: needs Team lead approval (your limit €100).',
        'My limit: €100 (Agent).',
        'How: Internal note tagged @lead with the order number',
        '',
        'Evidence:',
        '[ ] Confirm this does not apply: Never refund an order with an open chargeback.',
        '[ ] Order number',
        '[ ] Photo of the damage',
        '',
        'Policy: Returns and refunds — Refunds to the original payment method within 30 days of delivery. (https://help.example-bikes.test/returns)',
        '',
        'Pack example-bikes v7, limit refund-standard.',
        '— Sam Example',
      ].join('\n'),
    );
  });

  it('works without any context and shows converted amounts', () => {
    const d = decide({ pack: fixturePack, role: 'agent', action: 'refund', amount: 100, currency: 'GBP', today: '2026-03-10' });
    const note = approvalRequest(d);
    expect(note.split('\n')[0]).toBe('Approval request for Team lead: refund of £100 (€115)');
    expect(note).not.toMatch(/undefined|Customer:|— $/);
  });
});

describe('decisionsForSignals() with the real analyser and the retailer pack', async () => {
  const { analyze } = await import('../../../guidance/analyze');
  const { extractAmounts } = await import('../../../guidance/understand/amounts');
  const { samplePacks } = await import('./sample-packs');
  const pack = samplePacks.retailer;
  const message =
    'Hello, the tent from order NW-100234 was delivered on 3 February and a pole snapped on the first night. ' +
    'I would like a refund of €180 for the tent, plus €40 store credit for the ruined trip.';
  const context = {
    platform: 'demo' as const,
    ticketId: '48213',
    subject: 'Broken tent pole',
    messages: [{ role: 'customer' as const, text: message }],
    latestCustomerMessage: message,
    requester: { name: 'Ada Example', email: 'ada@example.com' },
    tags: [],
    replyMode: 'public' as const,
    referenceDate: '2026-03-09',
  };

  it('a ticket with two amounts gives both decision lines', () => {
    const signals = analyze(context, pack);
    const lines = decisionsForSignals(signals, pack, 'agent', { segment: 'standard', priorUses: 0, proofOfPurchase: true });
    expect(lines.map((l) => [l.amountText, l.action])).toEqual([
      ['€180', 'refund'],
      ['€40', 'store-credit'],
    ]);
    // 34 days since delivery and above the agent's €100: the exception needs a team lead.
    expect(lines[0]!.decision.outcome).toBe('needs-approval');
    expect(lines[0]!.decision.approver?.role).toBe('team-lead');
    expect(lines[0]!.decision.summary).toMatch(/^Refund €180 — needs Team lead approval \(your limit €100; 34 days since delivery/);
    expect(lines[1]!.decision.summary).toMatch(/^Store credit €40 — needs Senior agent approval \(your limit €30\)/);
  });

  it('a larger amount typed in the draft changes its line', () => {
    const signals = analyze(context, pack);
    const lineFor = (draft: string) =>
      decisionsForSignals({ ...signals, amounts: extractAmounts(draft, { defaultCurrency: pack.currency, source: 'draft' }) }, pack, 'agent', {
        draftText: draft,
        proofOfPurchase: true,
      })[0]!;
    const small = lineFor('I have refunded €20 for the pole.');
    const big = lineFor('I have refunded €900 for the tent.');
    expect(small.source).toBe('draft');
    expect(small.action).toBe('refund');
    expect(big.decision.approver?.role).toBe('support-manager');
    expect(small.decision.approver?.role).toBe('team-lead'); // only the window exception
  });
});

describe('shareableSummary()', async () => {
  const { shareableSummary } = await import('../../../guidance/limits/approval');
  it('gives the answer, the questions, the reasoning and the rules used', () => {
    const d = decide({ pack: fixturePack, role: 'agent', action: 'store-credit', amount: 40, today: '2026-03-10' });
    const text = shareableSummary(d);
    expect(text.split('\n')[0]).toBe(d.summary);
    expect(text).toMatch(/To decide, find out:\n- How many times/);
    expect(text).toMatch(/Pack example-bikes v7, limit goodwill-credit; rules: \/roles\/0, \/limits\/2/);
    expect(text).not.toMatch(/undefined/);
  });
});

describe('limit names as action cues', async () => {
  const { samplePacks } = await import('./sample-packs');
  it('"SLA credit" picks the SLA credit limit, not generic store credit', () => {
    const text = 'Your outage broke our SLA, we expect an SLA credit of $150.';
    const s = signals(text, { amounts: [{ value: 150, currency: 'USD', text: '$150', start: text.indexOf('$150'), end: text.indexOf('$150') + 4, source: 'ticket' }] });
    const [line] = decisionsForSignals(s, samplePacks.saas, 'support-rep', { segment: 'enterprise' });
    expect(line!.action).toBe('sla-credit');
    expect(line!.decision.limitId).toBe('sla-credit');
    expect(line!.decision.summary).toMatch(/^SLA credit \$150 — need to know: monthly subscription fee/);
  });
  it('"charged $480" is the order value for the refund of the full amount', () => {
    const text = 'We were charged $480 for the annual plan. Please refund the full amount.';
    const s = signals(text, {
      amounts: [{ value: 480, currency: 'USD', text: '$480', start: 15, end: 19, source: 'ticket' }],
      intents: [{ id: 'refund-request', label: 'Refund request', score: 0.9, evidence: [] }],
      dates: [{ date: '2026-03-01', kind: 'purchase', daysAgo: 9, text: 'March 1st', start: 0, end: 0 }],
    });
    const [line] = decisionsForSignals(s, samplePacks.saas, 'support-rep');
    expect(line!.action).toBe('refund');
    expect(line!.decision.outcome).toBe('needs-approval');
    expect(line!.decision.approver?.role).toBe('billing-specialist');
    expect(line!.decision.reasoning.join('\n')).toMatch(/Order value \$480 taken from the ticket/);
  });
  it('approval notes name "other" limits by their own name', () => {
    const d = decide({ pack: samplePacks.it, role: 'service-desk-analyst', action: 'software-licence', amount: 300, audience: 'internal', today: '2026-03-10' });
    expect(d.summary).toMatch(/^Software licence spend €300 — needs Service desk team lead approval/);
    expect(approvalRequest(d).split('\n')[0]).toBe('Approval request for Service desk team lead: software licence spend of €300');
  });
});
