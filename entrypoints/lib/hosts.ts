/**
 * Hosts whose ticket pages Tactline reads out of the box (manifest host_permissions and content
 * script matches). No DOM or browser imports here: wxt.config.ts reads this file at build time.
 * Self-hosted helpdesks (FreeScout, osTicket) and company domains are added at runtime through
 * optional host permissions (options page → Sites), never with <all_urls>.
 * tests/unit/hosts.test.ts checks that every adapter's example URLs are covered.
 */
export const SUPPORTED_MATCHES: string[] = [
  'https://*.zendesk.com/*',
  'https://*.freshdesk.com/*',
  'https://*.lightning.force.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app.intercom.com/*',
  'https://app.eu.intercom.com/*',
  'https://secure.helpscout.net/*',
  'https://*.gorgias.com/*',
  'https://app.frontapp.com/*',
  'https://desk.zoho.com/*',
  'https://desk.zoho.eu/*',
  'https://desk.zoho.in/*',
  'https://desk.zoho.com.au/*',
  'https://desk.zoho.jp/*',
  'https://*.service-now.com/*',
  'https://*.atlassian.net/*',
  'https://*.freshservice.com/*',
  'https://mail.google.com/*',
];

/** Match-pattern test (scheme://host/path with * wildcards as in the manifest). */
export function matchesPattern(pattern: string, url: URL): boolean {
  const m = /^(https?|\*):\/\/(\*|\*\.[^/]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  if (scheme !== '*' && `${scheme}:` !== url.protocol) return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (url.hostname !== base && !url.hostname.endsWith(`.${base}`)) return false;
    } else if (url.hostname !== host) return false;
  }
  const re = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(url.pathname + url.search);
}
