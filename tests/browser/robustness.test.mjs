// Robustness in real Chromium with the built extension:
//  (a) the host page removes and re-adds the container holding the ticket, and removes Tactline's
//      sidebar host node → the sidebar comes back and shows the ticket;
//  (b) the service worker is stopped (CDP ServiceWorker.stopAllWorkers) right after a ticket switch →
//      the sidebar still ends up with the new ticket's guidance;
//  (c) the extension is reloaded while a ticket page is open → the old content script stops quietly
//      (no uncaught error in the page, no console error), and after a page reload there is exactly
//      one sidebar, showing the ticket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoBrowser } from './lib/session.mjs';
import { fixtureTickets } from './lib/server.mjs';
import { sidebar } from './lib/shadow.mjs';

const tickets = fixtureTickets;

const s = demoBrowser();

async function ticketId(ui) {
  const [id] = await ui.attr('[data-testid="ticket"]', 'data-ticket-id');
  return id ?? null;
}

async function showsTicket(ui, id, message, timeout = 15_000) {
  await ui.waitFor(async () => (await ticketId(ui)) === id && (await ui.count('.tl-phrase')) > 0, { timeout, message });
}

/** Uncaught page errors and console errors (all worlds) of a page. */
function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return errors;
}

test('(a) host page removes and re-adds the ticket container and drops the sidebar host → sidebar comes back', async () => {
  const [t] = tickets('zendesk');
  const page = await s.browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(t.url);
  const ui = await sidebar(page);
  await showsTicket(ui, t.expected.ticketId, 'initial guidance');
  assert.equal(await page.evaluate(() => document.querySelectorAll('tactline-sidebar').length), 1);

  // A framework re-render: detach everything (the sidebar host included), wait, put the app back.
  await page.evaluate(async () => {
    const kept = [...document.body.children].filter((n) => n.localName !== 'tactline-sidebar');
    document.querySelectorAll('tactline-sidebar').forEach((n) => n.remove());
    kept.forEach((n) => n.remove());
    // Longer than the observer's root poll (500 ms); (a2) covers short detaches.
    await new Promise((r) => setTimeout(r, 1_200));
    kept.forEach((n) => document.body.appendChild(n));
  });
  await ui.waitFor(async () => (await page.evaluate(() => document.querySelectorAll('tactline-sidebar').length)) === 1, { timeout: 10_000, message: 'the sidebar host is back (exactly one)' });
  await showsTicket(ui, t.expected.ticketId, 'guidance for the same ticket after the re-render');

  assert.deepEqual(errors, []);
  await page.close();
});

// Regression test for a bug this file found (fixed in b4b5594, childList guard on html/body): a page
// that removed ONLY Tactline's <tactline-sidebar> node, or detached its app with the host for less
// than the observer's 500 ms root poll and re-added the same nodes, lost the sidebar for good.
test('(a2) host page removes only the sidebar host → it comes back', async () => {
  const [t] = tickets('zendesk');
  const page = await s.browser.context.newPage();
  await page.goto(t.url);
  const ui = await sidebar(page);
  await showsTicket(ui, t.expected.ticketId, 'initial guidance');
  await page.evaluate(() => document.querySelectorAll('tactline-sidebar').forEach((n) => n.remove()));
  await ui.waitFor(async () => (await page.evaluate(() => document.querySelectorAll('tactline-sidebar').length)) === 1, { timeout: 10_000, message: 'sidebar host re-created after removal' });
  await showsTicket(ui, t.expected.ticketId, 'guidance after the host was removed');

  // A short detach (shorter than the observer's root poll) of the app together with the host.
  await page.evaluate(async () => {
    const kept = [...document.body.children].filter((n) => n.localName !== 'tactline-sidebar');
    document.querySelectorAll('tactline-sidebar').forEach((n) => n.remove());
    kept.forEach((n) => n.remove());
    await new Promise((r) => setTimeout(r, 150));
    kept.forEach((n) => document.body.appendChild(n));
  });
  await ui.waitFor(async () => (await page.evaluate(() => document.querySelectorAll('tactline-sidebar').length)) === 1, { timeout: 10_000, message: 'sidebar host back after a short detach' });
  await showsTicket(ui, t.expected.ticketId, 'guidance after a short detach');
  await page.close();
});

