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

/**
 * Caret mid-text → click into the sidebar (focus and selection leave the editor) → the content script's
 * restoreCaret + insertText from the isolated world → assert model, caret, markup, and one undo.
 */
async function scenario(page, world, { kind, undoKeys, label }) {
  const initial = await page.evaluate(() => window.__page.modelText());
  assert.equal(initial, 'Hello world', `${label}: initial model text`);
  const tagsBefore = await page.evaluate(() => window.__page.tags());

  // Agent puts the caret mid-text ("Hello |world") …
  assert.ok(await page.evaluate(() => window.__page.placeCaret()), 'caret placed');
  await page.waitForTimeout(120); // editors sync their selection on (throttled) selectionchange
  assert.ok(await world.eval('!!__tactline.rememberedEditor()'), `${label}: content-script caret tracking saw the caret`);

  // … then clicks into Tactline's sidebar, which takes focus and the document selection.
  await page.locator('#tactline-sidebar input').click();
  await page.keyboard.type('ref');
  await page.evaluate(() => document.getSelection()?.removeAllRanges());
  await page.locator('#tactline-sidebar button').click();

  const res = await world.eval(`__tactline.insertPhrase(${JSON.stringify(PHRASE)})`);
  assert.equal(res.ok, true, `${label}: insertion failed: ${JSON.stringify(res)}`);
  assert.equal(res.kind, kind, `${label}: detected editor kind`);
  assert.equal(res.restored, true, `${label}: caret restored`);

  // The editor's own model holds exactly the text, at the caret.
  await waitFor(page, (exp) => window.__page.modelText() === exp, EXPECTED).catch(() => {});
  assert.equal(await page.evaluate(() => window.__page.modelText()), EXPECTED, `${label}: editor model after insertion`);

  // The caret ends right after the insertion, in the editor.
  const caret = await page.evaluate(() => window.__page.caret());
  assert.equal(caret.collapsed, true, `${label}: caret collapsed`);
  assert.ok(caret.focused, `${label}: editor keeps focus`);
  assert.ok(caret.before.replace(/\n/g, '').endsWith('Best, Sam '), `${label}: caret after insertion (before: ${JSON.stringify(caret.before.slice(-30))})`);
  assert.ok(caret.after.replace(/\n/g, '').startsWith('world'), `${label}: caret before "world" (after: ${JSON.stringify(caret.after.slice(0, 20))})`);

  // No foreign elements: nothing the text could have turned into, no tag the editor did not already use
  // apart from its own paragraph/line-break markup.
  const tagsAfter = await page.evaluate(() => window.__page.tags());
  for (const t of FORBIDDEN_TAGS) assert.ok(!tagsAfter.includes(t), `${label}: no <${t.toLowerCase()}> in the editor`);
  const allowedNew = new Set(['P', 'BR', 'DIV', 'SPAN']);
  const foreign = tagsAfter.filter((t) => !tagsBefore.includes(t) && !allowedNew.has(t));
  assert.deepEqual(foreign, [], `${label}: no foreign elements`);

  // The editor's own undo removes the insertion in one step.
  await page.keyboard.press(undoKeys);
  await waitFor(page, () => window.__page.modelText() === 'Hello world').catch(() => {});
  assert.equal(await page.evaluate(() => window.__page.modelText()), 'Hello world', `${label}: one undo removes the insertion`);

  // Replace one flagged word (what the underline popover's "replace" does): only that word changes, in the
  // editor's model, and one undo brings it back.
  await page.locator('#tactline-sidebar input').click();
  const rep = await world.eval(`__tactline.replaceInEditor(6, 'world', 'dear team')`);
  assert.equal(rep.ok, true, `${label}: replace failed: ${JSON.stringify(rep)}`);
  assert.equal(rep.draft.trim(), 'Hello world', `${label}: draft text as the checks see it`);
  assert.equal(rep.at, 6, `${label}: replaced where it was flagged`);
  await waitFor(page, () => window.__page.modelText() === 'Hello dear team').catch(() => {});
  assert.equal(await page.evaluate(() => window.__page.modelText()), 'Hello dear team', `${label}: editor model after replace`);
  const tagsAfterReplace = await page.evaluate(() => window.__page.tags());
  for (const t of FORBIDDEN_TAGS) assert.ok(!tagsAfterReplace.includes(t), `${label}: no <${t.toLowerCase()}> after replace`);
  await page.keyboard.press(undoKeys);
  await waitFor(page, () => window.__page.modelText() === 'Hello world').catch(() => {});
  assert.equal(await page.evaluate(() => window.__page.modelText()), 'Hello world', `${label}: one undo restores the replaced text`);
  // Text that is no longer in the draft is never "replaced" somewhere else.
  const gone = await world.eval(`__tactline.replaceInEditor(6, 'planet', 'x')`);
  assert.equal(gone.ok, false, `${label}: replacing missing text is refused`);
  assert.equal(await page.evaluate(() => window.__page.modelText()), 'Hello world', `${label}: nothing changed`);
  return res;
}

/** A MAIN-world method that is only a fallback in the plan (the preferred one works in Chromium), run
 *  directly so that it is exercised too: text at the caret, in the model, one undo removes it. */
