/**
 * Enterprise policy (`storage.managed`): the admin's trust roots and locks.
 *
 *   packUrl                https:// URL of the organisation's pack (its signature at `<packUrl>.sig`)
 *   publicKeys             Ed25519 public keys (base64, raw 32 bytes; optionally "keyId:base64") that
 *                          packs must be signed with
 *   role                   role id every agent on this device gets
 *   lockedSettings         settings the agent may not change: role, agentName, dock, packUrl, insights
 *   insights               true/false: local insights on or off for everyone on this device (locked)
 *   enabledSites           extra helpdesk URL patterns (https://help.example.com/*)
 *   updateIntervalMinutes  how often the pack URL is checked (5 … 1440, default 30)
 *
 * Chrome/Edge validate values against public/managed_schema.json and fire storage.onChanged.
 * Firefox's 3rdparty policy has no schema (values are NOT validated), no change event (a restart
 * applies new values), and `storage.managed.get()` REJECTS when nothing is provisioned. So:
 *  - `get()` is always wrapped; a rejection means "no policy" (that is what Firefox reports when no
 *    policy exists, and a broken managed store must not take the agent's guidance down). The
 *    failure text is kept in `readError` so the options page can show it to an admin;
 *  - every value goes through `validateManagedPolicy()` (strict, per key: one bad key is reported
 *    and ignored, the valid keys still apply);
 *  - trust roots (pack URL, public keys) come ONLY from here — never from storage.local or the UI.
 */
import { base64Decode } from '@/guidance/pack/signature';

export const LOCKABLE_SETTINGS = ['role', 'agentName', 'dock', 'packUrl', 'insights'] as const;
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

export const DEFAULT_UPDATE_MINUTES = 30;
export const MIN_UPDATE_MINUTES = 5;
export const MAX_UPDATE_MINUTES = 1440;

export interface TrustedKey {
  /** The admin's name for the key ("acme-2026:BASE64"), shown as "signed by"; else its key id is shown. */
  id?: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  key: string;
}

export interface ManagedPolicy {
  packUrl?: string;
  publicKeys: TrustedKey[];
  role?: string;
  lockedSettings: LockableSetting[];
  enabledSites: string[];
  updateIntervalMinutes?: number;
  /** Local insights forced on or off (then locked). */
  insights?: boolean;
}

export interface PolicyRead {
  policy: ManagedPolicy;
  /** One line per ignored value: "packUrl: must be an https:// URL". */
  problems: string[];
  /** True when at least one known key was provisioned. */
  present: boolean;
  /** Why storage.managed could not be read (Firefox without policies, or a platform error). */
  readError?: string;
}

export const EMPTY_POLICY: ManagedPolicy = { publicKeys: [], lockedSettings: [], enabledSites: [] };

const KNOWN = ['packUrl', 'publicKeys', 'role', 'lockedSettings', 'enabledSites', 'updateIntervalMinutes', 'insights'] as const;

function isHttpsUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' && !u.username && !u.password && !!u.hostname;
  } catch {
    return false;
  }
}

/** `https://host/*`, `https://*.host/*`, `https://host/path*`. No other schemes, no bare `*`. */
export function isSitePattern(s: string): boolean {
  return /^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?\/[^\s]*$/i.test(s) && !s.includes('..');
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v;
}

/**
 * Strict validation of whatever `storage.managed.get()` returned (hostile or malformed on Firefox,
 * where nothing validates it). Never throws. Unknown keys are reported, not applied.
 */
