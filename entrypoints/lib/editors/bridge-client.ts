/**
 * Isolated-world half of the editor bridge: sends one request to the MAIN-world script and waits for the
 * matching, validated reply (1 s timeout). See protocol.ts.
 */
import {
  BRIDGE_MAX_TEXT,
  BRIDGE_REQUEST_EVENT,
  BRIDGE_RESPONSE_EVENT,
  BRIDGE_VERSION,
  newNonce,
  parseResponse,
  type BridgeRequest,
  type BridgeResponse,
  type MainMethod,
} from './protocol';

export const BRIDGE_TIMEOUT_MS = 1000;

/** Per top-level document: 'down' once a request timed out, so later insertions skip the bridge at once. */
const state = new WeakMap<Document, 'up' | 'down'>();

/** The element the MAIN-world script of this frame can see: the editor itself or, when the editor is the
 *  body of its own same-origin iframe (TinyMCE and CKEditor 4 classic mode), that <iframe> element in the
 *  parent document, whose window holds the editor's API. The bridge runs in every frame (allFrames). */
export function bridgeAnchor(el: Element): Element | null {
  const doc = el.ownerDocument;
  if (el !== doc.body) return el;
  const win = doc.defaultView;
  if (!win) return null;
  try {
    if (win === win.parent) return el;
    return win.frameElement ?? el;
  } catch {
    return el;
  }
}

export function bridgeKnownDown(el: Element): boolean {
  const anchor = bridgeAnchor(el);
  return !anchor || state.get(anchor.ownerDocument) === 'down';
}

/** Resets what we learnt about a document's bridge (tests, or after the page reloaded the script). */
export function resetBridgeState(doc: Document): void {
  state.delete(doc);
}

export function callMain(
  el: Element,
  method: MainMethod,
  text: string,
  timeoutMs = BRIDGE_TIMEOUT_MS,
): Promise<BridgeResponse | null> {
  const anchor = bridgeAnchor(el);
  if (!anchor || text.length > BRIDGE_MAX_TEXT) return Promise.resolve(null);
  const doc = anchor.ownerDocument;
  if (state.get(doc) === 'down') return Promise.resolve(null);
  const win = doc.defaultView;
  if (!win) return Promise.resolve(null);
  const req: BridgeRequest = { v: BRIDGE_VERSION, id: newNonce(), method, text };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: BridgeResponse | null): void => {
      if (settled) return;
      settled = true;
      win.clearTimeout(timer);
      doc.removeEventListener(BRIDGE_RESPONSE_EVENT, onResponse, true);
      resolve(r);
    };
    const onResponse = (ev: Event): void => {
      if ((ev.composedPath()[0] ?? ev.target) !== anchor) return;
      const r = parseResponse((ev as CustomEvent<unknown>).detail, req.id);
      if (!r) return; // not ours, or malformed: keep waiting
      state.set(doc, 'up');
      finish(r);
    };
    const timer = win.setTimeout(() => {
      if (state.get(doc) !== 'up') state.set(doc, 'down');
      finish(null);
    }, timeoutMs);
    doc.addEventListener(BRIDGE_RESPONSE_EVENT, onResponse, true);
    anchor.dispatchEvent(new win.CustomEvent(BRIDGE_REQUEST_EVENT, { detail: JSON.stringify(req), bubbles: true, composed: true }));
  });
}
