#!/usr/bin/env node
// `npm start`: build the extension, serve the demo helpdesk on 127.0.0.1 and open it in Debian's
// Chromium with Tactline loaded. With a display it opens a window and waits; without one it runs
// headless, saves a screenshot under .output/ and prints what the extension detected and suggested.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, findChromium, CHROMIUM_MISSING, launchWithExtension } from '../tests/browser/lib/chromium.mjs';
import { startDemoServer, routeDemo } from '../tests/browser/lib/server.mjs';
import { sidebar } from '../tests/browser/lib/shadow.mjs';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY;

if (!findChromium()) {
  console.error(`\n${CHROMIUM_MISSING}\n`);
  process.exit(1);
}
if (!args.has('--no-build')) {
  console.log('Building the extension (npm run build)…');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const demo = await startDemoServer();
const ticketUrl =
  [...demo.routes.keys()].find((u) => /zendesk\.com\/agent\/tickets\/48213$/.test(u)) ??
  [...demo.routes.keys()].find((u) => /zendesk\.com\/agent\/tickets\/\d+$/.test(u));
if (!ticketUrl) {
  console.error('No Zendesk demo ticket found under tests/fixtures/zendesk/.');
  process.exit(1);
}
console.log(`Demo helpdesk: ${demo.base}/  (${demo.routes.size} pages)`);
const browser = await launchWithExtension({ headless });
await routeDemo(browser.context, demo);
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.goto(ticketUrl);
const ui = await sidebar(page);
try {
  await ui.waitFor(async () => (await ui.count('[data-testid="phrases"] .tl-phrase')) > 0, { timeout: 20_000, message: 'the sidebar' });
} catch (e) {
  console.error(`The sidebar did not appear: ${e.message}`);
  console.error(await ui.text().catch(() => ''));
}
// The rendered text (innerText keeps the sidebar's lines apart); lines joined with " · ".
const read = (selector) => ui.inRoot('function (s) { return [...this.querySelectorAll(s)].map((e) => e.innerText).join("\\n") }', selector).catch(() => '');
const clean = (s) => s.split(/\n+/).map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' · ');
const summary = {
  ticket: ticketUrl,
  pack: clean(await read('[data-testid="pack"]')),
  intent: clean(await read('[data-testid="intents"]')),
  mood: clean(await read('[data-testid="mood"]')),
  amounts: clean(await read('[data-testid="amounts"]')),
  limits: clean(await read('[data-testid="decisions"] .tl-summary')) || '(none)',
  phrases: await ui.count('[data-testid="phrases"] .tl-phrase'),
  firstPhrase: clean(await read('[data-testid="phrases"] .tl-phrase:first-child .tl-phrase-text')),
};
mkdirSync(join(ROOT, '.output'), { recursive: true });
const shot = join(ROOT, '.output', 'tactline-demo.png');
await page.screenshot({ path: shot });
console.log('\nTactline on the demo ticket');
console.log(`  ticket   ${summary.ticket}`);
console.log(`  pack     ${summary.pack}`);
console.log(`  intent   ${summary.intent || '(none)'}`);
console.log(`  mood     ${summary.mood || '(none)'}`);
console.log(`  amounts  ${summary.amounts || '(none)'}`);
console.log(`  limits   ${summary.limits}`);
console.log(`  phrases  ${summary.phrases} shown; first: ${summary.firstPhrase}`);
console.log(`\nScreenshot: ${shot}`);
if (headless) {
  await browser.close();
  await demo.close();
} else {
  const index = await browser.context.newPage();
  await index.goto(`${demo.base}/`);
  await page.bringToFront();
  console.log('\nThe demo browser is open. Close it or press Ctrl+C to stop.');
  const stop = async () => {
    await browser.close();
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  browser.context.on('close', stop);
}
