/**
 * Formatting of limit figures for people: money through Intl.NumberFormat, counts and percentages
 * in plain words. Pure: the locale is passed in (the pack's locale, or the browser's).
 */

import type { LimitAction } from '../pack/types';

/** True for a three-letter ISO 4217 code ("EUR"); limits also use the units 'count' and 'percent'. */
export function isCurrencyCode(unit: string | undefined): unit is string {
  return typeof unit === 'string' && /^[A-Z]{3}$/.test(unit);
}

const formatterCache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatterCache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      // Unknown locale or currency code: fall back to English, then to plain numbers.
      try {
        f = new Intl.NumberFormat('en', options);
      } catch {
        f = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
      }
    }
    formatterCache.set(key, f);
  }
  return f;
}

/** Whole amounts without decimals ("€180"), others with two ("€180.50"). */
function fractionDigits(value: number): number {
  return Math.abs(value - Math.round(value)) < 1e-9 ? 0 : 2;
}

/**
 * "€180", "US$1,180.50", "15%", "3". `unit` is an ISO 4217 code, 'percent', 'count' or undefined
 * (then a plain number). Invalid numbers render as "?" rather than "NaN".
 */
export function formatAmount(value: number, unit: string | undefined, locale = 'en'): string {
  if (!Number.isFinite(value)) return '?';
  const digits = fractionDigits(value);
  if (unit === 'percent' || unit === '%') {
    return `${formatter(locale, { maximumFractionDigits: 2, minimumFractionDigits: 0 }).format(value)}%`;
  }
  if (isCurrencyCode(unit)) {
    const text = formatter(locale, {
      style: 'currency',
      currency: unit,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
    return text;
  }
  return formatter(locale, { maximumFractionDigits: 2, minimumFractionDigits: 0 }).format(value);
}

const ACTION_WORDS: Record<LimitAction, string> = {
  refund: 'Refund',
  'store-credit': 'Store credit',
  discount: 'Discount',
  replacement: 'Replacement',
  'fee-waiver': 'Fee waiver',
  'shipping-upgrade': 'Shipping upgrade',
  'goodwill-gift': 'Goodwill gift',
  extension: 'Extension',
  'access-grant': 'Access grant',
  other: 'Action',
};

/** "Refund", "Store credit"; unknown actions are returned as written, first letter upper-cased. */
export function actionLabel(action: string): string {
  const known = (ACTION_WORDS as Record<string, string>)[action];
  if (known) return known;
  const words = action.replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Action';
}

/** Number of whole days from `from` to `to` (both YYYY-MM-DD, or ISO timestamps); NaN when invalid. */
export function daysBetween(from: string, to: string): number {
  const a = parseIsoDay(from);
  const b = parseIsoDay(to);
  if (a === undefined || b === undefined) return Number.NaN;
  return Math.round((b - a) / 86_400_000);
}

/** UTC milliseconds of the calendar day of an ISO date, or undefined when it is not one. */
export function parseIsoDay(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const check = new Date(t);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return t;
}

/** YYYY-MM-DD of a date, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `date` plus `days` (may be negative), as YYYY-MM-DD. */
export function addDays(date: string, days: number): string | undefined {
  const t = parseIsoDay(date);
  if (t === undefined) return undefined;
  return isoDay(new Date(t + days * 86_400_000));
}
