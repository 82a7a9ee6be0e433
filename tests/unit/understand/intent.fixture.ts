/** A small hand-written pack for the intent/analyze/suggest tests (invented company, invented text). */
import type { Pack } from '../../../guidance/pack/types';
import type { TicketContext } from '../../../guidance/types';

export function testPack(): Pack {
  return {
    format: 'tactline-pack/1',
    id: 'test-outfitters',
    name: 'Test Outfitters',
    version: 2,
    locale: 'en',
    currency: 'EUR',
    company: { name: 'Test Outfitters', internalDomains: ['test-outfitters.example'] },
    roles: [
      { id: 'agent', label: 'Agent' },
      { id: 'lead', label: 'Team lead' },
    ],
    intents: [
      {
        id: 'refund',
        label: 'Refund request',
        examples: [
          'I want my money back',
          'please refund my order',
          'how long until I get the refund',
          'can I get a refund for the jacket',
          'I returned the boots two weeks ago and still no refund',
          'reimburse me for the stove please',
          'give me back what I paid',
          'I would like a full refund to my card',
        ],
        keywords: ['refund', 'money back'],
      },
      {
        id: 'damaged',
        label: 'Damaged item',
        examples: [
          'the tent arrived broken',
          'my backpack came with a torn strap',
          'the stove was dented when I opened the box',
          'zip is broken on the new jacket',
          'the bottle was cracked in the parcel',
          'item damaged on arrival',
          'the pole snapped the first time I used it',
          'box was crushed and the lamp inside is smashed',
        ],
        keywords: ['broken', 'damaged', 'cracked', 'torn'],
      },
      {
        id: 'late-delivery',
        label: 'Late delivery',
        examples: [
          'where is my parcel',
          'my order has not arrived yet',
          'tracking has not updated for a week',
          'the delivery is late',
          'it was supposed to come on Monday and nothing came',
          'courier says delivered but I have nothing',
          'how much longer will shipping take',
          'my package seems lost',
        ],
        keywords: ['tracking', 'not arrived'],
      },
      {
        id: 'change-address',
        label: 'Change address',
        examples: [
          'I need to change my delivery address',
          'can you send it to my work address instead',
          'I moved, please update my address',
          'wrong house number on my order',
          'deliver to a different postcode please',
          'can I redirect the parcel to my neighbour',
        ],
        keywords: ['address', 'postcode'],
      },
      {
        id: 'account-login',
        label: 'Account and login',
        examples: [
          'I cannot log in to my account',
          'password reset email never arrives',
          'my account is locked',
          'how do I change my password',
          'the site says my login is invalid',
          'I forgot my password',
        ],
        keywords: ['password', 'log in', 'login'],
      },
      {
        id: 'complaint',
        label: 'Service complaint',
        examples: [
          'your service is terrible',
          'nobody answers my emails',
          'I want to speak to a manager',
          'the staff in the store was rude to me',
          'this is the third time I am writing to you',
          'I am fed up with being ignored',
        ],
        keywords: ['complaint', 'manager'],
      },
    ],
    phrases: [
      { id: 'emp-angry-refund', text: 'I completely understand how frustrating this is, {{customer.firstName}}, and I will sort out your refund now.', kind: 'empathy', intents: ['refund', 'damaged'], emotions: ['angry', 'frustrated'], channels: [], audience: 'customer' },
      { id: 'next-refund', text: 'Refunds reach your card within 5 working days of approval.', kind: 'next-steps', intents: ['refund'], emotions: [], channels: [], audience: 'customer' },
      { id: 'ack-damaged', text: 'Thank you for the photos of the damage.', kind: 'acknowledgement', intents: ['damaged'], emotions: [], channels: [], audience: 'customer' },
      { id: 'emp-general-angry', text: 'I am sorry we let you down. Let me put this right.', kind: 'empathy', intents: [], emotions: ['angry', 'frustrated', 'disappointed'], channels: [], audience: 'customer' },
      { id: 'ack-general', text: 'Thanks for getting in touch.', kind: 'acknowledgement', intents: [], emotions: [], channels: [], audience: 'customer' },
      { id: 'grateful-close', text: 'Glad I could help — enjoy the trail!', kind: 'closing', intents: [], emotions: ['grateful'], channels: [], audience: 'customer' },
      { id: 'chat-only', text: 'Give me one moment while I check.', kind: 'acknowledgement', intents: [], emotions: [], channels: ['chat'], audience: 'customer' },
      { id: 'internal-refund', text: 'Colleague note: refund checked against the order, approved within my limit.', kind: 'internal-note', intents: ['refund'], emotions: [], channels: [], audience: 'internal' },
      { id: 'internal-general', text: 'Thanks for flagging this — I will pick it up.', kind: 'acknowledgement', intents: [], emotions: [], channels: [], audience: 'internal' },
      { id: 'de-ack', text: 'Vielen Dank für Ihre Nachricht.', kind: 'acknowledgement', intents: [], emotions: [], channels: [], audience: 'customer', locale: 'de' },
      { id: 'en-ack', text: 'Thank you for your message.', kind: 'acknowledgement', intents: [], emotions: [], channels: [], audience: 'customer', locale: 'en' },
    ],
    policies: [
      { id: 'refund-policy', title: 'Refunds', summary: 'Refund within 30 days of delivery to the original payment method.', intents: ['refund'], url: 'https://help.test-outfitters.example/refunds' },
      { id: 'damage-policy', title: 'Damaged goods', summary: 'Ask for a photo, then replace or refund.', intents: ['damaged'] },
      { id: 'delivery-policy', title: 'Deliveries', summary: 'Open a courier claim after 5 working days.', intents: ['late-delivery'] },
    ],
    limits: [
      { id: 'refund-limit', action: 'refund', label: 'Refund', unit: 'EUR', maxByRole: { agent: 100, lead: 500 }, approvals: [{ above: 100, approver: 'lead', evidence: [] }], never: [], policy: 'refund-policy', segments: [], audience: 'customer' },
      { id: 'replacement-limit', action: 'replacement', label: 'Replacement', unit: 'EUR', maxByRole: { agent: 150 }, approvals: [], never: [], segments: [], audience: 'customer' },
      { id: 'access-limit', action: 'access-grant', label: 'Grant tool access', unit: 'count', maxByRole: { lead: 1 }, approvals: [], never: [], segments: [], audience: 'internal' },
    ],
    avoid: [],
    scenarios: [
      { id: 'sc-refund-small', title: 'Refund of 60 EUR for a damaged item', situation: 'Damaged stove, 60 EUR', outcome: 'allowed', explanation: 'Within the agent limit.', role: 'agent', limit: 'refund-limit', intents: ['refund', 'damaged'] },
      { id: 'sc-refund-lead', title: 'Refund of 400 EUR', situation: 'Damaged tent, 400 EUR', outcome: 'needs-approval', explanation: 'Above the agent limit.', role: 'lead', limit: 'refund-limit', intents: ['refund'] },
    ],
    rates: [],
    segments: [],
  };
}

export function ticket(text: string, extra: Partial<TicketContext> = {}): TicketContext {
  return {
    platform: 'demo',
    ticketId: 'T-1',
    subject: '',
    messages: [{ role: 'customer', text }],
    latestCustomerMessage: text,
    requester: { name: 'Ada Example', email: 'ada@example.com' },
    tags: [],
    replyMode: 'public',
    referenceDate: '2026-11-20',
    ...extra,
  };
}
