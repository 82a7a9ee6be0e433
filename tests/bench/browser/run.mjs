// `npm run bench:browser` — Tactline's cost inside a real page, measured in Debian Chromium against
// the same page without the extension (runs alternate: with, without, with, without, …; medians).
//
// The page: the Zendesk fixture ticket (served under its helpdesk URL by the demo server routing),
// made busy at run time by a page script that appends chat messages to the ticket's log and
// re-renders a list at ~1,000 DOM mutation records/s for 8 s, while a simulated agent types into the
// reply editor. Then, in one extension-only session: a generated 20,000-entry pack imported through
// the extension's own message, the index load after a service-worker restart, service-worker heap,
// and the content script's gzip size. Prints a Markdown table and writes .output/bench-browser.md.
//
//   node tests/bench/browser/run.mjs [--runs 3] [--no-build] [--busy-ms 8000]
import { existsSync, readFileSync, statSync, readdirSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { launchWithExtension, findChromium, CHROMIUM_MISSING, ROOT, EXTENSION_DIR } from '../../browser/lib/chromium.mjs';
import { startDemoServer, routeDemo } from '../../browser/lib/server.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const RUNS = Math.max(1, opt('runs', 3));
const BUSY_MS = opt('busy-ms', 8000);
const TICK_MS = 10; // one tick ≈ 10–11 mutation records → ~1,000 records/s
const TICKET_URL = 'https://northwind-demo.zendesk.com/agent/tickets/48213';
const PACK_ENTRIES = 20_000;
// The ticket the Zendesk adapter reads from the fixture page (its expected extraction), for timing
// 'tickets/suggest' directly from an extension page.
const SUGGEST_CONTEXT = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/zendesk/2026-11-24-refund-damaged-tent.expected.json'), 'utf8'));
const CONTENT_BUDGET = 60 * 1024;
const t0 = Date.now();
const log = (...a) => console.error(`[bench:browser +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

// ---------------------------------------------------------------------------------------------
// Build (only when the built extension is missing or older than its sources)
// ---------------------------------------------------------------------------------------------
function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}
/**
 * Copy the built extension to a private folder: other people may rebuild .output/chrome-mv3 while
 * the bench runs, and a half-written build must not be loaded halfway through.
 */
async function snapshotBuild() {
  const dir = await mkdtemp(join(tmpdir(), 'tactline-bench-ext-'));
  for (let attempt = 0; attempt < 20; attempt++) {
    if (existsSync(join(EXTENSION_DIR, 'manifest.json')) && existsSync(join(EXTENSION_DIR, 'content-scripts', 'content.js'))) {
      try {
        cpSync(EXTENSION_DIR, dir, { recursive: true });
        if (existsSync(join(dir, 'manifest.json')) && existsSync(join(dir, 'background.js'))) return dir;
      } catch {
        /* a build was rewriting the folder: try again */
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`could not copy a complete build from ${EXTENSION_DIR}`);
}
let EXT = EXTENSION_DIR;

function ensureBuild() {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const src = Math.max(newestMtime(join(ROOT, 'entrypoints')), newestMtime(join(ROOT, 'guidance')), newestMtime(join(ROOT, 'public')));
  if (argv.includes('--no-build') && built) {
    if (src > built) log('warning: sources are newer than .output/chrome-mv3 (--no-build given): measuring the older build');
    return;
  }
  if (built && built >= src) return;
  log(built ? 'sources changed since the last build: npx wxt build' : 'no build yet: npx wxt build');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

// ---------------------------------------------------------------------------------------------
// In-page instrumentation (main world, from document start, identical with and without extension)
// ---------------------------------------------------------------------------------------------
const INIT = () => {
  const b = (window.__bench = { longtasks: [], keys: [], hostAt: null, records: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no longtask support: counts stay 0 and the report says so */
  }
  // Key latency: keydown (event timestamp, i.e. when the input was created) → next animation frame.
  addEventListener(
    'keydown',
    (e) => {
      const ts = e.timeStamp;
      requestAnimationFrame(() => b.keys.push(performance.now() - ts));
    },
    true,
  );
  // When does the sidebar host appear? (The host element is in the light DOM; its root is closed.)
  const hostWatch = new MutationObserver((recs) => {
    for (const r of recs)
      for (const n of r.addedNodes)
        if (n.nodeName === 'TACTLINE-SIDEBAR' || (n.querySelector && n.querySelector('tactline-sidebar'))) {
          b.hostAt = performance.now();
          hostWatch.disconnect();
          return;
        }
  });
  hostWatch.observe(document, { childList: true, subtree: true });
  b.stopHostWatch = () => hostWatch.disconnect();

  const LINES = [
    'Just checking whether there is any news on this.',
    'I can send more photos of the fly sheet if that helps.',
    'The courier left a note, but I was at work all day.',
    'Is a replacement pole something you keep in stock?',
    'Thanks for the quick answer earlier.',
    'My partner says the box was already dented on arrival.',
    'Could you confirm the address you have on file?',
    'We are leaving for the trip on Friday, so timing matters.',
  ];
  b.busy = ({ durationMs, tickMs }) =>
    new Promise((resolve) => {
      b.stopHostWatch();
      const pane = document.querySelector('.ticket-panes-grid-layout[data-is-active="true"]');
      const logEl = pane.querySelector('[data-test-id="omni-log-container"]');
      const aside = pane.querySelector('aside');
      const list = document.createElement('ul');
      list.setAttribute('data-bench', 'views');
      for (let i = 0; i < 8; i++) list.append(document.createElement('li'));
      const status = document.createElement('div');
      const statusText = document.createTextNode('');
      status.append(statusText);
      aside.append(list, status);
      const added = [];
      let n = 0;
      const counter = new MutationObserver((recs) => (b.records += recs.length));
      counter.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      const start = performance.now();
      b.busyStart = start;
      const id = setInterval(() => {
        const now = performance.now();
        if (now - start >= durationMs) {
          clearInterval(id);
          // Let the counter's last callback run, then report.
          setTimeout(() => {
            counter.disconnect();
            resolve({ start, end: now, ticks: n, records: b.records });
          }, 0);
          return;
        }
        // Catch up when timers were late (a busy or slow machine), so both sides get the same page work.
        const due = Math.min(20, Math.floor((now - start) / tickMs) + 1 - n);
        for (let k = 0; k < due; k++) tick();
      }, tickMs);
      function tick() {
        n++;
        // 1) a chat message joins the ticket's log (oldest bench messages drop off after 100)
        const art = document.createElement('article');
        art.setAttribute('data-test-id', 'omni-log-comment-item');
        art.innerHTML =
          `<div data-test-id="omni-log-item-message" type="${n % 3 ? 'end-user' : 'agent'}">` +
          `<strong data-test-id="omni-log-item-sender">${n % 3 ? 'Ada Example' : 'Sam Rivera'}</strong>` +
          `<time data-test-id="timestamp-relative" datetime="2026-11-24T10:00:00Z">just now</time>` +
          `<div data-test-id="omni-log-message-content"><p>${LINES[n % LINES.length]} (${n})</p></div></div>`;
        logEl.append(art);
        added.push(art);
        if (added.length > 100) added.shift().remove();
        // 2) a view list re-rendered item by item
        for (let i = 0; i < list.children.length; i++) list.children[i].textContent = `View ${i + 1}: ${(n * (i + 3)) % 97} tickets`;
        // 3) a presence line updated in place
        statusText.data = `${n % 5} agents viewing · ${n} updates`;
      }
    });
};

// ---------------------------------------------------------------------------------------------
// One page run (with or without the extension)
// ---------------------------------------------------------------------------------------------
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function launchBaseline() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const dir = await mkdtemp(join(tmpdir(), 'tactline-bench-base-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless=new', ...BASE_ARGS],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

function findHost(node) {
  if (node.nodeName === 'TACTLINE-SIDEBAR') return node;
  for (const c of node.children ?? []) {
    const f = findHost(c);
    if (f) return f;
  }
  return null;
}

async function measureSidebar(page, cdp) {
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate(() => window.__bench.hostAt)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const host = findHost(root);
  const sr = host?.shadowRoots?.[0];
  if (!sr) throw new Error('the sidebar host or its shadow root never appeared');
  const { object } = await cdp.send('DOM.resolveNode', { nodeId: sr.nodeId });
  // Runs in the page's main world with `this` = the closed shadow root: stamp the first phrase.
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    returnByValue: true,
    functionDeclaration: `function () {
      const b = window.__bench;
      if (this.querySelector('.tl-phrase')) { b.phrasesAt = performance.now(); b.phrasesLate = true; return 'late'; }
      const mo = new MutationObserver(() => {
        if (this.querySelector('.tl-phrase')) { b.phrasesAt = performance.now(); mo.disconnect(); }
      });
      mo.observe(this, { childList: true, subtree: true });
      return 'watching';
    }`,
  });
  while (!(await page.evaluate(() => window.__bench.phrasesAt)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const sidebar = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const b = window.__bench;
    return {
      dcl: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      hostAt: b.hostAt,
      phrasesAt: b.phrasesAt ?? null,
      late: !!b.phrasesLate,
    };
  });
  sidebar.watch = result.value;
  return sidebar;
}

const metricsOf = async (cdp) => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

async function pageRun(withExtension, demo) {
  const browser = withExtension ? await launchWithExtension({ extensionDir: EXT }) : await launchBaseline();
  try {
    await routeDemo(browser.context, demo);
    await browser.context.addInitScript(INIT);
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('DOM.enable');
    await page.goto(TICKET_URL, { waitUntil: 'domcontentloaded' });

    // --- ticket shown → sidebar rendered (extension only). First navigation in a fresh profile (the
    // worker starts and seeds the bundled pack), then a second navigation to the same ticket (warm).
    let sidebar = null;
    let sidebarFirst = null;
    if (withExtension) {
      sidebarFirst = await measureSidebar(page, cdp);
      await page.goto('about:blank');
      await page.goto(TICKET_URL, { waitUntil: 'domcontentloaded' });
      sidebar = await measureSidebar(page, cdp);
    } else {
      // Same two navigations without the extension.
      await page.waitForLoadState('load');
      await page.goto('about:blank');
      await page.goto(TICKET_URL, { waitUntil: 'domcontentloaded' });
    }
    await page.waitForLoadState('load');
    await new Promise((r) => setTimeout(r, 1500)); // settle: the extension's first passes are done

    // --- page heap after settling (GC first; the content script shares the page's V8 isolate)
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await metricsOf(cdp)).JSHeapUsedSize;

    // --- busy phase with typing
    const editor = page.locator('.ticket-panes-grid-layout[data-is-active="true"] [data-test-id="omnicomposer-rich-text-ckeditor"]');
    await editor.click();
    const m0 = await metricsOf(cdp);
    const wall0 = Date.now();
    const busy = page.evaluate((o) => window.__bench.busy(o), { durationMs: BUSY_MS, tickMs: TICK_MS });
    const text = 'Hi Ada, I am sorry the tent arrived damaged. I have arranged a replacement pole and a new fly sheet for you right away. ';
    let typed = 0;
    while (Date.now() - wall0 < BUSY_MS - 400) {
      await page.keyboard.type(text[typed % text.length], { delay: 0 });
      typed++;
      await new Promise((r) => setTimeout(r, 35));
    }
    const b = await busy;
    const wall = (Date.now() - wall0) / 1000;
    const m1 = await metricsOf(cdp);
    await new Promise((r) => setTimeout(r, 100)); // last rAF callbacks
    const inPage = await page.evaluate(({ start, end }) => {
      const lt = window.__bench.longtasks.filter((t) => t.start >= start && t.start <= end);
      return { longtasks: lt.length, longMax: Math.max(0, ...lt.map((t) => t.duration)), keys: window.__bench.keys.slice() };
    }, b);
    const busySec = (b.end - b.start) / 1000;
    return {
      withExtension,
      sidebar,
      sidebarFirst,
      heap,
      records: b.records,
      recordsPerSec: b.records / busySec,
      ticks: b.ticks,
      busySec,
      typed,
      longtasks: inPage.longtasks,
      longMax: inPage.longMax,
      keyMedian: median(inPage.keys),
      keyP95: quantile(inPage.keys, 0.95),
      keyCount: inPage.keys.length,
      scriptPerSec: ((m1.ScriptDuration - m0.ScriptDuration) * 1000) / wall,
      taskPerSec: ((m1.TaskDuration - m0.TaskDuration) * 1000) / wall,
    };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Extension-only session: pack import, index load after a worker restart, worker heap
// ---------------------------------------------------------------------------------------------
async function workerSession(packText) {
  const ext = await launchWithExtension({ extensionDir: EXT });
  try {
    const bcdp = await ext.context.browser().newBrowserCDPSession();
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('popup.html'));
    await new Promise((r) => setTimeout(r, 800)); // the popup's own first messages
    const pcdp = await ext.context.newCDPSession(page);
    await pcdp.send('ServiceWorker.enable');

    const send = (type, payload) =>
      page.evaluate(
        async ({ type, payload }) => {
          const t = performance.now();
          const reply = await chrome.runtime.sendMessage({ tactline: 1, type, payload });
          return { ms: performance.now() - t, reply };
        },
        { type, payload },
      );

    const swTargets = async () => (await bcdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${ext.extensionId}/`));
    async function swHeap() {
      const [sw] = await swTargets();
      if (!sw) throw new Error('no service worker target');
      const { sessionId } = await bcdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
      const pending = new Map();
      let id = 0;
      const onMsg = (e) => {
        if (e.sessionId !== sessionId) return;
        const m = JSON.parse(e.message);
        if (pending.has(m.id)) {
          pending.get(m.id)(m);
          pending.delete(m.id);
        }
      };
      bcdp.on('Target.receivedMessageFromTarget', onMsg);
      const call = (method, params = {}) =>
        new Promise((resolve, reject) => {
          const i = ++id;
          pending.set(i, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result)));
          bcdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method, params }) }).catch(reject);
        });
      try {
        await call('HeapProfiler.collectGarbage');
        return (await call('Runtime.getHeapUsage')).usedSize;
      } finally {
        bcdp.off('Target.receivedMessageFromTarget', onMsg);
        await bcdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      }
    }
    async function restartWorker() {
      await pcdp.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + 5000;
      while ((await swTargets()).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      if ((await swTargets()).length) throw new Error('the service worker did not stop');
      await new Promise((r) => setTimeout(r, 200));
    }
    const ok = (r, what) => {
      if (!r.reply?.ok) throw new Error(`${what} failed: ${JSON.stringify(r.reply).slice(0, 300)}`);
      return r;
    };

    /** Median of 5 warm round trips (NaN when `optional` and the request is refused). */
    async function warm(type, payload, optional = false) {
      const ms = [];
      for (let i = 0; i < 5; i++) {
        const r = await send(type, payload);
        if (!r.reply?.ok) {
          if (optional) return NaN;
          ok(r, type);
        }
        ms.push(r.ms);
      }
      return median(ms);
    }
    const out = {};
    const s0 = ok(await send('status/get', {}), 'status/get');
    out.defaultPack = `${s0.reply.data.pack?.id} v${s0.reply.data.pack?.version}`;
    out.heapDefault = await swHeap();
    const coldsDefault = [];
    for (let i = 0; i < 3; i++) {
      await restartWorker();
      coldsDefault.push(ok(await send('status/get', {}), 'status/get (cold, default pack)').ms);
    }
    out.coldDefault = median(coldsDefault);
    out.coldDefaultAll = coldsDefault;
    /** First tickets/suggest answered by a freshly started worker (3 restarts; median). */
    async function coldSuggest(what) {
      const all = [];
      for (let i = 0; i < 3; i++) {
        await restartWorker();
        all.push(ok(await send('tickets/suggest', { context: SUGGEST_CONTEXT }), `tickets/suggest (cold, ${what})`).ms);
      }
      return all;
    }
    out.coldSuggestDefaultAll = await coldSuggest('default pack');
    out.coldSuggestDefault = median(out.coldSuggestDefaultAll);
    out.warmDefault = await warm('status/get', {});
    out.suggestDefault = await warm('tickets/suggest', { context: SUGGEST_CONTEXT }, true);
    out.heapDefaultAfterRestart = await swHeap();

    // Import the way the options page does (entrypoints/lib/staging.ts, mirrored here because the
    // popup page cannot import the bundled module): write the text into the 'tactline-staging'
    // IndexedDB, send 'pack/import' { staged: id }, then discard (a no-op once the worker took it).
    // The text is put into the page first (outside the timing), as the options page reads the file.
    const bumped = JSON.parse(packText);
    bumped.version += 1;
    await page.evaluate(([a, b]) => ((window.__pack = a), (window.__pack2 = b)), [packText, JSON.stringify(bumped)]);
    const staged = await page.evaluate(async () => {
      const idb = (fn) => new Promise((resolve, reject) => { const r = fn(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      const open = () => idb(() => {
        const r = indexedDB.open('tactline-staging', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('files', { keyPath: 'id' }).createIndex('at', 'at');
        return r;
      });
      const t = performance.now();
      const id = crypto.randomUUID();
      const db = await open();
      await new Promise((resolve, reject) => {
        const tx = db.transaction('files', 'readwrite');
        tx.objectStore('files').put({ id, at: Date.now(), text: window.__pack, filename: 'big.json' });
        tx.oncomplete = resolve;
        tx.onerror = tx.onabort = () => reject(tx.error);
      });
      db.close();
      const tStaged = performance.now();
      const reply = await chrome.runtime.sendMessage({ tactline: 1, type: 'pack/import', payload: { staged: id } });
      const ms = performance.now() - t;
      const dbs = (await indexedDB.databases()).map((d) => d.name);
      return { ms, stageMs: tStaged - t, reply, leftover: dbs.includes('tactline-staging') };
    });
    const imp = ok(staged, 'pack/import (staged)');
    if (staged.leftover) throw new Error('the staging database was left behind after the import');
    out.importMs = imp.ms;
    out.importStageMs = staged.stageMs;
    out.importResult = imp.reply.data;
    if (!imp.reply.data.ok) throw new Error(`import refused: ${JSON.stringify(imp.reply.data.errors).slice(0, 300)}`);
    // The previous path for comparison: the whole text inside the message (a version one higher).
    const viaMessage = await page.evaluate(async () => {
      const t = performance.now();
      const reply = await chrome.runtime.sendMessage({ tactline: 1, type: 'pack/import', payload: { text: window.__pack2, filename: 'big.json' } });
      return { ms: performance.now() - t, reply };
    });
    ok(viaMessage, 'pack/import (text)');
    if (!viaMessage.reply.data.ok) throw new Error(`import (text) refused: ${JSON.stringify(viaMessage.reply.data.errors).slice(0, 300)}`);
    out.importTextMs = viaMessage.ms;
    await page.evaluate(() => ((window.__pack = undefined), (window.__pack2 = undefined)));
    out.firstAfterImport = ok(await send('status/get', {}), 'status/get after import').ms;
    out.heapBigFresh = await swHeap();

    const colds = [];
    for (let i = 0; i < 3; i++) {
      await restartWorker();
      const r = ok(await send('status/get', {}), 'status/get (cold, 20k pack)');
      if (r.reply.data.pack?.version !== bumped.version) throw new Error('the worker did not load the imported pack');
      colds.push(r.ms);
    }
    out.coldBig = median(colds);
    out.coldBigAll = colds;
    out.coldSuggestBigAll = await coldSuggest('20k pack');
    out.coldSuggestBig = median(out.coldSuggestBigAll);
    out.warmBig = await warm('status/get', {});
    out.suggestBig = await warm('tickets/suggest', { context: SUGGEST_CONTEXT }, true);
    out.heapBig = await swHeap();
    return out;
  } finally {
    await ext.close();
  }
}

// ---------------------------------------------------------------------------------------------
function median(xs) {
  return quantile(xs, 0.5);
}
function quantile(xs, q) {
  const a = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (!a.length) return NaN;
  const i = (a.length - 1) * q;
  const lo = Math.floor(i);
  return a[lo] + (a[Math.ceil(i)] - a[lo]) * (i - lo);
}
const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const kb = (x) => (Number.isFinite(x) ? `${(x / 1024).toFixed(0)} KB` : '—');
const mb = (x) => (Number.isFinite(x) ? `${(x / 1024 / 1024).toFixed(1)} MB` : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

async function main() {
  ensureBuild();
  const loadBefore = loadavg()[0];
  EXT = await snapshotBuild();
  const contentJs = join(EXT, 'content-scripts', 'content.js');
  const contentGz = gzipSync(readFileSync(contentJs), { level: 9 }).length;

  log('generating the 20,000-entry pack');
  const packFile = join(await mkdtemp(join(tmpdir(), 'tactline-bench-pack-')), 'big.json');
  const packInfo = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/browser/make-pack.ts'), packFile, String(PACK_ENTRIES)], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop());
  const packText = readFileSync(packFile, 'utf8');

  const demo = await startDemoServer();
  const runs = { ext: [], base: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order each round so drift (other load on the machine) hits both sides.
      const order = i % 2 === 0 ? [true, false] : [false, true];
      for (const withExt of order) {
        const r = await pageRun(withExt, demo);
        (withExt ? runs.ext : runs.base).push(r);
        log(
          `${withExt ? 'with extension' : 'baseline      '} run ${i + 1}: ${f(r.recordsPerSec)} mutations/s, ${r.longtasks} long tasks (max ${f(r.longMax)} ms), ` +
            `script ${f(r.scriptPerSec)} ms/s, key→frame median ${f(r.keyMedian, 1)} ms (${r.keyCount} keys)` +
            (r.sidebar ? `, sidebar phrases ${f(r.sidebar.phrasesAt - r.sidebar.dcl)} ms after DOMContentLoaded` : ''),
        );
      }
    }
  } finally {
    await demo.close();
  }

  log('extension session: pack import, worker restart, worker heap');
  const w = await workerSession(packText);
  await rm(join(packFile, '..'), { recursive: true, force: true });
  const backgroundSize = statSync(join(EXT, 'background.js')).size;
  await rm(EXT, { recursive: true, force: true });

  const med = (side, key) => median(runs[side].map((r) => (typeof key === 'function' ? key(r) : r[key])));
  const sb = (fn) => median(runs.ext.map((r) => (r.sidebar ? fn(r.sidebar) : NaN)));
  const E = (k) => med('ext', k);
  const B = (k) => med('base', k);

  const dclToHost = sb((s) => s.hostAt - s.dcl);
  const dclToPhrases = sb((s) => s.phrasesAt - s.dcl);
  const loadToPhrases = sb((s) => s.phrasesAt - s.load);
  const hostToPhrases = sb((s) => s.phrasesAt - s.hostAt);
  const dclToLoad = sb((s) => s.load - s.dcl);
  const dclToPhrasesFirst = median(runs.ext.map((r) => (r.sidebarFirst ? r.sidebarFirst.phrasesAt - r.sidebarFirst.dcl : NaN)));
  const anyLate = runs.ext.some((r) => r.sidebar?.late);

  const rows = [];
  const row = (metric, withExt, base, rat, goal, met) => rows.push({ metric, withExt, base, rat, goal, met });
  const yes = (b) => (b ? 'yes' : '**no**');

  row('Page mutation rate during the busy phase (records/s, median)', f(E('recordsPerSec')), f(B('recordsPerSec')), ratio(E('recordsPerSec'), B('recordsPerSec')), 'load the same', '—');
  row(`Long tasks > 50 ms during ${BUSY_MS / 1000} s busy + typing (count, median)`, f(E('longtasks')), f(B('longtasks')), ratio(E('longtasks'), B('longtasks')), 'no extra', yes(E('longtasks') <= B('longtasks')));
  row('Longest long task (ms, median of runs)', f(E('longMax')), f(B('longMax')), ratio(E('longMax'), B('longMax')), '—', '—');
  row('Script time per second of page activity (CDP ScriptDuration, ms/s)', f(E('scriptPerSec'), 1), f(B('scriptPerSec'), 1), ratio(E('scriptPerSec'), B('scriptPerSec')), 'report', '—');
  row('Main-thread task time per second (CDP TaskDuration, ms/s)', f(E('taskPerSec'), 1), f(B('taskPerSec'), 1), ratio(E('taskPerSec'), B('taskPerSec')), 'report', '—');
  row('Key latency: keydown → next animation frame (ms, median)', f(E('keyMedian'), 1), f(B('keyMedian'), 1), ratio(E('keyMedian'), B('keyMedian')), 'report', '—');
  row('Key latency p95 (ms)', f(E('keyP95'), 1), f(B('keyP95'), 1), ratio(E('keyP95'), B('keyP95')), 'report', '—');
  row('Ticket shown (DOMContentLoaded) → sidebar host in the page (ms)', f(dclToHost), '—', '—', '—', '—');
  const lateRuns = runs.ext.filter((r) => r.sidebar?.late).length;
  row(
    'Ticket shown (DOMContentLoaded) → phrases rendered in the sidebar (ms)',
    lateRuns ? `≤ ${f(dclToPhrases)} (upper bound in ${lateRuns} of ${runs.ext.length} runs)` : f(dclToPhrases),
    '—',
    '—',
    '< 100 ms',
    dclToPhrases < 100 ? 'yes' : lateRuns === runs.ext.length && dclToHost < 100 ? `unknown (between ${f(dclToHost)} and ${f(dclToPhrases)})` : '**no**',
  );
  row('Sidebar host in the page → phrases rendered (ms)', f(hostToPhrases), '—', '—', '—', '—');
  row('Same, first navigation in a fresh profile (worker starts and seeds the bundled pack) (ms)', f(dclToPhrasesFirst), '—', '—', '—', '—');
  row('Page load event → phrases rendered (ms)', f(loadToPhrases), '—', '—', '—', '—');
  row('Page JS heap after settling, GC’d (JSHeapUsedSize)', mb(E('heap')), mb(B('heap')), `+${kb(E('heap') - B('heap'))}`, 'report', '—');
  row(`Pack import, ${packInfo.entries.toLocaleString('en')} entries (${mb(packInfo.bytes)}), as the options page does: staged in IndexedDB + pack/import round trip (ms)`, `${f(w.importMs)} (staging write ${f(w.importStageMs)})`, '—', '—', '< 1000 ms', yes(w.importMs < 1000));
  row('Same pack (version + 1), the text inside the pack/import message (ms)', f(w.importTextMs), '—', '—', '—', '—');
  row('Index load after worker restart: first tickets/suggest answered, 20k pack (ms, median of 3)', f(w.coldSuggestBig), '—', '—', '< 100 ms', yes(w.coldSuggestBig < 100));
  row('Same, default pack (worker start-up without a big pack) (ms, median of 3)', f(w.coldSuggestDefault), '—', '—', '—', '—');
  row('First status/get after worker restart: 20k pack / default pack (ms, median of 3)', `${f(w.coldBig)} / ${f(w.coldDefault)}`, '—', '—', '—', '—');
  row('Warm status/get round trip, 20k pack (ms)', f(w.warmBig, 1), '—', '—', '—', '—');
  row('Warm tickets/suggest round trip for the fixture ticket: default pack / 20k pack (ms, median of 5)', `${f(w.suggestDefault, 1)} / ${f(w.suggestBig, 1)}`, '—', '—', '—', '—');
  row('Service-worker JS heap, default pack (GC’d)', mb(w.heapDefaultAfterRestart), '—', '—', 'report', '—');
  row('Service-worker JS heap, 20k pack, after restart (GC’d)', mb(w.heapBig), '—', '—', 'report', '—');
  row('Content script gzip size (content.js, level 9)', kb(contentGz), '—', '—', '< 60 KB', yes(contentGz < CONTENT_BUDGET));

  const gaps = [];
  if (!(E('longtasks') <= B('longtasks')))
    gaps.push(
      `Long tasks: ${f(E('longtasks'))} with the extension vs ${f(B('longtasks'))} without (gap ${f(E('longtasks') - B('longtasks'))}; per run with: ${runs.ext.map((r) => r.longtasks).join(', ')}, without: ${runs.base.map((r) => r.longtasks).join(', ')}). ` +
        'Likely cause: each debounced page pass (re-reading a ticket whose log grows 100 messages/s, fingerprinting it, sending tickets/suggest and re-rendering the sidebar) runs as one main-thread task; with the log changing continuously a pass follows every ~150 ms plus idle time. On a loaded machine a 20 ms task stretches past 50 ms, so rerun on an idle machine before acting on a small gap.',
    );
  if (!(dclToPhrases < 100))
    gaps.push(
      (lateRuns
        ? `Measurement limit: in ${lateRuns} of ${runs.ext.length} runs the phrases were already rendered when the bench's observer was installed inside the closed shadow root (CDP round trips after the host appeared), so the sidebar time is an upper bound; the host appeared ${f(dclToHost)} ms after DOMContentLoaded, which is the lower bound. `
        : '') +
        `Sidebar: phrases appear ${f(dclToPhrases)} ms after DOMContentLoaded (gap ${f(dclToPhrases - 100)} ms). Breakdown (medians): DOMContentLoaded → load ${f(dclToLoad)} ms ` +
        `(the content script is injected at document_idle, i.e. around load), DOMContentLoaded → host ${f(dclToHost)} ms, host → phrases ${f(hostToPhrases)} ms. ` +
        `The first read does not wait for the observer's 150 ms debounce (the content script calls refresh() at start-up, then mounts the host and sends tickets/suggest), so host → phrases is the ` +
        `suggest round trip plus the render; the same request from an extension page takes ${f(w.suggestDefault, 1)} ms warm with the default pack, so the rest is the page-side work ` +
        `(content-script start-up, reading the ticket, Preact render of the sidebar) and, on an overloaded machine, waiting for CPU.` +
        ' Mutations after the first read are batched by design (150 ms of quiet, then an idle callback), so later updates of a busy ticket lag by at least 150 ms.',
    );
  if (!(w.importMs < 1000)) gaps.push(`Pack import took ${f(w.importMs)} ms (gap ${f(w.importMs - 1000)} ms): the staging write took ${f(w.importStageMs)} ms; reading the staged text, parsing, validation, index build and the IndexedDB write happen inside the one message.`);
  if (!(w.coldSuggestBig < 100))
    gaps.push(
      `Index load: the first tickets/suggest after a worker restart was answered in ${f(w.coldSuggestBig)} ms with the 20k pack (gap ${f(w.coldSuggestBig - 100)} ms) vs ${f(w.coldSuggestDefault)} ms with the default pack; ` +
        (w.coldSuggestBig - w.coldSuggestDefault > 0
          ? `the difference (${f(w.coldSuggestBig - w.coldSuggestDefault)} ms) is the size-dependent part (IndexedDB read of the pack and its index record, index checks, the per-pack lookups built on first use); the rest is worker start-up (evaluating a ${kb(backgroundSize)} background.js, settings and policy reads), which no pack size changes.`
          : 'the 20k pack was not slower than the default pack here, so the cold time is dominated by worker start-up (evaluating background.js) and CPU contention, not by the index load.'),
    );
  if (!(contentGz < CONTENT_BUDGET)) gaps.push(`Content script is ${kb(contentGz)} gzipped, over the 60 KB budget by ${kb(contentGz - CONTENT_BUDGET)}.`);

  const when = new Date().toISOString();
  const loadAfter = loadavg()[0];
  const ncpu = cpus().length;
  const overloaded = Math.max(loadBefore, loadAfter) > ncpu * 1.5;
  const md = [
    `# Tactline in a real page — \`npm run bench:browser\``,
    '',
    `${when} · ${findChromium()} (headless=new) · ${RUNS} runs with and ${RUNS} without the extension, alternating; medians. ` +
      `Page: Zendesk fixture ticket ${TICKET_URL} (demo server routing) plus a page script adding a chat message to the ticket log and re-rendering an 8-item list every ${TICK_MS} ms ` +
      `for ${BUSY_MS / 1000} s, while the agent types into the reply editor (one key every ~35 ms plus the CDP round trip).`,
    '',
    `Machine: ${ncpu} cores, 1-minute load average ${loadBefore.toFixed(1)} at the start and ${loadAfter.toFixed(1)} at the end.` +
      (overloaded ? ' **The machine was overloaded during this run: absolute times are inflated and ratios are noisy; rerun on an idle machine before judging the goals.**' : ''),
    '',
    '| Metric | With extension | Baseline | Ratio / diff | Goal | Met? |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.metric} | ${r.withExt} | ${r.base} | ${r.rat} | ${r.goal} | ${r.met} |`),
    '',
    gaps.length ? '## Goals missed' : '## All stated goals met',
    ...gaps.map((g) => `- ${g}`),
    '',
    '## What was measured',
    '- Long tasks: `PerformanceObserver(\'longtask\')` in the page, entries starting inside the busy window. Long tasks are attributed to the renderer main thread, so work of the content script (isolated world) counts.',
    '- Script / task time: deltas of CDP `Performance.getMetrics` ScriptDuration and TaskDuration over the busy window, divided by its wall time (includes the bench\'s own page script and typing in both columns).',
    '- Key latency: in-page keydown listener, `requestAnimationFrame` time minus the event\'s timeStamp; includes waiting for the next frame (up to ~16.7 ms at 60 Hz), in both columns.',
    `- Sidebar time: a main-world MutationObserver stamps the \`tactline-sidebar\` host; then a MutationObserver installed through CDP inside the closed shadow root stamps the first \`.tl-phrase\`${anyLate ? ' (in at least one run the phrases were already there when the observer was installed, so that run\'s time is an upper bound)' : ''}. ` +
      `The fixture is static, so the ticket content is present at DOMContentLoaded. Median DOMContentLoaded → load: ${f(dclToLoad)} ms; host → phrases: ${f(hostToPhrases)} ms. The first read happens at content-script start-up (not through the observer's 150 ms debounce); later page changes are batched by that debounce by design.`,
    '- Page heap: CDP `HeapProfiler.collectGarbage` then JSHeapUsedSize, 1.5 s after load, before the busy phase. The content script shares the page\'s V8 isolate, so the difference is its heap (plus noise of a few tens of KB).',
    `- Pack import: from the extension popup page, as the options page does it: the text (already in the page) written into the 'tactline-staging' IndexedDB, then \`chrome.runtime.sendMessage({ tactline: 1, type: 'pack/import', payload: { staged: id } })\`; the time runs from the staging write to the reply and includes the worker reading and deleting the staged record, validation, index build and the IndexedDB write (result: ${w.importResult?.pack?.id ?? '?'} v${w.importResult?.pack?.version ?? '?'}, ${w.importResult?.warnings?.length ?? 0} warnings; the staging database was gone afterwards). Then the same pack with its version one higher through the old path, \`payload: { text, filename }\`, which adds structured-cloning ${mb(packInfo.bytes)} of text through extension messaging.`,
    `- Index load: \`ServiceWorker.stopAllWorkers\` from the popup page's CDP session (waited until the worker target is gone), then the first \`tickets/suggest\` for the fixture ticket, timed in the page. It includes worker start-up and evaluation of background.js, settings/policy reads, the IndexedDB read of the stored pack and its index record, \`loadIndex\` (checks only: the record holds the derived arrays), and the first analyze + suggest + decision lines on this worker (per-pack lookups are built on first use). Cold runs: 20k pack ${w.coldSuggestBigAll.map((x) => f(x)).join(', ')} ms; default pack ${w.coldSuggestDefaultAll.map((x) => f(x)).join(', ')} ms. First \`status/get\` instead (no analysis): 20k ${w.coldBigAll.map((x) => f(x)).join(', ')} ms, default ${w.coldDefaultAll.map((x) => f(x)).join(', ')} ms; warm status/get (median of 5): 20k ${f(w.warmBig, 1)} ms, default ${f(w.warmDefault, 1)} ms.`,
    `- Worker heap: \`Runtime.getHeapUsage\` on the service-worker target after \`HeapProfiler.collectGarbage\`. Default pack (${w.defaultPack}): ${mb(w.heapDefault)} before and ${mb(w.heapDefaultAfterRestart)} after a restart; 20k pack right after import ${mb(w.heapBigFresh)}, after a restart ${mb(w.heapBig)}.`,
    `- Sidebar per run (with extension), ms after DOMContentLoaded: host ${runs.ext.map((r) => f(r.sidebar?.hostAt - r.sidebar?.dcl)).join(', ')}; phrases ${runs.ext.map((r) => f(r.sidebar?.phrasesAt - r.sidebar?.dcl) + (r.sidebar?.late ? ' (upper bound: already rendered when the CDP observer was installed)' : '')).join(', ')}.`,
    `- Busy-phase details per run (with extension): ${runs.ext.map((r) => `${f(r.recordsPerSec)} rec/s, ${r.typed} keys, ${r.longtasks} LT`).join('; ')}. Baseline: ${runs.base.map((r) => `${f(r.recordsPerSec)} rec/s, ${r.typed} keys, ${r.longtasks} LT`).join('; ')}.`,
    '',
  ].join('\n');
  console.log(md);
  mkdirSync(join(ROOT, '.output'), { recursive: true });
  writeFileSync(join(ROOT, '.output', 'bench-browser.md'), md);
  log(`written .output/bench-browser.md in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
