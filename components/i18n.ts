/**
 * UI strings through the browser's i18n (public/_locales/<lang>/messages.json, shipped in English,
 * German, French and Spanish). The browser picks the user's UI language; English is the fallback —
 * also where `browser.i18n` is unavailable (unit tests).
 */
import { browser } from 'wxt/browser';
// Types only: the strings themselves come from the browser, so no bundle (the content script least of
// all) carries a copy of the English file.
import type en from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

type Messages = Record<string, { message: string }>;

/** English strings for contexts without `browser.i18n` (unit tests install them: tests/unit/setup.ts). */
export function setFallbackMessages(messages: Messages | undefined): void {
  fallback = messages;
}
let fallback: Messages | undefined;

export function t(key: MessageKey, ...subs: Array<string | number>): string {
  const args = subs.map(String);
  let text: string;
  try {
    text = browser.i18n?.getMessage(key as never, args) ?? '';
  } catch {
    text = '';
  }
  if (text) return text;
  const raw = fallback?.[key]?.message;
  return raw === undefined ? key : raw.replace(/\$(\d)/g, (_, n: string) => args[Number(n) - 1] ?? '');
}

/**
 * The language `t()` translates into ("de", or "en-US" with the browser's region when it agrees), for
 * <html lang> and Intl. Read from the chosen messages.json itself: a browser can pick German messages
 * while reporting another UI language (Debian's Chromium without its German locale pack, --lang=de).
 */
export function uiLanguage(): string {
  const lang = t('uiLang');
  let ui = '';
  try {
    ui = browser.i18n?.getUILanguage?.() ?? '';
  } catch {
    // no browser.i18n (unit tests)
  }
  return ui && ui.toLowerCase().split(/[-_]/)[0] === lang ? ui : lang;
}

/** `one` or `other` by the UI language's plural rules (French counts 0 as one, English does not). */
export function tn(count: number, one: MessageKey, other: MessageKey, ...subs: Array<string | number>): string {
  let category = count === 1 ? 'one' : 'other';
  try {
    category = new Intl.PluralRules(uiLanguage()).select(count);
  } catch {
    // unknown locale: keep the English rule
  }
  const n = fmtNumber(count);
  return category === 'one' ? t(one, n, ...subs) : t(other, n, ...subs);
}

/** A number in the UI language ("1.234" in German). */
export function fmtNumber(n: number): string {
  try {
    return new Intl.NumberFormat(uiLanguage()).format(n);
  } catch {
    return String(n);
  }
}

/** A date and time in the UI language; "—" for none, the raw text for an unparseable one. */
export function fmtDateTime(iso?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return d.toLocaleString(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    return d.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
  }
}

/** For an extension page at startup: <html lang> and the window title follow the UI language. */
export function localizePage(title: string): void {
  document.documentElement.lang = uiLanguage();
  document.title = title;
}

/** A browser shortcut as people read it: "Ctrl+Shift+Period" → "Ctrl+Shift+.". */
export function fmtShortcut(shortcut: string): string {
  return shortcut.replace(/\bPeriod\b/g, '.').replace(/\bComma\b/g, ',');
}
