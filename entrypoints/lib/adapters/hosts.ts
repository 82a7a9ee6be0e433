/**
 * Match patterns for the hosts of the built-in (hosted) adapters, for the manifest's `host_permissions`
 * and the content script's `matches`. Kept beside the adapters so a new adapter cannot be forgotten:
 * tests/unit/adapters/urls.test.ts checks that every example URL of every hosted adapter is covered.
 * Self-hosted helpdesks and the generic fallback run only on domains the user adds at runtime
 * (optional host permissions), so they have no pattern here. No dependencies: safe to import from
 * wxt.config.ts.
 */
export const ADAPTER_HOST_PATTERNS: readonly string[] = [
  'https://*.zendesk.com/*', // zendesk
  'https://*.freshdesk.com/*', // freshdesk
  'https://*.lightning.force.com/*', // salesforce (Lightning console)
  'https://secure.helpscout.net/*', // helpscout
  'https://*.atlassian.net/*', // jira (Service Management)
  'https://mail.google.com/*', // gmail
  'https://desk.zoho.com/*', 'https://desk.zoho.eu/*', 'https://desk.zoho.in/*', 'https://desk.zoho.com.au/*',
  'https://desk.zoho.jp/*', 'https://desk.zoho.com.cn/*', 'https://desk.zoho.ca/*', 'https://desk.zoho.sa/*',
  'https://desk.zoho.uk/*', // zoho
  'https://*.service-now.com/*', // servicenow (content script also needs all_frames for iframe#gsft_main)
  'https://app.intercom.com/*', // intercom
  'https://app.hubspot.com/*', // hubspot
  'https://*.gorgias.com/*', // gorgias
  'https://app.frontapp.com/*', // front
  'https://*.freshservice.com/*', // freshservice
];

/** Does a match pattern of the form `https://[*.]host/*` cover this URL? (The subset used above.) */
export function patternCovers(pattern: string, url: URL): boolean {
  const m = /^(https?):\/\/(\*\.)?([^/*]+)\/\*$/.exec(pattern);
  if (!m || `${m[1]}:` !== url.protocol) return false;
  const host = m[3]!;
  return m[2] ? url.hostname === host || url.hostname.endsWith(`.${host}`) : url.hostname === host;
}
