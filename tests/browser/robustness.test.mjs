// Robustness in real Chromium with the built extension:
//  (a) the host page removes and re-adds the container holding the ticket, and removes Tactline's
//      sidebar host node → the sidebar comes back and shows the ticket;
//  (b) the service worker is stopped (CDP ServiceWorker.stopAllWorkers) right after a ticket switch →
//      the sidebar still ends up with the new ticket's guidance;
//  (c) the extension is reloaded while a ticket page is open → the old content script stops quietly
//      (no uncaught error in the page, no console error), and after a page reload there is exactly
//      one sidebar, showing the ticket.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension } from './lib/chromium.mjs';
import { startDemoServer, routeDemo, FIXTURES } from './lib/server.mjs';
import { sidebar } from './lib/shadow.mjs';

function tickets(site) {
  const dir = join(FIXTURES, site);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => ({ expected: JSON.parse(readFileSync(join(dir, f), 'utf8')), html: join(dir, f.replace('.expected.json', '.html')) }))
    .filter((t) => t.expected && t.expected.ticketId)
    .map((t) => ({ ...t, url: /^\s*<!--[^]*?(https?:\/\/[^\s|>]+)/.exec(readFileSync(t.html, 'utf8').slice(0, 600))[1] }));
}

let browser;
let demo;
let net;

before(async () => {
  demo = await startDemoServer();
  browser = await launchWithExtension();
  net = await routeDemo(browser.context, demo);
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

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
  const page = await browser.context.newPage();
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
    await new Promise((r) => setTimeout(r, 400));
    kept.forEach((n) => document.body.appendChild(n));
  });
  await ui.waitFor(async () => (await page.evaluate(() => document.querySelectorAll('tactline-sidebar').length)) === 1, { timeout: 10_000, message: 'the sidebar host is back (exactly one)' });
  await showsTicket(ui, t.expected.ticketId, 'guidance for the same ticket after the re-render');

  // Only the sidebar host removed (the page keeps its content): it comes back too.
  await page.evaluate(() => document.querySelectorAll('tactline-sidebar').forEach((n) => n.remove()));
  await ui.waitFor(async () => (await page.evaluate(() => document.querySelectorAll('tactline-sidebar').length)) === 1, { timeout: 10_000, message: 'sidebar host re-created after removal' });
  await showsTicket(ui, t.expected.ticketId, 'guidance after the host was removed');
  assert.deepEqual(errors, []);
  await page.close();
});

test('(b) service worker stopped mid-request → the sidebar still gets the new ticket', async () => {
  const [a, b] = tickets('zendesk');
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(a.url);
  const ui = await sidebar(page);
  await showsTicket(ui, a.expected.ticketId, `ticket ${a.expected.ticketId}`);

  // An extension page's CDP session can stop the extension's service worker.
  const ext = await browser.context.newPage();
  await ext.goto(browser.extensionUrl('popup.html'));
  const cdp = await browser.context.newCDPSession(ext);
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
  assert.ok(stopped.some((u) => u.includes(browser.extensionId)), `the extension's worker was really stopped (saw: ${[...new Set(stopped)].join(', ') || 'nothing'})`);

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

test('(c) extension reloaded while a ticket is open → old content script stops quietly, one sidebar after reload', async () => {
  const [t] = tickets('freshdesk');
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(t.url);
  let ui = await sidebar(page);
  await showsTicket(ui, t.expected.ticketId, 'initial guidance');

  const ext = await browser.context.newPage();
  await ext.goto(browser.extensionUrl('popup.html'));
  const oldWorker = browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId));
  const nextWorker = browser.context.waitForEvent('serviceworker', { timeout: 20_000, predicate: (w) => w.url().includes(browser.extensionId) && w !== oldWorker });
  await ext.evaluate(() => {
    setTimeout(() => chrome.runtime.reload(), 50);
  }).catch(() => undefined); // the page goes away with the extension
  await nextWorker;

  // The orphaned content script now gets "Extension context invalidated" on any message: make it
  // try (typing, a DOM change, a navigation in the SPA) and check it stays quiet.
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

  await page.reload();
  ui = await sidebar(page);
  await showsTicket(ui, t.expected.ticketId, 'guidance after the page reload (new content script)', 20_000);
  await page.waitForTimeout(1_000);
  assert.equal(await page.evaluate(() => document.querySelectorAll('tactline-sidebar').length), 1, 'exactly one sidebar after the reload');
  assert.deepEqual(errors, []);
  await page.close();
});

test('no request left the machine', () => {
  assert.deepEqual(net.blocked, []);
});
