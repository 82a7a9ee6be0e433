import { describe, expect, it } from 'vitest';
import { fillPlaceholders, firstNameFromEmail, firstNameOf, placeholderValues } from '../../guidance/placeholders';
import type { Signals, TicketContext } from '../../guidance/types';
import { fixturePack } from './limits/fixture-pack';

function ctx(over: Partial<TicketContext> = {}): TicketContext {
  return {
    platform: 'demo',
    ticketId: '48213',
    subject: 'Cracked frame',
    messages: [],
    latestCustomerMessage: '',
    requester: { name: 'Ada Example', email: 'ada@example.com' },
    tags: [],
    replyMode: 'public',
    agentName: 'Sam Example',
    ...over,
  };
}

function sig(over: Partial<Signals> = {}): Signals {
  return {
    text: '',
    language: 'en',
    languageConfidence: 1,
    intents: [],
    emotion: { label: 'neutral', score: 0, evidence: [] },
    sentiment: { label: 'neutral', score: 0 },
    amounts: [],
    dates: [],
    references: [],
    requesterKind: 'customer',
    repeatContact: false,
    urgency: 'normal',
    notes: [],
    ...over,
  };
}

describe('fillPlaceholders()', () => {
  it('fills every known placeholder', () => {
    const r = fillPlaceholders('Hi {{customer.firstName}}, {{agent.firstName}} from {{company.name}} here about {{ order.id }}.', {
      'customer.firstName': 'Ada',
      'agent.firstName': 'Sam',
      'company.name': 'Example Bikes',
      'order.id': 'EB-1001',
    });
    expect(r.text).toBe('Hi Ada, Sam from Example Bikes here about EB-1001.');
    expect(r.unresolved).toEqual([]);
    expect(r.segments.filter((s) => s.placeholder).map((s) => s.placeholder)).toEqual(['customer.firstName', 'agent.firstName', 'company.name', 'order.id']);
  });

  it('keeps unresolved placeholders visibly marked and lists them once', () => {
    const r = fillPlaceholders('Hi {{customer.firstName}}, ticket {{ticket.id}} / {{customer.firstName}} / {{amount}}', { 'ticket.id': '48213', amount: '' });
    expect(r.text).toBe('Hi [customer first name], ticket 48213 / [customer first name] / [amount]');
    expect(r.unresolved).toEqual(['customer.firstName', 'amount']);
    expect(r.segments.filter((s) => !s.resolved).length).toBe(3);
  });

  it('unknown placeholders stay marked too', () => {
    const r = fillPlaceholders('Your {{loyalty.tier}} status', {});
    expect(r.text).toBe('Your [loyalty tier] status');
    expect(r.unresolved).toEqual(['loyalty.tier']);
  });

  it('leaves text without placeholders and malformed braces alone', () => {
    expect(fillPlaceholders('Plain {text} and {{ }} here', {}).text).toBe('Plain {text} and {{ }} here');
  });

  it('segments join back to the text', () => {
    const r = fillPlaceholders('A {{agent.name}} B {{x}} C', { 'agent.name': 'Sam Example' });
    expect(r.segments.map((s) => s.text).join('')).toBe(r.text);
  });

  it('values are plain text with whitespace collapsed', () => {
    expect(fillPlaceholders('{{customer.name}}', { 'customer.name': '  Ada \n Example ' }).text).toBe('Ada Example');
  });
});

describe('first names', () => {
  it.each([
    ['Ada Example', 'Ada'],
    ['Example, Ada', 'Ada'],
    ['Dr. Ada Example', 'Ada'],
    ['ADA EXAMPLE', 'Ada'],
    ['anne-marie example', 'Anne-Marie'],
    ['Customer', undefined],
    ['ada@example.com', undefined],
    ['', undefined],
  ])('firstNameOf(%j) = %j', (name, first) => expect(firstNameOf(name)).toBe(first));

  it.each([
    ['ada.example@example.com', 'Ada'],
    ['ada_example@example.com', 'Ada'],
    ['ada@example.com', 'Ada'],
    ['support@example.com', undefined],
    ['noreply@example.com', undefined],
    ['jx4512@example.com', undefined],
    ['xkcd@example.com', undefined],
    ['not-an-email', undefined],
  ])('firstNameFromEmail(%j) = %j', (email, first) => expect(firstNameFromEmail(email)).toBe(first));
});

describe('placeholderValues()', () => {
  it('derives values from the ticket, signals and pack', () => {
    const v = placeholderValues(
      ctx(),
      sig({
        references: [{ kind: 'order', value: 'EB-1001', text: 'order EB-1001', start: 0, end: 13 }],
        amounts: [{ value: 180, currency: 'EUR', text: '€180', start: 20, end: 24, source: 'ticket' }],
      }),
      fixturePack,
    );
    expect(v).toEqual({
      'customer.firstName': 'Ada',
      'customer.name': 'Ada Example',
      'agent.name': 'Sam Example',
      'agent.firstName': 'Sam',
      'ticket.id': '48213',
      'order.id': 'EB-1001',
      'company.name': 'Example Bikes',
      amount: '€180',
    });
  });

  it('falls back to the email local part for the first name', () => {
    const v = placeholderValues(ctx({ requester: { email: 'ada.example@example.com' } }), sig(), fixturePack);
    expect(v['customer.firstName']).toBe('Ada');
    expect(v['customer.name']).toBeUndefined();
  });

  it('leaves unknowns undefined rather than guessing', () => {
    const v = placeholderValues(
      ctx({ requester: { email: 'info@example.com' }, agentName: undefined }),
      sig({
        amounts: [
          { value: 180, currency: 'EUR', text: '€180', start: 0, end: 4, source: 'ticket' },
          { value: 20, currency: 'EUR', text: '€20', start: 10, end: 13, source: 'ticket' },
        ],
      }),
      fixturePack,
    );
    expect(v['customer.firstName']).toBeUndefined();
    expect(v['agent.name']).toBeUndefined();
    expect(v['order.id']).toBeUndefined();
    expect(v.amount).toBeUndefined();
    const filled = fillPlaceholders('Hi {{customer.firstName}}, {{agent.name}}', v);
    expect(filled.text).toBe('Hi [customer first name], [your name]');
  });
});