async function mainMethodScenario(page, world, { method, undoKeys }) {
  assert.ok(await page.evaluate(() => window.__page.placeCaret()), 'caret placed');
  await page.waitForTimeout(120);
  await page.locator('#tactline-sidebar input').click();
  const res = await world.eval(`__tactline.mainMethod(${JSON.stringify(method)}, ${JSON.stringify(PHRASE)})`);
  assert.equal(res?.ok, true, `${method}: ${JSON.stringify(res)}`);
  await waitFor(page, (exp) => window.__page.modelText() === exp, EXPECTED).catch(() => {});
  assert.equal(await page.evaluate(() => window.__page.modelText()), EXPECTED, `${method}: editor model`);
  const tags = await page.evaluate(() => window.__page.tags());
  assert.ok(!tags.includes('B'), `${method}: no <b> from the text`);
  await page.keyboard.press(undoKeys);
  await waitFor(page, () => window.__page.modelText() === 'Hello world').catch(() => {});
  assert.equal(await page.evaluate(() => window.__page.modelText()), 'Hello world', `${method}: one undo removes it`);
  return res;
}

/** The agent never put a caret in the editor (or it was forgotten): the text goes at the end. */
async function noCaretScenario(page, world, { kind, undoKeys }) {
  // Mark where the editor is for the isolated world, as an adapter's selector would find it: the editor's
  // parent (editors own their root's attributes), or the iframe that holds it.
  await page.evaluate(() => {
    const root = window.__page.root();
    const rootNode = root.getRootNode();
    const el = rootNode !== document && rootNode.host ? rootNode.host : root.ownerDocument === document ? root.parentElement : root.ownerDocument.defaultView.frameElement;
    el.setAttribute('data-test-editor', '');
  });
  await world.eval('__tactline.forgetCaret()');
  await page.locator('#tactline-sidebar input').click();
  // No selection anywhere, including inside an editor iframe (which otherwise keeps the agent's caret).
  await page.evaluate(() => {
    document.getSelection()?.removeAllRanges();
    window.__page.root().ownerDocument.getSelection()?.removeAllRanges();
  });
  const res = await world.eval(`(() => {
    const mark = document.querySelector('[data-test-editor]');
    const scope = mark.shadowRoot ?? mark;
    const el = mark.tagName === 'IFRAME' ? mark : scope.querySelector('[contenteditable]') ?? scope.querySelector('textarea');
    return __tactline.insertText(el, ' Thanks!');
  })()`);
  assert.equal(res.ok, true, `no caret: insertion failed: ${JSON.stringify(res)}`);
  assert.equal(res.kind, kind, 'no caret: kind');
  await waitFor(page, () => window.__page.modelText() === 'Hello world Thanks!').catch(() => {});
  assert.equal(await page.evaluate(() => window.__page.modelText()), 'Hello world Thanks!', 'no caret: text goes at the end');
  const caret = await page.evaluate(() => window.__page.caret());
  assert.ok(caret.collapsed && caret.before.endsWith('Thanks!') && caret.after.trim() === '', `no caret: caret at the end (${JSON.stringify(caret)})`);
  await page.keyboard.press(undoKeys);
  await waitFor(page, () => window.__page.modelText() === 'Hello world').catch(() => {});
  assert.equal(await page.evaluate(() => window.__page.modelText()), 'Hello world', 'no caret: undo removes it');
  return res;
}

/**
 * Loads the editor page, runs the scenario with the MAIN-world bridge, and (for editors whose preferred
 * method needs the bridge) runs it again after removing the bridge, to prove the isolated-world fallback.
 */
export async function runInsertionCase({ page, origin, outDir, name, kind, undoKeys = 'Control+z', fallback = false, mainFallback = null }) {
  const errors = [];
  const t0 = Date.now();
  const mark = (label) => process.env.DEBUG_EDITORS && console.log(`  ${name} ${label}: ${Date.now() - t0} ms`);
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}/${name}.html`);
  await page.waitForFunction(() => !!window.__page, null, { timeout: 15000 });
  await page.evaluate(() =>
    Promise.race([
      Promise.resolve(window.__page.ready).then(() => true),
      new Promise((_, reject) => setTimeout(() => reject(new Error('editor did not become ready')), 15000)),
    ]),
  );
  mark('ready');

  const world = await isolatedWorld(page, path.join(outDir, 'build', 'isolated.js'));
  const results = {};
  try {
    // The isolated world sees the DOM but none of the page's JS objects.
    assert.deepEqual(await world.eval('__tactline.hasPageGlobals()'), [], 'isolated world must not see page globals');

    results.bridge = await scenario(page, world, { kind, undoKeys, label: 'with bridge' });
    mark(`with bridge: ${results.bridge.method}`);

    if (fallback) {
      assert.match(results.bridge.method, /^main:/, 'the preferred method goes through the MAIN-world bridge');
      // The MAIN-world script disappears (e.g. not registered on this site): the isolated side times out once
      // and then uses its own methods.
      assert.ok(await page.evaluate(() => { const u = window[Symbol.for('tactline.editorBridge')]; u?.(); return !!u; }), 'bridge uninstalled');
      results.fallback = await scenario(page, world, { kind, undoKeys, label: 'without bridge' });
      assert.doesNotMatch(results.fallback.method, /^main:/, 'fallback runs in the isolated world');
      mark(`without bridge: ${results.fallback.method}`);
    }
    if (mainFallback) {
      results.mainFallback = await mainMethodScenario(page, world, { method: mainFallback, undoKeys });
      mark(`MAIN-world fallback ${mainFallback}: ok`);
    }
    results.noCaret = await noCaretScenario(page, world, { kind, undoKeys });
    mark(`no caret: ${results.noCaret.method}`);
    assert.deepEqual(errors, [], 'no page errors');
    return results;
  } finally {
    await world.detach().catch(() => {});
  }
}
