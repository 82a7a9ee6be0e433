/**
 * Safe pack updates. Every new pack — from the pack URL, the enterprise policy URL or a file the
 * admin imports in the options page — goes through the same pipeline, and nothing touches the
 * working pack until the very last step:
 *
 *   download → size → verify → parse → validate → version → expiry → index → commit
 *
 *   size      raw bytes within PACK_CAPS.maxBytes (also enforced while downloading)
 *   verify    when the policy pins public keys: a detached Ed25519 signature (`<packUrl>.sig`)
 *             over the exact downloaded bytes must verify with one of them; unsigned packs,
 *             unknown key ids and bad signatures are rejected. Without pinned keys packs are
 *             accepted unsigned and shown as such.
 *   parse     JSON/YAML with depth and alias caps (guidance/pack/load.ts)
 *   validate  the strict pack validator (unknown keys, broken references, caps…)
 *   version   newer than the active version of that pack AND than its persisted floor (the
 *             highest version ever installed) — no downgrade, no replay. Re-serving the exact
 *             pack we already have is "unchanged", not an error.
 *   expiry    `expiresAt` in the future; `publishedAt` not more than 24 h ahead of the clock
 *   index     the search/intent index is built before the swap
 *   commit    ONE IndexedDB transaction: pack, floor, then the active pointer (idb-store.ts)
 *
 * Every rejection is recorded with its stage and reason (update log in storage.local, the options
 * page, the popup's lastError and the toolbar badge). The working pack stays active.
 */
import type { GuidanceStore, PackSource, StoredPack } from '@/guidance/store';
import type { Pack } from '@/guidance/pack/types';
import { PACK_CAPS, validatePack } from '@/guidance/pack/validate';
import { parsePackBytes, parsePackText, utf8Length } from '@/guidance/pack/load';
import { buildIndex, indexRecord, type PackIndex } from '@/guidance/index/build';
import { NetError, fetchPack, formatBytes, looksLikeHtml, type FetchPackOptions, type FetchPackResult } from './net';
import { base64Decode, keyIdOf, parseSignatureFile as parseSigJson, SignatureUnsupportedError, verifyPackSignature } from '@/guidance/pack/signature';
import type { TrustedKey } from './policy';
import type { PackListing } from './idb-store';

export type Stage = 'download' | 'size' | 'verify' | 'parse' | 'validate' | 'version' | 'expiry' | 'index' | 'commit';
export const STAGES: readonly Stage[] = ['download', 'size', 'verify', 'parse', 'validate', 'version', 'expiry', 'index', 'commit'];

export interface UpdateStore extends GuidanceStore {
  get(key: string): Promise<StoredPack | undefined>;
  /** Listing of one stored version / of the active one, without reading the pack itself. */
  getListing(key: string): Promise<PackListing | undefined>;
  getActiveListing(): Promise<PackListing | undefined>;
  getFloor(packId: string): Promise<number>;
  list(): Promise<PackListing[]>;
}

