/**
 * The one typed message protocol between Tactline's contexts.
 *
 *   content script ──(read-only requests)──▶ background ◀──(privileged requests)── extension pages
 *
 * Content scripts run inside helpdesk pages, which are only semi-trusted (a compromised renderer can
 * forge any message), so they may only ask for display data. Everything that changes state (pack
 * install, settings, rollback) is accepted only from the extension's own pages (popup, options),
 * checked with `isExtensionPageSender()`. Every request is validated with `parseRequest()` before a
 * handler sees it; malformed messages get an error reply, never an exception in the background.
 */
import type { ReplyMode, Signals, Suggestion, TicketContext } from './types';
import type { PackDiff } from './pack/diff';
import { PAGE_KINDS, isInsightId, type InsightsSummary } from './insights';

export interface PackMeta {
  id: string;
  name: string;
  version: number;
  source: string;
  installedAt?: string;
  signedBy?: string;
  counts: { intents: number; phrases: number; policies: number; limits: number; avoid: number; scenarios: number };
}

export interface RoleInfo {
  id: string;
  label: string;
}

export interface Settings {
  /** Role id from the pack's roles. */
  role: string;
  /** Shown in phrases as {{agent.name}} when the page does not tell. */
  agentName: string;
  /** Sidebar side. */
  dock: 'right' | 'left';
  /** Local insights (counts kept only in this browser): on unless false. */
  insights?: boolean;
}

/** What the sidebar shows for one amount: "Refund €180 — needs Team lead approval (your limit €100)". */
export interface DecisionView {
  summary: string;
  outcome: 'allowed' | 'needs-approval' | 'not-allowed' | 'needs-info';
  action: string;
  amountText: string;
  source: 'ticket' | 'draft';
  /** Ticket amounts are what the customer claims, not verified facts. */
  customerClaimed: boolean;
  yourLimitText?: string;
  approverLabel?: string;
  how?: string;
  evidence: string[];
  questions: string[];
  reasoning: string[];
  policyTitle?: string;
  policyUrl?: string;
  /** Ready-to-paste internal note asking for approval (when approval is needed). */
  approvalNote?: string;
}

export interface DraftFinding {
  kind: 'avoid' | 'leak';
  ruleId: string;
  start: number;
  end: number;
  text: string;
  why: string;
  instead: string[];
  severity: 'info' | 'warning';
}

export interface PhraseView extends Suggestion {
  /** Text with placeholders filled from the ticket; unresolved ones visibly marked. */
  filled: string;
  unresolved: string[];
}

export interface SuggestResult {
  pack: PackMeta;
  role: RoleInfo;
  signals: Signals;
  phrases: PhraseView[];
  policies: Suggestion[];
  scenarios: Suggestion[];
  decisions: DecisionView[];
}

export interface DraftResult {
  findings: DraftFinding[];
  decisions: DecisionView[];
}

export interface SearchHitView {
  kind: 'phrase' | 'policy' | 'intent' | 'limit' | 'scenario' | 'avoid';
  id: string;
  title: string;
  text: string;
  /** Phrases, when the request carried the ticket: placeholders filled from it (unresolved ones marked). */
  filled?: string;
  unresolved?: string[];
}

export interface StatusResult {
  pack: PackMeta | null;
  roles: RoleInfo[];
  settings: Settings;
  /** Settings fixed by enterprise policy; the UI shows them read-only. */
  lockedSettings: string[];
  lastError?: { at: string; message: string };
  /** The browser shortcut for the command palette as the browser shows it ("Ctrl+Shift+Period"); absent when unset. */
  paletteShortcut?: string;
}

export interface DecideRequest {
  action: string;
  amount: number;
  currency?: string;
  segment?: string;
  orderValue?: number;
  dates?: { delivery?: string; order?: string; purchase?: string };
  priorUses?: number;
  role?: string;
}

export interface ImportResult {
  ok: boolean;
  pack?: PackMeta;
  /** One line per problem: "/limits/3/approvals/0/above: must be a number …". */
  errors: string[];
  /** Non-blocking remarks from the validator (same format as errors). */
  warnings?: string[];
  /** The file is the exact pack already stored: nothing changed. */
  unchanged?: boolean;
  /** Pipeline stage that refused the pack (size, verify, parse, validate, version, expiry, index, commit). */
  stage?: string;
}

/** One stored pack version (the last 5 are kept for rollback). */
export interface HistoryEntry {
  key: string;
  id: string;
  name: string;
  version: number;
  source: string;
  installedAt: string;
  signedBy?: string;
  publishedAt?: string;
  expiresAt?: string;
  active: boolean;
}

