import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractDates } from '../../../guidance/understand/dates';

// Tuesday 10 March 2026.
const REF = '2026-03-10';
const brief = (text: string, ref = REF) => extractDates(text, ref).map((d) => [d.text, d.date, d.kind, d.daysAgo]);

describe('extractDates: relative', () => {
  it.each([
    ['I ordered 34 days ago', '34 days ago', '2026-02-04', 'order', 34],
    ['It arrived yesterday', 'yesterday', '2026-03-09', 'delivery', 1],
    ['bought it two weeks ago', 'two weeks ago', '2026-02-24', 'purchase', 14],
    ['returned it a month ago', 'a month ago', '2026-02-10', 'return', 28],
    ['I emailed you last week', 'last week', '2026-03-03', 'contact', 7],
    ['It was delivered the day before yesterday', 'day before yesterday', '2026-03-08', 'delivery', 2],
    ['ordered 3 months ago', '3 months ago', '2025-12-10', 'order', 90],
    ['I placed the order a year ago', 'a year ago', '2025-03-10', 'order', 365],
    ['it broke today', 'today', '2026-03-10', 'event', 0],
  ])('%s', (text, span, date, kind, daysAgo) => {
    expect(brief(text)).toEqual([[span, date, kind, daysAgo]]);
  });

  it('"last Tuesday" from a Tuesday is a week ago, from a Thursday two days ago', () => {
    expect(brief('It arrived last Tuesday')).toEqual([['last Tuesday', '2026-03-03', 'delivery', 7]]);
    expect(brief('It arrived last Tuesday', '2026-03-12')).toEqual([['last Tuesday', '2026-03-10', 'delivery', 2]]);
  });

  it('a bare weekday is the most recent past one', () => {
    expect(brief('I called on Monday morning')).toEqual([['Monday morning', '2026-03-09', 'contact', 1]]);
    expect(brief('The parcel came on Friday')).toEqual([['Friday', '2026-03-06', 'delivery', 4]]);
  });

  it('future wording resolves forward', () => {
    expect(brief('It should arrive tomorrow')).toEqual([['tomorrow', '2026-03-11', 'delivery', -1]]);
    expect(brief('I need it by Friday')).toEqual([['Friday', '2026-03-13', 'unknown', -3]]);
    expect(brief('in 3 days')).toEqual([['in 3 days', '2026-03-13', 'unknown', -3]]);
    expect(brief('next Friday')).toEqual([['next Friday', '2026-03-20', 'unknown', -10]]);
    expect(brief('next week Friday')).toEqual([['next week Friday', '2026-03-20', 'unknown', -10]]);
  });
});

describe('extractDates: absolute', () => {
  it.each([
    ['delivered on 3 March', '3 March', '2026-03-03', 'delivery', 7],
    ['bought it on March 3rd', 'March 3rd', '2026-03-03', 'purchase', 7],
    ['ordered on the 3rd of March', '3rd of March', '2026-03-03', 'order', 7],
    ['Delivered 2026-03-03', '2026-03-03', '2026-03-03', 'delivery', 7],
    ['returned it on 3.3.2026', '3.3.2026', '2026-03-03', 'return', 7],
    ['purchased Mar 3, 2025', 'Mar 3, 2025', '2025-03-03', 'purchase', 372],
    ['received it on 28/02/2026', '28/02/2026', '2026-02-28', 'delivery', 10],
  ])('%s', (text, span, date, kind, daysAgo) => {
    expect(brief(text)).toEqual([[span, date, kind, daysAgo]]);
  });

  it('a date without a year is never in the future: most recent past occurrence', () => {
    expect(brief('order placed on 12 December')).toEqual([['12 December', '2025-12-12', 'order', 88]]);
    expect(brief('delivered on 20 March')).toEqual([['20 March', '2025-03-20', 'delivery', 355]]);
  });

  it('ambiguous numeric dates: the reading that is not in the future', () => {
    // 02/03/2026 could be 2 March (past) or 3 February (past): the more recent one.
    expect(brief('ordered 02/03/2026')[0]?.[1]).toBe('2026-03-02');
    // 03/04/2026: 3 April is in the future, 4 March is not.
    expect(brief('ordered 03/04/2026')[0]?.[1]).toBe('2026-03-04');
    // 13/02/2026 can only be 13 February; 02/13/2026 only 13 February.
    expect(brief('13/02/2026 and 02/13/2026').map((d) => d[1])).toEqual(['2026-02-13', '2026-02-13']);
  });

  it('a weekday written with the date picks the matching year', () => {
    expect(brief('Friday, October the 16th')[0]?.[1]).toBe('2026-10-16');
    expect(brief('Thursday 30th June')[0]?.[1]).toBe('2022-06-30');
  });

  it('European month names and formats', () => {
    expect(brief('Paket geliefert am 3. März 2026').map((d) => [d[0], d[1]])).toEqual([['3. März 2026', '2026-03-03']]);
    expect(brief('livré le 3 mars').map((d) => [d[0], d[1]])).toEqual([['3 mars', '2026-03-03']]);
    expect(brief('entregado el 3 de marzo de 2026').map((d) => [d[0], d[1]])).toEqual([['3 de marzo de 2026', '2026-03-03']]);
    expect(brief('geleverd op 3 maart').map((d) => [d[0], d[1]])).toEqual([['3 maart', '2026-03-03']]);
  });

  it('invalid dates are ignored', () => {
    expect(brief('on 31 February')).toEqual([]);
    expect(brief('2026-13-45')).toEqual([]);
  });

  it('"the 5th" is a day of this month (or the last one)', () => {
    expect(brief('I sent it back on the 5th')).toEqual([['5th', '2026-03-05', 'return', 5]]);
    expect(brief('it arrived on the 25th')).toEqual([['25th', '2026-02-25', 'delivery', 13]]);
  });
});

describe('extractDates: not dates', () => {
  it.each([
    'May I ask a question?',
    'I want to march into your store',
    'This is the 3rd time I write',
    'size 42, 2 jackets',
    'my order 100234',
    'call 555-123-4567',
    'the sun was out, I was sat at home',
  ])('%s → nothing', (text) => {
    expect(extractDates(text, REF)).toEqual([]);
  });

  it('an invalid reference date gives nothing instead of throwing', () => {
    expect(extractDates('yesterday', 'not a date')).toEqual([]);
  });

  it('accepts a full ISO timestamp as reference', () => {
    expect(brief('yesterday', '2026-03-10T23:59:00Z')).toEqual([['yesterday', '2026-03-09', 'unknown', 1]]);
  });
});

describe('extractDates: robustness', () => {
  it('never throws and offsets always slice back (property)', () => {
    const dateish = fc.array(
      fc.constantFrom(' ', '3', '12', '/', '.', '-', '2026', 'March', 'the', 'last', 'Tuesday', 'ago', 'days', 'two', 'next', 'week', 'yesterday', 'on', 'ordered'),
      { maxLength: 30 },
    ).map((a) => a.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), dateish), fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (text, ref) => {
        for (const d of extractDates(text, ref.toISOString())) {
          expect(text.slice(d.start, d.end)).toBe(d.text);
          expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(Number.isInteger(d.daysAgo)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('has no catastrophic backtracking', () => {
    for (const text of ['1/'.repeat(10_000), 'last '.repeat(5000), 'the 1st '.repeat(3000), '3 March '.repeat(2000)]) {
      extractDates(text, REF);
    }
  });
});
