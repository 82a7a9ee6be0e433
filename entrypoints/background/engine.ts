/**
 * The background's view of the guidance core: holds the active pack and its index for the life of
 * the service worker (reloaded lazily from IndexedDB after every restart — no state survives in
 * globals that matters) and answers the read-only protocol requests.
 */
import type { Pack } from '@/guidance/pack/types';
import type { GuidanceStore, StoredPack } from '@/guidance/store';
import type { Signals, TicketContext } from '@/guidance/types';
import type {
  DecisionView,
  DecideRequest,
  DraftResult,
  PackMeta,
  PhraseView,
  SearchHitView,
  Settings,
  SuggestResult,
} from '@/guidance/protocol';
import { validatePack } from '@/guidance/pack/validate';
import { buildIndex, indexRecord, loadIndex, type PackIndex } from '@/guidance/index/build';
import { analyze } from '@/guidance/analyze';
import { suggest } from '@/guidance/suggest';
import { createPackSearch } from '@/guidance/search';
import { decide, type Decision } from '@/guidance/limits/decide';
import { decisionsForSignals, type DecisionLine } from '@/guidance/limits/lines';
import { approvalRequest } from '@/guidance/limits/approval';
import { compileAvoidRules, lintDraft } from '@/guidance/tone/lint';
import { checkLeaks } from '@/guidance/tone/leak';
import { fillPlaceholders, placeholderValues } from '@/guidance/placeholders';
import { extractAmounts } from '@/guidance/understand/amounts';
import bundledPack from '@/guidance/packs/outdoor-retailer.json';

/** At most this many distinct amounts get a limit line (a pasted invoice must not flood the sidebar). */
const MAX_AMOUNT_LINES = 6;

