// Accessibility proof for Tactline's UI in Debian Chromium with the built extension:
// axe-core on the sidebar (inside its closed shadow root), the draft popover and command palette (their own
// closed root), the popup, the options page and can-i;
// and the keyboard path: Tab from the helpdesk page into the sidebar, visible focus, Escape collapses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoBrowser } from './lib/session.mjs';
import { sidebar, overlay } from './lib/shadow.mjs';
import { axePage, axeSidebar, formatViolations, seriousOrWorse } from './lib/a11y.mjs';

const TICKET = 'https://northwind-demo.zendesk.com/agent/tickets/48213';

const s = demoBrowser();

async function openTicket(url = TICKET) {
  const page = await s.browser.context.newPage();
  await page.goto(url);
  const ui = await sidebar(page);
  await ui.waitFor(async () => (await ui.count('[data-testid="phrases"] .tl-phrase')) > 0, { timeout: 20_000, message: 'suggested phrases in the sidebar' });
  return { page, ui };
}

function assertNoSerious(label, res, print = true) {
  if (print) console.log(formatViolations(label, res));
  const bad = seriousOrWorse(res);
  assert.deepEqual(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`),
    [],
    `${label}: serious/critical axe violations`,
  );
}

test('axe: the sidebar on a Zendesk ticket has no serious or critical violations (light and dark)', async () => {
  const { page, ui } = await openTicket();
  const results = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    results.push([scheme, await axeSidebar(page, ui)]);
  }
  await page.close();
  for (const [scheme, res] of results) console.log(formatViolations(`sidebar (${scheme})`, res));
  for (const [scheme, res] of results) {
    // The run must actually have looked at the sidebar (a scan of nothing passes nothing).
    assert.ok(res.passes > 5, `axe checked the sidebar (${res.passes} rules passed, method ${res.method})`);
    assertNoSerious(`sidebar (${scheme})`, res, false);
  }
});

test('axe: the draft popover and the command palette have no serious or critical violations (light and dark)', async () => {
  const { page } = await openTicket();
  const editor = page.locator('[data-test-id="omnicomposer-rich-text-ckeditor"]:visible').first();
  await editor.click();
  await page.keyboard.type('Please calm down. ');
  const o = await overlay(page);
  await o.waitFor(async () => (await o.count('.tl-ul')) > 0, { message: 'an underline' });
  const box = await page.evaluate(() => {
    const el = [...document.querySelectorAll('[data-test-id="omnicomposer-rich-text-ckeditor"]')].find((e) => e.offsetParent);
    const r = document.createRange();
    r.selectNodeContents(el);
    const b = r.getClientRects()[0];
    return { x: b.x + 60, y: b.y + b.height / 2 };
  });
  await page.mouse.click(box.x, box.y);
  await o.waitFor(async () => (await o.count('[data-testid="popover"]')) === 1, { message: 'the popover' });
  const results = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    results.push([`popover (${scheme})`, await axeSidebar(page, o)]);
  }
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.type(';;');
  await o.waitFor(async () => (await o.count('[data-testid="palette"] [role="option"]')) > 0, { message: 'the palette' });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    results.push([`palette (${scheme})`, await axeSidebar(page, o)]);
  }
  await page.close();
  for (const [label, res] of results) {
    assert.ok(res.passes > 3, `axe checked the ${label} (${res.passes} rules passed)`);
    assertNoSerious(label, res);
  }
});

for (const [name, path] of [
  ['popup', 'popup.html'],
  ['options page', 'options.html'],
  ['can-i page', 'can-i.html'],
]) {
  test(`axe: the ${name} has no serious or critical violations (light and dark)`, async () => {
    const page = await s.browser.context.newPage();
    await page.goto(s.browser.extensionUrl(path));
    // Wait for Preact to render something real into the page.
    // Wait past the "Loading…" state so axe checks the real page, not a placeholder.
    await page.waitForFunction(() => {
      const t = document.body?.innerText ?? '';
      return t.trim().length > 20 && !/Loading…|Laden…/.test(t);
    }, null, { timeout: 20_000 });
    await page.waitForTimeout(300);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const res = await axePage(page);
      assert.ok(res.passes > 5, `axe checked the ${name}`);
      assertNoSerious(`${name} (${scheme})`, res);
    }
    await page.close();
  });
}

test('axe: the options page with local insights data (charts, tables, legends) has no serious or critical violations (light and dark)', async () => {
  const page = await s.browser.context.newPage();
  await page.goto(s.browser.extensionUrl('options.html#insights'));
  await page.waitForSelector('[data-testid="insights-totals"]', { timeout: 20_000 });
  const send = (type, payload) => page.evaluate(([type, payload]) => chrome.runtime.sendMessage({ tactline: 1, type, payload }), [type, payload]);
  // Real counts through the real messages: inserts, an accepted suggestion, a ticket's limit checks, a draft's avoid-rule.
  const status = await send('status/get', {});
  const phraseIds = (await send('pack/search', { query: 'sorry', limit: 10 })).data.filter((h) => h.kind === 'phrase').map((h) => h.id);
  assert.ok(status.ok && phraseIds.length > 0, 'phrases to count');
  for (const id of [...phraseIds, phraseIds[0]]) await send('insights/record', { kind: 'phrase-inserted', id });
  await send('insights/record', { kind: 'avoid-accepted', ruleId: 'calm-down' });
  const context = { platform: 'zendesk', ticketId: 'A11Y-1', subject: 'Broken tent', latestCustomerMessage: 'Please refund €180 and add €30 store credit.', replyMode: 'public', messages: [{ role: 'customer', text: 'Please refund €180 and add €30 store credit.' }], tags: [], requester: { name: 'Ada Example' } };
  await send('tickets/suggest', { context });
  await send('tickets/draft', { context, draft: 'Please calm down, as I already said.', replyMode: 'public' });
  // The page read its counts before these were sent: reload (at least once; earlier tests in this
  // profile may already have counted limit checks) until the charts are there.
  for (let i = 0; i < 50; i++) {
    await page.reload();
    await page.waitForSelector('[data-testid="insights-totals"]', { timeout: 20_000 });
    if ((await page.locator('[data-testid="insights-limits"] tr[data-limit]').count()) > 0 && (await page.locator('[data-testid="insights-top-phrases"] table').count()) > 0) break;
  }
  for (const chart of ['insights-per-day', 'insights-top-phrases', 'insights-avoid', 'insights-limits']) {
    assert.equal(await page.locator(`[data-testid="${chart}"] table`).count(), 1, `${chart} has its data table`);
  }
  await page.click('[data-testid="insights-per-day"] summary');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const res = await axePage(page);
    assert.ok(res.passes > 5, 'axe checked the options page');
    assertNoSerious(`options page with insights (${scheme})`, res);
  }
  await send('insights/clear', {});
  await page.close();
});

/** What has focus now: 'page:<desc>' or 'sidebar:<desc>' with its computed outline. */
async function focused(page, ui) {
  const inHost = await page.evaluate(() => document.activeElement?.tagName === 'TACTLINE-SIDEBAR');
  if (!inHost) {
    return {
      where: 'page',
      desc: await page.evaluate(() => {
        const el = document.activeElement;
        return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''}` : 'none';
      }),
    };
  }
  const info = await ui.inRoot(`function () {
    const el = this.activeElement;
    if (!el) return null;
    const cs = getComputedStyle(el);
    const phrase = el.closest('.tl-phrase');
    const phrases = [...this.querySelectorAll('[data-testid="phrases"] .tl-phrase')];
    return {
      tag: el.tagName.toLowerCase(),
      action: el.getAttribute('data-action'),
      cls: el.getAttribute('class'),
      label: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40),
      phraseIndex: phrase ? phrases.indexOf(phrase) : -1,
      focusVisible: el.matches(':focus-visible'),
      outlineStyle: cs.outlineStyle,
      outlineWidth: parseFloat(cs.outlineWidth) || 0,
      outlineColor: cs.outlineColor,
      boxShadow: cs.boxShadow,
      domIndex: [...this.querySelectorAll('button, a[href], input, select, textarea, summary, [tabindex]')].indexOf(el),
      tabindex: el.getAttribute('tabindex'),
    };
  }`);
  return { where: 'sidebar', ...(info ?? { tag: 'none' }) };
}

