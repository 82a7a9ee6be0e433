/** Agent settings in storage.local (role, name, dock side). Enterprise policy overrides come later. */
import { browser } from 'wxt/browser';
import type { Settings } from '@/guidance/protocol';

const KEY = 'settings';
export const DEFAULT_SETTINGS: Settings = { role: '', agentName: '', dock: 'right' };

export async function readSettings(): Promise<Settings> {
  const raw = (await browser.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  return { ...DEFAULT_SETTINGS, ...(raw ?? {}) };
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings()), ...patch };
  await browser.storage.local.set({ [KEY]: next });
  return next;
}
