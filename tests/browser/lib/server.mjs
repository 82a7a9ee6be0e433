// The demo helpdesk: serves the fixture pages on 127.0.0.1. Each fixture's first line is an HTML
// comment naming the URL it stands for (e.g. https://northwind-demo.zendesk.com/agent/tickets/48213);
// the browser is then routed so that URL is answered by this server — the extension sees the real
// helpdesk URL, and no request ever leaves the machine.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './chromium.mjs';

export const FIXTURES = join(ROOT, 'tests', 'fixtures');

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

/** Map of claimed URL (origin + path + search) → fixture file. */
export function fixtureRoutes() {
  const routes = new Map();
  for (const file of walk(FIXTURES)) {
    const head = readFileSync(file, 'utf8').slice(0, 600);
    const m = /^\s*<!--[^]*?(https?:\/\/[^\s|>]+)/.exec(head);
    if (!m) continue;
    const url = new URL(m[1].replace(/[),.;]+$/, ''));
    const key = url.origin + url.pathname + url.search;
    if (!routes.has(key)) routes.set(key, file);
  }
  return routes;
}

export function fixtureHosts(routes = fixtureRoutes()) {
  return new Set([...routes.keys()].map((k) => new URL(k).host));
}

function indexPage(routes) {
  const items = [...routes.entries()]
    .map(([url, file]) => ({ url, file: relative(FIXTURES, file) }))
    .filter((r) => !r.file.startsWith('editors/'))
    .sort((a, b) => a.file.localeCompare(b.file));
  const esc = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const bySite = new Map();
  for (const it of items) {
    const site = it.file.split('/')[0];
    if (!bySite.has(site)) bySite.set(site, []);
    bySite.get(site).push(it);
  }
  const sections = [...bySite.entries()]
    .map(([site, list]) => `<h2>${esc(site)}</h2><ul>${list.map((i) => `<li><a href="${esc(i.url)}">${esc(i.url)}</a> <small>${esc(i.file)}</small></li>`).join('')}</ul>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tactline demo helpdesk</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:24px auto;padding:0 16px}small{color:#555}</style></head>
<body><h1>Tactline demo helpdesk</h1>
<p>Fixture ticket pages that imitate real helpdesk markup, with made-up people only. Open a ticket: the Tactline sidebar appears on the right.
Pages are served from 127.0.0.1 and shown under the helpdesk's own address by the demo browser, so nothing is fetched from the internet.</p>
${sections}</body></html>`;
}

export async function startDemoServer({ port = 0 } = {}) {
  const routes = fixtureRoutes();
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname === '/' || u.pathname === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(indexPage(routes));
      return;
    }
    // /site/<host>/<path>?<search>
    const m = /^\/site\/([^/]+)(\/.*)?$/.exec(u.pathname);
    if (m) {
      const key = `https://${m[1]}${m[2] ?? '/'}${u.search}`;
      const file = routes.get(key) ?? routes.get(`https://${m[1]}${m[2] ?? '/'}`);
      if (file) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`No demo page for ${u.pathname}`);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address();
  const base = `http://127.0.0.1:${actual}`;
  return {
    base,
    routes,
    hosts: fixtureHosts(routes),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Route the browser: fixture hosts are answered by the demo server; every other non-local request is
 * aborted and recorded (the privacy audit reads `blocked`).
 */
export async function routeDemo(context, demo, { allow = [] } = {}) {
  const blocked = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'chrome-extension:' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    if (url.hostname === '127.0.0.1' || allow.some((a) => url.href.startsWith(a))) return route.continue();
    if (demo.hosts.has(url.host)) {
      const res = await fetch(`${demo.base}/site/${url.host}${url.pathname}${url.search}`);
      return route.fulfill({ status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'text/html' }, body: Buffer.from(await res.arrayBuffer()) });
    }
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return { blocked };
}

/** Fixture tickets of a site that an adapter must read (expected context not null): [{ url, expected, html }]. */
export function fixtureTickets(site) {
  const dir = join(FIXTURES, site);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => ({ expected: JSON.parse(readFileSync(join(dir, f), 'utf8')), html: join(dir, f.replace('.expected.json', '.html')) }))
    .filter((t) => t.expected && t.expected.ticketId)
    .map((t) => ({ ...t, url: /^\s*<!--[^]*?(https?:\/\/[^\s|>]+)/.exec(readFileSync(t.html, 'utf8').slice(0, 600))[1] }));
}