test('keyboard: Tab reaches the sidebar and its Insert buttons in order, with a visible focus ring; Escape collapses to the tab', async () => {
  const { page, ui } = await openTicket();
  await page.emulateMedia({ colorScheme: 'light' });
  // Start from the top of the helpdesk page, as a keyboard user would.
  await page.evaluate(() => {
    document.activeElement?.blur?.();
    window.scrollTo(0, 0);
  });
  await page.mouse.click(5, 5);
  const steps = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page, ui);
    steps.push(f);
    const insertsSeen = steps.filter((s) => s.where === 'sidebar' && s.action === 'insert').length;
    const phraseCount = await ui.count('[data-testid="phrases"] [data-action="insert"]');
    if (insertsSeen >= Math.min(phraseCount, 3)) break;
  }
  console.log('Tab order:\n' + steps.map((s, i) => `  ${String(i + 1).padStart(2)} ${s.where === 'page' ? `page    ${s.desc}` : `sidebar ${s.tag}${s.action ? `[data-action=${s.action}]` : ''} “${s.label}” outline ${s.outlineStyle} ${s.outlineWidth}px ${s.outlineColor}`}`).join('\n'));

  const inSidebar = steps.filter((s) => s.where === 'sidebar');
  assert.ok(inSidebar.length > 0, 'Tab from the page reaches the sidebar');
  const firstSidebar = steps.findIndex((s) => s.where === 'sidebar');
  assert.ok(firstSidebar > 0, 'the helpdesk page keeps its own tab stops before the sidebar (the sidebar does not steal initial focus)');
  assert.ok(steps.slice(firstSidebar).every((s) => s.where === 'sidebar'), 'once in the sidebar, Tab stays in it in one run (no jumping back and forth)');

  const inserts = inSidebar.filter((s) => s.action === 'insert');
  assert.ok(inserts.length >= 2, `at least two Insert buttons are reachable by Tab (got ${inserts.length})`);
  const order = inserts.map((s) => s.phraseIndex);
  assert.deepEqual(order, [...order].sort((a, b) => a - b), 'Insert buttons come in the order of the phrases on screen');
  assert.equal(order[0], 0, 'the first Insert reached belongs to the first phrase');

  // Tab order follows DOM order (no positive tabindex reshuffling) and the header's buttons (move to the
  // other side, collapse) come first.
  const domOrder = inSidebar.map((s) => s.domIndex);
  assert.deepEqual(domOrder, [...domOrder].sort((a, b) => a - b), 'sidebar tab order follows the reading order');
  assert.ok(inSidebar.every((s) => !(Number(s.tabindex) > 0)), 'no positive tabindex in the sidebar');
  assert.deepEqual(inSidebar.slice(0, 2).map((s) => s.action), ['switch-side', 'collapse'], 'the first stops in the sidebar are its header buttons');
  assert.match(inSidebar[1].label, /collapse/i, 'the Collapse button says what it does');

  // Every keyboard stop shows a visible focus indicator.
  for (const s of inSidebar) {
    const ring = (s.outlineStyle !== 'none' && s.outlineWidth >= 2) || (s.boxShadow && s.boxShadow !== 'none');
    assert.ok(s.focusVisible, `${s.label}: matches :focus-visible`);
    assert.ok(ring, `${s.label}: visible focus indicator (outline ${s.outlineStyle} ${s.outlineWidth}px, box-shadow ${s.boxShadow})`);
  }

  // Escape from inside the sidebar collapses it to its tab.
  assert.equal((await focused(page, ui)).where, 'sidebar');
  await page.keyboard.press('Escape');
  await ui.waitFor(async () => (await ui.count('.tl-tab')) === 1 && (await ui.count('.tl-panel')) === 0, { message: 'sidebar collapsed to its tab' });
  const tabRect = await ui.rect('.tl-tab');
  assert.ok(tabRect && tabRect.width > 20 && tabRect.height > 10, 'the collapsed tab is visible');
  // The collapsed tab can be reopened from the keyboard.
  const afterEsc = await focused(page, ui);
  console.log(`focus after Escape: ${JSON.stringify(afterEsc)}`);
  await ui.inRoot('function () { this.querySelector(".tl-tab").focus(); }');
  await page.keyboard.press('Enter');
  await ui.waitFor(async () => (await ui.count('.tl-panel')) === 1, { message: 'sidebar reopened with Enter on the tab' });
  await page.close();
});

test('keyboard: after Escape, focus lands on the collapsed tab (not lost to the page body)', async () => {
  const { page, ui } = await openTicket();
  await ui.inRoot('function () { this.querySelector("[data-testid=\\"phrases\\"] [data-action=\\"insert\\"]").focus(); }');
  assert.equal((await focused(page, ui)).action, 'insert');
  await page.keyboard.press('Escape');
  await ui.waitFor(async () => (await ui.count('.tl-tab')) === 1, { message: 'sidebar collapsed to its tab' });
  const f = await focused(page, ui);
  // Reopen so later runs with this profile start expanded.
  await ui.inRoot('function () { this.querySelector(".tl-tab").click(); }');
  await page.close();
  assert.ok(f.where === 'sidebar' && /tl-tab/.test(f.cls ?? ''), `focus after Escape should be on the collapsed tab, was ${JSON.stringify(f)}`);
});
