/**
 * The admin side of the background: where packs come from (bundled → file import → pack URL →
 * enterprise policy), update checks, history and rollback, the update log with the toolbar badge,
 * the stale-content report and the what-if tester. The options page talks to this through the
 * privileged `admin/*` messages (router.ts).
 *
 * Browser APIs are injected (`AdminDeps`) so the whole flow runs in unit tests.
 */
import type {
  AdminState,
  DiffView,
  HistoryEntry,
  ImportResult,
  Settings,
  StaleItem,
  StatusResult,
  UpdateNowResult,
  WhatIfRequest,
  WhatIfResult,
} from '@/guidance/protocol';
import type { TicketContext, Platform, Channel } from '@/guidance/types';
import type { Pack } from '@/guidance/pack/types';
import type { Engine } from './engine';
import { packMeta } from './engine';
import {
  acceptPack,
  appendLog,
  checkSubscription,
  keyLabel,
  LOG_KEY,
  rejectionOf,
  SUBSCRIPTION_KEY,
  type CheckResult,
  type KeyValue,
  type LogEntry,
  type SubscriptionState,
  type UpdateStore,
} from './updater';
import { DEFAULT_UPDATE_MINUTES, type PolicyRead } from './policy';
import { assertHttpsUrl, type FetchPackOptions, type FetchPackResult } from './net';
import { diffPacks } from '@/guidance/pack/diff';

/** storage.local key of the pack URL an agent/admin typed in the options page (no policy URL). */
export const USER_URL_KEY = 'packUrl';

export interface BadgeState {
  text: string;
  title: string;
  color?: string;
}

export interface AdminDeps {
  engine: Engine;
  store: UpdateStore;
  kv: KeyValue;
  readPolicy: () => Promise<PolicyRead>;
  readSettings: () => Promise<Settings>;
  badge?: (state: BadgeState) => Promise<void> | void;
  fetch?: (opts: FetchPackOptions) => Promise<FetchPackResult>;
  now?: () => Date;
}

export interface SubscriptionConfig {
  url?: string;
  source: 'policy' | 'url';
  urlSource: 'policy' | 'user' | 'none';
  intervalMinutes: number;
}

const PLATFORMS: readonly string[] = [
  'zendesk', 'freshdesk', 'salesforce', 'hubspot', 'intercom', 'helpscout', 'gorgias', 'front', 'zoho',
  'servicenow', 'jira', 'freshservice', 'gmail', 'freescout', 'osticket', 'generic', 'demo',
];
const CHANNELS: readonly string[] = ['email', 'web', 'chat', 'phone', 'social', 'api', 'other'];

const DAY = 24 * 60 * 60 * 1000;

/** Expired policies, policies whose `verifiedAt` is older than the review interval, pack expiry. */
export function staleReport(pack: Pack, now: Date): StaleItem[] {
  const out: StaleItem[] = [];
  const t = now.getTime();
  if (pack.expiresAt) {
    const exp = Date.parse(pack.expiresAt);
    if (Number.isFinite(exp) && exp <= t) out.push({ kind: 'pack', id: pack.id, title: pack.name, severity: 'expired', reason: `The pack expired on ${pack.expiresAt}`, date: pack.expiresAt });
    else if (Number.isFinite(exp) && exp - t < 30 * DAY) out.push({ kind: 'pack', id: pack.id, title: pack.name, severity: 'expires-soon', reason: `The pack expires on ${pack.expiresAt}`, date: pack.expiresAt });
  }
  const interval = pack.reviewIntervalDays;
  for (const p of pack.policies) {
    if (p.expiresAt) {
      const exp = Date.parse(p.expiresAt);
      if (Number.isFinite(exp) && exp <= t) {
        out.push({ kind: 'policy', id: p.id, title: p.title, severity: 'expired', reason: `Expired on ${p.expiresAt}`, date: p.expiresAt });
        continue;
      }
      if (Number.isFinite(exp) && exp - t < 30 * DAY) out.push({ kind: 'policy', id: p.id, title: p.title, severity: 'expires-soon', reason: `Expires on ${p.expiresAt}`, date: p.expiresAt });
    }
    if (interval && p.verifiedAt) {
      const ver = Date.parse(p.verifiedAt);
      if (Number.isFinite(ver) && t - ver > interval * DAY) {
        const days = Math.floor((t - ver) / DAY);
        out.push({ kind: 'policy', id: p.id, title: p.title, severity: 'review-overdue', reason: `Last verified ${p.verifiedAt} (${days} days ago; review every ${interval} days)`, date: p.verifiedAt });
      }
    } else if (interval && !p.verifiedAt) {
      out.push({ kind: 'policy', id: p.id, title: p.title, severity: 'review-overdue', reason: `Never verified (no verifiedAt; review every ${interval} days)` });
    }
  }
  const rank = { expired: 0, 'review-overdue': 1, 'expires-soon': 2 } as const;
  return out.sort((a, b) => rank[a.severity] - rank[b.severity] || a.title.localeCompare(b.title));
}

