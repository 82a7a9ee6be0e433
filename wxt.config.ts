import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Hosts whose ticket pages Tactline reads out of the box. Custom domains are added at runtime
// through optional host permissions (options page), never with <all_urls>.
export const SUPPORTED_HOSTS = [
  'https://*.zendesk.com/*',
];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Tactline',
    description: 'Just-in-time guidance next to the reply box: empathy phrases, policies and your approval limits. Nothing leaves the browser.',
    permissions: ['storage'],
    host_permissions: SUPPORTED_HOSTS,
    content_security_policy: {
      extension_pages: "default-src 'self'; script-src 'self'; connect-src 'self' https:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'tactline@tactline.invalid',
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  vite: () => ({ plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })] }),
  webExt: { disabled: true },
});
