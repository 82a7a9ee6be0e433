/** The network module: HTTPS only, no cookies, no redirects, size caps, HTML error pages refused. */
import { describe, expect, it } from 'vitest';
import { fetchPack, NetError, type FetchLike } from '@/entrypoints/background/net';

const URL_ = 'https://packs.example.com/acme.json';
const json = '{"format":"tactline-pack/1"}';

function fake(make: (init: RequestInit, url: string) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const f: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return make(init, url);
  };
  return { f, calls };
}

async function failure(p: Promise<unknown>): Promise<NetError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(NetError);
  return e as NetError;
}

describe('fetchPack', () => {
  it('sends no credentials, follows no redirects, bypasses the cache and sends the validators', async () => {
    const { f, calls } = fake(() => new Response(json, { headers: { 'content-type': 'application/json', etag: '"a"', 'last-modified': 'Tue, 24 Nov 2026 10:00:00 GMT' } }));
    const r = await fetchPack({ url: URL_, etag: '"z"', lastModified: 'Mon, 23 Nov 2026 10:00:00 GMT', maxBytes: 1000 }, f);
    expect(r).toMatchObject({ status: 'ok', etag: '"a"', lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT' });
    const init = calls[0]!.init;
    expect(init).toMatchObject({ credentials: 'omit', redirect: 'error', cache: 'no-store', referrerPolicy: 'no-referrer', method: 'GET' });
    expect(init.headers).toMatchObject({ 'if-none-match': '"z"', 'if-modified-since': 'Mon, 23 Nov 2026 10:00:00 GMT' });
  });

  it('304 → not-modified', async () => {
    const { f } = fake(() => new Response(null, { status: 304 }));
    expect(await fetchPack({ url: URL_, etag: '"a"', maxBytes: 1000 }, f)).toEqual({ status: 'not-modified' });
  });

  it('refuses anything but https before any request', async () => {
    const { f, calls } = fake(() => new Response(json));
    for (const url of ['http://packs.example.com/a.json', 'file:///etc/passwd', 'javascript:alert(1)', 'https://u:p@packs.example.com/a.json', 'not a url']) {
      expect((await failure(fetchPack({ url, maxBytes: 1000 }, f))).failure).toBe('not-https');
    }
    expect(calls).toHaveLength(0);
  });

  it('refuses HTML error pages, by content type and by content', async () => {
    const byType = fake(() => new Response('<html>Sign in</html>', { headers: { 'content-type': 'text/html; charset=utf-8' } }));
    expect((await failure(fetchPack({ url: URL_, maxBytes: 1000 }, byType.f))).failure).toBe('html');
    const byBody = fake(() => new Response('\n  <!doctype html><title>Proxy</title>', { headers: { 'content-type': 'text/plain' } }));
    expect((await failure(fetchPack({ url: URL_, maxBytes: 1000 }, byBody.f))).failure).toBe('html');
    const odd = fake(() => new Response(json, { headers: { 'content-type': 'image/png' } }));
    expect((await failure(fetchPack({ url: URL_, maxBytes: 1000 }, odd.f))).failure).toBe('content-type');
  });

  it('caps the size by Content-Length and while streaming', async () => {
    const declared = fake(() => new Response(json, { headers: { 'content-type': 'application/json', 'content-length': '5000000' } }));
    expect((await failure(fetchPack({ url: URL_, maxBytes: 1000 }, declared.f))).message).toMatch(/over the 1000 bytes limit/);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(256).fill(0x20));
      },
    });
    const streamed = fake(() => new Response(endless, { headers: { 'content-type': 'application/json' } }));
    const e = await failure(fetchPack({ url: URL_, maxBytes: 1000 }, streamed.f));
    expect(e.failure).toBe('too-large');
    expect(pulled).toBeLessThan(10);
  });

  it('HTTP errors and redirects are failures with a readable reason', async () => {
    const s500 = fake(() => new Response('boom', { status: 500 }));
    expect((await failure(fetchPack({ url: URL_, maxBytes: 1000 }, s500.f))).message).toMatch(/server failed \(HTTP 500\)/);
    const s404 = fake(() => new Response('nope', { status: 404 }));
    expect((await failure(fetchPack({ url: URL_, maxBytes: 1000 }, s404.f))).status).toBe(404);
    // fetch() with redirect:'error' rejects with a TypeError on a redirect.
    const redirect = fake(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await failure(fetchPack({ url: URL_, maxBytes: 1000 }, redirect.f))).failure).toBe('network');
    const empty = fake(() => new Response('', { headers: { 'content-type': 'application/json' } }));
    expect((await failure(fetchPack({ url: URL_, maxBytes: 1000 }, empty.f))).failure).toBe('empty');
  });

  it('retries once without conditional headers when the conditional request fails (no CORS preflight support)', async () => {
    const { f, calls } = fake((init) => {
      if ((init.headers as Record<string, string>)['if-none-match']) return Promise.reject(new TypeError('Failed to fetch'));
      return new Response(json, { headers: { 'content-type': 'application/json' } });
    });
    expect((await fetchPack({ url: URL_, etag: '"a"', maxBytes: 1000 }, f)).status).toBe('ok');
    expect(calls).toHaveLength(2);
  });

  it('times out', async () => {
    const { f } = fake((init) => new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    expect((await failure(fetchPack({ url: URL_, maxBytes: 1000, timeoutMs: 50 }, f))).failure).toBe('timeout');
  });
});
