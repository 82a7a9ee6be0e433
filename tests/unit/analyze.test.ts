import { describe, expect, it } from 'vitest';
import { analyze } from '../../guidance/analyze';
import { buildIndex } from '../../guidance/index/build';
import { testPack, ticket } from './understand/intent.fixture';

const pack = testPack();
const index = buildIndex(pack);

describe('analyze()', () => {
  it('fills every signal for an angry refund ticket about a damaged item', () => {
    const text =
      'This is UNACCEPTABLE!!! The tent (order #48213) arrived broken, the pole snapped. I want a full refund of €189.99. Third time I am writing to you.';
    const s = analyze(ticket(text, { subject: 'Broken tent' }), pack, index);
    expect(s.text.startsWith(text)).toBe(true);
    expect(s.intents.map((i) => i.id)).toContain('refund');
    expect(s.intents.map((i) => i.id)).toContain('damaged');
    expect(['angry', 'frustrated']).toContain(s.emotion.label);
    expect(s.sentiment.label).toBe('negative');
    expect(s.amounts[0]?.value).toBeCloseTo(189.99);
    expect(s.amounts[0]?.currency).toBe('EUR');
    expect(s.references.some((r) => r.value.includes('48213'))).toBe(true);
    expect(s.repeatContact).toBe(true);
    expect(s.requesterKind).toBe('customer');
    expect(s.language).toBe('en');
    expect(s.notes.some((n) => n.startsWith('Topic: Refund request'))).toBe(true);
    for (const it of s.intents) for (const e of it.evidence) expect(s.text.slice(e.start, e.end)).toBe(e.text);
    for (const a of s.amounts) expect(s.text.slice(a.start, a.end)).toBe(a.text);
  });

  it('reads the latest customer message first and ignores agent replies and internal notes', () => {
    const ctx = ticket('', {
      messages: [
        { role: 'customer', text: 'I need to change my delivery address please.' },
        { role: 'agent', text: 'Sure, I can refund you, we are terribly sorry, this is unacceptable on our side.' },
        { role: 'internal', text: 'Customer is angry, refund approved' },
        { role: 'customer', text: 'Where is my parcel? Tracking has not moved.' },
      ],
      latestCustomerMessage: 'Where is my parcel? Tracking has not moved.',
    });
    const s = analyze(ctx, pack, index);
    expect(s.text.startsWith('Where is my parcel?')).toBe(true);
    expect(s.text).not.toContain('refund approved');
    expect(s.text).not.toContain('terribly sorry');
    expect(s.intents[0]?.id).toBe('late-delivery');
    expect(s.emotion.label).not.toBe('angry');
  });

  it('strips quoted history and signatures before reading', () => {
    const msg = 'Where is my parcel?\n\nKind regards,\nAda Example\n\nOn Mon, 3 Nov 2026, Care <care@shop.example> wrote:\n> Your refund of 500 EUR is approved, we are sorry you are angry';
    const s = analyze(ticket(msg), pack, index);
    expect(s.text).not.toContain('500 EUR');
    expect(s.amounts).toEqual([]);
    expect(s.intents[0]?.id).toBe('late-delivery');
  });

  it('treats requesters from the internal domains as colleagues', () => {
    const s = analyze(ticket('Can you refund this customer order?', { requester: { email: 'Bo@Test-Outfitters.example' } }), pack, index);
    expect(s.requesterKind).toBe('colleague');
    expect(s.notes.some((n) => n.includes('colleague'))).toBe(true);
    const sub = analyze(ticket('hello', { requester: { email: 'x@eu.test-outfitters.example' } }), pack, index);
    expect(sub.requesterKind).toBe('colleague');
    const lookalike = analyze(ticket('hello', { requester: { email: 'x@nottest-outfitters.example' } }), pack, index);
    expect(lookalike.requesterKind).toBe('customer');
  });

  it('resolves relative dates against the ticket reference date', () => {
    const s = analyze(ticket('I ordered 10 days ago and it still has not arrived', { referenceDate: '2026-11-20T09:30:00Z' }), pack, index);
    expect(s.dates[0]?.date).toBe('2026-11-10');
    expect(s.dates[0]?.daysAgo).toBe(10);
  });

  it('says so when no intent fits', () => {
    const s = analyze(ticket('What is the capital of Australia?'), pack, index);
    expect(s.intents).toEqual([]);
    expect(s.notes[0]).toMatch(/No pack topic fits/);
  });

  it('marks urgency from the helpdesk priority', () => {
    const s = analyze(ticket('Where is my parcel?', { priority: 'Urgent' }), pack, index);
    expect(s.urgency).toBe('high');
  });

  it('uses the subject when the message is thin', () => {
    const s = analyze(ticket('See subject.', { subject: 'Re: Refund for the damaged stove' }), pack, index);
    expect(s.intents.map((i) => i.id)).toContain('refund');
  });

  it('works without a prebuilt index (builds and caches one per pack)', () => {
    const p = testPack();
    const a = analyze(ticket('please refund my order'), p);
    const b = analyze(ticket('please refund my order'), p);
    expect(a.intents[0]?.id).toBe('refund');
    expect(b.intents).toEqual(a.intents);
  });

  it('handles a ticket with no customer text at all', () => {
    const s = analyze(ticket('', { messages: [], latestCustomerMessage: '' }), pack, index);
    expect(s.text).toBe('');
    expect(s.intents).toEqual([]);
    expect(s.notes).toContain('No customer text found yet.');
  });
});