/** One line of the update log (newest first). */
export interface UpdateLogView {
  at: string;
  outcome: 'installed' | 'unchanged' | 'not-modified' | 'rejected' | 'failed' | 'rolled-back';
  source: string;
  origin?: string;
  packId?: string;
  version?: number;
  stage?: string;
  message: string;
  details?: string[];
  repeat?: number;
}

export interface SubscriptionView {
  url?: string;
  /** Where the URL comes from: enterprise policy, the options page, or nowhere. */
  urlSource: 'policy' | 'user' | 'none';
  /** True when policy fixes the URL (the options page shows it read-only). */
  urlLocked: boolean;
  /** Packs must be signed by one of the policy's keys. */
  signatureRequired: boolean;
  /** Labels (or key ids) of the pinned keys. */
  trustedKeys: string[];
  intervalMinutes: number;
  lastCheckAt?: string;
  lastSuccessAt?: string;
  nextAttemptAt?: string;
  failures: number;
}

export interface PolicyView {
  /** Some policy value was provisioned. */
  present: boolean;
  /** Values that were ignored, one line each ("packUrl: must be an https:// URL"). */
  problems: string[];
  /** Why storage.managed could not be read (Firefox without policies says so). */
  readError?: string;
  packUrl?: string;
  publicKeys: string[];
  role?: string;
  lockedSettings: string[];
  enabledSites: string[];
  updateIntervalMinutes?: number;
}

/** Content an admin should look at: expired policies, reviews overdue, the pack's own expiry. */
export interface StaleItem {
  kind: 'pack' | 'policy';
  id: string;
  title: string;
  severity: 'expired' | 'review-overdue' | 'expires-soon';
  reason: string;
  date?: string;
}

export interface AdminState extends StatusResult {
  subscription: SubscriptionView;
  policy: PolicyView;
  history: HistoryEntry[];
  log: UpdateLogView[];
  stale: StaleItem[];
  reviewIntervalDays?: number;
}

export interface UpdateNowResult {
  outcome: 'installed' | 'unchanged' | 'not-modified' | 'skipped' | 'rejected' | 'no-url';
  message: string;
  details: string[];
  state: AdminState;
}

export interface DiffView {
  from: { key: string; name: string; version: number; installedAt: string };
  to: { key: string; name: string; version: number; installedAt: string };
  /** Structured diff from guidance/pack/diff.ts: sections in display order, limits first. */
  diff: PackDiff;
}

export interface WhatIfRequest {
  text: string;
  subject?: string;
  role?: string;
  platform?: string;
  replyMode?: 'public' | 'internal';
  channel?: string;
  customerName?: string;
  customerEmail?: string;
  draft?: string;
}

export interface WhatIfResult {
  suggest: SuggestResult;
  draft?: DraftResult;
}

/** Events a content script may report for local insights (the background counts the rest itself). */
export type PageInsightEvent =
  | { kind: 'phrase-inserted'; id: string }
  | { kind: 'avoid-accepted'; ruleId: string }
  | { kind: 'avoid-dismissed'; ruleId: string };

/** What the options page shows under "Local insights". */
export interface InsightsView {
  enabled: boolean;
  /** Policy fixes the on/off switch. */
  locked: boolean;
  pack: { id: string; name: string; version: number } | null;
  retentionDays: number;
  summary: InsightsSummary;
}

export interface InsightsExportResult {
  filename: string;
  mime: string;
  text: string;
}

/** Request/response pairs by message type. */
export interface ProtocolMap {
  // Read-only: any sender (content scripts included).
  'tickets/suggest': { req: { context: TicketContext; draft?: string }; res: SuggestResult };
  'tickets/draft': { req: { context: TicketContext; draft: string; replyMode: ReplyMode }; res: DraftResult };
  /** `context` (the open ticket) fills phrase placeholders; `kinds` narrows the hits (command palette). */
  'pack/search': { req: { query: string; limit?: number; context?: TicketContext; kinds?: SearchHitView['kind'][] }; res: SearchHitView[] };
  'status/get': { req: Record<string, never>; res: StatusResult };
  'limits/decide': { req: DecideRequest; res: DecisionView };
  /** Count one local-insights event (ignored when insights are off or the id is not in the pack). */
  'insights/record': { req: PageInsightEvent; res: null };
  // Privileged: extension pages only.
  /**
   * The file's text in the message, or `staged`: the id of a record an extension page wrote into the
   * 'tactline-staging' IndexedDB database (entrypoints/lib/staging.ts; the record holds the text,
   * filename and signature), which avoids carrying megabytes through extension messaging.
   */
  'pack/import': { req: { text: string; filename?: string; signature?: string } | { staged: string }; res: ImportResult };
  'settings/set': { req: Partial<Settings>; res: StatusResult };
  'admin/state': { req: Record<string, never>; res: AdminState };
  'admin/update-now': { req: Record<string, never>; res: UpdateNowResult };
  'admin/set-pack-url': { req: { url: string }; res: AdminState };
  'admin/rollback': { req: { key: string }; res: AdminState };
  'admin/diff': { req: { from: string; to: string }; res: DiffView };
  /** Read-only: what the sidebar would show for a pasted ticket (same engine). */
  'admin/whatif': { req: WhatIfRequest; res: WhatIfResult };
  'insights/get': { req: { days?: number }; res: InsightsView };
  'insights/export': { req: { format: 'csv' | 'json'; days?: number }; res: InsightsExportResult };
  'insights/clear': { req: Record<string, never>; res: InsightsView };
}

