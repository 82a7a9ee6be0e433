/**
 * Background service worker: owns the pack (IndexedDB, extension origin) and answers the typed
 * protocol. Stateless across restarts: everything is re-read lazily from storage.
 */
import { browser } from 'wxt/browser';
import { IdbStore } from './idb-store';
import { Engine } from './engine';
import { createRouter } from './router';

export default defineBackground(() => {
  const engine = new Engine(new IdbStore());
  const route = createRouter(engine, {
    extensionId: browser.runtime.id,
    baseUrl: browser.runtime.getURL('/'),
  });
  browser.runtime.onMessage.addListener((message: unknown, sender) => route(message, sender));
  // Warm the pack so the first ticket is answered quickly; errors are reported on first use.
  engine.load().catch(() => undefined);
});
