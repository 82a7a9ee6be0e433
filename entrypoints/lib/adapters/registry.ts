/**
 * The ordered list of site adapters and the URL → adapter lookup.
 *
 * Order: specific hosted helpdesks first (each owns its own host, so their order among themselves does
 * not change any result — tests/unit/adapters/urls.test.ts proves no adapter claims another's example
 * URLs), roughly by how many agents use them, so the common case is found after few checks. Self-hosted
 * helpdesks (FreeScout, osTicket) and the generic fallback are NOT in this list: they never claim a URL
 * by themselves; they run only where the user enabled them (custom domain mapped to them).
 */
import type { Platform } from '../../../guidance/types';
import { generic } from './generic';
import type { SiteAdapter } from './types';
import { zendesk } from './zendesk';
import { freshdesk } from './freshdesk';
import { salesforce } from './salesforce';
import { helpscout } from './helpscout';
import { jira } from './jira';
import { gmail } from './gmail';
import { zoho } from './zoho';
import { servicenow } from './servicenow';
import { intercom } from './intercom';
import { hubspot } from './hubspot';
import { gorgias } from './gorgias';
import { front } from './front';
import { freshservice } from './freshservice';
import { freescout } from './freescout';
import { osticket } from './osticket';

export const adapters: SiteAdapter[] = [
  zendesk,
  freshdesk,
  salesforce,
  helpscout,
  jira,
  gmail,
  zoho,
  servicenow,
  intercom,
  hubspot,
  gorgias,
  front,
  freshservice,
];

/**
 * Self-hosted helpdesks: no host to recognise, so they never claim a URL by themselves; they run only
 * on domains the user mapped to them (their `matchesUrl` checks the path alone).
 */
export const selfHostedAdapters: SiteAdapter[] = [freescout, osticket];

/** Every adapter including self-hosted ones and the generic fallback, for tests and the options page. */
export const allAdapters: SiteAdapter[] = [...adapters, ...selfHostedAdapters, generic];

/**
 * Path check for a helpdesk served on a company's own domain (e.g. a host-mapped Zendesk): the
 * adapter's own URL rule applied to the same path, query and hash on the host of its first example.
 * Self-hosted adapters and the generic fallback already check the path alone.
 */
function pathCheck(base: SiteAdapter): (url: URL) => boolean {
  const sample = base.examples.match[0];
  if (!sample) return () => false;
  const origin = new URL(sample).origin;
  return (url) => base.matchesUrl(new URL(`${url.pathname}${url.search}${url.hash}`, origin));
}

export interface CustomDomain {
  /** "support.acme.com" (exact host) or "*.acme.com" (the domain and its subdomains). */
  host: string;
  adapter: Platform;
}

/** Does a custom-domain entry cover this URL's host? Exact, or suffix for "*."-entries; never `includes`. */
export function customDomainMatches(url: URL, host: string): boolean {
  const entry = host.trim().toLowerCase().replace(/\.$/, '');
  if (!entry) return false;
  const h = url.hostname.replace(/\.$/, '');
  if (entry.startsWith('*.')) {
    const base = entry.slice(2);
    return base.length > 0 && (h === base || h.endsWith(`.${base}`));
  }
  return h === entry;
}

export function adapterById(id: Platform): SiteAdapter | null {
  return allAdapters.find((a) => a.id === id) ?? null;
}

/**
 * The adapter for a page: a built-in adapter that claims the URL, else the adapter the user chose for
 * this custom domain (returned as a copy whose `matchesUrl` checks that domain and the adapter's ticket
 * path), else null (Tactline stays quiet).
 */
export function adapterFor(
  url: URL,
  opts?: { customDomains?: Array<{ host: string; adapter: Platform }> },
): SiteAdapter | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  for (const adapter of adapters) if (adapter.matchesUrl(url)) return adapter;
  for (const entry of opts?.customDomains ?? []) {
    if (!customDomainMatches(url, entry.host)) continue;
    const base = adapterById(entry.adapter);
    if (!base) continue;
    const pathOk = pathCheck(base);
    if (!pathOk(url)) continue;
    const host = entry.host;
    const custom: SiteAdapter = {
      ...base,
      matchesUrl: (u: URL) => (u.protocol === 'https:' || u.protocol === 'http:') && customDomainMatches(u, host) && pathOk(u),
    };
    return custom;
  }
  return null;
}
