// @vitest-environment happy-dom
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { BRIDGE_MAX_TEXT, BRIDGE_REQUEST_EVENT, BRIDGE_RESPONSE_EVENT, newNonce, parseRequest, parseResponse } from '@/entrypoints/lib/editors/protocol';
import { callMain, resetBridgeState } from '@/entrypoints/lib/editors/bridge-client';
import { installEditorBridge } from '@/entrypoints/lib/editors/main-world';
import { escapeHtmlText } from '@/entrypoints/lib/editors/events';

const id = 'a'.repeat(32);

describe('bridge protocol validation', () => {
  it('accepts a well-formed request and rejects anything else', () => {
    expect(parseRequest(JSON.stringify({ v: 1, id, method: 'paste-event', text: 'Hi' }))).toEqual({ v: 1, id, method: 'paste-event', text: 'Hi' });
    const bad: unknown[] = [
      { v: 1, id, method: 'paste-event', text: 'Hi' }, // an object, not the JSON string
      JSON.stringify({ v: 2, id, method: 'paste-event', text: 'Hi' }),
      JSON.stringify({ v: 1, id: 'short', method: 'paste-event', text: 'Hi' }),
      JSON.stringify({ v: 1, id: id.toUpperCase(), method: 'paste-event', text: 'Hi' }),
      JSON.stringify({ v: 1, id, method: 'eval', text: 'Hi' }),
      JSON.stringify({ v: 1, id, method: 'paste-event', text: 42 }),
      JSON.stringify({ v: 1, id, method: 'paste-event', text: 'x'.repeat(BRIDGE_MAX_TEXT + 1) }),
      JSON.stringify([1, 2]),
      'not json',
      null,
    ];
    for (const b of bad) expect(parseRequest(b)).toBeNull();
  });

  it('accepts only the reply to our own nonce, with the right types', () => {
    const ok = JSON.stringify({ v: 1, id, ok: true, method: 'paste-event' });
    expect(parseResponse(ok, id)).toEqual({ v: 1, id, ok: true, method: 'paste-event' });
    expect(parseResponse(ok, 'b'.repeat(32))).toBeNull();
    expect(parseResponse(JSON.stringify({ v: 1, id, ok: 'yes', method: 'x' }), id)).toBeNull();
    expect(parseResponse(JSON.stringify({ v: 1, id, ok: false, method: 'x', error: 7 }), id)).toBeNull();
    expect(parseResponse(JSON.stringify({ v: 1, id, ok: false, method: 'x', error: 'no editor' }), id)).toEqual({ v: 1, id, ok: false, method: 'x', error: 'no editor' });
  });

  it('nonces are 128-bit hex and distinct', () => {
    const a = newNonce();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newNonce()).not.toBe(a);
  });

  it('escapes text for HTML-only editor APIs', () => {
    expect(escapeHtmlText(`<img src=x onerror="a">&'`)).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
  });
});

describe('bridge round trip (same document, both halves)', () => {
  let uninstall: (() => void) | null = null;
  beforeEach(() => {
    document.body.replaceChildren();
    resetBridgeState(document);
  });
  afterEach(() => {
    uninstall?.();
    uninstall = null;
  });

  it('ping answers through DOM events', async () => {
    uninstall = installEditorBridge(window as Window & typeof globalThis);
    const el = document.createElement('div');
    document.body.append(el);
    expect(await callMain(el, 'ping', '')).toMatchObject({ ok: true, method: 'ping' });
  });

  it('a forged reply with another nonce is ignored; no bridge means a timeout and the bridge is marked down', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    // A page script that answers every request with a forged nonce.
    const forge = (e: Event) => {
      el.dispatchEvent(new CustomEvent(BRIDGE_RESPONSE_EVENT, { detail: JSON.stringify({ v: 1, id: 'f'.repeat(32), ok: true, method: 'ping' }), bubbles: true }));
      void e;
    };
    document.addEventListener(BRIDGE_REQUEST_EVENT, forge);
    let requests = 0;
    const count = () => requests++;
    document.addEventListener(BRIDGE_REQUEST_EVENT, count);
    expect(await callMain(el, 'ping', '', 150)).toBeNull();
    expect(requests).toBe(1);
    // Marked down after the forged answer: the next call does not even ask the page.
    expect(await callMain(el, 'ping', '', 150)).toBeNull();
    expect(requests).toBe(1);
    document.removeEventListener(BRIDGE_REQUEST_EVENT, count);
    document.removeEventListener(BRIDGE_REQUEST_EVENT, forge);
  });

  it('the MAIN side ignores malformed requests and window.postMessage', async () => {
    uninstall = installEditorBridge(window as Window & typeof globalThis);
    const el = document.createElement('div');
    document.body.append(el);
    const replies: unknown[] = [];
    document.addEventListener(BRIDGE_RESPONSE_EVENT, (e) => replies.push((e as CustomEvent).detail));
    el.dispatchEvent(new CustomEvent(BRIDGE_REQUEST_EVENT, { detail: JSON.stringify({ v: 1, id: 'x', method: 'ping', text: '' }), bubbles: true }));
    el.dispatchEvent(new CustomEvent(BRIDGE_REQUEST_EVENT, { detail: { v: 1, id, method: 'ping', text: '' }, bubbles: true }));
    window.postMessage({ v: 1, id, method: 'ping', text: '' }, '*');
    await new Promise((r) => setTimeout(r, 20));
    expect(replies).toEqual([]);
  });

  it('reports a failing method instead of throwing (no editor API on the page)', async () => {
    uninstall = installEditorBridge(window as Window & typeof globalThis);
    const el = document.createElement('div');
    el.className = 'ck-editor__editable';
    el.setAttribute('contenteditable', 'true');
    document.body.append(el);
    expect(await callMain(el, 'ckeditor5-model', 'Hi')).toMatchObject({ ok: false, method: 'ckeditor5-model', error: 'no ckeditorInstance' });
    expect(await callMain(el, 'tinymce-api', 'Hi')).toMatchObject({ ok: false, error: 'no tinymce' });
  });
});

describe('bridge inside a shadow root', () => {
  it('request and reply reach the element itself, not the retargeted shadow host', async () => {
    document.body.replaceChildren();
    resetBridgeState(document);
    const uninstall = installEditorBridge(window as Window & typeof globalThis);
    try {
      const host = document.createElement('div');
      document.body.append(host);
      const sr = host.attachShadow({ mode: 'open' });
      const el = document.createElement('div');
      el.setAttribute('contenteditable', 'true');
      sr.append(el);
      let pasted = '';
      el.addEventListener('paste', (e) => {
        e.preventDefault();
        pasted = (e as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
      });
      // The MAIN side dispatched the paste on the editable itself, and the isolated side accepted the reply
      // dispatched there (not on the retargeted host).
      expect(await callMain(el, 'paste-event', 'Hi Ada', 300)).toMatchObject({ ok: true, method: 'paste-event' });
      expect(pasted).toBe('Hi Ada');
    } finally {
      uninstall();
    }
  });
});
