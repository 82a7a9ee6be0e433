/**
 * UI strings through the browser's i18n (public/_locales/<lang>/messages.json, shipped in English,
 * German, French and Spanish). The browser picks the user's UI language; English is the fallback —
 * also where `browser.i18n` is unavailable (unit tests).
 */
import { browser } from 'wxt/browser';
import en from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, ...subs: Array<string | number>): string {
  const args = subs.map(String);
  let text: string;
  try {
    text = browser.i18n?.getMessage(key as never, args) ?? '';
  } catch {
    text = '';
  }
  if (text) return text;
  return en[key].message.replace(/\$(\d)/g, (_, n: string) => args[Number(n) - 1] ?? '');
}