export class UpdateRejected extends Error {
  override name = 'UpdateRejected';
  constructor(
    readonly stage: Stage,
    message: string,
    /** One line per problem (validation), each starting with its JSON path. */
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export interface Candidate {
  /** The raw bytes (downloads). A file import may pass `text` instead; bytes are then only made when a signature must be checked. */
  bytes?: Uint8Array;
  /** The pack file already decoded to text (the options page reads files as text). */
  text?: string;
  source: PackSource;
  filename?: string;
  /** Contents of the detached signature file, when there is one. */
  signature?: string;
  /** Where it came from, for the log ("https://…/pack.json", "pack.yaml"). */
  origin?: string;
}

export interface AcceptOptions {
  /** Pinned keys from enterprise policy. Non-empty = signatures are required. */
  trustedKeys: TrustedKey[];
  maxBytes?: number;
  now?: () => Date;
  /** Test hook: called before each stage; throwing there simulates a crash at that step. */
  before?: (stage: Stage) => void | Promise<void>;
  /** Signature check; defaults to guidance/pack/signature.ts verifyPackSignature (WebCrypto Ed25519 over the raw bytes). */
  verify?: VerifyFn;
}

export type AcceptResult =
  /** `index`: the live index built for the installed pack (the engine keeps it; not stored as such). */
  | { outcome: 'installed'; stored: StoredPack; warnings: string[]; index?: PackIndex }
  | { outcome: 'unchanged'; stored: StoredPack };

/** Future `publishedAt` tolerated for clock skew. */
const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Signatures

export interface SignatureFile {
  /** 16 hex characters: first 8 bytes of SHA-256 of the signing key (guidance/pack/signature.ts). */
  keyId?: string;
  signature: string;
}

/**
 * The detached signature file `<pack>.sig`, as `tactline pack sign` writes it:
 * `{"alg":"Ed25519","format":"tactline-sig/1","keyId":"<16 hex>","signature":"<base64>"}`.
 * The bare base64 of the 64-byte signature is also accepted (for signing with other tools); then
 * every pinned key is tried. Anything else is refused — never "none", HMAC or other algorithms.
 */
export function parseSignatureFile(text: string): SignatureFile {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.length > 4096) throw new UpdateRejected('verify', 'The signature file is too large to be an Ed25519 signature');
  if (t.startsWith('{')) {
    const parsed = parseSigJson(t);
    if (!parsed.ok) throw new UpdateRejected('verify', `The signature file is not valid: ${parsed.message}`);
    return { keyId: parsed.sig.keyId, signature: parsed.sig.signature };
  }
  const bytes = base64Decode(t);
  if (!bytes || bytes.byteLength !== 64) {
    throw new UpdateRejected('verify', 'The signature is not a 64-byte Ed25519 signature (base64)');
  }
  return { signature: t };
}

export type VerifyFn = (bytes: Uint8Array, signatureB64: string, publicKeyB64: string) => Promise<boolean>;

/** Label for a key: the admin's name for it in policy, else its key id. */
export async function keyLabel(k: TrustedKey): Promise<string> {
  return k.id ?? (await keyIdOf(k.key));
}

/** Returns the label of the pinned key that signed `bytes`, or throws UpdateRejected('verify'). */
export async function verifyWithPinnedKeys(bytes: Uint8Array, signatureText: string | undefined, keys: TrustedKey[], verify: VerifyFn = verifyPackSignature): Promise<string> {
  if (signatureText === undefined || signatureText.trim() === '') {
    throw new UpdateRejected('verify', 'The pack is not signed, but your organisation requires signed packs (no signature file found)');
  }
  const sig = parseSignatureFile(signatureText);
  let candidates = keys;
  if (sig.keyId) {
    const ids = await Promise.all(keys.map((k) => keyIdOf(k.key).catch(() => '')));
    candidates = keys.filter((_, i) => ids[i] === sig.keyId);
    if (candidates.length === 0) {
      throw new UpdateRejected('verify', `The pack is signed with key ${sig.keyId}, which is not one of the ${keys.length} key(s) your organisation trusts`);
    }
  }
  for (const k of candidates) {
    let ok: boolean;
    try {
      ok = await verify(bytes, sig.signature, k.key);
    } catch (error) {
      if (error instanceof SignatureUnsupportedError) throw new UpdateRejected('verify', 'This browser cannot verify Ed25519 signatures (Chrome/Edge 137+ or Firefox 129+ is needed)');
      throw error;
    }
    if (ok) return keyLabel(k);
  }
  throw new UpdateRejected(
    'verify',
    sig.keyId
      ? `The signature does not match the pack: it was changed after signing (key ${sig.keyId})`
      : `The signature does not match the pack with any of the ${keys.length} trusted key(s): the pack was changed after signing, or signed with an unknown key`,
  );
}

// ---------------------------------------------------------------------------------------------
// The pipeline

function samePack(a: Pack, b: Pack): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Run the safety pipeline on one candidate and install it. Resolves with 'installed' or
 * 'unchanged'; throws UpdateRejected (stage + reason) otherwise. The active pack is untouched
 * unless the final transaction commits.
 */
export async function acceptPack(store: UpdateStore, c: Candidate, opts: AcceptOptions): Promise<AcceptResult> {
  const now = opts.now ?? (() => new Date());
  const step = async (s: Stage) => {
    if (opts.before) {
      try {
        await opts.before(s);
      } catch (error) {
        throw error instanceof UpdateRejected ? error : new UpdateRejected(s, `Interrupted while ${STAGE_VERB[s]}: ${String((error as Error)?.message ?? error)}`);
      }
    }
  };

  await step('size');
  const maxBytes = opts.maxBytes ?? PACK_CAPS.maxBytes;
  const text = c.bytes === undefined ? (c.text ?? '') : undefined;
  const size = c.bytes?.byteLength ?? utf8Length(text!);
  if (size > maxBytes) {
    throw new UpdateRejected('size', `The pack is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`);
  }

  await step('verify');
  let signedBy: string | undefined;
  // A signature covers bytes: text is encoded only when one must be checked.
  if (opts.trustedKeys.length > 0) signedBy = await verifyWithPinnedKeys(c.bytes ?? new TextEncoder().encode(text), c.signature, opts.trustedKeys, opts.verify);

  await step('parse');
  if (c.bytes !== undefined ? looksLikeHtml(c.bytes) : /^\uFEFF?[ \n\r\t]*</.test(text!)) {
    throw new UpdateRejected('parse', 'This is a web page (HTML), not a pack — a login page, proxy or error page?');
  }
  let raw: unknown;
  try {
    raw = c.bytes !== undefined ? parsePackBytes(c.bytes, c.filename, { maxBytes }) : parsePackText(text!, c.filename, { maxBytes, utf8Bytes: size });
  } catch (error) {
    throw new UpdateRejected('parse', `The pack file cannot be read: ${String((error as Error)?.message ?? error)}`);
  }

  await step('validate');
  const result = validatePack(raw);
  if (!result.ok) {
    const lines = result.errors.map((e) => `${e.path || '/'}: ${e.message}`);
    throw new UpdateRejected('validate', `The pack has ${lines.length} problem${lines.length === 1 ? '' : 's'}: ${lines[0]}`, lines);
  }
  const pack = result.pack;
  const warnings = result.warnings.map((w) => `${w.path || '/'}: ${w.message}`);

  await step('version');
  const key = `${pack.id}@${pack.version}`;
  // Only a stored version with the same key can be the same pack (its body is read only then).
  const existing = (await store.getListing(key)) ? await store.get(key) : undefined;
  if (existing && samePack(existing.pack, pack)) {
    // The exact pack we already hold (a server re-serving it, a re-import): nothing to do.
    return { outcome: 'unchanged', stored: existing };
  }
  const activeListing = await store.getActiveListing();
  const active = activeListing ? { pack: { id: activeListing.id, version: activeListing.version } } : undefined;
  const floor = await store.getFloor(pack.id);
  if (active && active.pack.id === pack.id && pack.version === active.pack.version) {
    throw new UpdateRejected('version', `Replay refused: version ${pack.version} of "${pack.id}" is already active with different content — publish it as version ${Math.max(floor, active.pack.version) + 1}`);
  }
  if (active && active.pack.id === pack.id && pack.version < active.pack.version) {
    throw new UpdateRejected('version', `Downgrade refused: version ${pack.version} is older than the active version ${active.pack.version} of "${pack.id}"`);
  }
  if (pack.version <= floor) {
    throw new UpdateRejected(
      'version',
      pack.version === floor
        ? `Replay refused: version ${pack.version} of "${pack.id}" was already installed before — publish it as version ${floor + 1}`
        : `Downgrade refused: version ${pack.version} of "${pack.id}" is older than version ${floor}, already installed before`,
    );
  }

  await step('expiry');
  const t = now().getTime();
  if (pack.expiresAt) {
    const exp = Date.parse(pack.expiresAt);
    if (Number.isFinite(exp) && exp <= t) throw new UpdateRejected('expiry', `The pack expired on ${pack.expiresAt}; publish a new version with a later expiresAt`);
  }
  if (pack.publishedAt) {
    const pub = Date.parse(pack.publishedAt);
    if (Number.isFinite(pub) && pub > t + MAX_CLOCK_SKEW_MS) throw new UpdateRejected('expiry', `The pack claims to be published in the future (${pack.publishedAt}); check its publishedAt or this computer's clock`);
  }

  await step('index');
  let stored: StoredPack;
  let index: PackIndex;
  try {
    index = buildIndex(pack);
    stored = {
      key,
      pack,
      index: indexRecord(index),
      source: c.source,
      installedAt: now().toISOString(),
      signedBy,
    };
  } catch (error) {
    throw new UpdateRejected('index', `The pack could not be indexed: ${String((error as Error)?.message ?? error)}`);
  }

  await step('commit');
  try {
    await store.install(stored);
  } catch (error) {
    if ((error as Error)?.name === 'StoreRejected') throw new UpdateRejected('version', `Refused: ${(error as Error).message}`);
    throw new UpdateRejected('commit', `Saving the pack failed, the previous pack stays active: ${String((error as Error)?.message ?? (error as Error)?.name ?? error)}`);
  }
  return { outcome: 'installed', stored, warnings, index };
}

const STAGE_VERB: Record<Stage, string> = {
  download: 'downloading',
  size: 'checking the size',
  verify: 'verifying the signature',
  parse: 'reading the file',
  validate: 'validating',
  version: 'checking the version',
  expiry: 'checking the expiry date',
  index: 'building the index',
  commit: 'saving',
};

// ---------------------------------------------------------------------------------------------
// Subscription state, update log, back-off

/** A small key-value area (storage.local in the extension, a Map in tests). */
export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export interface SubscriptionState {
  /** URL the validators below belong to. */
  url?: string;
  etag?: string;
  lastModified?: string;
  lastCheckAt?: string;
  lastSuccessAt?: string;
  failures: number;
  /** No automatic check before this time (exponential back-off). */
  nextAttemptAt?: string;
}

export interface LogEntry {
  at: string;
  outcome: 'installed' | 'unchanged' | 'not-modified' | 'rejected' | 'failed' | 'rolled-back';
  source: PackSource | 'rollback';
  origin?: string;
  packId?: string;
  version?: number;
  stage?: Stage;
  message: string;
  details?: string[];
  /** How many consecutive identical entries this one stands for. */
  repeat?: number;
}

export const LOG_KEY = 'updateLog';
export const SUBSCRIPTION_KEY = 'subscription';
export const MAX_LOG = 50;

/** Back-off after `failures` consecutive failed checks: 1, 2, 4, … minutes, at most 24 h. */
export function backoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(2 ** (failures - 1), 24 * 60) * 60_000;
}

