/**
 * Custom domains: a company's own helpdesk host (self-hosted FreeScout/osTicket, a vanity domain, or
 * any page to read with the generic adapter). The options page requests the host permission from a
 * user gesture (optional_host_permissions), then asks the background to register the content script
 * for that host at runtime. Removing a domain unregisters the script and gives the permission back;
 * if the user revokes the permission in the browser, the registration is dropped too.
 */
import { browser } from 'wxt/browser';
import type { Platform } from '@/guidance/types';

export interface CustomDomain {
  host: string;
  adapter: Platform;
  /** 'user' = added in the options page; 'policy' = pre-set by the admin. */
  source: 'user' | 'policy';
}

const KEY = 'customDomains';
const SCRIPT_PREFIX = 'tactline-custom-';
const CONTENT_JS = 'content-scripts/content.js';

/** Host name check: a plain host ("help.example.org") or a one-level wildcard ("*.example.org"). */
export function normaliseHost(input: string): string | null {
  let h = input.trim().toLowerCase();
  h = h.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '').replace(/:\d+$/, '');
  if (!/^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(h)) {
    // allow single-label hosts such as "localhost" only without a wildcard
    if (!/^[a-z0-9-]{1,63}$/.test(h)) return null;
  }
  return h;
}

export function originPatterns(host: string): string[] {
  return [`https://${host}/*`, `http://${host}/*`];
}

export async function listDomains(): Promise<CustomDomain[]> {
  const raw = (await browser.storage.local.get(KEY))[KEY];
  return Array.isArray(raw) ? (raw as CustomDomain[]) : [];
}

async function saveDomains(list: CustomDomain[]): Promise<void> {
  await browser.storage.local.set({ [KEY]: list });
}

function scriptId(host: string): string {
  return SCRIPT_PREFIX + host.replace(/[^a-z0-9]/g, '_');
}

async function granted(host: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: originPatterns(host) });
  } catch {
    return false;
  }
}

/** (Re)register content scripts for every custom domain whose permission is granted. */
export async function syncRegistrations(): Promise<void> {
  const domains = await listDomains();
  const existing = await browser.scripting.getRegisteredContentScripts();
  const wanted = new Map<string, CustomDomain>();
  for (const d of domains) if (await granted(d.host)) wanted.set(scriptId(d.host), d);
  const stale = existing.filter((s) => s.id.startsWith(SCRIPT_PREFIX) && !wanted.has(s.id)).map((s) => s.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(existing.map((s) => s.id));
  const add = [...wanted.entries()].filter(([id]) => !have.has(id));
  if (add.length) {
    await browser.scripting.registerContentScripts(
      add.map(([id, d]) => ({ id, matches: originPatterns(d.host), js: [CONTENT_JS], runAt: 'document_idle' as const, persistAcrossSessions: true })),
    );
  }
}

export async function addDomain(hostInput: string, adapter: Platform, source: CustomDomain['source'] = 'user'): Promise<CustomDomain[]> {
  const host = normaliseHost(hostInput);
  if (!host) throw new Error(`"${hostInput}" is not a host name (example: help.example.org)`);
  if (!(await granted(host))) throw new Error(`Tactline was not allowed to read ${host}: grant the permission when the browser asks.`);
  const list = (await listDomains()).filter((d) => d.host !== host);
  list.push({ host, adapter, source });
  await saveDomains(list);
  await syncRegistrations();
  return list;
}

export async function removeDomain(host: string): Promise<CustomDomain[]> {
  const list = (await listDomains()).filter((d) => d.host !== host);
  await saveDomains(list);
  await syncRegistrations();
  try {
    await browser.permissions.remove({ origins: originPatterns(host) });
  } catch {
    /* permission may already be gone */
  }
  return list;
}

export function watchPermissionRemoval(): void {
  browser.permissions.onRemoved.addListener(() => void syncRegistrations().catch(() => undefined));
  browser.permissions.onAdded.addListener(() => void syncRegistrations().catch(() => undefined));
}
