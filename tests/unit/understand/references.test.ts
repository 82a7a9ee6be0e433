import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractReferences } from '../../../guidance/understand/references';

const brief = (text: string) => extractReferences(text).map((r) => [r.kind, r.value, r.text]);

describe('extractReferences', () => {
  it.each([
    ['Where is order #48213?', 'order', '48213', 'order #48213'],
    ['order no. NW-100234 is late', 'order', 'NW-100234', 'order no. NW-100234'],
    ['Order number: 100234', 'order', '100234', 'Order number: 100234'],
    ['my order 100234 is late', 'order', '100234', 'order 100234'],
    ['see invoice INV-2024-001', 'invoice', 'INV-2024-001', 'invoice INV-2024-001'],
    ['Invoice no. 2024/0815 attached', 'invoice', '2024/0815', 'Invoice no. 2024/0815'],
    ['Tracking number: 1Z999AA10123456784', 'tracking', '1Z999AA10123456784', 'Tracking number: 1Z999AA10123456784'],
    ['re ticket #5521', 'ticket', '5521', 'ticket #5521'],
    ['Meine Bestellnummer 778899', 'order', '778899', 'Bestellnummer 778899'],
  ])('%s', (text, kind, value, span) => {
    expect(brief(text)).toEqual([[kind, value, span]]);
  });

  it('carrier formats are found without a label', () => {
    expect(brief('It says 1Z999AA10123456784 on the box')).toEqual([['tracking', '1Z999AA10123456784', '1Z999AA10123456784']]);
    expect(brief('Royal Mail RR123456789GB')).toEqual([['tracking', 'RR123456789GB', 'RR123456789GB']]);
  });

  it('lists after a label keep the label', () => {
    expect(brief('orders #123, #456 and 789')).toEqual([
      ['order', '123', 'orders #123'],
      ['order', '456', '#456'],
      ['order', '789', '789'],
    ]);
  });

  it('a bare #number is a reference of unknown kind', () => {
    expect(brief('see #48213')).toEqual([['other', '48213', '#48213']]);
  });

  it('values without digits, dates and years are not references', () => {
    expect(extractReferences('order status please')).toEqual([]);
    expect(extractReferences('my order of 3 jackets')).toEqual([]);
    expect(extractReferences('order from 12/03')).toEqual([]);
    expect(extractReferences('order in 2024')).toEqual([]);
    expect(extractReferences('I paid €180 on 3 March')).toEqual([]);
  });

  it('offsets slice back and the value keeps its spelling', () => {
    const text = 'Hello, ORDER NO. nw-100234 please';
    const [r] = extractReferences(text);
    expect(r?.value).toBe('nw-100234');
    expect(text.slice(r!.start, r!.end)).toBe(r!.text);
  });

  it('never throws and offsets always slice back (property)', () => {
    const refish = fc.array(fc.constantFrom('order', 'invoice', 'no.', '#', '123', 'NW-', '4567', ' ', ',', 'and', 'tracking', '1Z', 'AB'), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), refish), (text) => {
        for (const r of extractReferences(text)) {
          expect(text.slice(r.start, r.end)).toBe(r.text);
          expect(r.value).toMatch(/\d/);
        }
      }),
      { numRuns: 400 },
    );
  });
});
