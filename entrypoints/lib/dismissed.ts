/**
 * Tone findings an agent dismissed ("Don't flag “…” again"): kept in the extension's storage.local, in
 * this browser only, as `ruleId|phrase` (lower-cased, spaces squashed), at most MAX_DISMISSED entries
 * (oldest dropped). The options page lists them and can restore each one.
 */
import { browser } from 'wxt/browser';

export const DISMISSED_KEY = 'lint:dismissed';
export const MAX_DISMISSED = 500;

export function dismissalKey(f: { ruleId: string; text: string }): string {
  return `${f.ruleId}|${f.text.toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

export function parseDismissed(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((k): k is string => typeof k === 'string' && k.length <= 400 && k.includes('|')).slice(-MAX_DISMISSED);
}

export async function loadDismissed(): Promise<Set<string>> {
  try {
    return new Set(parseDismissed((await browser.storage.local.get(DISMISSED_KEY))[DISMISSED_KEY]));
  } catch {
    return new Set();
  }
}

export async function saveDismissed(keys: Iterable<string>): Promise<void> {
  await browser.storage.local.set({ [DISMISSED_KEY]: [...keys].slice(-MAX_DISMISSED) });
}
