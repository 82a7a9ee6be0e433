/**
 * Message router: validates every request (guidance/protocol.ts), refuses privileged requests from
 * anything but the extension's own pages, and never lets an exception escape into the runtime.
 */
import {
  PRIVILEGED,
  isExtensionPageSender,
  parseRequest,
  type Envelope,
  type MessageType,
  type Reply,
  type SenderInfo,
  type StatusResult,
} from '@/guidance/protocol';
import { Engine, packMeta, preparePack } from './engine';
import { readSettings, writeSettings } from './settings';
import { parsePackText } from '@/guidance/pack/load';

export interface RouterOptions {
  extensionId: string;
  baseUrl: string;
}

let lastError: StatusResult['lastError'];

export function createRouter(engine: Engine, opts: RouterOptions) {
  async function status(): Promise<StatusResult> {
    const settings = await readSettings();
    try {
      const l = await engine.load();
      const role = engine.roleOf(l.pack, settings);
      return {
        pack: packMeta(l.stored),
        roles: l.pack.roles.map((r) => ({ id: r.id, label: r.label })),
        settings: { ...settings, role: role.id },
        lockedSettings: [],
        lastError,
      };
    } catch (error) {
      return { pack: null, roles: [], settings, lockedSettings: [], lastError: { at: new Date().toISOString(), message: String((error as Error).message ?? error) } };
    }
  }

  async function handle(env: Envelope): Promise<unknown> {
    const settings = await readSettings();
    switch (env.type as MessageType) {
      case 'tickets/suggest': {
        const p = env.payload as Envelope<'tickets/suggest'>['payload'];
        return engine.suggestFor(p.context, settings, p.draft);
      }
      case 'tickets/draft': {
        const p = env.payload as Envelope<'tickets/draft'>['payload'];
        return engine.draftFor(p.context, p.draft, p.replyMode, settings);
      }
      case 'pack/search': {
        const p = env.payload as Envelope<'pack/search'>['payload'];
        return engine.search(p.query, p.limit);
      }
      case 'status/get':
        return status();
      case 'limits/decide':
        return engine.decideFor(env.payload as Envelope<'limits/decide'>['payload'], settings);
      case 'pack/import': {
        const p = env.payload as Envelope<'pack/import'>['payload'];
        try {
          const current = (await engine.load()).pack;
          const parsed = parsePackText(p.text, p.filename);
          const stored = preparePack(parsed, 'file');
          if (stored.pack.id === current.id && stored.pack.version <= current.version) {
            return { ok: false, errors: [`/version: must be greater than the active version ${current.version} of "${current.id}" (got ${stored.pack.version})`] };
          }
          await engine.store.install(stored);
          engine.invalidate();
          return { ok: true, pack: packMeta(stored), errors: [] };
        } catch (error) {
          const message = String((error as Error).message ?? error);
          lastError = { at: new Date().toISOString(), message: `Pack import rejected: ${message.split('\n')[0]}` };
          return { ok: false, errors: message.split('\n') };
        }
      }
      case 'settings/set': {
        await writeSettings(env.payload as Envelope<'settings/set'>['payload']);
        return status();
      }
    }
  }

  return async function route(message: unknown, sender: SenderInfo): Promise<Reply<MessageType>> {
    try {
      const parsed = parseRequest(message);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const { envelope } = parsed;
      if (PRIVILEGED.has(envelope.type) && !isExtensionPageSender(sender, opts.extensionId, opts.baseUrl)) {
        return { ok: false, error: `${envelope.type} is only accepted from Tactline's own pages` };
      }
      return { ok: true, data: (await handle(envelope)) as never };
    } catch (error) {
      return { ok: false, error: String((error as Error)?.message ?? error) };
    }
  };
}
