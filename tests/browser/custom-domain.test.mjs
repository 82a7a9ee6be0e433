// Custom domains, as a user does it: Options → Sites → add a host the manifest does not list, answer
// the browser's real permission prompt (headful Chromium under Xvfb; the prompt is accepted with the
// keyboard through xdotool: Tab to "Allow", Return), then the generic adapter reads a ticket there.
// Removing the domain revokes the permission and the registration.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { need, startXvfb } from './lib/xvfb.mjs';
import { launchWithExtension } from './lib/chromium.mjs';
import { startDemoServer, routeDemo } from './lib/server.mjs';
import { sidebar } from './lib/shadow.mjs';

const HOST = 'help.northwind-trail.example';
const TICKET = `https://${HOST}/conversation/815`;
let xvfb;
let display;
let browser;
let demo;
let net;

before(async () => {
  need('xdotool');
  xvfb = await startXvfb();
  display = xvfb.display;
  demo = await startDemoServer();
  browser = await launchWithExtension({ headless: false });
  net = await routeDemo(browser.context, demo);
});

after(async () => {
  await browser?.close();
  await demo?.close();
  xvfb?.stop();
});

async function sitesPage() {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('options.html'));
  await page.locator('[data-testid="sites"]').waitFor({ timeout: 10_000 });
  return page;
}

test('before: the manifest does not cover the host, so Tactline stays away', async () => {
  const page = await browser.context.newPage();
  await page.goto(TICKET);
  await new Promise((r) => setTimeout(r, 1500));
  const ui = await sidebar(page);
  assert.equal(await ui.info(), null, 'no sidebar on a host the user has not added');
  await page.close();
});

test('adding the domain asks the browser for that one host; the generic adapter then reads the ticket', async () => {
  const options = await sitesPage();
  await options.getByLabel('Domain').fill(HOST);
  await options.getByLabel('Helpdesk').selectOption('generic');
  await options.locator('[data-action="add-domain"]').click();
  // The browser's own permission prompt: move focus to "Allow" and accept.
  await new Promise((r) => setTimeout(r, 1200));
  execFileSync('xdotool', ['key', 'Tab', 'Return'], { env: { ...process.env, DISPLAY: display } });
  await options.getByText(`Tactline now reads tickets on ${HOST}`).waitFor({ timeout: 10_000 });
  const granted = await options.evaluate((h) => chrome.permissions.contains({ origins: [`https://${h}/*`] }), HOST);
  assert.equal(granted, true);

  const page = await browser.context.newPage();
  await page.goto(TICKET);
  const ui = await sidebar(page);
  await ui.waitFor(async () => (await ui.count('[data-testid="phrases"] .tl-phrase')) > 0, { timeout: 15_000, message: 'guidance on the custom domain' });
  assert.match(await ui.text('[data-testid="ticket"]'), /page|generic|ticket/i);
  await page.close();

  // Removing the domain gives the permission back and stops the script.
  await options.getByRole('button', { name: `Remove ${HOST}` }).click();
  await options.getByText(`Removed ${HOST}`).waitFor({ timeout: 5_000 });
  const still = await options.evaluate((h) => chrome.permissions.contains({ origins: [`https://${h}/*`] }), HOST);
  assert.equal(still, false);
  const after = await browser.context.newPage();
  await after.goto(TICKET);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await (await sidebar(after)).info(), null, 'no sidebar after the domain was removed');
  await options.close();
  await after.close();
});

test('no request left the machine', () => assert.deepEqual(net.blocked, []));