export async function appendLog(kv: KeyValue, entry: LogEntry): Promise<LogEntry[]> {
  const log = (await kv.get<LogEntry[]>(LOG_KEY)) ?? [];
  const last = log[0];
  const details = entry.details?.slice(0, 200);
  if (last && last.outcome === entry.outcome && last.message === entry.message && last.version === entry.version && last.source === entry.source) {
    log[0] = { ...last, at: entry.at, repeat: (last.repeat ?? 1) + 1 };
  } else {
    log.unshift({ ...entry, details });
  }
  const next = log.slice(0, MAX_LOG);
  await kv.set(LOG_KEY, next);
  return next;
}

export function rejectionOf(error: unknown): UpdateRejected {
  if (error instanceof UpdateRejected) return error;
  if (error instanceof NetError) return new UpdateRejected('download', error.message);
  return new UpdateRejected('download', String((error as Error)?.message ?? error));
}

export interface CheckConfig {
  url: string;
  source: PackSource;
  trustedKeys: TrustedKey[];
  maxBytes?: number;
  /** Ignore back-off (the "Update now" button). */
  force?: boolean;
}

export type CheckResult =
  | { outcome: 'installed'; stored: StoredPack; warnings: string[]; index?: PackIndex }
  | { outcome: 'unchanged' | 'not-modified'; packId?: string; version?: number }
  | { outcome: 'skipped'; message: string }
  | { outcome: 'rejected'; stage: Stage; message: string; details: string[] };