export type MessageType = keyof ProtocolMap;
export type RequestOf<K extends MessageType> = ProtocolMap[K]['req'];
export type ResponseOf<K extends MessageType> = ProtocolMap[K]['res'];

export interface Envelope<K extends MessageType = MessageType> {
  tactline: 1;
  type: K;
  payload: RequestOf<K>;
}

export type Reply<K extends MessageType> = { ok: true; data: ResponseOf<K> } | { ok: false; error: string };

/** Format of a 'pack/import' `staged` id (a random UUID in practice). */
export const STAGED_ID = /^[a-z0-9-]{8,64}$/;

export const PRIVILEGED: ReadonlySet<MessageType> = new Set<MessageType>([
  'pack/import',
  'settings/set',
  // Admin surface (options page): state includes the pack URL and log; the rest changes state.
  'admin/state',
  'admin/update-now',
  'admin/set-pack-url',
  'admin/rollback',
  'admin/diff',
  'admin/whatif',
  // Local insights: reading, exporting and clearing the counts is for the options page only.
  'insights/get',
  'insights/export',
  'insights/clear',
]);

/** What the background knows about who sent a message (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
  frameId?: number;
}

/**
 * True only for the extension's own pages: same extension id, URL under the extension's base URL
 * (exact prefix, so `chrome-extension://id.evil.com/` does not pass), and no tab attached unless the
 * tab is showing an extension page itself.
 */
export function isExtensionPageSender(sender: SenderInfo, extensionId: string, extensionBaseUrl: string): boolean {
  if (!sender || sender.id !== extensionId) return false;
  const base = extensionBaseUrl.endsWith('/') ? extensionBaseUrl : `${extensionBaseUrl}/`;
  const url = typeof sender.url === 'string' ? sender.url : '';
  if (!url.startsWith(base)) return false;
  if (typeof sender.origin === 'string' && `${sender.origin}/` !== base) return false;
  return true;
}

const MAX_TEXT = 200_000;

type Check = (v: unknown) => string | null;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (max = MAX_TEXT): Check => (v) =>
  typeof v === 'string' && v.length <= max ? null : `must be a string of at most ${max} characters`;
