// Screenshots of Tactline's UI for visual review: the sidebar on the demo Zendesk ticket (light/dark,
// English/German browser), the popup and the can-i page (light/dark). Written to .output/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension, ROOT } from './lib/chromium.mjs';
import { startDemoServer, routeDemo } from './lib/server.mjs';
import { sidebar } from './lib/shadow.mjs';

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
  browsers.push(b);
  await routeDemo(b.context, demo);
  return b;
}

function assertPng(file) {
  const { size } = statSync(file);
  assert.ok(size > MIN_BYTES, `${file} is a real screenshot (${size} bytes)`);
  console.log(`wrote ${file} (${size} bytes)`);
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
  // The sidebar scrolled to its end (phrases and policies), light scheme.
  await page.emulateMedia({ colorScheme: 'light' });
  await ui.inRoot('function () { const b = this.querySelector(".tl-body"); if (b) b.scrollTop = b.scrollHeight; }');
  await page.waitForTimeout(200);
  const end = join(OUT, `sidebar-zendesk-${lang}-light-scrolled.png`);
  await page.screenshot({ path: end });
  assertPng(end);
  await page.close();
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
  ['popup', 'popup.html', { width: 380, height: 600 }],
  ['can-i', 'can-i.html', { width: 1000, height: 800 }],
]) {
  test(`${name} page, light and dark`, async () => {
    const b = browsers[0] ?? (await browserFor('en'));
    const page = await b.context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(b.extensionUrl(path));
    await page.waitForFunction(() => (document.body?.innerText ?? '').trim().length > 20, null, { timeout: 15_000 });
    await page.waitForTimeout(500);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(200);
      const file = join(OUT, `${name}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assertPng(file);
    }
    await page.close();
  });
}
