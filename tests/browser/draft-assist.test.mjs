// Inline reply assistance in real Chromium with the built extension (issue 7, acceptance 2 and the palette):
// typing a phrase to avoid underlines exactly that text in an overlay that never touches the editor's DOM;
// clicking it opens a popover with the reason and alternatives; one click replaces only that phrase (and
// the editor's undo brings it back); dismissing stops the flag for good; the command palette opens from
// ";;" in the editor, from the sidebar and from the browser shortcut's message, and inserts with Enter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sidebar, overlay } from './lib/shadow.mjs';
import { demoBrowser, openTicket, ZENDESK_EDITOR as EDITOR } from './lib/session.mjs';

const TICKET = 'https://northwind-demo.zendesk.com/agent/tickets/48213';
const DRAFT = 'Hi Ada, please calm down. We will look at the tent today.';
const s = demoBrowser();

async function open() {
  const opened = await openTicket(s, TICKET);
  return { ...opened, ov: overlay(opened.page) };
}

/** Screen box of the first occurrence of `needle` in the visible editor (measured by the page itself). */
function textBox(page, needle) {
  return page.evaluate((n) => {
    const el = [...document.querySelectorAll('[data-test-id="omnicomposer-rich-text-ckeditor"]')].find((e) => e.offsetParent);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = node.data.indexOf(n);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + n.length);
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    }
    return null;
  }, needle);
}

const editorHtml = (page) => page.evaluate(() => [...document.querySelectorAll('[data-test-id="omnicomposer-rich-text-ckeditor"]')].find((e) => e.offsetParent).innerHTML);

async function underlines(ov) {
  return (await ov.inRoot(`function(){ return [...this.querySelectorAll('.tl-ul')].map((u) => { const r = u.getBoundingClientRect(); return { rule: u.dataset.rule, kind: u.dataset.kind, x: r.x, y: r.y, width: r.width, height: r.height, visible: getComputedStyle(u).visibility !== 'hidden' }; }) }`)) ?? [];
}

/** Waits for an underline, then clicks the flagged words like an agent would; resolves once the popover is up. */
async function clickFlagged(page, ov, words) {
  const o = await ov;
  await o.waitFor(async () => (await underlines(o)).some((u) => u.visible), { message: 'an underline' });
  const box = await textBox(page, words);
  await page.mouse.click(box.x + Math.min(5, box.width / 2), box.y + box.height / 2);
  await o.waitFor(async () => (await o.count('[data-testid="popover"]')) === 1, { message: 'the popover' });
  return o;
}

test('typing a phrase to avoid underlines exactly that text, without touching the editor', async () => {
  const { page, ui, ov, editor } = await open();
  await editor.click();
  await page.keyboard.type(DRAFT);
  const typed = await editorHtml(page);
  const o = await ov;
  await o.waitFor(async () => (await underlines(o)).some((u) => u.visible), { message: 'an underline' });
  const [u] = await underlines(o);
  assert.equal(u.rule, 'calm-down');
  assert.equal(u.kind, 'avoid');
  const box = await textBox(page, 'calm down');
  assert.ok(Math.abs(u.x - box.x) < 1.5 && Math.abs(u.width - box.width) < 1.5, `underline spans the words (${JSON.stringify({ u, box })})`);
  assert.ok(u.y >= box.y + box.height - 4 && u.y <= box.y + box.height + 2, `underline sits at the bottom of the text (${u.y} vs ${box.y}+${box.height})`);
  assert.equal(await editorHtml(page), typed, 'the editor DOM is exactly what typing produced');
  assert.equal(await page.locator(`${EDITOR} [data-tactline], ${EDITOR} tactline-overlay`).count(), 0, 'nothing of Tactline inside the editor');
  // The sidebar lists it too, with the same actions for keyboard users.
  assert.match(await ui.text('[data-testid="findings"]'), /calm down/);
  assert.equal(await ui.count('[data-testid="findings"] [data-action="replace-finding"]'), 1);
  // Typing on hides the (now stale) underline at once; the next check draws it again.
  await page.keyboard.type(' Thanks');
  assert.ok((await underlines(o)).every((u2) => !u2.visible), 'hidden while typing');
  await o.waitFor(async () => (await underlines(o)).some((u2) => u2.visible), { message: 'underline back after the pause' });
  await page.close();
});

