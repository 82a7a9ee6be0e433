// Walking skeleton, end to end in Debian Chromium with the built extension:
// Zendesk fixture ticket → sidebar (closed shadow root) → insert a phrase into the reply editor;
// and the pack survives a service-worker restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoBrowser } from './lib/session.mjs';
import { sidebar } from './lib/shadow.mjs';

const TICKET = 'https://northwind-demo.zendesk.com/agent/tickets/48213';

const s = demoBrowser();

async function openTicket(url = TICKET) {
  const page = await s.browser.context.newPage();
  await page.goto(url);
  const ui = await sidebar(page);
  await ui.waitFor(async () => (await ui.count('[data-testid="phrases"] .tl-phrase')) > 0, { timeout: 20_000, message: 'suggested phrases in the sidebar' });
  return { page, ui };
}

test('an angry damaged-item refund ticket gets intent, mood, amount, limit and phrases in a closed sidebar', async () => {
  const { page, ui } = await openTicket();
  const info = await ui.info();
  assert.equal(info.shadowRootType, 'closed', 'the sidebar must live in a closed shadow root');
  // The page itself cannot reach into the sidebar.
  assert.equal(await page.evaluate(() => document.querySelector('tactline-sidebar')?.shadowRoot ?? null), null);

  const intents = await ui.attr('[data-intent]', 'data-intent');
  assert.ok(intents.some((id) => /refund|damag/.test(id)), `refund/damaged intent expected, got ${intents.join(', ')}`);
  const intentText = await ui.text('[data-testid="intents"]');
  assert.match(intentText, /because of/, 'the intent explains why');

  const [emotion] = await ui.attr('[data-testid="mood"]', 'data-emotion');
  assert.ok(['angry', 'frustrated'].includes(emotion), `angry/frustrated mood expected, got ${emotion}`);

  assert.match(await ui.text('[data-testid="amounts"]'), /180/);
  const decisions = await ui.text('[data-testid="decisions"]');
  assert.match(decisions, /180/, 'the amount gets a limit line');
  assert.match(decisions, /limit|approv|can decide|allowed/i, 'the limit line says whether the amount is within the role limit');

  const phrases = await ui.text('[data-testid="phrases"] .tl-phrase-text');
  assert.ok(phrases.length > 20, 'at least one phrase is suggested');
  await page.close();
});

test('clicking Insert puts the phrase into the reply editor at the caret', async () => {
  const { page, ui } = await openTicket();
  const editor = page.locator('[data-test-id="omnicomposer-rich-text-ckeditor"]:visible').first();
  await editor.click();
  await page.keyboard.type('Hi Ada, ');
  const phrase = (await ui.text('[data-testid="phrases"] .tl-phrase:first-child .tl-phrase-text')).trim();
  await ui.click('[data-testid="phrases"] .tl-phrase:first-child [data-action="insert"]');
  await ui.waitFor(async () => ((await editor.textContent()) ?? '').includes(phrase.slice(0, 30)), { message: 'the phrase in the editor' });
  const text = (await editor.textContent()) ?? '';
  assert.ok(text.startsWith('Hi Ada, '), `typed text kept before the insertion: ${JSON.stringify(text.slice(0, 60))}`);
  assert.ok(text.replace(/\s+/g, ' ').includes(phrase.replace(/\s+/g, ' ')), 'the whole phrase is in the editor');
  assert.match(await ui.text('.tl-notice'), /Inserted/);
  await page.close();
});

test('the installed pack survives a service-worker restart', async () => {
  // Install a newer pack version through the extension's own page (a privileged request).
  const popup = await s.browser.context.newPage();
  await popup.goto(s.browser.extensionUrl('popup.html'));
  const imported = await popup.evaluate(async () => {
    const status = await chrome.runtime.sendMessage({ tactline: 1, type: 'status/get', payload: {} });
    const pack = status.data.pack;
    // Re-export the active pack with a higher version and a recognisable name.
    const search = await chrome.runtime.sendMessage({ tactline: 1, type: 'pack/search', payload: { query: 'refund' } });
    return { pack, hits: search.data.length };
  });
  assert.ok(imported.pack.version >= 1);
  assert.ok(imported.hits > 0, 'pack search finds refund guidance');
  const { readFileSync } = await import('node:fs');
  const bundled = JSON.parse(readFileSync(new URL('../../guidance/packs/outdoor-retailer.json', import.meta.url), 'utf8'));
  const next = { ...bundled, version: bundled.version + 1, name: `${bundled.name} (restart test)` };
  const res = await popup.evaluate(async (text) => chrome.runtime.sendMessage({ tactline: 1, type: 'pack/import', payload: { text, filename: 'next.json' } }), JSON.stringify(next));
  assert.equal(res.ok, true, JSON.stringify(res));
  assert.equal(res.data.ok, true, JSON.stringify(res.data.errors));

  // Stop every service worker through the DevTools protocol of an extension page.
  const cdp = await s.browser.context.newCDPSession(popup);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await popup.close();

  const { page, ui } = await openTicket();
  assert.match(await ui.text('[data-testid="pack"]'), /restart test/, 'the new pack is still active after the restart');
  assert.match(await ui.text('[data-testid="pack"]'), new RegExp(`v${next.version}`));
  await page.close();
});

test('no request left the machine', () => {
  assert.deepEqual(s.net.blocked, []);
});
