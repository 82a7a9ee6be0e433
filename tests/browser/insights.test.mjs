// Local insights end to end in Debian Chromium with the built extension: insert a phrase on the demo
// Zendesk ticket → the options page counts it (and the ticket's limit check) and draws the charts →
// CSV/JSON exports hold the phrase id and none of the ticket's text → with the switch off an insert
// is not counted → Clear (with confirmation) empties everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoBrowser } from './lib/session.mjs';
import { sidebar } from './lib/shadow.mjs';

const TICKET = 'https://northwind-demo.zendesk.com/agent/tickets/48213';

const s = demoBrowser();

/** Open the ticket, insert the first suggested phrase into the reply editor; returns its pack id and the ticket's own text. */
async function insertFirstPhrase() {
  const page = await s.browser.context.newPage();
  await page.goto(TICKET);
  const ui = await sidebar(page);
  await ui.waitFor(async () => (await ui.count('[data-testid="phrases"] .tl-phrase')) > 0, { timeout: 20_000, message: 'suggested phrases in the sidebar' });
  const [id] = await ui.attr('[data-testid="phrases"] .tl-phrase:first-child', 'data-phrase');
  assert.ok(id, 'the first phrase carries its pack id');
  const phrase = (await ui.text('[data-testid="phrases"] .tl-phrase:first-child .tl-phrase-text')).trim();
  // What the ticket says, before the phrase goes in (must never reach the counts or an export).
  const ticket = await page.evaluate(() => document.body.innerText);
  const editor = page.locator('[data-test-id="omnicomposer-rich-text-ckeditor"]:visible').first();
  await editor.click();
  await ui.click('[data-testid="phrases"] .tl-phrase:first-child [data-action="insert"]');
  await ui.waitFor(async () => ((await editor.textContent()) ?? '').includes(phrase.slice(0, 30)), { message: 'the phrase in the editor' });
  await ui.waitFor(async () => /Inserted/.test(await ui.text('.tl-notice')), { message: 'the insert notice' });
  await page.close();
  return { id, ticket };
}

async function openOptions() {
  const page = await s.browser.context.newPage();
  await page.goto(s.browser.extensionUrl('options.html#insights'));
  await page.waitForSelector('[data-testid="insights-totals"]', { timeout: 20_000 });
  return page;
}

/** Reload the options page until the phrases total reaches `n` (inserts are counted in the background). */
async function waitForPhraseTotal(page, n) {
  for (let i = 0; i < 100; i++) {
    const text = (await page.textContent('[data-testid="insights-phrases-total"]')) ?? '';
    if (Number(text.replace(/\D/g, '')) >= n) return Number(text.replace(/\D/g, ''));
    await page.reload();
    await page.waitForSelector('[data-testid="insights-totals"]', { timeout: 20_000 });
  }
  throw new Error(`the phrases total never reached ${n}`);
}

/** Click an export button and read the file the page hands to the browser (Blob behind the download link). */
async function exportText(page, action) {
  await page.evaluate(() => {
    window.__exports = [];
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => {
      const url = create(blob);
      window.__exports.push({ url, blob });
      return url;
    };
    document.addEventListener('click', (e) => {
      const a = e.target instanceof HTMLAnchorElement ? e.target : null;
      if (a?.download) window.__lastDownload = { name: a.download, href: a.href };
    }, { capture: true });
  });
  await page.click(`[data-action="${action}"]`);
  await page.waitForFunction(() => window.__exports.length > 0 && window.__lastDownload);
  return page.evaluate(async () => ({ name: window.__lastDownload.name, sameUrl: window.__lastDownload.href === window.__exports[0].url, type: window.__exports[0].blob.type, text: await window.__exports[0].blob.text() }));
}

