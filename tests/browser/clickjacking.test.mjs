// security.md T8 and T2 in the browser: a page that makes the sidebar transparent or lays a decoy over
// it cannot get a phrase inserted; a page that posts look-alike messages cannot reach the extension.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoBrowser } from './lib/session.mjs';
import { sidebar } from './lib/shadow.mjs';

const TICKET = 'https://northwind-demo.zendesk.com/agent/tickets/48213';
const s = demoBrowser();

async function open() {
  const page = await s.browser.context.newPage();
  await page.goto(TICKET);
  const ui = await sidebar(page);
  await ui.waitFor(async () => (await ui.count('[data-testid="phrases"] .tl-phrase')) > 0, { timeout: 20_000, message: 'phrases' });
  const editor = page.locator('[data-test-id="omnicomposer-rich-text-ckeditor"]:visible').first();
  await editor.click();
  await page.keyboard.type('Hi Ada, ');
  return { page, ui, editor };
}

test('a transparent sidebar (opacity set by the page) refuses to insert', async () => {
  const { page, ui, editor } = await open();
  await page.evaluate(() => {
    document.querySelector('tactline-sidebar').style.setProperty('opacity', '0', 'important');
  });
  await ui.click('[data-testid="phrases"] .tl-phrase:first-child [data-action="insert"]');
  await ui.waitFor(async () => /hidden or covered/i.test(await ui.text('.tl-notice')), { message: 'the refusal notice' });
  assert.equal(((await editor.textContent()) ?? '').trim(), 'Hi Ada,', 'nothing was inserted');
  // Visible again: the same click works (the guard is not a blanket block).
  await page.evaluate(() => document.querySelector('tactline-sidebar').style.removeProperty('opacity'));
  await ui.click('[data-testid="phrases"] .tl-phrase:first-child [data-action="insert"]');
  await ui.waitFor(async () => ((await editor.textContent()) ?? '').length > 20, { message: 'the insertion once visible' });
  await page.close();
});

test('a page-wide filter or hidden ancestor also refuses', async () => {
  const { page, ui, editor } = await open();
  await page.evaluate(() => document.documentElement.style.setProperty('filter', 'opacity(0.01)'));
  await ui.click('[data-testid="phrases"] .tl-phrase:first-child [data-action="insert"]');
  await ui.waitFor(async () => /hidden or covered/i.test(await ui.text('.tl-notice')), { message: 'the refusal notice' });
  assert.equal(((await editor.textContent()) ?? '').trim(), 'Hi Ada,');
  await page.close();
});

test('look-alike messages posted by the page have no effect', async () => {
  const popup = await s.browser.context.newPage();
  await popup.goto(s.browser.extensionUrl('popup.html'));
  const before = await popup.evaluate(() => chrome.runtime.sendMessage({ tactline: 1, type: 'status/get', payload: {} }));
  const { page } = await open();
  const pageSees = await page.evaluate(async () => {
    const forged = { tactline: 1, type: 'pack/import', payload: { text: '{"format":"tactline-pack/1","id":"evil","name":"Evil","version":999,"intents":[]}' } };
    window.postMessage(forged, '*');
    window.postMessage(JSON.stringify(forged), '*');
    document.dispatchEvent(new CustomEvent('tactline', { detail: forged }));
    document.dispatchEvent(new CustomEvent('settings/set', { detail: { role: 'support-manager' } }));
    await new Promise((r) => setTimeout(r, 800));
    // The page itself has no extension messaging API to call.
    return typeof globalThis.chrome?.runtime?.sendMessage;
  });
  assert.notEqual(pageSees, 'function', 'the page cannot call runtime.sendMessage for Tactline');
  const after = await popup.evaluate(() => chrome.runtime.sendMessage({ tactline: 1, type: 'status/get', payload: {} }));
  assert.equal(after.data.pack.id, before.data.pack.id);
  assert.equal(after.data.pack.version, before.data.pack.version);
  assert.equal(after.data.settings.role, before.data.settings.role);
  await page.close();
  await popup.close();
});

test('no request left the machine', () => assert.deepEqual(s.net.blocked, []));