export class PackAdmin {
  /** Checks, imports and rollbacks run one at a time (they read-modify-write the log and state). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AdminDeps) {}

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Which URL to check and how often. Trust roots (policy URL, keys) only come from policy. */
  async subscription(policyRead?: PolicyRead): Promise<SubscriptionConfig & { policy: PolicyRead }> {
    const policy = policyRead ?? (await this.deps.readPolicy());
    const intervalMinutes = policy.policy.updateIntervalMinutes ?? DEFAULT_UPDATE_MINUTES;
    if (policy.policy.packUrl) return { url: policy.policy.packUrl, source: 'policy', urlSource: 'policy', intervalMinutes, policy };
    if (policy.policy.lockedSettings.includes('packUrl')) return { source: 'url', urlSource: 'none', intervalMinutes, policy };
    const user = await this.deps.kv.get<string>(USER_URL_KEY);
    if (typeof user === 'string' && user) {
      try {
        return { url: assertHttpsUrl(user).href, source: 'url', urlSource: 'user', intervalMinutes, policy };
      } catch {
        /* a stored URL that is no longer acceptable is ignored */
      }
    }
    return { source: 'url', urlSource: 'none', intervalMinutes, policy };
  }

  /** Most recent failure that no later success has cleared, for the popup and the badge. */
  async lastError(): Promise<StatusResult['lastError']> {
    const log = (await this.deps.kv.get<LogEntry[]>(LOG_KEY)) ?? [];
    const latest = log[0];
    if (latest && (latest.outcome === 'rejected' || latest.outcome === 'failed')) {
      const what = latest.outcome === 'rejected' ? 'Pack update rejected' : 'Pack update failed';
      return { at: latest.at, message: `${what}: ${latest.message}` };
    }
    return undefined;
  }

  /** Badge: "!" while the latest update attempt failed; cleared by the next good one. */
  async refreshBadge(): Promise<void> {
    if (!this.deps.badge) return;
    const err = await this.lastError();
    await this.deps.badge(
      err
        ? { text: '!', title: `Tactline — ${err.message}. The working pack stays active. Open the options page for details.`, color: '#b3261e' }
        : { text: '', title: 'Tactline' },
    );
  }

  private async log(entry: LogEntry): Promise<void> {
    await appendLog(this.deps.kv, entry);
    await this.refreshBadge();
  }

  /** One check of the configured URL. `force` ignores the back-off ("Update now"). */
  check(force = false): Promise<CheckResult | { outcome: 'no-url'; message: string }> {
    return this.exclusive(() => this.checkLocked(force));
  }

  private async checkLocked(force: boolean): Promise<CheckResult | { outcome: 'no-url'; message: string }> {
    const sub = await this.subscription();
    if (!sub.url) return { outcome: 'no-url', message: 'No pack URL is configured: the bundled or imported pack stays active.' };
    const result = await checkSubscription(
      { store: this.deps.store, kv: this.deps.kv, fetch: this.deps.fetch, now: this.deps.now },
      { url: sub.url, source: sub.source, trustedKeys: sub.policy.policy.publicKeys, force },
    );
    if (result.outcome === 'installed') this.deps.engine.installed(result.stored, result.index);
    await this.refreshBadge();
    return result;
  }

  /** Run a check when the last one is older than the interval (service-worker start, browser start). */
  checkIfDue(): Promise<void> {
    return this.exclusive(async () => {
      const sub = await this.subscription();
      if (!sub.url) return;
      const state = await this.deps.kv.get<SubscriptionState>(SUBSCRIPTION_KEY);
      const last = state?.url === sub.url && state.lastCheckAt ? Date.parse(state.lastCheckAt) : 0;
      if (this.now().getTime() - last >= sub.intervalMinutes * 60_000) await this.checkLocked(false);
    });
  }

  async updateNow(): Promise<UpdateNowResult> {
    const r = await this.check(true);
    let message: string;
    let details: string[] = [];
    switch (r.outcome) {
      case 'installed':
        message = `Installed ${r.stored.pack.name} version ${r.stored.pack.version}.`;
        details = r.warnings;
        break;
      case 'unchanged':
        message = `Already up to date (version ${r.version}).`;
        break;
      case 'not-modified':
        message = 'Already up to date: the pack on the server has not changed.';
        break;
      case 'rejected':
        message = `${r.stage === 'download' ? 'Update failed' : 'Update rejected'}: ${r.message} The working pack stays active.`;
        details = r.details;
        break;
      default:
        message = r.message;
    }
    return { outcome: r.outcome, message, details, state: await this.state() };
  }

