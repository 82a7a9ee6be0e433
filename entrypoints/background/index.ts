/**
 * Background service worker: owns the pack (IndexedDB, extension origin) and answers the typed
 * protocol. Stateless across restarts: everything is re-read lazily from storage.
 *
 * Pack updates: the pack URL (enterprise policy, else the options page) is checked when the worker
 * starts and the last check is older than the interval, on browser start, and on the
 * `tactline-pack-update` alarm (every `updateIntervalMinutes`, default 30). After a failure a
 * one-shot `tactline-pack-retry` alarm retries with exponential back-off (updater.ts).
 */
import { browser } from 'wxt/browser';
import { IdbStore } from './idb-store';
import { Engine } from './engine';
import { createRouter } from './router';

/** manifest `commands` key of the command palette (wxt.config.ts). */
const PALETTE_COMMAND = 'open-palette';
import { PackAdmin } from './admin';
import { createPolicySource, type ManagedArea } from './policy';
import { readSettings } from './settings';
import { SUBSCRIPTION_KEY, type KeyValue, type SubscriptionState } from './updater';
import { syncRegistrations, watchPermissionRemoval } from '@/entrypoints/lib/domains';
import bundledPack from '@/guidance/packs/outdoor-retailer.json';

const UPDATE_ALARM = 'tactline-pack-update';
const RETRY_ALARM = 'tactline-pack-retry';

export default defineBackground(() => {
  const store = new IdbStore();
  const engine = new Engine(store);
  const policy = createPolicySource(() => (browser.storage as unknown as { managed?: ManagedArea }).managed);
  const kv: KeyValue = {
    async get<T>(key: string) {
      return (await browser.storage.local.get(key))[key] as T | undefined;
    },
    async set(key: string, value: unknown) {
      await browser.storage.local.set({ [key]: value });
    },
  };
  const admin = new PackAdmin({
    engine,
    store,
    kv,
    readPolicy: () => policy.read(),
    readSettings: async () => readSettings((await policy.read()).policy),
    badge: async ({ text, title, color }) => {
      const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
      if (!action) return;
      await action.setBadgeText({ text });
      if (color) await action.setBadgeBackgroundColor({ color });
      await action.setTitle({ title });
    },
  });
  const route = createRouter(engine, {
    extensionId: browser.runtime.id,
    baseUrl: browser.runtime.getURL('/'),
    admin,
    policy: () => policy.read(),
    paletteShortcut: async () => (await browser.commands?.getAll())?.find((c) => c.name === PALETTE_COMMAND)?.shortcut || undefined,
  });
  // The command palette's browser shortcut (configurable in the browser's shortcut settings): tell the
  // content script in the active tab to open it. Only the extension itself can send this.
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== PALETTE_COMMAND || tab?.id === undefined) return;
    void browser.tabs.sendMessage(tab.id, { tactline: 1, type: 'palette/open' }).catch(() => undefined);
  });
  browser.runtime.onMessage.addListener((message: unknown, sender) =>
    route(message, sender).then(async (reply) => {
      const type = (message as { type?: unknown } | null)?.type;
      if (type === 'admin/update-now' || type === 'admin/set-pack-url') await Promise.all([scheduleAlarm(), scheduleRetry()]).catch(() => undefined);
      return reply;
    }),
  );

  /** Keep the periodic alarm in line with the policy's interval. */
  async function scheduleAlarm(): Promise<void> {
    const sub = await admin.subscription();
    if (!sub.url) {
      await browser.alarms.clear(UPDATE_ALARM);
      return;
    }
    const existing = await browser.alarms.get(UPDATE_ALARM);
    if (!existing || existing.periodInMinutes !== sub.intervalMinutes) {
      browser.alarms.create(UPDATE_ALARM, { periodInMinutes: sub.intervalMinutes, delayInMinutes: sub.intervalMinutes });
    }
  }

  /** After a failed check, retry at the back-off time (when that is before the next periodic check). */
  async function scheduleRetry(): Promise<void> {
    const state = await kv.get<SubscriptionState>(SUBSCRIPTION_KEY);
    if (!state?.nextAttemptAt || state.failures === 0) {
      await browser.alarms.clear(RETRY_ALARM);
      return;
    }
    const when = Date.parse(state.nextAttemptAt);
    const existing = await browser.alarms.get(RETRY_ALARM);
    if (Number.isFinite(when) && existing?.scheduledTime !== when) browser.alarms.create(RETRY_ALARM, { when: Math.max(when, Date.now() + 30_000) });
  }

  async function checkAndSchedule(kind: 'due' | 'alarm'): Promise<void> {
    try {
      if (kind === 'alarm') await admin.check(false);
      else await admin.checkIfDue();
    } finally {
      await scheduleRetry().catch(() => undefined);
    }
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === UPDATE_ALARM || alarm.name === RETRY_ALARM) void checkAndSchedule('alarm').catch(() => undefined);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') {
      // Chrome/Edge: the admin changed the policy. Firefox never gets here (restart applies it).
      policy.invalidate();
      engine.invalidate();
      void scheduleAlarm().then(() => checkAndSchedule('due')).catch(() => undefined);
    } else if (area === 'local' && 'packUrl' in changes) {
      void scheduleAlarm().then(() => checkAndSchedule('due')).catch(() => undefined);
    }
  });
  // Browser start: check the pack URL now (the back-off after failures still applies).
  browser.runtime.onStartup?.addListener(() => void checkAndSchedule('alarm').catch(() => undefined));

  // Custom helpdesk domains (options → Sites): keep runtime content-script registrations in line
  // with the granted host permissions.
  watchPermissionRemoval();
  void syncRegistrations().catch(() => undefined);

  // Warm the pack so the first ticket is answered quickly; errors are reported on first use. Then
  // check the pack URL if the last check is older than the interval, and restore the badge.
  void engine
    .load()
    .catch(() => undefined)
    .then(() => admin.refreshBundled(bundledPack))
    .then(() => admin.refreshBadge())
    .then(() => scheduleAlarm())
    .then(() => checkAndSchedule('due'))
    .catch(() => undefined);
});
