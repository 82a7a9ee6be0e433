// Where the sidebar sits, in real Chromium: docked right by default or left (options page, live), moved
// per site from its own header, collapsed to a tab per site — remembered across reloads — and never on top
// of the helpdesk's reply editor or its reply/note switcher (checked by hit-testing those controls).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sidebar } from './lib/shadow.mjs';
import { demoBrowser, openTicket } from './lib/session.mjs';

const ZENDESK = 'https://northwind-demo.zendesk.com/agent/tickets/48213';
const FRESHDESK = 'https://northwind-demo.freshdesk.com/a/tickets/1187';
const s = demoBrowser();

/** Every sample point of each visible control hits the control itself (not Tactline, not anything else). */
async function assertNotCovered(page, selectors) {
  const report = await page.evaluate((sels) => {
    const out = [];
    for (const sel of sels) {
      const el = [...document.querySelectorAll(sel)].find((e) => e.offsetParent !== null);
      if (!el) {
        out.push(`${sel}: not found`);
        continue;
      }
      const r = el.getBoundingClientRect();
      const pts = [[r.left + 3, r.top + 3], [r.right - 3, r.top + 3], [r.left + 3, r.bottom - 3], [r.right - 3, r.bottom - 3], [r.left + r.width / 2, r.top + r.height / 2]];
      for (const [x, y] of pts) {
        if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
        const hit = document.elementFromPoint(x, y);
        if (!hit || !(hit === el || el.contains(hit))) out.push(`${sel} at ${Math.round(x)},${Math.round(y)} is covered by <${hit?.tagName.toLowerCase()}>`);
      }
    }
    return out;
  }, selectors);
  assert.deepEqual(report, [], report.join('\n'));
}

const CONTROLS = ['[data-test-id="omnicomposer-rich-text-ckeditor"]', '[data-test-id="omnichannel-channel-switcher-button"]'];

async function side(page) {
  const ui = await sidebar(page);
  const host = await ui.inRoot('function(){ const h = this.host; const r = h.getBoundingClientRect(); return { dock: h.dataset.dock, collapsed: h.dataset.collapsed, left: r.left, right: r.right } }');
  const margins = await page.evaluate(() => ({ left: getComputedStyle(document.documentElement).marginLeft, right: getComputedStyle(document.documentElement).marginRight, width: innerWidth }));
  return { ...host, margins };
}

test('docked right by default, the page makes room, and the reply controls stay uncovered', async () => {
  const { page } = await openTicket(s, ZENDESK);
  const p = await side(page);
  assert.equal(p.dock, 'right');
  assert.equal(p.margins.right, '340px');
  assert.equal(Math.round(p.right), p.margins.width);
  await page.locator(`${CONTROLS[0]}:visible`).first().scrollIntoViewIfNeeded();
  await assertNotCovered(page, CONTROLS);
  await page.close();
});

test('the header button moves it to the left on this site only, remembered after a reload', async () => {
  const { page, ui } = await openTicket(s, ZENDESK);
  await ui.click('[data-action="switch-side"]');
  await ui.waitFor(async () => (await side(page)).dock === 'left', { message: 'docked left' });
  const p = await side(page);
  assert.equal(Math.round(p.left), 0);
  assert.equal(p.margins.left, '340px');
  assert.equal(p.margins.right, '0px');
  assert.deepEqual(await ui.attr('[data-action="switch-side"]', 'aria-label'), ['Move Tactline to the right on this site']);
  await page.locator(`${CONTROLS[0]}:visible`).first().scrollIntoViewIfNeeded();
  await assertNotCovered(page, CONTROLS);
  await page.reload();
  const ui2 = await sidebar(page);
  await ui2.waitFor(async () => (await ui2.count('.tl-phrase')) > 0, { timeout: 20_000, message: 'sidebar after reload' });
  assert.equal((await side(page)).dock, 'left', 'remembered for this site');
  // Another helpdesk keeps the default side.
  const other = await openTicket(s, FRESHDESK, { ready: '.tl-section', editor: 'body' });
  assert.equal((await side(other.page)).dock, 'right', 'other sites keep the default');
  // Back to the right for the next tests.
  await ui2.click('[data-action="switch-side"]');
  await ui2.waitFor(async () => (await side(page)).dock === 'right', { message: 'docked right again' });
  await other.page.close();
  await page.close();
});

test('the options page sets the default side everywhere, live in open tickets', async () => {
  const { page } = await openTicket(s, ZENDESK);
  const options = await s.browser.context.newPage();
  await options.goto(s.browser.extensionUrl('options.html'));
  await options.locator('#dock-left, [data-testid="dock"] input[value="left"]').first().check();
  const ui = await sidebar(page);
  await ui.waitFor(async () => (await side(page)).dock === 'left', { message: 'the open ticket moved left' });
  assert.equal((await side(page)).margins.left, '340px');
  const other = await openTicket(s, FRESHDESK, { ready: '.tl-section', editor: 'body' });
  assert.equal((await side(other.page)).dock, 'left', 'a newly opened helpdesk uses the new default');
  await options.locator('[data-testid="dock"] input[value="right"]').first().check();
  await ui.waitFor(async () => (await side(page)).dock === 'right', { message: 'back to the right' });
  await Promise.all([options.close(), other.page.close(), page.close()]);
});

test('collapsing to a tab is remembered per site, frees the page, and the tab reopens it', async () => {
  const { page, ui } = await openTicket(s, ZENDESK);
  await ui.click('[data-action="collapse"]');
  await ui.waitFor(async () => (await ui.count('.tl-tab')) === 1, { message: 'the tab' });
  assert.equal((await side(page)).margins.right, '0px', 'no margin while collapsed');
  await page.reload();
  const ui2 = await sidebar(page);
  await ui2.waitFor(async () => (await ui2.count('.tl-tab')) === 1, { timeout: 20_000, message: 'still a tab after reload' });
  const other = await openTicket(s, FRESHDESK, { ready: '.tl-section', editor: 'body' });
  assert.equal((await side(other.page)).collapsed, 'false', 'other sites stay open');
  await ui2.click('.tl-tab');
  await ui2.waitFor(async () => (await ui2.count('.tl-panel')) === 1, { message: 'reopened' });
  assert.equal((await side(page)).margins.right, '340px');
  await Promise.all([other.page.close(), page.close()]);
});