export interface CheckDeps {
  store: UpdateStore;
  kv: KeyValue;
  fetch?: (opts: FetchPackOptions) => Promise<FetchPackResult>;
  now?: () => Date;
  before?: AcceptOptions['before'];
  verify?: VerifyFn;
}

/**
 * One check of the pack URL: conditional download, the pipeline, bookkeeping (validators, back-off,
 * log). Never throws; a failure is returned as 'rejected' and logged.
 */
export async function checkSubscription(deps: CheckDeps, cfg: CheckConfig): Promise<CheckResult> {
  const now = deps.now ?? (() => new Date());
  const get = deps.fetch ?? ((o: FetchPackOptions) => fetchPack(o));
  const prev = (await deps.kv.get<SubscriptionState>(SUBSCRIPTION_KEY)) ?? { failures: 0 };
  // Validators belong to one URL: a new URL starts fresh.
  const state: SubscriptionState = prev.url === cfg.url ? { ...prev } : { url: cfg.url, failures: 0 };
  if (!cfg.force && state.nextAttemptAt && Date.parse(state.nextAttemptAt) > now().getTime()) {
    return { outcome: 'skipped', message: `Backing off after ${state.failures} failed check(s); next try at ${state.nextAttemptAt}` };
  }
  state.lastCheckAt = now().toISOString();
  const maxBytes = cfg.maxBytes ?? PACK_CAPS.maxBytes;
  try {
    if (deps.before) {
      try {
        await deps.before('download');
      } catch (error) {
        throw new UpdateRejected('download', `Interrupted while downloading: ${String((error as Error)?.message ?? error)}`);
      }
    }
    const res = await get({ url: cfg.url, etag: state.etag, lastModified: state.lastModified, maxBytes });
    if (res.status === 'not-modified') {
      state.failures = 0;
      state.nextAttemptAt = undefined;
      state.lastSuccessAt = now().toISOString();
      await deps.kv.set(SUBSCRIPTION_KEY, state);
      await appendLog(deps.kv, { at: now().toISOString(), outcome: 'not-modified', source: cfg.source, origin: cfg.url, message: 'The pack on the server has not changed' });
      return { outcome: 'not-modified' };
    }
    let signature: string | undefined;
    if (cfg.trustedKeys.length > 0) {
      try {
        const sig = await get({ url: `${cfg.url}.sig`, maxBytes: 4096 });
        if (sig.status === 'ok') signature = new TextDecoder().decode(sig.bytes);
      } catch (error) {
        if (error instanceof NetError && error.status === 404) signature = undefined; // reported as "not signed" by verify
        else throw new UpdateRejected('download', `The signature file could not be downloaded: ${(error as Error).message}`);
      }
    }
    const filename = new URL(cfg.url).pathname.split('/').pop() || undefined;
    const accepted = await acceptPack(deps.store, { bytes: res.bytes, source: cfg.source, signature, filename, origin: cfg.url }, {
      trustedKeys: cfg.trustedKeys,
      maxBytes,
      now,
      before: deps.before,
      verify: deps.verify,
    });
    state.etag = res.etag;
    state.lastModified = res.lastModified;
    state.failures = 0;
    state.nextAttemptAt = undefined;
    state.lastSuccessAt = now().toISOString();
    await deps.kv.set(SUBSCRIPTION_KEY, state);
    const p = accepted.stored.pack;
    await appendLog(deps.kv, {
      at: now().toISOString(),
      outcome: accepted.outcome,
      source: cfg.source,
      origin: cfg.url,
      packId: p.id,
      version: p.version,
      message: accepted.outcome === 'installed' ? `Installed ${p.name} version ${p.version}${accepted.stored.signedBy ? `, signed by ${accepted.stored.signedBy}` : ', unsigned'}` : `Version ${p.version} is already installed`,
      details: accepted.outcome === 'installed' ? accepted.warnings : undefined,
    });
    return accepted.outcome === 'installed' ? accepted : { outcome: 'unchanged', packId: p.id, version: p.version };
  } catch (error) {
    const r = rejectionOf(error);
    // A download failure is "try again later" (back-off); a bad pack is a rejection — also backed
    // off, so a broken publication is not re-downloaded every minute. Validators are not stored
    // for a rejected pack, so the fixed pack is fetched as soon as it is published.
    state.failures += 1;
    state.nextAttemptAt = new Date(now().getTime() + backoffMs(state.failures)).toISOString();
    await deps.kv.set(SUBSCRIPTION_KEY, state);
    await appendLog(deps.kv, {
      at: now().toISOString(),
      outcome: r.stage === 'download' ? 'failed' : 'rejected',
      source: cfg.source,
      origin: cfg.url,
      stage: r.stage,
      message: r.message,
      details: r.details,
    });
    return { outcome: 'rejected', stage: r.stage, message: r.message, details: r.details };
  }
}
