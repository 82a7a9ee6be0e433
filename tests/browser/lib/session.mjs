// One Chromium with the built extension and the demo helpdesk routed in, for a whole test file:
//   const s = demoBrowser();            // registers before/after hooks
//   const { page, ui, editor } = await openTicket(s, TICKET);
import { before, after } from 'node:test';
import { launchWithExtension } from './chromium.mjs';
import { startDemoServer, routeDemo } from './server.mjs';
import { sidebar } from './shadow.mjs';

export const ZENDESK_EDITOR = '[data-test-id="omnicomposer-rich-text-ckeditor"]:visible';

export function demoBrowser(launchOptions = {}) {
  const s = { browser: null, demo: null, net: null };
  before(async () => {
    s.demo = await startDemoServer();
    s.browser = await launchWithExtension(launchOptions);
    s.net = await routeDemo(s.browser.context, s.demo);
  });
  after(async () => {
    await s.browser?.close();
    await s.demo?.close();
  });
  return s;
}

/** Opens a demo ticket and waits until the sidebar shows guidance (`ready` inside the sidebar's root). */
export async function openTicket(s, url, { ready = '.tl-phrase', editor = ZENDESK_EDITOR } = {}) {
  const page = await s.browser.context.newPage();
  await page.goto(url);
  const ui = await sidebar(page);
  await ui.waitFor(async () => (await ui.count(ready)) > 0, { timeout: 20_000, message: `sidebar ${ready}` });
  return { page, ui, editor: page.locator(editor).first() };
}
