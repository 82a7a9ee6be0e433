/**
 * Hosts whose ticket pages Tactline reads out of the box (manifest host_permissions and content
 * script matches). No DOM or browser imports here: wxt.config.ts reads this file at build time.
 * Custom domains are added at runtime through optional host permissions, never with <all_urls>.
 */
export const SUPPORTED_MATCHES: string[] = [
  'https://*.zendesk.com/*',
];
