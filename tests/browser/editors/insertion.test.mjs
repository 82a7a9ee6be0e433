/* global process, console */
// Real-browser insertion tests, one page per editor built from that editor's own npm package.
// Run: node --test tests/browser/editors/   (part of `npm run test:browser`)
import { after, before, describe, test } from 'node:test';
import { buildEditorPages, ROOT } from './harness/build.mjs';
import { startServer } from './harness/server.mjs';
import { launch } from './harness/browser.mjs';
import { runInsertionCase } from './harness/run-case.mjs';
import { EDITOR_PAGES } from './harness/pages.mjs';

const only = process.env.EDITORS ? process.env.EDITORS.split(',') : undefined;

describe('phrase insertion in real editors (Chromium)', { concurrency: 1 }, () => {
  let browser;
  let server;
  let outDir;

  before(async () => {
    ({ outDir } = await buildEditorPages({ only }));
    server = await startServer({ outDir, root: ROOT });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const p of EDITOR_PAGES) {
    if (only && !only.includes(p.name)) continue;
    test(`${p.name}: lands at the caret, in the model, caret after, undo removes it${p.fallback ? ' (bridge, then isolated fallback)' : ''}`, { timeout: 45_000 }, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        const res = await runInsertionCase({ page, origin: server.origin, outDir, name: p.name, kind: p.kind, undoKeys: p.undoKeys, fallback: !!p.fallback, mainFallback: p.mainFallback ?? null });
        if (process.env.DEBUG_EDITORS) console.log(p.name, res);
      } finally {
        await context.close();
      }
    });
  }
});