  /**
   * After an extension update ships a newer bundled pack: install it when the bundled pack is what
   * is active (never over a pack from a file, URL or policy). Shipped with the extension, so it is
   * trusted without a signature; the version floor and every other check still apply.
   */
  refreshBundled(bundled: unknown): Promise<'installed' | 'kept'> {
    return this.exclusive(async () => {
      const active = await this.deps.store.getActiveListing();
      const b = bundled as { id?: unknown; version?: unknown };
      if (!active || active.source !== 'bundled' || active.id !== b.id || typeof b.version !== 'number' || b.version <= active.version) return 'kept';
      try {
        const r = await acceptPack(this.deps.store, { bytes: new TextEncoder().encode(JSON.stringify(bundled)), source: 'bundled', filename: 'bundled.json', origin: 'bundled with the extension' }, { trustedKeys: [], now: this.deps.now });
        if (r.outcome !== 'installed') return 'kept';
        this.deps.engine.installed(r.stored, r.index);
        await this.log({ at: this.now().toISOString(), outcome: 'installed', source: 'bundled', packId: r.stored.pack.id, version: r.stored.pack.version, message: `Installed the bundled ${r.stored.pack.name} version ${r.stored.pack.version} that came with the extension update` });
        return 'installed';
      } catch (error) {
        const rej = rejectionOf(error);
        await this.log({ at: this.now().toISOString(), outcome: 'rejected', source: 'bundled', stage: rej.stage, message: rej.message, details: rej.details });
        return 'kept';
      }
    });
  }

  /** File import from the options page: the same pipeline as downloads. */
  importFile(text: string, filename?: string, signature?: string): Promise<ImportResult> {
    return this.exclusive(() => this.importLocked(text, filename, signature));
  }

  private async importLocked(text: string, filename?: string, signature?: string): Promise<ImportResult> {
    const policy = await this.deps.readPolicy();
    try {
      const r = await acceptPack(
        this.deps.store,
        { text, source: 'file', filename, signature, origin: filename ?? 'imported file' },
        { trustedKeys: policy.policy.publicKeys, now: this.deps.now },
      );
      const p = r.stored.pack;
      if (r.outcome === 'installed') this.deps.engine.installed(r.stored, r.index);
      await this.log({
        at: this.now().toISOString(),
        outcome: r.outcome,
        source: 'file',
        origin: filename,
        packId: p.id,
        version: p.version,
        message: r.outcome === 'installed' ? `Imported ${p.name} version ${p.version} from ${filename ?? 'a file'}` : `${filename ?? 'The file'} is the pack already stored (version ${p.version})`,
        details: r.outcome === 'installed' ? r.warnings : undefined,
      });
      return { ok: true, pack: packMeta(r.stored), errors: [], warnings: r.outcome === 'installed' ? r.warnings : [], unchanged: r.outcome === 'unchanged' };
    } catch (error) {
      const rej = rejectionOf(error);
      await this.log({ at: this.now().toISOString(), outcome: 'rejected', source: 'file', origin: filename, stage: rej.stage, message: rej.message, details: rej.details });
      return { ok: false, errors: rej.details.length ? rej.details : [rej.message], stage: rej.stage };
    }
  }

  /** Options page: set or clear the pack URL. Refused when policy fixes it. */
  async setPackUrl(url: string): Promise<void> {
    const policy = await this.deps.readPolicy();
    if (policy.policy.packUrl || policy.policy.lockedSettings.includes('packUrl')) {
      throw new Error('The pack URL is set by your organisation’s policy and cannot be changed here');
    }
    const trimmed = url.trim();
    if (!trimmed) {
      await this.deps.kv.set(USER_URL_KEY, '');
      return;
    }
    const u = assertHttpsUrl(trimmed);
    await this.deps.kv.set(USER_URL_KEY, u.href);
  }

  /** Rollback: re-activate a stored version. The version floor stays (see idb-store.ts). */
  rollback(key: string): Promise<void> {
    return this.exclusive(() => this.rollbackLocked(key));
  }

  private async rollbackLocked(key: string): Promise<void> {
    const target = await this.deps.store.getListing(key);
    if (!target) throw new Error(`Version ${key} is no longer stored`);
    const before = await this.deps.store.getActiveListing();
    await this.deps.store.activate(key);
    this.deps.engine.invalidate();
    await this.log({
      at: this.now().toISOString(),
      outcome: 'rolled-back',
      source: 'rollback',
      packId: target.id,
      version: target.version,
      message: `Rolled back to ${target.name} version ${target.version}${before ? ` (from version ${before.version})` : ''}. Automatic updates resume with the next version above ${await this.deps.store.getFloor(target.id)}.`,
    });
  }

