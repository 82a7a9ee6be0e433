// Launch Debian's Chromium (never a downloaded browser) with the built extension loaded.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

export const ROOT = resolve(new URL('../../..', import.meta.url).pathname);
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  for (const c of candidates) if (existsSync(c)) return c;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export const CHROMIUM_MISSING =
  'Chromium is not installed. Install Debian\'s build with:  sudo apt-get install -y chromium   ' +
  '(or set CHROMIUM_PATH to a Chromium binary). Playwright\'s own browser download is not used.';

/**
 * @param {{ headless?: boolean, extensionDir?: string, args?: string[], userDataDir?: string }} [opts]
 */
export async function launchWithExtension(opts = {}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  const ownDir = !opts.userDataDir;
  const userDataDir = opts.userDataDir ?? (await mkdtemp(join(tmpdir(), 'tactline-profile-')));
  const headless = opts.headless ?? true;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless,
    viewport: { width: 1400, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(opts.args ?? []),
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async close() {
      await context.close().catch(() => undefined);
      if (ownDir) await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
