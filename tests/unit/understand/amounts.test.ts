import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractAmounts } from '../../../guidance/understand/amounts';

/** [text, value, currency, min] of each amount found. */
const brief = (text: string, opts?: Parameters<typeof extractAmounts>[1]) =>
  extractAmounts(text, opts).map((a) => [a.text, a.value, a.currency ?? null, a.min ?? null]);

describe('extractAmounts: symbols and codes', () => {
  it.each([
    ['I paid €180 for it', '€180', 180, 'EUR'],
    ['I paid 180€ for it', '180€', 180, 'EUR'],
    ['I paid 180 € for it', '180 €', 180, 'EUR'],
    ['EUR 180 was charged', 'EUR 180', 180, 'EUR'],
    ['charged 180 EUR', '180 EUR', 180, 'EUR'],
    ['It cost $1,299.99', '$1,299.99', 1299.99, 'USD'],
    ['It cost US$ 99', 'US$ 99', 99, 'USD'],
    ['refund of £5.50 please', '£5.50', 5.5, 'GBP'],
    ['CHF 1\'299.90 for the watch', "CHF 1'299.90", 1299.9, 'CHF'],
    ['It was 300 kr', '300 kr', 300, 'SEK'],
    ['Zapłaciłem 50 zł', '50 zł', 50, 'PLN'],
    ['A$45 shipping', 'A$45', 45, 'AUD'],
  ])('%s', (text, span, value, currency) => {
    expect(brief(text)).toEqual([[span, value, currency, null]]);
  });

  it('offsets are exact', () => {
    const text = 'Hello, I was charged €180,50 twice.';
    const [a] = extractAmounts(text);
    expect(a).toBeDefined();
    expect(text.slice(a!.start, a!.end)).toBe('€180,50');
    expect(a!.value).toBe(180.5);
    expect(a!.source).toBe('ticket');
  });

  it('marks the source', () => {
    expect(extractAmounts('Refund €20', { source: 'draft' })[0]?.source).toBe('draft');
  });
});

describe('extractAmounts: separators', () => {
  it.each([
    ['1.299,99 €', 1299.99],
    ['1 299,99 €', 1299.99],
    ['€1,299', 1299],
    ['€1.299', 1299],
    ['€12,5', 12.5],
    ['€180,50', 180.5],
    ['$2,500,000', 2500000],
    ['€1.234.567,89', 1234567.89],
  ])('%s → %d', (text, value) => {
    expect(extractAmounts(text).map((a) => a.value)).toEqual([value]);
  });
});

describe('extractAmounts: words, multipliers, minor units', () => {
  it.each([
    ['I want fifty dollars back', 'fifty dollars', 50, 'USD'],
    ['a hundred bucks is too much', 'a hundred bucks', 100, 'USD'],
    ['twenty-five euros for shipping?', 'twenty-five euros', 25, 'EUR'],
    ['one thousand two hundred euros', 'one thousand two hundred euros', 1200, 'EUR'],
    ['budget of 1.5k EUR', '1.5k EUR', 1500, 'EUR'],
    ['about $2k', '$2k', 2000, 'USD'],
    ['over 3 thousand dollars', '3 thousand dollars', 3000, 'USD'],
    ['five hundred quid', 'five hundred quid', 500, 'GBP'],
  ])('%s', (text, span, value, currency) => {
    expect(brief(text)).toEqual([[span, value, currency, null]]);
  });

  it('cents are minor units', () => {
    expect(brief('it was only 50 cents', { defaultCurrency: 'EUR' })).toEqual([['50 cents', 0.5, 'EUR', null]]);
    expect(brief('20 pence')).toEqual([['20 pence', 0.2, 'GBP', null]]);
  });
});

