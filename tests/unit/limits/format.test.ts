import { describe, expect, it } from 'vitest';
import { actionLabel, addDays, daysBetween, formatAmount, isCurrencyCode, parseIsoDay } from '../../../guidance/limits/format';
import { pointer, resolvePointer } from '../../../guidance/limits/pointer';

describe('formatAmount()', () => {
  it.each([
    [180, 'EUR', 'en', '€180'],
    [180.5, 'EUR', 'en', '€180.50'],
    [1180.5, 'EUR', 'de-DE', '1.180,50\u00a0€'],
    [1000, 'USD', 'en', '$1,000'],
    [50, 'GBP', 'en-GB', '£50'],
    [15, 'percent', 'en', '15%'],
    [12.5, '%', 'en', '12.5%'],
    [3, 'count', 'en', '3'],
    [2, undefined, 'en', '2'],
    [Number.NaN, 'EUR', 'en', '?'],
  ])('%s %s (%s) → %s', (v, unit, locale, out) => expect(formatAmount(v as number, unit as string | undefined, locale as string)).toBe(out));

  it('falls back for an unknown locale', () => expect(formatAmount(5, 'EUR', 'xx-invalid-@@')).toMatch(/5/));
});

describe('units, actions and dates', () => {
  it('tells currency codes from other units', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('count')).toBe(false);
    expect(isCurrencyCode(undefined)).toBe(false);
  });
  it('labels actions', () => {
    expect(actionLabel('store-credit')).toBe('Store credit');
    expect(actionLabel('mfa_reset')).toBe('Mfa reset');
    expect(actionLabel('')).toBe('Action');
  });
  it('counts days between calendar dates, across months and leap days', () => {
    expect(daysBetween('2026-02-04', '2026-03-10')).toBe(34);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    expect(daysBetween('2026-03-10T23:59:00Z', '2026-03-11')).toBe(1);
    expect(daysBetween('2026-02-31', '2026-03-10')).toBeNaN();
    expect(daysBetween('yesterday', '2026-03-10')).toBeNaN();
  });
  it('parses and adds days', () => {
    expect(parseIsoDay('2026-13-01')).toBeUndefined();
    expect(addDays('2026-02-03', 34)).toBe('2026-03-09');
    expect(addDays('bad', 1)).toBeUndefined();
  });
});

describe('JSON pointers', () => {
  const doc = { limits: [{ maxByRole: { 'team/lead': 5, 'a~b': 6, agent: 0 } }] };
  it('escapes and resolves', () => {
    expect(pointer('limits', 0, 'maxByRole', 'team/lead')).toBe('/limits/0/maxByRole/team~1lead');
    expect(resolvePointer(doc, pointer('limits', 0, 'maxByRole', 'team/lead'))).toBe(5);
    expect(resolvePointer(doc, pointer('limits', 0, 'maxByRole', 'a~b'))).toBe(6);
    expect(resolvePointer(doc, '/limits/0/maxByRole/agent')).toBe(0);
    expect(resolvePointer(doc, '')).toBe(doc);
  });
  it('does not resolve what is not there', () => {
    expect(resolvePointer(doc, '/limits/1')).toBeUndefined();
    expect(resolvePointer(doc, '/limits/01')).toBeUndefined();
    expect(resolvePointer(doc, '/limits/0/maxByRole/toString')).toBeUndefined();
    expect(resolvePointer(doc, 'limits')).toBeUndefined();
  });
});
