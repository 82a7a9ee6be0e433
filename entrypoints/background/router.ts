/**
 * Message router: validates every request (guidance/protocol.ts), refuses privileged requests from
 * anything but the extension's own pages, and never lets an exception escape into the runtime.
 */
import {
  PRIVILEGED,
  isExtensionPageSender,
  parseRequest,
  envelope,
  type Envelope,
  type MessageType,
  type Reply,
  type SenderInfo,
  type StatusResult,
} from '@/guidance/protocol';
import { Engine, packMeta } from './engine';
import { readSettings, writeSettings } from './settings';
import { EMPTY_POLICY, type PolicyRead } from './policy';
import type { PackAdmin } from './admin';
import { sweepStaged, takeStaged, type StagedFile } from '@/entrypoints/lib/staging';
import { browserInsights, type InsightsRecorder } from './insights';

export interface RouterOptions {
  extensionId: string;
  baseUrl: string;
  /** Pack sources, updates, history (admin/* messages and pack/import). */
  admin: PackAdmin;
  /** Enterprise policy (cached reader). */
  policy: () => Promise<PolicyRead>;
  /** Local insights (default: counts in browser.storage.local). */
  insights?: InsightsRecorder;
  /** Staged 'pack/import' files (default: entrypoints/lib/staging.ts in this origin's IndexedDB). */
  staging?: { take(id: string): Promise<StagedFile>; sweep(): Promise<void> };
  /** The command palette's browser shortcut, if the agent (or the default) set one. */
  paletteShortcut?: () => Promise<string | undefined>;
}

export function createRouter(engine: Engine, opts: RouterOptions) {
  const { admin } = opts;
  const policy = async () => {
    try {
      return (await opts.policy()).policy;
    } catch {
      return EMPTY_POLICY;
    }
  };

  const insights =
    opts.insights ??
    browserInsights({
      settings: async () => {
        const p = await policy();
        return { enabled: (await readSettings(p)).insights !== false, locked: p.lockedSettings.includes('insights') };
      },
      pack: async () => (await engine.load()).pack,
    });
  /** Counting never delays or breaks an answer. */
  const count = (p: Promise<unknown>) => void p.catch(() => undefined);
  // Staged import files (entrypoints/lib/staging.ts): none may outlive their 10 minutes.
  const staging = opts.staging ?? { take: takeStaged, sweep: sweepStaged };
  count(staging.sweep());

  async function status(): Promise<StatusResult> {
    const p = await policy();
    const settings = await readSettings(p);
    const lastError = await admin.lastError();
    const paletteShortcut = (await opts.paletteShortcut?.().catch(() => undefined)) || undefined;
    try {
      const l = await engine.load();
      const role = engine.roleOf(l.pack, settings);
      return {
        pack: packMeta(l.stored),
        roles: l.pack.roles.map((r) => ({ id: r.id, label: r.label })),
        settings: { ...settings, role: role.id },
        lockedSettings: p.lockedSettings,
        lastError,
        ...(paletteShortcut ? { paletteShortcut } : {}),
      };
    } catch (error) {
      return { pack: null, roles: [], settings, lockedSettings: p.lockedSettings, ...(paletteShortcut ? { paletteShortcut } : {}), lastError: lastError ?? { at: new Date().toISOString(), message: String((error as Error).message ?? error) } };
    }
  }

  async function handle(env: Envelope, sender: SenderInfo, extensionPage: boolean): Promise<unknown> {
    const settings = await readSettings(await policy());
    switch (env.type as MessageType) {
      case 'tickets/suggest': {
        const p = env.payload as Envelope<'tickets/suggest'>['payload'];
        const result = await engine.suggestFor(p.context, settings, p.draft);
        if (Array.isArray(result?.decisions)) count(insights.recordTicketDecisions(p.context.ticketId, result.decisions));
        return result;
      }
      case 'tickets/draft': {
        const p = env.payload as Envelope<'tickets/draft'>['payload'];
        const result = await engine.draftFor(p.context, p.draft, p.replyMode, settings);
        if (Array.isArray(result?.findings)) count(insights.recordDraftFindings(p.context.ticketId, result.findings));
        return result;
      }
      case 'pack/search': {
        const p = env.payload as Envelope<'pack/search'>['payload'];
        return engine.search(p.query, p.limit, { context: p.context, kinds: p.kinds, settings });
      }
      case 'status/get':
        return status();
      case 'limits/decide': {
        const d = await engine.decideFor(env.payload as Envelope<'limits/decide'>['payload'], settings);
        // Only the extension's own Can-I page counts (a helpdesk page could ask in a loop).
        if (extensionPage && d?.action) insights.recordCanI(`${sender.url ?? ''}#${String((sender.tab as { id?: unknown } | undefined)?.id ?? '')}`, d);
        return d;
      }
      case 'insights/record':
        // Awaited so the work belongs to this message; the answer never says whether it counted.
        await insights.recordFromPage(env.payload as Envelope<'insights/record'>['payload']).catch(() => undefined);
        return null;
      case 'insights/get':
        return insights.view((env.payload as Envelope<'insights/get'>['payload'] | undefined)?.days);
      case 'insights/export': {
        const p = env.payload as Envelope<'insights/export'>['payload'];
        return insights.export(p.format, p.days);
      }
      case 'insights/clear':
        await insights.clear();
        return insights.view();
      case 'pack/import': {
        const p = env.payload as Envelope<'pack/import'>['payload'];
        let file: StagedFile;
        if ('staged' in p) {
          // An extension page wrote the file into the staging database: take it (read and delete),
          // then apply the same checks as to a message carrying the text.
          file = await staging.take(p.staged);
          const checked = parseRequest(envelope('pack/import', file));
          if (!checked.ok) throw new Error(checked.error);
        } else {
          file = p;
          count(staging.sweep());
        }
        // Make sure the bundled pack is seeded first, so an import is compared with it.
        await engine.load().catch(() => undefined);
        return admin.importFile(file.text, file.filename, file.signature);
      }
      case 'settings/set': {
        await writeSettings(env.payload as Envelope<'settings/set'>['payload'], await policy());
        return status();
      }
      case 'admin/state':
        return admin.state(await status());
      case 'admin/update-now':
        await engine.load().catch(() => undefined);
        return admin.updateNow();
      case 'admin/set-pack-url': {
        await admin.setPackUrl((env.payload as Envelope<'admin/set-pack-url'>['payload']).url);
        return admin.state(await status());
      }
      case 'admin/rollback': {
        await admin.rollback((env.payload as Envelope<'admin/rollback'>['payload']).key);
        return admin.state(await status());
      }
      case 'admin/diff': {
        const p = env.payload as Envelope<'admin/diff'>['payload'];
        return admin.diff(p.from, p.to);
      }
      case 'admin/whatif':
        return admin.whatIf(env.payload as Envelope<'admin/whatif'>['payload']);
    }
  }

  return async function route(message: unknown, sender: SenderInfo): Promise<Reply<MessageType>> {
    try {
      const parsed = parseRequest(message);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const { envelope } = parsed;
      const extensionPage = isExtensionPageSender(sender, opts.extensionId, opts.baseUrl);
      if (PRIVILEGED.has(envelope.type) && !extensionPage) {
        return { ok: false, error: `${envelope.type} is only accepted from Tactline's own pages` };
      }
      return { ok: true, data: (await handle(envelope, sender, extensionPage)) as never };
    } catch (error) {
      return { ok: false, error: String((error as Error)?.message ?? error) };
    }
  };
}
