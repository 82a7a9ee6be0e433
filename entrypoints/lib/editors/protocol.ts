/**
 * The narrow, typed protocol between the isolated-world insertion code and the MAIN-world bridge
 * (entrypoints/editor-bridge.content.ts). Both sides import this module; it has no side effects.
 *
 * Transport: DOM CustomEvents dispatched on the editor element (or on the editor's <iframe> element in the
 * top document when the editor lives in a same-origin iframe). `detail` is always a JSON string, because
 * strings cross the isolated/MAIN world boundary unchanged in Chromium and Firefox, while objects do not.
 *
 * The MAIN side only ever receives "insert this text into this editor with this method" and answers
 * ok/failed. It never sees packs, limits or settings. Everything in the MAIN world is readable and forgeable
 * by the page, so the isolated side treats replies as hints and confirms the effect in the DOM itself.
 */

export const BRIDGE_REQUEST_EVENT = 'tactline:editor-bridge:request';
export const BRIDGE_RESPONSE_EVENT = 'tactline:editor-bridge:response';
export const BRIDGE_VERSION = 1;
/** Longest text the bridge accepts (a reply phrase is far shorter). */
export const BRIDGE_MAX_TEXT = 20_000;

/** What the MAIN side can do. Each one is a single, named operation with no options. */
export const MAIN_METHODS = [
  'ping',
  'ckeditor5-model',
  'ckeditor4-api',
  'tinymce-api',
  'froala-api',
  'summernote-api',
  'paste-event',
  'beforeinput-event',
] as const;
export type MainMethod = (typeof MAIN_METHODS)[number];

export interface BridgeRequest {
  v: typeof BRIDGE_VERSION;
  /** 128-bit random nonce, 32 lowercase hex characters. */
  id: string;
  method: MainMethod;
  text: string;
}

export interface BridgeResponse {
  v: typeof BRIDGE_VERSION;
  id: string;
  ok: boolean;
  /** The method that ran (echo of the request, or a sub-variant such as 'tinymce-api:insertContent'). */
  method: string;
  error?: string;
}

const ID_RE = /^[0-9a-f]{32}$/;
const METHOD_SET: ReadonlySet<string> = new Set(MAIN_METHODS);

function parseJsonObject(detail: unknown): Record<string, unknown> | null {
  if (typeof detail !== 'string' || detail.length > BRIDGE_MAX_TEXT * 8 + 512) return null;
  try {
    const v: unknown = JSON.parse(detail);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function parseRequest(detail: unknown): BridgeRequest | null {
  const o = parseJsonObject(detail);
  if (!o) return null;
  const { v, id, method, text } = o;
  if (v !== BRIDGE_VERSION || typeof id !== 'string' || !ID_RE.test(id)) return null;
  if (typeof method !== 'string' || !METHOD_SET.has(method)) return null;
  if (typeof text !== 'string' || text.length > BRIDGE_MAX_TEXT) return null;
  return { v: BRIDGE_VERSION, id, method: method as MainMethod, text };
}

/** Validates a reply; `expectedId` is the nonce of the request it must answer. */
export function parseResponse(detail: unknown, expectedId: string): BridgeResponse | null {
  const o = parseJsonObject(detail);
  if (!o) return null;
  const { v, id, ok, method, error } = o;
  if (v !== BRIDGE_VERSION || id !== expectedId || typeof ok !== 'boolean') return null;
  if (typeof method !== 'string' || method.length > 64) return null;
  if (error !== undefined && (typeof error !== 'string' || error.length > 300)) return null;
  return error === undefined ? { v: BRIDGE_VERSION, id, ok, method } : { v: BRIDGE_VERSION, id, ok, method, error };
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