describe('extractAmounts: ranges', () => {
  it.each([
    ['150-200 EUR', '150-200 EUR', 200, 'EUR', 150],
    ['€150–€200', '€150–€200', 200, 'EUR', 150],
    ['between $50 and $80', '$50 and $80', 80, 'USD', 50],
    ['€150-200', '€150-200', 200, 'EUR', 150],
    ['$50 to $80', '$50 to $80', 80, 'USD', 50],
  ])('%s', (text, span, value, currency, min) => {
    expect(brief(text)).toEqual([[span, value, currency, min]]);
  });

  it('"and" without "between" is two amounts, not a range', () => {
    expect(brief('I paid €20 and €30')).toEqual([
      ['€20', 20, 'EUR', null],
      ['€30', 30, 'EUR', null],
    ]);
  });
});

describe('extractAmounts: not money', () => {
  it.each([
    'Order #48213 has not arrived',
    'my order 100234 is late',
    'order no. NW-100234',
    'I bought 2 jackets in size 42',
    'Call me on +49 30 1234567 or 555-123-4567',
    'Delivered on 03/03/2026 at 10:30',
    'It arrived on 2026-03-03',
    'We got 20% off',
    'App version 2.3.1 crashes',
    'Invoice INV-2024-001 is attached',
    'My postcode is 10115 Berlin',
    'I waited 3 weeks and 2 days',
    'I paid for 2 jackets and 3 shirts',
    'from Feb 17 to Mar 4',
    'until June 6',
    'at 5 past 7',
    'Room 237 please',
    'the 5m cable',
  ])('%s → nothing', (text) => {
    expect(extractAmounts(text, { defaultCurrency: 'EUR' })).toEqual([]);
  });
});

describe('extractAmounts: bare numbers need money context', () => {
  it('a bare number in a refund sentence takes the pack currency, marked assumed', () => {
    expect(extractAmounts('please refund 180 for the jacket', { defaultCurrency: 'EUR' })).toEqual([
      { value: 180, currency: 'EUR', currencyAssumed: true, text: '180', start: 14, end: 17, source: 'ticket' },
    ]);
  });

  it('without a pack default the currency stays unknown', () => {
    const [a] = extractAmounts('I spent 158.16 at the store');
    expect(a?.value).toBe(158.16);
    expect(a?.currency).toBeUndefined();
    expect(a?.currencyAssumed).toBeUndefined();
  });

  it('a bare number without money words is not money', () => {
    expect(extractAmounts('I need 180 of them by Friday', { defaultCurrency: 'EUR' })).toEqual([]);
  });

  it('"2k" without a currency is money only next to a money word', () => {
    expect(brief('a 2k budget', { defaultCurrency: 'EUR' })).toEqual([['2k', 2000, 'EUR', null]]);
    expect(brief('refund 1.5k please', { defaultCurrency: 'EUR' })).toEqual([['1.5k', 1500, 'EUR', null]]);
    expect(extractAmounts('I ran 5k yesterday', { defaultCurrency: 'EUR' })).toEqual([]);
    expect(extractAmounts('the video has 10k views', { defaultCurrency: 'EUR' })).toEqual([]);
  });

  it('written currency always wins over the default', () => {
    expect(brief('refund $40 please', { defaultCurrency: 'EUR' })).toEqual([['$40', 40, 'USD', null]]);
  });
});

describe('extractAmounts: robustness', () => {
  it('never throws and offsets always slice back (property)', () => {
    const moneyish = fc.array(
      fc.constantFrom('€', '$', '£', ' ', '1', '0', '9', ',', '.', "'", '-', 'k', 'EUR', 'refund', 'fifty', 'dollars', 'between', 'and', '#', '%'),
      { maxLength: 40 },
    ).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), moneyish), (text) => {
        for (const a of extractAmounts(text, { defaultCurrency: 'EUR' })) {
          expect(text.slice(a.start, a.end)).toBe(a.text);
          expect(Number.isFinite(a.value)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('has no catastrophic backtracking', () => {
    for (const text of ['1'.repeat(20_000), '1,'.repeat(5000), '€1 '.repeat(3000), '1 000 '.repeat(3000), 'fifty '.repeat(3000)]) {
      extractAmounts(text);
    }
  });
});