const optStr = (max = MAX_TEXT): Check => (v) => (v === undefined ? null : str(max)(v));
const num: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'must be a finite number');
const optNum: Check = (v) => (v === undefined ? null : num(v));
const oneOf = (...values: string[]): Check => (v) =>
  typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`;

function checkFields(payload: unknown, fields: Record<string, Check>, allowExtra = false): string | null {
  if (!isObj(payload)) return 'payload must be an object';
  for (const [k, check] of Object.entries(fields)) {
    const problem = check(payload[k]);
    if (problem) return `${k} ${problem}`;
  }
  if (!allowExtra) {
    for (const k of Object.keys(payload)) if (!(k in fields)) return `unknown field ${k}`;
  }
  return null;
}

const contextCheck: Check = (v) => {
  if (!isObj(v)) return 'must be an object';
  const problem = checkFields(
    v,
    {
      platform: str(40),
      ticketId: str(200),
      subject: str(5_000),
      latestCustomerMessage: str(),
      replyMode: oneOf('public', 'internal'),
      messages: (m) =>
        Array.isArray(m) && m.length <= 500 && m.every((x) => isObj(x) && typeof x.text === 'string' && x.text.length <= MAX_TEXT && (x.role === 'customer' || x.role === 'agent' || x.role === 'internal'))
          ? null
          : 'must be a list of at most 500 messages {role, text}',
      tags: (t) => (Array.isArray(t) && t.length <= 200 && t.every((x) => typeof x === 'string' && x.length <= 200) ? null : 'must be a list of strings'),
      requester: (r) => (isObj(r) && (r.name === undefined || typeof r.name === 'string') && (r.email === undefined || typeof r.email === 'string') ? null : 'must be {name?, email?}'),
    },
    true,
  );
  return problem;
};

const insightDays: Check = (v) => (v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 180) ? null : 'must be a whole number of days from 1 to 180');

/** Exactly `{kind, id}` or `{kind, ruleId}` with a pack-id-shaped id; nothing else. */
const pageInsightCheck = (p: unknown): string | null => {
  if (!isObj(p)) return 'payload must be an object';
  if (typeof p.kind !== 'string' || !(PAGE_KINDS as readonly string[]).includes(p.kind)) return `kind must be one of ${PAGE_KINDS.join(', ')}`;
  const idField = p.kind === 'phrase-inserted' ? 'id' : 'ruleId';
  return checkFields(p, { kind: () => null, [idField]: (v: unknown) => (isInsightId(v) ? null : 'must be 1-200 characters of A-Z a-z 0-9 . _ : -') });
};

const validators: { [K in MessageType]: (p: unknown) => string | null } = {
  'tickets/suggest': (p) => checkFields(p, { context: contextCheck, draft: optStr() }),
  'tickets/draft': (p) => checkFields(p, { context: contextCheck, draft: str(), replyMode: oneOf('public', 'internal') }),
  'pack/search': (p) =>
    checkFields(p, {
      query: str(500),
      limit: optNum,
      context: (v) => (v === undefined ? null : contextCheck(v)),
      kinds: (v) =>
        v === undefined || (Array.isArray(v) && v.length <= 6 && v.every((k) => ['phrase', 'policy', 'intent', 'limit', 'scenario', 'avoid'].includes(k as string)))
          ? null
          : 'must be a list of hit kinds',
    }),
  'status/get': (p) => checkFields(p ?? {}, {}),
  'limits/decide': (p) =>
    checkFields(p, {
      action: str(100),
      amount: num,
      currency: optStr(3),
      segment: optStr(100),
      orderValue: optNum,
      priorUses: optNum,
      role: optStr(100),
      dates: (d) => (d === undefined || (isObj(d) && Object.values(d).every((x) => x === undefined || typeof x === 'string')) ? null : 'must be {delivery?, order?, purchase?}'),
    }),
  'insights/record': pageInsightCheck,
  'insights/get': (p) => checkFields(p ?? {}, { days: insightDays }),
  'insights/export': (p) => checkFields(p, { format: oneOf('csv', 'json'), days: insightDays }),
  'insights/clear': (p) => checkFields(p ?? {}, {}),
  'pack/import': (p) =>
    isObj(p) && 'staged' in p
      ? checkFields(p, { staged: (v) => (typeof v === 'string' && STAGED_ID.test(v) ? null : 'must be a staged file id (8-64 characters of a-z 0-9 -)') })
      : checkFields(p, { text: str(20_000_000), filename: optStr(500), signature: optStr(4096) }),
  'admin/state': (p) => checkFields(p ?? {}, {}),
  'admin/update-now': (p) => checkFields(p ?? {}, {}),
  'admin/set-pack-url': (p) => checkFields(p, { url: str(2048) }),
  'admin/rollback': (p) => checkFields(p, { key: str(200) }),
  'admin/diff': (p) => checkFields(p, { from: str(200), to: str(200) }),
  'admin/whatif': (p) =>
    checkFields(p, {
      text: str(100_000),
      subject: optStr(5_000),
      role: optStr(100),
      platform: optStr(40),
      replyMode: (v) => (v === undefined ? null : oneOf('public', 'internal')(v)),
      channel: optStr(40),
      customerName: optStr(200),
      customerEmail: optStr(320),
      draft: optStr(100_000),
    }),
  'settings/set': (p) =>
    checkFields(p, {
      role: optStr(100),
      agentName: optStr(200),
      dock: (v) => (v === undefined ? null : oneOf('right', 'left')(v)),
      insights: (v) => (v === undefined || typeof v === 'boolean' ? null : 'must be true or false'),
    }),
};

/** Validate an incoming message. Returns the typed envelope or a reason it was refused. */
export function parseRequest(message: unknown): { ok: true; envelope: Envelope } | { ok: false; error: string } {
  if (!isObj(message) || message.tactline !== 1) return { ok: false, error: 'not a Tactline message' };
  const type = message.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(validators, type)) {
    return { ok: false, error: `unknown message type ${typeof type === 'string' ? JSON.stringify(type).slice(0, 60) : `(a ${type === null ? 'null' : typeof type})`}` };
  }
  const problem = validators[type as MessageType](message.payload);
  if (problem) return { ok: false, error: `${type}: ${problem}` };
  return { ok: true, envelope: message as unknown as Envelope };
}

export function envelope<K extends MessageType>(type: K, payload: RequestOf<K>): Envelope<K> {
  return { tactline: 1, type, payload };
}