test('an inserted phrase is counted, charted and exported without any ticket text; off means off; clear empties', async () => {
  const { id, ticket } = await insertFirstPhrase();

  const page = await openOptions();
  assert.match(await page.textContent('[data-testid="insights-privacy"]'), /never sent/);
  assert.equal(await waitForPhraseTotal(page, 1), 1, 'one insert, one count');
  // The demo ticket asks for a €180 refund: its limit check is counted once, whatever re-renders happened.
  assert.ok(Number(await page.textContent('[data-testid="insights-limits-total"]')) >= 1, 'the ticket’s limit check is counted');
  assert.equal(await page.locator(`[data-testid="insights-top-phrases"] tr[data-phrase-id="${id}"]`).count(), 1, 'the phrase is in the top-phrases chart');
  assert.equal(await page.locator('[data-testid="insights-per-day"] svg[role="img"] rect.tl-in-bar').count(), 1, 'one day with inserts in the per-day chart');
  assert.match(await page.getAttribute('[data-testid="insights-per-day"] svg', 'aria-label'), /^1 phrases inserted/);
  assert.equal(await page.locator('[data-testid="insights-limits"] tr[data-limit="refund"]').count(), 1, 'the refund limit has a stacked bar row');
  assert.equal(await page.locator('[data-testid="insights-empty"]').count(), 0);

  // Exports: the phrase id is there; nothing from the ticket is.
  const json = await exportText(page, 'insights-json');
  assert.match(json.name, /^tactline-insights-\d{4}-\d{2}-\d{2}\.json$/);
  assert.ok(json.sameUrl, 'the download link points at the exported blob');
  const doc = JSON.parse(json.text);
  assert.equal(doc.format, 'tactline-insights/1');
  assert.ok(doc.rows.some((r) => r.kind === 'phrase-inserted' && r.id === id && r.count === 1), `the JSON has the phrase ${id}`);
  assert.ok(doc.rows.some((r) => r.kind === 'limit-checked' && r.id === 'refund'), 'the JSON has the refund limit check');

  const csv = await exportText(page, 'insights-csv');
  assert.match(csv.name, /^tactline-insights-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.match(csv.type, /^text\/csv/);
  assert.equal(csv.text.split('\r\n')[0], 'date,kind,id,title,outcome,source,count');
  assert.ok(csv.text.includes(`,phrase-inserted,${id},`), 'the CSV has the phrase id');

  const ticketBits = ['48213', 'northwind-demo.zendesk.com', ...ticket.split(/\n+/).map((l) => l.trim()).filter((l) => l.length >= 25 && !/Tactline/.test(l)).slice(0, 40)];
  assert.ok(ticketBits.length > 5, 'the check has ticket text to look for');
  for (const bit of ticketBits) {
    assert.ok(!json.text.includes(bit), `JSON export must not contain ticket text: ${bit.slice(0, 60)}`);
    assert.ok(!csv.text.includes(bit), `CSV export must not contain ticket text: ${bit.slice(0, 60)}`);
  }
  const stored = await page.evaluate(() => chrome.storage.local.get('insights'));
  for (const bit of ticketBits) assert.ok(!JSON.stringify(stored).includes(bit), `stored counts must not contain ticket text: ${bit.slice(0, 60)}`);

  // Off switch: a real labelled checkbox; an insert while off is not counted.
  const sw = page.getByLabel('Count usage in this browser');
  assert.equal(await sw.isChecked(), true);
  await sw.uncheck();
  await page.waitForSelector('[data-testid="insights-off"]');
  await insertFirstPhrase();
  await page.reload();
  await page.waitForSelector('[data-testid="insights-off"]');
  await page.getByLabel('Count usage in this browser').check();
  await page.waitForSelector('[data-testid="insights-off"]', { state: 'detached' });
  // Switched on again: the next insert counts, and the total is 2 — the one made while off never was.
  await insertFirstPhrase();
  assert.equal(await waitForPhraseTotal(page, 2), 2, 'the insert made while insights were off was not counted');
  await page.reload();
  await page.waitForSelector('[data-testid="insights-totals"]');
  assert.equal(await page.textContent('[data-testid="insights-phrases-total"]'), '2');

  // Clear asks first; Cancel keeps the counts, Delete removes them.
  await page.click('[data-action="insights-clear"]');
  await page.click('[data-action="insights-clear-no"]');
  assert.equal(await page.textContent('[data-testid="insights-phrases-total"]'), '2');
  await page.click('[data-action="insights-clear"]');
  await page.click('[data-action="insights-clear-yes"]');
  await page.waitForSelector('[data-testid="insights-empty"]');
  assert.equal(await page.textContent('[data-testid="insights-phrases-total"]'), '0');
  assert.match(await page.textContent('[data-testid="insights-msg"]'), /deleted/);
  await page.close();
});

test('a helpdesk page cannot reach insights; ids that are not in the pack are never counted; extra fields are refused', async () => {
  // The helpdesk page's own JavaScript cannot message the extension at all (no externally_connectable).
  const page = await s.browser.context.newPage();
  await page.goto(TICKET);
  const fromPage = await page.evaluate(async (extId) => {
    try {
      if (!globalThis.chrome?.runtime?.sendMessage) return 'no runtime';
      return JSON.stringify(await chrome.runtime.sendMessage(extId, { tactline: 1, type: 'insights/get', payload: {} }));
    } catch (e) {
      return `threw: ${e.message}`;
    }
  }, s.browser.extensionId);
  await page.close();
  assert.ok(fromPage === 'no runtime' || fromPage.startsWith('threw'), `the page must not get insights, got ${fromPage}`);

  const options = await openOptions();
  const send = (type, payload) => options.evaluate(([type, payload]) => chrome.runtime.sendMessage({ tactline: 1, type, payload }), [type, payload]);
  assert.deepEqual(await send('insights/record', { kind: 'phrase-inserted', id: 'no-such-phrase' }), { ok: true, data: null }, 'the answer does not tell whether it counted');
  const bad = await send('insights/record', { kind: 'phrase-inserted', id: 'x', note: 'Dear Ada' });
  assert.equal(bad.ok, false, 'extra fields are refused');
  assert.match(bad.error, /unknown field note/);
  assert.equal((await send('insights/record', { kind: 'avoid-fired', ruleId: 'calm-down' })).ok, false, 'pages cannot report what the background computes');
  const v = await send('insights/get', { days: 7 });
  assert.ok(v.ok, JSON.stringify(v));
  assert.ok(!v.data.summary.phrases.some((p) => p.id === 'no-such-phrase'), 'ids that are not in the pack are never counted');
  await options.close();
});
