/* global process */
// Launch Debian Chromium through playwright-core and run code in a CDP isolated world (a stand-in for the
// content script's world).
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH. The editor insertion tests need a real browser and do not skip.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Creates an isolated world in the page's main frame, evaluates the bundle there, and returns an `eval`
 *  that runs expressions in that world (awaiting promises, returning JSON values). */
export async function isolatedWorld(page, bundlePath) {
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'tactline-content-script' });
  const run = async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`isolated world: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  await run(readFileSync(bundlePath, 'utf8'));
  return { eval: run, detach: () => cdp.detach() };
}