function distinctAmounts<T extends { value: number; currency?: string }>(amounts: T[], max = MAX_AMOUNT_LINES): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const a of amounts) {
    const k = `${a.value}|${a.currency ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(a);
    if (out.length >= max) break;
  }
  return out;
}

export interface Loaded {
  stored: StoredPack;
  pack: Pack;
  index: PackIndex;
  /** Avoid rules compiled on first use (only draft checks need them). */
  lint(): ReturnType<typeof compileAvoidRules>;
  search?: ReturnType<typeof createPackSearch>;
  /** `phrase:id` / `policy:id` → intents (palette ranking), built on first use. */
  hitIntents?: Map<string, string[]>;
  /** The last ticket's signals: drafts re-check often while the ticket itself stays the same. */
  lastSignals?: { key: string; signals: Signals };
}

export function packMeta(stored: StoredPack): PackMeta {
  const p = stored.pack;
  return {
    id: p.id,
    name: p.name,
    version: p.version,
    source: stored.source,
    installedAt: stored.installedAt,
    signedBy: stored.signedBy,
    counts: {
      intents: p.intents.length,
      phrases: p.phrases.length,
      policies: p.policies.length,
      limits: p.limits.length,
      avoid: p.avoid.length,
      scenarios: p.scenarios.length,
    },
  };
}

/** The engine's view of a stored pack and its live index. */
function loadedOf(stored: StoredPack, index: PackIndex): Loaded {
  let lint: ReturnType<typeof compileAvoidRules> | undefined;
  return { stored, pack: stored.pack, index, lint: () => (lint ??= compileAvoidRules(stored.pack.avoid)) };
}

/** Validate, index and wrap a pack for storage. Throws with one line per problem when invalid. */
export function preparePack(input: unknown, source: StoredPack['source'], signedBy?: string): StoredPack {
  return preparePackIndexed(input, source, signedBy).stored;
}

function preparePackIndexed(input: unknown, source: StoredPack['source'], signedBy?: string): { stored: StoredPack; index: PackIndex } {
  const result = validatePack(input);
  if (!result.ok) {
    const error = new Error(result.errors.map((e) => `${e.path || '/'}: ${e.message}`).join('\n'));
    error.name = 'PackInvalid';
    throw error;
  }
  const pack = result.pack;
  const index = buildIndex(pack);
  const stored: StoredPack = {
    key: `${pack.id}@${pack.version}`,
    pack,
    index: indexRecord(index),
    source,
    installedAt: new Date().toISOString(),
    signedBy,
  };
  return { stored, index };
}

export class Engine {
  private loaded?: Promise<Loaded>;

  constructor(readonly store: GuidanceStore) {}

  /** Forget the cached pack (after an install or rollback). */
  invalidate(): void {
    this.loaded = undefined;
  }

  /**
   * A pack was just installed and is active: keep it with the index built for it, so the next
   * request needs no IndexedDB read (the same objects were written in the install transaction).
   */
  installed(stored: StoredPack, index?: PackIndex): void {
    if (!index) return this.invalidate();
    const loaded = Promise.resolve(loadedOf(stored, index));
    this.loaded = loaded;
  }

  load(): Promise<Loaded> {
    this.loaded ??= this.loadFresh().catch((error) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async loadFresh(): Promise<Loaded> {
    const stored = await this.store.getActive();
    if (!stored) {
      // First start (or a wiped profile): seed the bundled default pack. Seeding is lazy because
      // runtime.onInstalled can race the first message after an install.
      const seeded = preparePackIndexed(bundledPack, 'bundled');
      await this.store.install(seeded.stored);
      return loadedOf(seeded.stored, seeded.index);
    }
    const pack = stored.pack;
    let index: PackIndex;
    let rebuilt = false;
    try {
      if (!stored.index) throw new Error('no stored index');
      index = loadIndex(stored.index, pack);
    } catch {
      index = buildIndex(pack); // missing, stale or corrupt index: rebuild rather than fail
      rebuilt = true;
    }
    // An index of the previous stored format (JSON text) or a rebuilt one is written back once in
    // the current format, so the next start loads it without parsing or rebuilding.
    if ((rebuilt || typeof stored.index === 'string') && this.store.putIndex) {
      const record = indexRecord(index);
      void this.store.putIndex(stored.key, record).catch(() => undefined);
      stored.index = record;
    }
    return loadedOf(stored, index);
  }

  roleOf(pack: Pack, settings: Settings): { id: string; label: string } {
    const role = pack.roles.find((r) => r.id === settings.role) ?? pack.roles[0];
    return role ? { id: role.id, label: role.label } : { id: settings.role || 'agent', label: settings.role || 'Agent' };
  }

  /** analyze() once per ticket content and pack; the draft checks while typing reuse it. */
  private signalsFor(l: Loaded, context: TicketContext): Signals {
    const key = JSON.stringify([context.ticketId, context.subject, context.messages, context.requester, context.tags, context.referenceDate, context.channel]);
    if (l.lastSignals?.key !== key) l.lastSignals = { key, signals: analyze(context, l.pack, l.index) };
    return l.lastSignals.signals;
  }

  /** Decision lines for the ticket's amounts plus any in the draft (one code path for both requests). */
  private decisionLines(l: Loaded, context: TicketContext, signals: Signals, roleId: string, values: Record<string, string | undefined>, ticketAmounts: Signals['amounts'], draft?: string): DecisionView[] {
    const draftAmounts = draft ? distinctAmounts(extractAmounts(draft, { defaultCurrency: l.pack.currency, source: 'draft' })) : [];
    const lines = decisionsForSignals({ ...signals, amounts: [...ticketAmounts, ...draftAmounts] }, l.pack, roleId, {
      draftText: draft,
      proofOfPurchase: hasOrderReference(signals) ? true : undefined,
    });
    return lines.map((line) => this.decisionView(line.decision, line, context, values));
  }

  private placeholders(context: TicketContext, signals: Signals, pack: Pack, settings: Settings) {
    return placeholderValues({ ...context, agentName: context.agentName || settings.agentName || undefined }, signals, pack);
  }

  async suggestFor(context: TicketContext, settings: Settings, draft?: string): Promise<SuggestResult> {
    const l = await this.load();
    const role = this.roleOf(l.pack, settings);
    const signals = this.signalsFor(l, context);
    const all = suggest(signals, l.pack, role.id, {
      channel: context.channel,
      replyMode: context.replyMode,
      locale: signals.language,
    });
    const values = this.placeholders(context, signals, l.pack, settings);
    const phrases: PhraseView[] = all
      .filter((s) => s.kind === 'phrase')
      .slice(0, 8)
      .map((s) => {
        const filled = fillPlaceholders(s.title, values);
        return { ...s, filled: filled.text, unresolved: filled.unresolved };
      });
    const ticketAmounts = distinctAmounts(signals.amounts);
    return {
      pack: packMeta(l.stored),
      role,
      signals: { ...signals, amounts: ticketAmounts, dates: signals.dates.slice(0, 10), references: signals.references.slice(0, 10) },
      phrases,
      policies: all.filter((s) => s.kind === 'policy').slice(0, 5),
      scenarios: all.filter((s) => s.kind === 'scenario').slice(0, 3),
      decisions: this.decisionLines(l, context, signals, role.id, values, ticketAmounts, draft),
    };
  }

  async draftFor(context: TicketContext, draft: string, replyMode: 'public' | 'internal', settings: Settings): Promise<DraftResult> {
    const l = await this.load();
    const role = this.roleOf(l.pack, settings);
    const signals = this.signalsFor(l, context);
    const findings = [
      ...lintDraft(draft, l.lint(), { replyMode }).map((f) => ({ kind: 'avoid' as const, ...f })),
      ...checkLeaks(draft, l.pack, { replyMode, requesterKind: signals.requesterKind }).map((f) => ({ kind: 'leak' as const, ...f })),
    ].sort((a, b) => a.start - b.start);
    const values = this.placeholders(context, signals, l.pack, settings);
    return { findings, decisions: this.decisionLines(l, context, signals, role.id, values, [], draft) };
  }

  async search(query: string, limit = 20, opts: { context?: TicketContext; kinds?: SearchHitView['kind'][]; settings?: Settings } = {}): Promise<SearchHitView[]> {
    const l = await this.load();
    l.search ??= createPackSearch(l.pack);
    const max = Math.max(1, Math.min(50, Math.floor(limit)));
    const kinds = opts.kinds?.length ? new Set(opts.kinds) : null;
    const hits = l.search.search(query, kinds ? max * 4 : max).filter((h) => !kinds || kinds.has(h.kind)).slice(0, max);
    const { context, settings } = opts;
    const signals = context ? this.signalsFor(l, context) : null;
    const values = context && signals && settings ? this.placeholders(context, signals, l.pack, settings) : null;
    if (signals) {
      // Same relevance, ticket first: phrases and policies made for the ticket's intents lead the list.
      const fits = new Set(signals.intents.slice(0, 3).map((i) => i.id));
      l.hitIntents ??= new Map<string, string[]>([...l.pack.phrases.map((x) => [`phrase:${x.id}`, x.intents] as const), ...l.pack.policies.map((x) => [`policy:${x.id}`, x.intents] as const)]);
      const intentsOf = l.hitIntents;
      const fitting = (h: { kind: string; id: string }) => (intentsOf.get(`${h.kind}:${h.id}`) ?? []).some((i) => fits.has(i));
      hits.sort((a, b) => Number(fitting(b)) - Number(fitting(a)));
    }
    return hits.map((h) => {
      const view: SearchHitView = { kind: h.kind, id: h.id, title: h.title, text: h.text };
      if (values && h.kind === 'phrase') {
        const filled = fillPlaceholders(h.title, values);
        view.filled = filled.text;
        view.unresolved = filled.unresolved;
      }
      return view;
    });
  }

  async decideFor(req: DecideRequest, settings: Settings): Promise<DecisionView> {
    const l = await this.load();
    const role = req.role && l.pack.roles.some((r) => r.id === req.role) ? req.role : this.roleOf(l.pack, settings).id;
    const d = decide({
      pack: l.pack,
      role,
      action: req.action,
      amount: req.amount,
      currency: req.currency,
      segment: req.segment,
      orderValue: req.orderValue,
      dates: req.dates,
      priorUses: req.priorUses,
    });
    return this.decisionView(d, undefined, undefined, {});
  }

  private decisionView(
    d: Decision,
    line: DecisionLine | undefined,
    context: TicketContext | undefined,
    values: Record<string, string | undefined>,
  ): DecisionView {
    const source = line?.source ?? 'ticket';
    return {
      summary: d.summary,
      outcome: d.outcome,
      action: String(d.action),
      amountText: line?.amountText ?? d.summary,
      source,
      customerClaimed: line?.customerClaimed ?? false,
      yourLimitText: d.yourLimitText,
      approverLabel: d.approver?.label,
      how: d.how,
      evidence: d.evidence,
      questions: d.questions,
      reasoning: d.reasoning,
      policyTitle: d.policy?.title,
      policyUrl: safeUrl(d.policy?.url),
      approvalNote:
        d.outcome === 'needs-approval'
          ? approvalRequest(d, {
              ticketId: context?.ticketId,
              customerName: context?.requester.name,
              orderId: values['order.id'],
              agentName: values['agent.name'],
            })
          : undefined,
    };
  }
}

/** An order number in the ticket is the proof of purchase most policies ask for. */
function hasOrderReference(signals: { references: Array<{ kind: string }> }): boolean {
  return signals.references.some((r) => r.kind === 'order' || r.kind === 'invoice');
}

/** Only http(s) links ever reach the UI. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