test('(b) service worker stopped mid-request → the sidebar still gets the new ticket', async () => {
  const [a, b] = tickets('zendesk');
  const page = await s.browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(a.url);
  const ui = await sidebar(page);
  await showsTicket(ui, a.expected.ticketId, `ticket ${a.expected.ticketId}`);

  // An extension page's CDP session can stop the extension's service worker.
  const ext = await s.browser.context.newPage();
  await ext.goto(s.browser.extensionUrl('popup.html'));
  const cdp = await s.browser.context.newCDPSession(ext);
  await cdp.send('ServiceWorker.enable');
  const stopped = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.runningStatus === 'stopped' || v.runningStatus === 'stopping') stopped.push(v.scriptURL);
  });

  await page.bringToFront();
  // Single-page switch to ticket b, then kill the worker while it answers.
  await page.evaluate(async (url) => {
    const html = await (await fetch(url)).text();
    const next = new DOMParser().parseFromString(html, 'text/html');
    document.body.replaceChildren(...[...next.body.childNodes].map((n) => document.importNode(n, true)));
    history.pushState({}, '', url);
  }, b.url);
  await cdp.send('ServiceWorker.stopAllWorkers');
  await showsTicket(ui, b.expected.ticketId, `guidance for ticket ${b.expected.ticketId} after the worker restart`, 25_000);
  assert.ok(stopped.some((u) => u.includes(s.browser.extensionId)), `the extension's worker was really stopped (saw: ${[...new Set(stopped)].join(', ') || 'nothing'})`);

  // And once more while idle: the next request wakes a fresh worker.
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.evaluate(async (url) => {
    const html = await (await fetch(url)).text();
    const next = new DOMParser().parseFromString(html, 'text/html');
    document.body.replaceChildren(...[...next.body.childNodes].map((n) => document.importNode(n, true)));
    history.pushState({}, '', url);
  }, a.url);
  await showsTicket(ui, a.expected.ticketId, `back to ticket ${a.expected.ticketId} on a fresh worker`, 25_000);
  assert.deepEqual(errors, []);
  await cdp.detach().catch(() => undefined);
  await ext.close();
  await page.close();
});

let orphanPage;
let orphanErrors;
let extensionBack = false;

test('(c1) extension reloaded while a ticket is open → the old content script stops quietly', async () => {
  const [t] = tickets('freshdesk');
  const page = await s.browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(t.url);
  const ui = await sidebar(page);
  await showsTicket(ui, t.expected.ticketId, 'initial guidance');

  // Reload the extension the way chrome://extensions does (developerPrivate); runtime.reload() from
  // an extension page behaves the same here.
  const mgr = await s.browser.context.newPage();
  await mgr.goto('chrome://extensions/');
  const res = await mgr.evaluate((id) => new Promise((r) => chrome.developerPrivate.reload(id, { failQuietly: true }, () => r(chrome.runtime.lastError?.message ?? 'ok'))), s.browser.extensionId);
  assert.equal(res, 'ok');
  await mgr.close();

  // The orphaned content script now gets "Extension context invalidated" on any message: make it
  // try (typing, a DOM change, an in-app navigation) and check it stays quiet.
  await page.bringToFront();
  const editor = page.locator('textarea:visible, [contenteditable="true"]:visible').first();
  if ((await editor.count()) > 0) {
    await editor.click();
    await page.keyboard.type('Hello after the update', { delay: 10 });
  }
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'A new message arrived';
    document.body.appendChild(p);
    history.pushState({}, '', location.href + '#after-update');
  });
  await page.waitForTimeout(2_500);
  assert.deepEqual(errors, [], 'uncaught errors or console errors after the extension was reloaded');
  assert.ok((await page.evaluate(() => document.querySelectorAll('tactline-sidebar').length)) <= 1, 'at most one sidebar while orphaned');

  // Is the extension back? (In headless Chromium with --load-extension it may stay unloaded.)
  const deadline = Date.now() + 15_000;
  while (!extensionBack && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1_000));
    const probe = await s.browser.context.newPage();
    try {
      await probe.goto(s.browser.extensionUrl('popup.html'), { timeout: 5_000 });
      extensionBack = await probe.evaluate(() => chrome.runtime.sendMessage({ tactline: 1, type: 'status/get', payload: {} }).then((r) => !!r && r.ok === true));
    } catch {
      extensionBack = false;
    }
    await probe.close().catch(() => undefined);
  }
  orphanPage = page;
  orphanErrors = errors;
});

test('(c2) after the extension update, a page reload shows exactly one sidebar', async (t) => {
  if (!extensionBack) {
    // Harness limitation, not a product result: after developerPrivate.reload()/runtime.reload() the
    // command-line-loaded extension stays unloaded (its pages answer ERR_BLOCKED_BY_CLIENT) whenever
    // another tab is open — checked headless and headful under Xvfb, even with only about:blank open;
    // with chrome://extensions as the only tab it does come back. So there is no new content script to
    // count here; the orphaned script's quiet stop is what (c1) proves.
    t.skip('the reloaded extension did not come back in this headless Chromium (ERR_BLOCKED_BY_CLIENT)');
    await orphanPage?.close();
    return;
  }
  const [tk] = tickets('freshdesk');
  await orphanPage.reload();
  const ui = await sidebar(orphanPage);
  await showsTicket(ui, tk.expected.ticketId, 'guidance after the page reload (new content script)', 20_000);
  await orphanPage.waitForTimeout(1_000);
  assert.equal(await orphanPage.evaluate(() => document.querySelectorAll('tactline-sidebar').length), 1, 'exactly one sidebar after the reload');
  assert.deepEqual(orphanErrors, []);
  await orphanPage.close();
});

test('no request left the machine', () => {
  assert.deepEqual(s.net.blocked, []);
});