export function validateManagedPolicy(raw: unknown): { policy: ManagedPolicy; problems: string[]; present: boolean } {
  const policy: ManagedPolicy = { publicKeys: [], lockedSettings: [], enabledSites: [] };
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { policy, problems, present: false };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { policy, problems: [`policy must be an object (got ${describe(raw)})`], present: false };
  }
  const obj = raw as Record<string, unknown>;
  let present = false;
  for (const key of Object.keys(obj)) {
    if (!(KNOWN as readonly string[]).includes(key)) problems.push(`${key.slice(0, 60)}: unknown policy key (ignored)`);
  }
  const has = (k: string) => Object.prototype.hasOwnProperty.call(obj, k) && obj[k] !== undefined;

  if (has('packUrl')) {
    present = true;
    const v = obj.packUrl;
    if (typeof v === 'string' && v.length <= 2048 && isHttpsUrl(v)) policy.packUrl = new URL(v).href;
    else if (v !== '') problems.push(`packUrl: must be an https:// URL (got ${describe(v)})`);
  }
  if (has('publicKeys')) {
    present = true;
    const v = obj.publicKeys;
    if (!Array.isArray(v) || v.length > 20) problems.push(`publicKeys: must be a list of at most 20 keys (got ${describe(v)})`);
    else {
      v.forEach((item, i) => {
        const parsed = typeof item === 'string' ? parseKeyEntry(item) : undefined;
        if (parsed) {
          if (!policy.publicKeys.some((k) => k.key === parsed.key)) policy.publicKeys.push(parsed);
        } else problems.push(`publicKeys/${i}: must be a base64 Ed25519 public key (32 bytes), optionally "keyId:key" (got ${describe(item)})`);
      });
    }
  }
  if (has('role')) {
    present = true;
    const v = obj.role;
    if (typeof v === 'string' && /^[a-z0-9][a-z0-9._-]{0,63}$/i.test(v)) policy.role = v;
    else problems.push(`role: must be a role id such as "agent" (got ${describe(v)})`);
  }
  if (has('lockedSettings')) {
    present = true;
    const v = obj.lockedSettings;
    if (!Array.isArray(v) || v.length > 20) problems.push(`lockedSettings: must be a list (got ${describe(v)})`);
    else {
      v.forEach((item, i) => {
        if (typeof item === 'string' && (LOCKABLE_SETTINGS as readonly string[]).includes(item)) {
          if (!policy.lockedSettings.includes(item as LockableSetting)) policy.lockedSettings.push(item as LockableSetting);
        } else problems.push(`lockedSettings/${i}: must be one of ${LOCKABLE_SETTINGS.join(', ')} (got ${describe(item)})`);
      });
    }
  }
  if (has('enabledSites')) {
    present = true;
    const v = obj.enabledSites;
    if (!Array.isArray(v) || v.length > 200) problems.push(`enabledSites: must be a list of at most 200 URL patterns (got ${describe(v)})`);
    else {
      v.forEach((item, i) => {
        if (typeof item === 'string' && item.length <= 500 && isSitePattern(item)) {
          if (!policy.enabledSites.includes(item)) policy.enabledSites.push(item);
        } else problems.push(`enabledSites/${i}: must be an https:// URL pattern such as "https://help.example.com/*" (got ${describe(item)})`);
      });
    }
  }
  if (has('updateIntervalMinutes')) {
    present = true;
    const v = obj.updateIntervalMinutes;
    if (typeof v === 'number' && Number.isInteger(v) && v >= MIN_UPDATE_MINUTES && v <= MAX_UPDATE_MINUTES) policy.updateIntervalMinutes = v;
    else problems.push(`updateIntervalMinutes: must be a whole number from ${MIN_UPDATE_MINUTES} to ${MAX_UPDATE_MINUTES} (got ${describe(v)})`);
  }
  if (has('insights')) {
    present = true;
    const v = obj.insights;
    if (typeof v === 'boolean') policy.insights = v;
    else problems.push(`insights: must be true or false (got ${describe(v)})`);
  }
  if (policy.insights !== undefined && !policy.lockedSettings.includes('insights')) policy.lockedSettings.push('insights');
  // A role set by policy is locked by definition: the admin chose it for this device.
  if (policy.role && !policy.lockedSettings.includes('role')) policy.lockedSettings.push('role');
  // A pack URL set by policy cannot be overridden from the options page.
  if (policy.packUrl && !policy.lockedSettings.includes('packUrl')) policy.lockedSettings.push('packUrl');
  return { policy, problems, present };
}

/** "BASE64" or "keyId:BASE64". */
export function parseKeyEntry(entry: string): TrustedKey | undefined {
  const s = entry.trim();
  if (s.length > 200) return undefined;
  const m = /^(?:([A-Za-z0-9._-]{1,64}):)?([A-Za-z0-9+/_-]{42,44}={0,2})$/.exec(s);
  if (!m) return undefined;
  if (base64Decode(m[2]!)?.length !== 32) return undefined;
  return m[1] ? { id: m[1], key: m[2]! } : { key: m[2]! };
}

export interface ManagedArea {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
}

/** Read and validate the managed policy. Never throws (see the module comment for why). */
export async function readManagedPolicy(area: ManagedArea | undefined): Promise<PolicyRead> {
  if (!area || typeof area.get !== 'function') {
    return { policy: { ...EMPTY_POLICY }, problems: [], present: false, readError: 'storage.managed is not available in this browser' };
  }
  let raw: unknown;
  try {
    raw = await area.get(null);
  } catch (error) {
    // Firefox: "Managed storage manifest not found" when no policy is provisioned.
    return { policy: { ...EMPTY_POLICY, publicKeys: [], lockedSettings: [], enabledSites: [] }, problems: [], present: false, readError: String((error as Error)?.message ?? error).slice(0, 300) };
  }
  return validateManagedPolicy(raw);
}

/**
 * A cached reader for the background: policy is read once per service-worker life and re-read when
 * Chrome/Edge report a change (`storage.onChanged` with area "managed"; Firefox never fires it —
 * a browser restart applies new Firefox policies).
 */
export function createPolicySource(area: () => ManagedArea | undefined): { read(): Promise<PolicyRead>; invalidate(): void } {
  let cached: Promise<PolicyRead> | undefined;
  return {
    read() {
      cached ??= readManagedPolicy(area());
      return cached;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
