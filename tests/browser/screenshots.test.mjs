// Screenshots of Tactline's UI for visual review: the sidebar on the demo Zendesk ticket (light/dark,
// English/German browser), the draft popover and palette, the popup and the can-i page (light/dark). Written to .output/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension, ROOT } from './lib/chromium.mjs';
import { startDemoServer, routeDemo } from './lib/server.mjs';
import { sidebar, overlay } from './lib/shadow.mjs';
import { waitPastLoading } from './lib/pages.mjs';

const TICKET = 'https://northwind-demo.zendesk.com/agent/tickets/48213';
const OUT = join(ROOT, '.output', 'screenshots');
// A 1400×900 PNG of a real UI is well over this; a blank or broken capture is far under it.
const MIN_BYTES = 15_000;

let demo;
const browsers = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  demo = await startDemoServer();
});

after(async () => {
  for (const b of browsers) await b.close();
  await demo?.close();
});

async function browserFor(lang) {
  const b = await launchWithExtension(lang === 'de' ? { args: ['--lang=de'] } : { args: ['--lang=en-US'] });
  b.lang = lang;
  browsers.push(b);
  await routeDemo(b.context, demo);
  return b;
}

function assertPng(file) {
  const { size } = statSync(file);
  assert.ok(size > MIN_BYTES, `${file} is a real screenshot (${size} bytes)`);
  console.log(`wrote ${file} (${size} bytes)`);
}

/** One screenshot per colour scheme: `${base}-light.png`, `${base}-dark.png`. */
async function shootSchemes(page, base, shot = {}) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(200);
    const file = join(OUT, `${base}-${scheme}.png`);
    await page.screenshot({ path: file, ...shot });
    assertPng(file);
  }
}

async function shootTicket(b, lang) {
  const page = await b.context.newPage();
  if (lang === 'de') {
    // Debian's chromium package ships only the en-US UI locale (German comes with chromium-l10n),
    // so --lang=de alone leaves navigator.language at en-US. Also emulate a German locale for the tab,
    // which is what the page and the content script (navigator.language, Intl, Accept-Language) see.
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Emulation.setLocaleOverride', { locale: 'de-DE' });
    await cdp.send('Emulation.setUserAgentOverride', {
      userAgent: await page.evaluate(() => navigator.userAgent),
      acceptLanguage: 'de-DE,de',
    });
  }
  await page.goto(TICKET);
  const ui = await sidebar(page);
  await ui.waitFor(async () => (await ui.count('[data-testid="phrases"] .tl-phrase')) > 0, { timeout: 20_000, message: 'suggested phrases in the sidebar' });
  const uiLang = await page.evaluate(() => navigator.language);
  console.log(`browser language for "${lang}" run: navigator.language=${uiLang}; Chromium UI locale pack for de installed: ${existsSync('/usr/lib/chromium/locales/de.pak')}`);
  if (lang === 'de') assert.match(uiLang, /^de/, 'Chromium runs with a German UI language');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    const file = join(OUT, `sidebar-zendesk-${lang}-${scheme}.png`);
    await page.screenshot({ path: file });
    assertPng(file);
  }
  // Close-ups of the panel itself (light and dark) for reading its text at full resolution.
  const panel = await ui.rect('.tl-panel');
  assert.ok(panel && panel.width > 200, 'the panel is laid out');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(200);
    const file = join(OUT, `sidebar-zendesk-${lang}-${scheme}-panel.png`);
    await page.screenshot({ path: file, clip: { x: panel.x, y: 0, width: panel.width, height: 900 } });
    assertPng(file);
  }
  // The host page scrolled to its reply editor: the sidebar must not cover the editor or its controls.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.locator('footer [data-test-id="omnicomposer-rich-text-ckeditor"]:visible').first().scrollIntoViewIfNeeded();
  const editorFile = join(OUT, `sidebar-zendesk-${lang}-light-editor.png`);
  await page.screenshot({ path: editorFile });
  assertPng(editorFile);
  const editorBox = await page.locator('footer [data-test-id="omnicomposer-rich-text-ckeditor"]:visible').first().boundingBox();
  console.log(`reply editor box ${JSON.stringify(editorBox)}; panel x=${panel.x}`);
  assert.ok(editorBox && editorBox.x + editorBox.width <= panel.x + 1, 'the reply editor is not under the sidebar');
  // A small laptop viewport.
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.waitForTimeout(300);
  const small = join(OUT, `sidebar-zendesk-${lang}-light-1024.png`);
  await page.screenshot({ path: small });
  assertPng(small);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  // The sidebar scrolled to its end (phrases and policies), light scheme.
  await page.emulateMedia({ colorScheme: 'light' });
  await ui.inRoot('function () { const b = this.querySelector(".tl-body"); if (b) b.scrollTop = b.scrollHeight; }');
  await page.waitForTimeout(200);
  const end = join(OUT, `sidebar-zendesk-${lang}-light-scrolled.png`);
  await page.screenshot({ path: end });
  assertPng(end);
  // Collapsed to its tab (then reopened, since the collapsed state is remembered per helpdesk host).
  await ui.click('[data-action="collapse"]');
  await ui.waitFor(async () => (await ui.count('.tl-tab')) === 1, { message: 'collapsed tab' });
  await page.waitForTimeout(200);
  const collapsed = join(OUT, `sidebar-zendesk-${lang}-light-collapsed.png`);
  await page.screenshot({ path: collapsed });
  assertPng(collapsed);
  await ui.click('.tl-tab');
  await ui.waitFor(async () => (await ui.count('.tl-panel')) === 1, { message: 'panel reopened' });
  await shootDraftAssist(page, ui, lang);
  await page.close();
}

