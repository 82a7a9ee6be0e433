import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

import { SUPPORTED_MATCHES } from './entrypoints/lib/hosts';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'scripting', 'alarms'],
    // The command palette in the reply editor; agents can change the keys in the browser's shortcut settings.
    commands: {
      'open-palette': {
        suggested_key: { default: 'Ctrl+Shift+Period', mac: 'Command+Shift+Period' },
        description: '__MSG_cmdPalette__',
      },
    },
    // Enterprise policy (Chrome/Edge validate managed values against this schema; Firefox ignores it).
    storage: { managed_schema: 'managed_schema.json' },
    host_permissions: SUPPORTED_MATCHES,
    // Custom domains (self-hosted helpdesks, company domains) are requested at runtime, per host.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
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
        // data_collection_permissions needs Firefox for Android 142+.
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  vite: () => ({ plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })] }),
  webExt: { disabled: true },
});
