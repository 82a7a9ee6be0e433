/** Made-up packs for the pack tests (no real company, no sentences from /work/shared/data). */

export function minimalPack(): Record<string, unknown> {
  return {
    format: 'tactline-pack/1',
    id: 'mini',
    name: 'Mini pack',
    version: 1,
    intents: [{ id: 'refund', label: 'Refund request', examples: ['I would like my money back for the tent'] }],
  };
}

/** A pack that uses every part of the format. Returned fresh each call so tests can mutate it. */
export function richPack(): any {
  return {
    format: 'tactline-pack/1',
    id: 'example-outfitters',
    name: 'Example Outfitters support',
    version: 7,
    publishedAt: '2026-11-01T09:00:00Z',
    expiresAt: '2027-11-01',
    locale: 'en-GB',
    currency: 'EUR',
    company: { name: 'Example Outfitters', internalDomains: ['example.com', 'Staff.Example.org'] },
    reviewIntervalDays: 180,
    roles: [
      { id: 'agent', label: 'Agent' },
      { id: 'lead', label: 'Team lead' },
      { id: 'manager', label: 'Support manager' },
    ],
    segments: ['standard', 'member'],
    rates: [{ from: 'USD', to: 'EUR', rate: 0.9 }],
    intents: [
      {
        id: 'refund',
        label: 'Refund request',
        examples: ['I want a refund for the broken stove', 'please give me my money back'],
        keywords: ['refund', 'money back'],
        description: 'Customer asks for money back.',
      },
      { id: 'where-is-order', label: 'Where is my order', examples: ['my parcel has not arrived yet'] },
    ],
    phrases: [
      {
        id: 'empathy-delay',
        text: 'I am sorry your order is late, {{customer.firstName}}. I am checking it now.',
        kind: 'empathy',
        intents: ['where-is-order'],
        emotions: ['frustrated', 'anxious'],
        channels: ['email', 'chat'],
        audience: 'customer',
        locale: 'en',
      },
      { id: 'note-approval', text: 'Approval needed for {{amount}} on order {{order.id}}.', kind: 'internal-note', audience: 'internal' },
    ],
    policies: [
      {
        id: 'refund-policy',
        title: 'Refunds',
        summary: 'Refunds within 30 days of delivery.',
        body: 'Full text of the refund policy.',
        intents: ['refund'],
        url: 'https://help.example.com/refunds',
        owner: 'Ada Example',
        verifiedAt: '2026-10-01',
        expiresAt: '2027-10-01',
      },
    ],
    limits: [
      {
        id: 'refund-no-return',
        action: 'refund',
        label: 'Refund without return',
        unit: 'EUR',
        maxByRole: { agent: 50, lead: 200, manager: 1000 },
        perPeriod: { count: 2, days: 365, approver: 'lead' },
        approvals: [
          { above: 50, approver: 'lead', how: 'Internal note tagged @lead', evidence: ['order number', 'photo of the damage'] },
          { above: 200, approver: 'manager' },
        ],
        never: [
          { id: 'max', when: 'amount-above', value: 2000, text: 'Never refund more than 2000 EUR without finance.' },
          { id: 'window', when: 'outside-window', text: 'Never outside the window without approval.' },
          { id: 'cap', when: 'cap-exceeded', text: 'Never more than twice a year.' },
          { id: 'proof', when: 'no-proof-of-purchase', text: 'Never without proof of purchase.' },
        ],
        policy: 'refund-policy',
        window: { from: 'delivery', days: 30, exceptionApprover: 'manager' },
        segments: ['member'],
        audience: 'customer',
      },
      {
        id: 'discount',
        action: 'discount',
        label: 'Discount on next order',
        unit: 'percent',
        percentOf: 'next order value',
        maxByRole: { agent: 10, lead: 20 },
        approvals: [{ above: 20, approver: 'manager' }],
      },
    ],
    avoid: [
      { id: 'calm-down', pattern: 'calm down', why: 'Sounds dismissive.', instead: ['I understand this is frustrating.'], severity: 'warning', appliesTo: 'any' },
      { id: 'no-refunds', pattern: 'no * refunds', why: 'Too absolute.', severity: 'info', appliesTo: 'public' },
    ],
    scenarios: [
      {
        id: 'stove-60',
        title: 'Broken stove, 60 EUR',
        situation: 'A member asks for 60 EUR back for a stove that broke on day 10.',
        outcome: 'needs-approval',
        explanation: 'Above the agent maximum of 50 EUR: ask a team lead.',
        limit: 'refund-no-return',
        role: 'agent',
        intents: ['refund'],
      },
    ],
  };
}
