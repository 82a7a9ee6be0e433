/**
 * The ONLY module of Tactline that talks to the network (ESLint bans `fetch`, `XMLHttpRequest` and
 * `WebSocket` everywhere else). It fetches exactly one kind of thing: an admin-configured guidance
 * pack and its detached signature. Ticket text never goes through here — there is no API for it.
 *
 * Every request:
 *  - is HTTPS only (the URL is re-checked here, not only where it was configured);
 *  - sends no cookies or HTTP auth (`credentials: 'omit'`), follows no redirects (`redirect: 'error'`)
 *    and bypasses the HTTP cache (`cache: 'no-store'`) — conditional requests are made explicitly
 *    with the ETag / Last-Modified we stored after the last good download;
 *  - is size-capped twice: by Content-Length up front, then while streaming the body;
 *  - rejects HTML answers (captive portals, login walls, error pages served with status 200);
 *  - times out.
 */

export type NetFailure =
  | 'not-https'
  | 'network'
  | 'timeout'
  | 'http-status'
  | 'too-large'
  | 'html'
  | 'content-type'
  | 'empty';

export class NetError extends Error {
  override name = 'NetError';
  constructor(
    readonly failure: NetFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface FetchPackOptions {
  url: string;
  /** ETag of the last good download, sent as If-None-Match. */
  etag?: string;
  /** Last-Modified of the last good download, sent as If-Modified-Since. */
  lastModified?: string;
  maxBytes: number;
  timeoutMs?: number;
}

export type FetchPackResult =
  | { status: 'not-modified' }
  | { status: 'ok'; bytes: Uint8Array; etag?: string; lastModified?: string; contentType: string };

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Content types a pack or signature may come with. Anything else (notably text/html) is refused. */
const ACCEPTED_TYPES = [
  'application/json',
  'application/octet-stream',
  'text/plain',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'application/vnd.tactline.pack+json',
  'application/pgp-signature',
];

/** Throws NetError('not-https') unless `url` is an absolute https: URL without credentials. */
export function assertHttpsUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new NetError('not-https', `Not a valid URL: ${JSON.stringify(url.slice(0, 200))}`);
  }
  if (u.protocol !== 'https:') throw new NetError('not-https', `Only https:// pack URLs are allowed (got ${u.protocol}//)`);
  if (u.username || u.password) throw new NetError('not-https', 'Pack URLs may not contain a user name or password');
  return u;
}

function describeStatus(status: number): string {
  if (status === 401 || status === 403) return `the server refused access (HTTP ${status})`;
  if (status === 404) return 'nothing was found at that address (HTTP 404)';
  if (status >= 500) return `the server failed (HTTP ${status})`;
  return `unexpected HTTP status ${status}`;
}

/** Reads a body stream into bytes, stopping with NetError('too-large') past `maxBytes`. */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new NetError('too-large', `The pack is ${formatBytes(declared)}, over the ${formatBytes(maxBytes)} limit`);
  }
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.byteLength > maxBytes) throw new NetError('too-large', `The pack is over the ${formatBytes(maxBytes)} limit`);
    return buf;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new NetError('too-large', `The pack is over the ${formatBytes(maxBytes)} limit (stopped reading at ${formatBytes(total)})`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.ceil(n / 1024)} KB`;
  return `${n} bytes`;
}

export function looksLikeHtml(bytes: Uint8Array): boolean {
  // First non-whitespace byte (after an optional UTF-8 BOM) is '<': no pack or signature starts so.
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3c;
}

/**
 * Download a pack (or its signature) with the rules above. `not-modified` when the server answers
 * 304 to our conditional request.
 */
export async function fetchPack(opts: FetchPackOptions, fetchImpl: FetchLike = (i, init) => fetch(i, init)): Promise<FetchPackResult> {
  try {
    return await fetchOnce(opts, fetchImpl);
  } catch (error) {
    // Conditional headers are not CORS-safelisted: a server without a CORS preflight answer fails
    // the request outright. Retry once unconditionally so such a server still works (just without
    // the 304 savings).
    if (error instanceof NetError && error.failure === 'network' && (opts.etag || opts.lastModified)) {
      return fetchOnce({ ...opts, etag: undefined, lastModified: undefined }, fetchImpl);
    }
    throw error;
  }
}

async function fetchOnce(opts: FetchPackOptions, fetchImpl: FetchLike): Promise<FetchPackResult> {
  const url = assertHttpsUrl(opts.url);
  const headers: Record<string, string> = {
    accept: 'application/json, application/yaml;q=0.9, text/plain;q=0.5',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 30_000);
  let res: Response;
  try {
    res = await fetchImpl(url.href, {
      method: 'GET',
      headers,
      credentials: 'omit',
      redirect: 'error',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      mode: 'cors',
      signal: controller.signal,
    });
  } catch (error) {
    clearTimeout(timer);
    if (controller.signal.aborted) throw new NetError('timeout', `No answer from ${url.host} within ${Math.round((opts.timeoutMs ?? 30_000) / 1000)} s`);
    throw new NetError('network', `Could not reach ${url.host}: ${String((error as Error)?.message ?? error)} (offline, blocked, a redirect, or a certificate problem)`);
  }
  try {
    if (res.status === 304) return { status: 'not-modified' };
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      throw new NetError('http-status', `The pack URL redirects (HTTP ${res.status}); redirects are not followed — use the final address`, res.status);
    }
    if (!res.ok) throw new NetError('http-status', `Download failed: ${describeStatus(res.status)}`, res.status);
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType === 'text/html' || contentType === 'application/xhtml+xml') {
      throw new NetError('html', `The server sent a web page (${contentType}) instead of a pack — a login page, proxy or error page?`);
    }
    if (contentType && !ACCEPTED_TYPES.includes(contentType)) {
      throw new NetError('content-type', `Unexpected content type ${contentType}; serve packs as application/json`);
    }
    const bytes = await readCapped(res, opts.maxBytes);
    if (bytes.byteLength === 0) throw new NetError('empty', 'The server sent an empty file');
    if (looksLikeHtml(bytes)) throw new NetError('html', 'The server sent a web page instead of a pack — a login page, proxy or error page?');
    return {
      status: 'ok',
      bytes,
      etag: res.headers.get('etag') ?? undefined,
      lastModified: res.headers.get('last-modified') ?? undefined,
      contentType,
    };
  } catch (error) {
    if (controller.signal.aborted && !(error instanceof NetError)) {
      throw new NetError('timeout', `Download from ${url.host} took longer than ${Math.round((opts.timeoutMs ?? 30_000) / 1000)} s`);
    }
    throw error instanceof NetError ? error : new NetError('network', `Download from ${url.host} failed: ${String((error as Error)?.message ?? error)}`);
  } finally {
    clearTimeout(timer);
  }
}
