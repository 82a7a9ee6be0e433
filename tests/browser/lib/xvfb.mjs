// A virtual display for the tests that need headful Chromium (the real permission prompt; extension
// reload, which a --load-extension build survives only when headful). Fails loudly when Xvfb is missing
// (.ci/run installs it), never skips.
import { spawn, execFileSync } from 'node:child_process';

export function need(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${cmd} is required for this test: sudo apt-get install -y ${cmd === 'Xvfb' ? 'xvfb' : cmd}`);
  }
}

/** Starts Xvfb on a random display, points DISPLAY at it; returns { display, stop() }. */
export async function startXvfb() {
  need('Xvfb');
  const display = `:${90 + Math.floor(Math.random() * 400)}`;
  const proc = spawn('Xvfb', [display, '-screen', '0', '1400x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const previous = process.env.DISPLAY;
  process.env.DISPLAY = display;
  return {
    display,
    stop() {
      proc.kill();
      if (previous === undefined) delete process.env.DISPLAY;
      else process.env.DISPLAY = previous;
    },
  };
}