test('clicking the underline opens a popover with the reason and alternatives; replace changes only that phrase; undo restores it', async () => {
  const { page, ov, editor } = await open();
  await editor.click();
  await page.keyboard.type(DRAFT);
  const o = await clickFlagged(page, ov, 'calm down');
  const pop = await o.text('[data-testid="popover"]');
  assert.match(pop, /Consider rephrasing/);
  assert.match(pop, /“calm down”/);
  assert.match(pop, /implies their reaction is the problem/, 'says why');
  const alts = await o.inRoot(`function(){ return [...this.querySelectorAll('[data-testid="popover"] [data-action="replace"]')].map((b) => b.textContent) }`);
  assert.ok(alts.length >= 1, 'offers alternatives');
  const first = alts[0].replace(/^Replace with “|”$/g, '');
  await o.click('[data-testid="popover"] [data-action="replace"]');
  // The flagged words are gone, the alternative is in their place, and everything else is as typed
  // (the alternative's final "." is dropped because the draft already has one there).
  const expected = DRAFT.replace('calm down', first.replace(/[.!?]$/, ''));
  await o.waitFor(async () => (await editor.innerText()).trim() === expected, { message: `editor text ${expected}` });
  assert.equal(await o.count('[data-testid="popover"]'), 0, 'popover closed');
  await o.waitFor(async () => !(await underlines(o)).some((u) => u.rule === 'calm-down' && u.visible), { message: 'underline gone' });
  await page.keyboard.press('Control+z');
  await o.waitFor(async () => (await editor.innerText()).trim() === DRAFT, { message: 'undo brings the phrase back' });
  await page.close();
});

test('the sidebar offers the same replace for keyboard users; Escape closes the popover', async () => {
  const { page, ui, ov, editor } = await open();
  await editor.click();
  await page.keyboard.type('As I already said, the tent is covered.');
  const o = await clickFlagged(page, ov, 'As I already said');
  await page.keyboard.press('Escape');
  await o.waitFor(async () => (await o.count('[data-testid="popover"]')) === 0, { message: 'Escape closes it' });
  // Keyboard: Tab into the sidebar's finding and press its Replace button with Enter.
  await ui.inRoot(`function(){ this.querySelector('[data-testid="findings"] [data-action="replace-finding"]').focus() }`);
  await page.keyboard.press('Enter');
  await o.waitFor(async () => !/As I already said/.test(await editor.innerText()), { message: 'replaced from the sidebar' });
  assert.match(await editor.innerText(), /the tent is covered\./, 'the rest of the draft is untouched');
  await page.close();
});

test('"Don\'t flag again" dismisses that phrase now, after typing it again, and after a reload', async () => {
  const { page, ui, ov, editor } = await open();
  await editor.click();
  await page.keyboard.type('No worries, we will sort it.');
  const o = await clickFlagged(page, ov, 'No worries');
  await o.click('[data-testid="popover"] [data-action="dismiss"]');
  await o.waitFor(async () => (await underlines(o)).length === 0, { message: 'underline removed' });
  assert.equal((await editor.innerText()).trim(), 'No worries, we will sort it.', 'dismiss never edits the draft');
  await ui.waitFor(async () => /will not be flagged again/.test(await ui.text('.tl-notice')), { message: 'the notice' });
  // Typed again, next to a phrase that is still flagged (so we know the check has run).
  await page.keyboard.type(' No worries at all. Please calm down.');
  await o.waitFor(async () => (await underlines(o)).some((u) => u.rule === 'calm-down' && u.visible), { message: 'the other phrase is still flagged' });
  assert.ok(!(await underlines(o)).some((u) => u.rule === 'no-worries'), 'the dismissed phrase stays unflagged');
  await page.reload();
  const ui2 = await sidebar(page);
  await ui2.waitFor(async () => (await ui2.count('.tl-phrase')) > 0, { timeout: 20_000, message: 'sidebar after reload' });
  await page.locator(EDITOR).first().click();
  await page.keyboard.type('No worries. Please calm down.');
  const o2 = await overlay(page);
  await o2.waitFor(async () => (await underlines(o2)).some((u) => u.rule === 'calm-down'), { message: 'flags after reload' });
  assert.ok(!(await underlines(o2)).some((u) => u.rule === 'no-worries'), 'still dismissed after a reload');
  // The options page lists it and "Flag again" restores it (live, in the open ticket too).
  const options = await s.browser.context.newPage();
  await options.goto(s.browser.extensionUrl('options.html'));
  const item = options.locator('[data-testid="dismissed"] li', { hasText: 'no worries' });
  await item.waitFor({ timeout: 10_000 });
  await item.getByRole('button', { name: 'Flag “no worries” again' }).click();
  await options.locator('[data-testid="reply-assist"] [role="status"]', { hasText: 'will be flagged again' }).waitFor({ timeout: 5_000 });
  assert.equal(await options.locator('[data-testid="dismissed"] li').count(), 0);
  assert.match(await options.locator('[data-testid="reply-assist"]').innerText(), /Ctrl\+Shift\+\./, 'options show the palette shortcut');
  await options.close();
  await page.bringToFront();
  await page.locator(EDITOR).first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' No worries!');
  await o2.waitFor(async () => (await underlines(o2)).some((u) => u.rule === 'no-worries'), { message: 'flagged again after restoring' });
  await page.close();
});

