/**
 * Agent settings in storage.local (role, name, dock side), with enterprise policy applied on top:
 * a role set by policy wins, and settings listed in the policy's `lockedSettings` cannot be changed
 * from the popup or the options page.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '@/guidance/protocol';
import type { ManagedPolicy } from './policy';

const KEY = 'settings';
export const DEFAULT_SETTINGS: Settings = { role: '', agentName: '', dock: 'right', insights: true };

/** The agent's own choices, as stored (no policy applied). */
export async function readLocalSettings(): Promise<Settings> {
  const raw = (await browser.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  return { ...DEFAULT_SETTINGS, ...(raw ?? {}) };
}

/** Settings as they apply: policy values override the agent's choices. */
export function applyPolicy(settings: Settings, policy: ManagedPolicy | undefined): Settings {
  if (!policy) return settings;
  const withRole = policy.role ? { ...settings, role: policy.role } : settings;
  return policy.insights !== undefined ? { ...withRole, insights: policy.insights } : withRole;
}

/** Fields of `patch` that policy locks and that would change. */
export function lockedFieldsIn(patch: Partial<Settings>, current: Settings, policy: ManagedPolicy | undefined): string[] {
  if (!policy) return [];
  const locked = new Set<string>(policy.lockedSettings);
  return (Object.keys(patch) as Array<keyof Settings>).filter((k) => locked.has(k) && patch[k] !== undefined && patch[k] !== current[k]);
}

export async function readSettings(policy?: ManagedPolicy): Promise<Settings> {
  return applyPolicy(await readLocalSettings(), policy);
}

export async function writeSettings(patch: Partial<Settings>, policy?: ManagedPolicy): Promise<Settings> {
  const current = await readSettings(policy);
  const refused = lockedFieldsIn(patch, current, policy);
  if (refused.length) throw new Error(`${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} set by your organisation and cannot be changed here`);
  // Locked fields are never written: the agent's own value is kept for when the policy goes away.
  const locked = new Set<string>(policy?.lockedSettings ?? []);
  const allowed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && !locked.has(k)));
  const next = { ...(await readLocalSettings()), ...allowed };
  await browser.storage.local.set({ [KEY]: next });
  return applyPolicy(next, policy);
}