  async diff(fromKey: string, toKey: string): Promise<DiffView> {
    const [a, b] = await Promise.all([this.deps.store.get(fromKey), this.deps.store.get(toKey)]);
    if (!a) throw new Error(`Version ${fromKey} is not stored`);
    if (!b) throw new Error(`Version ${toKey} is not stored`);
    const ref = (x: typeof a) => ({ key: x.key, name: x.pack.name, version: x.pack.version, installedAt: x.installedAt });
    return { from: ref(a), to: ref(b), diff: diffPacks(a.pack, b.pack) };
  }

  async whatIf(req: WhatIfRequest): Promise<WhatIfResult> {
    const settings = await this.deps.readSettings();
    const effective: Settings = { ...settings, role: req.role || settings.role };
    const text = req.text;
    const platform = (PLATFORMS.includes(req.platform ?? '') ? req.platform : 'demo') as Platform;
    const context: TicketContext = {
      platform,
      ticketId: 'what-if',
      subject: req.subject ?? '',
      messages: [{ role: 'customer', text, author: req.customerName }],
      latestCustomerMessage: text,
      requester: { name: req.customerName || undefined, email: req.customerEmail || undefined },
      tags: [],
      channel: CHANNELS.includes(req.channel ?? '') ? (req.channel as Channel) : undefined,
      replyMode: req.replyMode ?? 'public',
      agentName: settings.agentName || undefined,
      referenceDate: this.now().toISOString(),
    };
    const suggest = await this.deps.engine.suggestFor(context, effective, req.draft || undefined);
    const draft = req.draft ? await this.deps.engine.draftFor(context, req.draft, context.replyMode, effective) : undefined;
    return { suggest, draft };
  }

  async history(): Promise<HistoryEntry[]> {
    const [list, active] = await Promise.all([this.deps.store.list(), this.deps.store.getActiveListing()]);
    return list.map((p) => ({
      key: p.key,
      id: p.id,
      name: p.name,
      version: p.version,
      source: p.source,
      installedAt: p.installedAt,
      signedBy: p.signedBy,
      publishedAt: p.publishedAt,
      expiresAt: p.expiresAt,
      active: p.key === active?.key,
    }));
  }

  async state(status?: StatusResult): Promise<AdminState> {
    const sub = await this.subscription();
    const policy = sub.policy;
    const base = status ?? (await this.baseStatus(policy));
    const [history, log, subState] = await Promise.all([
      this.history(),
      this.deps.kv.get<LogEntry[]>(LOG_KEY),
      this.deps.kv.get<SubscriptionState>(SUBSCRIPTION_KEY),
    ]);
    // The engine holds the active pack (already loaded for the status above): no second read.
    const active = await this.deps.engine
      .load()
      .then((l) => l.stored)
      .catch(() => this.deps.store.getActive());
    const st = subState && subState.url === sub.url ? subState : undefined;
    const keyLabels = await Promise.all(policy.policy.publicKeys.map((k) => keyLabel(k).catch(() => k.id ?? 'invalid key')));
    return {
      ...base,
      subscription: {
        url: sub.url,
        urlSource: sub.urlSource,
        urlLocked: !!policy.policy.packUrl || policy.policy.lockedSettings.includes('packUrl'),
        signatureRequired: policy.policy.publicKeys.length > 0,
        trustedKeys: keyLabels,
        intervalMinutes: sub.intervalMinutes,
        lastCheckAt: st?.lastCheckAt,
        lastSuccessAt: st?.lastSuccessAt,
        nextAttemptAt: st?.nextAttemptAt,
        failures: st?.failures ?? 0,
      },
      policy: {
        present: policy.present,
        problems: policy.problems,
        readError: policy.readError,
        packUrl: policy.policy.packUrl,
        publicKeys: keyLabels,
        role: policy.policy.role,
        lockedSettings: policy.policy.lockedSettings,
        enabledSites: policy.policy.enabledSites,
        updateIntervalMinutes: policy.policy.updateIntervalMinutes,
      },
      history,
      log: log ?? [],
      stale: active ? staleReport(active.pack, this.now()) : [],
      reviewIntervalDays: active?.pack.reviewIntervalDays,
    };
  }

  /** StatusResult as the popup sees it (router.ts builds the same through `status()`). */
  private async baseStatus(policy: PolicyRead): Promise<StatusResult> {
    const settings = await this.deps.readSettings();
    const lastError = await this.lastError();
    try {
      const l = await this.deps.engine.load();
      const role = this.deps.engine.roleOf(l.pack, settings);
      return {
        pack: packMeta(l.stored),
        roles: l.pack.roles.map((r) => ({ id: r.id, label: r.label })),
        settings: { ...settings, role: role.id },
        lockedSettings: policy.policy.lockedSettings,
        lastError,
      };
    } catch (error) {
      return { pack: null, roles: [], settings, lockedSettings: policy.policy.lockedSettings, lastError: lastError ?? { at: this.now().toISOString(), message: String((error as Error)?.message ?? error) } };
    }
  }
}
