// Two builds of the extension side by side, alternating (A, B, B, A), in the same minutes: import of
// a generated 20,000-entry pack through 'pack/import', the first status/get and the first
// tickets/suggest after a service-worker restart (medians of 3), and warm tickets/suggest (median of 5).
// For before/after figures on a shared machine, where absolute times drift with the load.
//
//   node tests/bench/browser/compare.mjs <extension dir A> <extension dir B>
// (build the older version elsewhere, e.g. `git archive <rev> | tar -x -C /tmp/old`, then build it there.)
import { readFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchWithExtension, ROOT } from '../../browser/lib/chromium.mjs';

const [dirA, dirB] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error('usage: compare.mjs <extension dir A> <extension dir B>');
const work = mkdtempSync(join(tmpdir(), 'tactline-compare-'));
const packFile = join(work, 'big.json');
execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/browser/make-pack.ts'), packFile, '20000'], { cwd: ROOT, stdio: 'ignore' });
const packText = readFileSync(packFile, 'utf8');
const ctx = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/zendesk/2026-11-24-refund-damaged-tent.expected.json'), 'utf8'));
const med = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function run(dir) {
  const ext = await launchWithExtension({ extensionDir: dir });
  try {
    const bcdp = await ext.context.browser().newBrowserCDPSession();
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('popup.html'));
    await new Promise((r) => setTimeout(r, 800));
    const pcdp = await ext.context.newCDPSession(page);
    await pcdp.send('ServiceWorker.enable');
    await page.evaluate((t) => (window.__pack = t), packText);
    const send = (type, payload) =>
      page.evaluate(
        async ({ type, payload }) => {
          if (type === 'pack/import') payload = { text: window.__pack, filename: 'big.json' };
          const t = performance.now();
          const reply = await chrome.runtime.sendMessage({ tactline: 1, type, payload });
          if (!reply?.ok || reply.data?.ok === false) throw new Error(`${type} failed: ${JSON.stringify(reply).slice(0, 200)}`);
          return performance.now() - t;
        },
        { type, payload },
      );
    const workers = async () => (await bcdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${ext.extensionId}/`));
    const restart = async () => {
      await pcdp.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + 5000;
      while ((await workers()).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 200));
    };
    await send('status/get', {});
    const importMs = await send('pack/import', {});
    const status = [];
    const suggest = [];
    for (let i = 0; i < 3; i++) {
      await restart();
      status.push(await send('status/get', {}));
    }
    for (let i = 0; i < 3; i++) {
      await restart();
      suggest.push(await send('tickets/suggest', { context: ctx }));
    }
    const warm = [];
    for (let i = 0; i < 5; i++) warm.push(await send('tickets/suggest', { context: { ...ctx, ticketId: `warm-${i}` } }));
    return { importMs: Math.round(importMs), coldStatusMs: Math.round(med(status)), coldSuggestMs: Math.round(med(suggest)), warmSuggestMs: +med(warm).toFixed(1) };
  } finally {
    await ext.close();
  }
}

// Private copies: someone may rebuild a folder while this runs.
const copies = [dirA, dirB].map((d) => {
  const c = mkdtempSync(join(work, 'ext-'));
  cpSync(d, c, { recursive: true });
  return c;
});
try {
  for (const [label, i] of [['A', 0], ['B', 1], ['B', 1], ['A', 0]]) {
    const l0 = loadavg()[0];
    const r = await run(copies[i]);
    console.log(`${label} ${[dirA, dirB][i]}: ${JSON.stringify(r)} (load average ${l0.toFixed(1)} → ${loadavg()[0].toFixed(1)})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