async function paletteState(o) {
  return o.inRoot(`function(){
    const p = this.querySelector('[data-testid="palette"]');
    if (!p) return null;
    const input = p.querySelector('input');
    const active = p.querySelector('[aria-selected="true"]');
    return { focused: this.activeElement === input, query: input.value, count: p.querySelectorAll('[role="option"]').length,
      active: active ? active.querySelector('.tl-opt-text').textContent : null, activeDesc: input.getAttribute('aria-activedescendant'), activeId: active?.id };
  }`);
}

test('typing ";;" in the reply opens the palette; arrows and Enter replace ";;" with the chosen phrase', async () => {
  const { page, ov, editor } = await open();
  await editor.click();
  await page.keyboard.type('Hi Ada, ;;');
  const o = await ov;
  await o.waitFor(async () => (await paletteState(o))?.focused, { message: 'palette open with focus in its search field' });
  const initial = await paletteState(o);
  assert.ok(initial.count > 0, 'shows the ticket\'s phrases before any query');
  await page.keyboard.type('photos');
  await o.waitFor(async () => {
    const s = await paletteState(o);
    return s && s.query === 'photos' && s.count > 0 && /photo/i.test(s.active ?? '');
  }, { message: 'search results for "photos"' });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  const chosen = await paletteState(o);
  assert.equal(chosen.activeDesc, chosen.activeId, 'aria-activedescendant follows the arrows');
  await page.keyboard.press('Enter');
  await o.waitFor(async () => (await paletteState(o)) === null, { message: 'palette closed' });
  await o.waitFor(async () => (await editor.innerText()).includes(chosen.active), { message: 'phrase inserted' });
  const text = (await editor.innerText()).trim();
  assert.ok(text.startsWith('Hi Ada, '), text);
  assert.ok(!text.includes(';;'), 'the trigger is replaced');
  assert.ok(!/\{\{/.test(text), 'placeholders are filled or marked, never left raw');
  await page.close();
});

test('the palette opens from the sidebar button and from the browser shortcut, and Escape returns to the editor', async () => {
  const { page, ui, ov, editor } = await open();
  await editor.click();
  await page.keyboard.type('Hello Ada, ');
  // The browser shortcut is registered with the browser (configurable in its shortcut settings).
  const sw = s.browser.context.serviceWorkers()[0];
  const commands = await sw.evaluate(() => chrome.commands.getAll());
  const palette = commands.find((c) => c.name === 'open-palette');
  assert.ok(palette, 'the open-palette command exists');
  assert.equal(palette.shortcut, 'Ctrl+Shift+Period');
  assert.match(await ui.text('.tl-palette-row'), /Ctrl\+Shift\+\./, 'the sidebar tells the agent the shortcut');
  // What the background does when the shortcut fires: message the active tab.
  await page.bringToFront();
  await sw.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    await chrome.tabs.sendMessage(tab.id, { tactline: 1, type: 'palette/open' });
  });
  const o = await ov;
  await o.waitFor(async () => (await paletteState(o))?.focused, { message: 'palette from the shortcut' });
  await page.keyboard.press('Escape');
  await o.waitFor(async () => (await paletteState(o)) === null, { message: 'Escape closes it' });
  assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[data-test-id="omnicomposer-rich-text-ckeditor"]')), 'focus is back in the editor');
  await page.keyboard.type('thanks.');
  assert.match(await editor.innerText(), /Hello Ada, thanks\./, 'the caret is where the agent left it');
  // The sidebar's button.
  await ui.click('[data-action="palette"]');
  await o.waitFor(async () => (await paletteState(o))?.focused, { message: 'palette from the sidebar button' });
  await page.keyboard.type('refund');
  await o.waitFor(async () => (await paletteState(o))?.count > 0, { message: 'results' });
  await page.keyboard.press('Enter');
  await o.waitFor(async () => (await editor.innerText()).length > 'Hello Ada, thanks.'.length + 10, { message: 'inserted at the caret' });
  assert.ok((await editor.innerText()).startsWith('Hello Ada, thanks.'), 'inserted after what was typed');
  await page.close();
});

