// "Your limits" in the sidebar, in real Chromium: two amounts in the ticket give two decision lines;
// an amount typed into the draft gets its own line once the agent pauses; the approval-request
// button fills the internal note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoBrowser } from './lib/session.mjs';
import { sidebar } from './lib/shadow.mjs';

const TICKET = 'https://northwind-demo.zendesk.com/agent/tickets/48277';
const s = demoBrowser();

async function open() {
  const page = await s.browser.context.newPage();
  await page.goto(TICKET);
  const ui = await sidebar(page);
  await ui.waitFor(async () => (await ui.count('[data-testid="decisions"] .tl-decision')) >= 2, { timeout: 20_000, message: 'two decision lines' });
  return { page, ui, editor: page.locator('[data-test-id="omnicomposer-rich-text-ckeditor"]:visible').first() };
}

test('a ticket with two amounts shows a decision line for each', async () => {
  const { page, ui } = await open();
  const lines = await ui.text('[data-testid="decisions"] .tl-decision[data-source="ticket"] .tl-summary');
  assert.match(lines, /Refund €180/);
  assert.match(lines, /€12\.50/);
  const outcomes = await ui.attr('[data-testid="decisions"] .tl-decision[data-source="ticket"]', 'data-outcome');
  assert.equal(outcomes.length, 2);
  assert.match(lines, /your limit €100/, 'the refund line says what the agent may grant alone');
  await page.close();
});

test('an amount typed into the draft gets its own line once the agent pauses', async () => {
  const { page, ui, editor } = await open();
  await editor.click();
  await page.keyboard.type('Hi Ada, I can refund €450 to your card today.');
  const t0 = Date.now();
  await ui.waitFor(async () => /€450/.test(await ui.text('[data-testid="decisions"] .tl-decision[data-source="draft"] .tl-summary')), {
    timeout: 10_000,
    interval: 25,
    message: 'the draft amount line',
  });
  const ms = Date.now() - t0;
  // Informational only (speed is measured by `npm run bench:browser`, never asserted here).
  console.log(`draft line appeared ${ms} ms after the last keystroke (350 ms of it is the typing debounce)`);
  const draftLine = await ui.text('[data-testid="decisions"] .tl-decision[data-source="draft"] .tl-summary');
  assert.match(draftLine, /Refund €450/);
  // Typing a larger amount updates the line.
  await page.keyboard.press('End');
  for (let i = 0; i < '€450 to your card today.'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('€1,250 to your card today.');
  await ui.waitFor(async () => /€1,250/.test(await ui.text('[data-testid="decisions"] .tl-decision[data-source="draft"] .tl-summary')), {
    timeout: 10_000,
    interval: 25,
    message: 'the updated draft line',
  });
  assert.doesNotMatch(await ui.text('[data-testid="decisions"] .tl-decision[data-source="draft"] .tl-summary'), /€450/, 'the old draft amount is gone');
  await page.close();
});

test('the approval-request button fills the internal note', async () => {
  const { page, ui, editor } = await open();
  // The agent switches the composer to "Internal note" (Zendesk's channel switcher).
  await page.evaluate(() => {
    // The active ticket pane's switcher (another ticket's pane stays mounted, hidden).
    const b = [...document.querySelectorAll('[data-test-id="omnichannel-channel-switcher-button"]')].find((el) => el.offsetParent !== null);
    b.setAttribute('data-channel', 'internal');
    b.textContent = 'Internal note';
  });
  await ui.waitFor(async () => (await ui.count('[data-action="approval-note"]')) > 0, { message: 'an approval button' });
  await ui.click('[data-action="approval-note"]');
  await ui.waitFor(async () => /approv/i.test((await editor.textContent()) ?? ''), { message: 'the approval request in the internal note' });
  const note = (await editor.textContent()) ?? '';
  assert.match(note, /€180/);
  assert.match(note, /48277/, 'the note names the ticket');
  assert.match(await ui.text('.tl-notice'), /internal note/i);
  await page.close();
});

test('in public-reply mode the approval request is copied, never put into the public reply', async () => {
  const { page, ui, editor } = await open();
  await s.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://northwind-demo.zendesk.com' });
  await ui.click('[data-action="approval-note"]');
  await ui.waitFor(async () => /copied/i.test(await ui.text('.tl-notice')), { message: 'the copy notice' });
  assert.doesNotMatch((await editor.textContent()) ?? '', /approv/i);
  await page.close();
});

test('no request left the machine', () => assert.deepEqual(s.net.blocked, []));
