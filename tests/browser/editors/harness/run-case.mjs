/* global process, console, window, document, setTimeout */
// One insertion scenario, the same for every editor (acceptance point 1 of issue 7).
import assert from 'node:assert/strict';
import path from 'node:path';
import { isolatedWorld } from './browser.mjs';

/** Multi-line, with characters that would become markup if anything treated the text as HTML. */
export const PHRASE = "Thanks for waiting, Ada <b>&amp;</b> team.\nWe'll sort it today.\nBest, Sam ";
export const EXPECTED = `Hello ${PHRASE}world`;
const FORBIDDEN_TAGS = ['B', 'SCRIPT', 'IMG', 'STYLE', 'IFRAME'];

async function waitFor(page, fn, arg, timeout = 3000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 25 });
}

export async function runInsertionCase({ page, origin, outDir, name, kind, undoKeys = 'Control+z' }) {
  const errors = [];
  const t0 = Date.now();
  const mark = (label) => process.env.DEBUG_EDITORS && console.log(`  ${name} ${label}: ${Date.now() - t0} ms`);
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}/${name}.html`);
  await page.waitForFunction(() => !!window.__page, null, { timeout: 15000 });
  await page.evaluate(() => Promise.race([
    Promise.resolve(window.__page.ready).then(() => true),
    new Promise((_, reject) => setTimeout(() => reject(new Error('editor did not become ready')), 15000)),
  ]));

  mark('ready');
  const world = await isolatedWorld(page, path.join(outDir, 'build', 'isolated.js'));
  try {
    // The isolated world sees the DOM but none of the page's JS objects.
    assert.deepEqual(await world.eval('__tactline.hasPageGlobals()'), [], 'isolated world must not see page globals');

    const initial = await page.evaluate(() => window.__page.modelText());
    assert.equal(initial, 'Hello world', 'initial model text');
    const tagsBefore = await page.evaluate(() => window.__page.tags());

    // Agent puts the caret mid-text ("Hello |world") …
    assert.ok(await page.evaluate(() => window.__page.placeCaret()), 'caret placed');
    await page.waitForTimeout(120); // editors sync their selection on (throttled) selectionchange
    await waitFor(page, () => true);
    const remembered = await world.eval('!!__tactline.rememberedEditor()');
    assert.ok(remembered, 'content-script caret tracking saw the caret');

    // … then clicks into Tactline's sidebar, which takes focus and the document selection.
    await page.locator('#tactline-sidebar input').click();
    await page.keyboard.type('ref');
    await page.evaluate(() => document.getSelection()?.removeAllRanges());
    await page.locator('#tactline-sidebar button').click();

    mark('caret placed, sidebar clicked');
    const res = await world.eval(`__tactline.insertPhrase(${JSON.stringify(PHRASE)})`);
    assert.equal(res.ok, true, `insertion failed: ${JSON.stringify(res)}`);
    assert.equal(res.kind, kind, 'detected editor kind');
    assert.equal(res.restored, true, 'caret restored');

    mark('inserted');
    // The editor's own model holds exactly the text at the caret.
    await waitFor(page, (exp) => window.__page.modelText() === exp, EXPECTED).catch(() => {});
    assert.equal(await page.evaluate(() => window.__page.modelText()), EXPECTED, 'editor model after insertion');

    // The caret ends right after the insertion, in the editor.
    const caret = await page.evaluate(() => window.__page.caret());
    assert.equal(caret.collapsed, true, 'caret collapsed');
    assert.ok(caret.focused, 'editor keeps focus');
    assert.ok(caret.before.replace(/\n/g, '').endsWith('Best, Sam '), `caret after insertion (before: ${JSON.stringify(caret.before.slice(-30))})`);
    assert.ok(caret.after.replace(/\n/g, '').startsWith('world'), `caret before "world" (after: ${JSON.stringify(caret.after.slice(0, 20))})`);

    // No foreign elements: nothing the text could have turned into, no tag the editor did not already use
    // apart from its own paragraph/line-break markup.
    const tagsAfter = await page.evaluate(() => window.__page.tags());
    for (const t of FORBIDDEN_TAGS) assert.ok(!tagsAfter.includes(t), `no <${t.toLowerCase()}> in the editor`);
    const allowedNew = new Set(['P', 'BR', 'DIV', 'SPAN']);
    const foreign = tagsAfter.filter((t) => !tagsBefore.includes(t) && !allowedNew.has(t));
    assert.deepEqual(foreign, [], 'no foreign elements');

    // The editor's own undo removes the insertion in one step.
    await page.keyboard.press(undoKeys);
    await waitFor(page, () => window.__page.modelText() === 'Hello world').catch(() => {});
    assert.equal(await page.evaluate(() => window.__page.modelText()), 'Hello world', 'one undo removes the insertion');

    mark('undone');
    assert.deepEqual(errors, [], 'no page errors');
    return res;
  } finally {
    await world.detach().catch(() => {});
  }
}