test('in a plain textarea (ServiceNow comments) the underline lines up with the text, measured independently', async () => {
  const url = 'https://northwinddemo.service-now.com/incident.do?sys_id=9d385017c611228701d22104cc95c371';
  const { page, editor: ta } = await openTicket(s, url, { ready: '.tl-section', editor: '#activity-stream-comments-textarea' });
  const ov = overlay(page);
  await ta.click();
  const before = 'Hi Ada, please ';
  await page.keyboard.type(`${before}calm down.`);
  const o = await ov;
  await o.waitFor(async () => (await underlines(o)).some((u) => u.visible && u.rule === 'calm-down'), { message: 'an underline in the textarea' });
  const [u] = (await underlines(o)).filter((x) => x.rule === 'calm-down');
  // Where the words are, from the textarea's own box, padding and font (canvas text metrics).
  const expected = await ta.evaluate((el, [prefix, words]) => {
    const cs = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const r = el.getBoundingClientRect();
    const left = r.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft) + ctx.measureText(prefix).width;
    const lineTop = r.top + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop);
    const lineHeight = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2;
    return { left, width: ctx.measureText(words).width, lineTop, lineBottom: lineTop + lineHeight };
  }, [before, 'calm down']);
  assert.ok(Math.abs(u.x - expected.left) < 3, `underline starts under "calm" (${u.x} vs ${expected.left})`);
  assert.ok(Math.abs(u.width - expected.width) < 3, `underline as wide as the words (${u.width} vs ${expected.width})`);
  assert.ok(u.y > expected.lineTop && u.y <= expected.lineBottom + 1, `underline on the first line (${u.y} in ${expected.lineTop}..${expected.lineBottom})`);
  assert.equal(await ta.inputValue(), `${before}calm down.`, 'the textarea value is untouched');
  await page.close();
});

test('leak guard: a limit figure in a public reply is flagged; "Ignore for this ticket" clears it; the same words in an internal note are fine', async () => {
  const { page, ui, ov, editor } = await open();
  await editor.click();
  const words = 'my limit is €100';
  await page.keyboard.type(`Hi Ada, ${words}, so I have asked my team lead.`);
  const o = await ov;
  await o.waitFor(async () => (await underlines(o)).some((u) => u.kind === 'leak' && u.visible), { message: 'a leak underline' });
  const leak = (await underlines(o)).find((u) => u.kind === 'leak');
  await page.mouse.click(leak.x + leak.width / 2, leak.y - 6);
  await o.waitFor(async () => (await o.count('[data-testid="popover"]')) === 1, { message: 'the popover' });
  assert.match(await o.text('[data-testid="popover"]'), /Internal-only text in a public reply/);
  assert.match(await o.text('[data-testid="popover"] .tl-quote'), /limit|€100/, 'the popover quotes the leaking words');
  await o.click('[data-testid="popover"] [data-action="dismiss"]');
  await ui.waitFor(async () => /Ignored for this ticket/.test(await ui.text('.tl-notice')), { message: 'the notice' });
  await o.waitFor(async () => !(await underlines(o)).some((u) => u.kind === 'leak'), { message: 'leak underline gone' });
  assert.match(await editor.innerText(), /my limit is €100/, 'ignoring never edits the draft');
  // Internal note: the agent switches the composer (Zendesk's channel switcher) and types the same words.
  await page.evaluate(() => {
    const b = [...document.querySelectorAll('[data-test-id="omnichannel-channel-switcher-button"]')].find((el) => el.offsetParent !== null);
    b.setAttribute('data-channel', 'internal');
    b.textContent = 'Internal note';
  });
  await page.locator(EDITOR).first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Also: my limit is €100. Please calm down.');
  await o.waitFor(async () => (await underlines(o)).some((u) => u.rule === 'calm-down' && u.visible), { message: 'the tone check ran on the note' });
  assert.ok(!(await underlines(o)).some((u) => u.kind === 'leak'), 'limit figures are fine in an internal note');
  await page.close();
});