/** The underline popover and the command palette over the reply editor, light and dark. */
async function shootDraftAssist(page, ui, lang) {
  const editor = page.locator('footer [data-test-id="omnicomposer-rich-text-ckeditor"]:visible').first();
  await editor.scrollIntoViewIfNeeded();
  await editor.click();
  await page.keyboard.type('Hi Ada, please calm down. ');
  const o = await overlay(page);
  await o.waitFor(async () => (await o.count('.tl-ul')) > 0, { message: 'an underline' });
  const box = await page.evaluate(() => {
    const el = [...document.querySelectorAll('footer [data-test-id="omnicomposer-rich-text-ckeditor"]')].find((e) => e.offsetParent);
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const i = n.data.indexOf('calm');
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 4);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
    }
    return null;
  });
  await page.mouse.click(box.x, box.y);
  await o.waitFor(async () => (await o.count('[data-testid="popover"]')) === 1, { message: 'the popover' });
  await shootSchemes(page, `draft-popover-${lang}`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.type(';;');
  await o.waitFor(async () => (await o.count('[data-testid="palette"] [role="option"]')) > 0, { message: 'the palette' });
  await shootSchemes(page, `draft-palette-${lang}`);
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.ok(ui, 'sidebar still there');
}

test('sidebar on the demo ticket, English browser, light and dark', async () => {
  await shootTicket(await browserFor('en'), 'en');
});

test('sidebar on the demo ticket, German browser (--lang=de, LANG=de_DE.UTF-8), light and dark', async () => {
  const prev = process.env.LANG;
  process.env.LANG = 'de_DE.UTF-8';
  try {
    await shootTicket(await browserFor('de'), 'de');
  } finally {
    if (prev === undefined) delete process.env.LANG;
    else process.env.LANG = prev;
  }
});

for (const [name, path, viewport] of [
  // .tl-popup is 380px + 2×16px body padding; Chrome sizes the popup window to that.
  ['popup', 'popup.html', { width: 412, height: 600 }],
  ['can-i', 'can-i.html', { width: 1000, height: 800 }],
]) {
  test(`${name} page, light and dark`, async () => {
    const b = browsers.find((x) => x.lang === 'en') ?? (await browserFor('en'));
    const page = await b.context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(b.extensionUrl(path));
    await waitPastLoading(page);
    await page.waitForTimeout(500);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(200);
      const file = join(OUT, `${name}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assertPng(file);
    }
    if (name === 'popup') {
      // With search results for "refund damaged".
      const before = await page.evaluate(() => document.body.innerText.length);
      await page.locator('input[type="search"]').first().fill('refund damaged');
      await page.waitForFunction((n) => document.body.innerText.length > n + 40, before, { timeout: 10_000 });
      await page.waitForTimeout(300);
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForTimeout(200);
        const file = join(OUT, `popup-search-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assertPng(file);
      }
    }
    if (name === 'can-i') {
      // With a question asked: a €180 refund as an Agent.
      const before = await page.evaluate(() => document.body.innerText.length);
      await page.getByLabel('Amount', { exact: true }).fill('180');
      await page.waitForFunction((n) => document.body.innerText.length > n + 20, before, { timeout: 10_000 });
      await page.waitForTimeout(300);
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForTimeout(200);
        const file = join(OUT, `can-i-answer-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assertPng(file);
      }
    }
    await page.close();
  });
}

// The options page and the popup in English and German (the extension's own pages follow the browser
// language): full pages, the settings card, and no sideways overflow in the 380px popup.
for (const lang of ['en', 'de']) {
  test(`options page and popup, ${lang} browser`, async () => {
    const b = browsers.find((x) => x.lang === lang) ?? (await browserFor(lang));
    for (const [name, path, viewport] of [
      ['options', 'options.html', { width: 1280, height: 900 }],
      ['popup', 'popup.html', { width: 412, height: 600 }],
      ['can-i', 'can-i.html', { width: 1000, height: 800 }],
    ]) {
      const page = await b.context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(b.extensionUrl(path));
      await waitPastLoading(page);
      await page.waitForTimeout(300);
      const uiLang = await page.evaluate(() => document.documentElement.lang);
      assert.match(uiLang, new RegExp(`^${lang}`), `${name} page language`);
      const file = join(OUT, `${name}-${lang}-light.png`);
      await page.screenshot({ path: file, fullPage: true });
      assertPng(file);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} (${lang}) has no horizontal overflow (${overflow}px)`);
      if (name === 'options') {
        // Close-ups of the cards whose text changes most between languages.
        for (const id of ['sources', 'stale', 'settings', 'sites']) {
          const card = join(OUT, `options-${id}-${lang}.png`);
          await page.locator(`#${id}`).screenshot({ path: card });
          console.log(`wrote ${card}`);
        }
      }
      await page.close();
    }
  });
}
