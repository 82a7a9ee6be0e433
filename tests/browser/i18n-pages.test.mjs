// The extension's own pages in a German browser (Debian Chromium, --lang=de, LANG=de_DE.UTF-8):
// popup, options and "Can I…?" render German headings, titles and <html lang>, and none of the
// English UI strings of those pages is left over (pack content stays as the pack wrote it).
// Then the "Sidebar side" radio group saves: choose Left, reload the options page, it is still Left,
// and the popup shows the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension, ROOT } from './lib/chromium.mjs';
import { waitPastLoading } from './lib/pages.mjs';

const load = (l) => Object.fromEntries(Object.entries(JSON.parse(readFileSync(join(ROOT, 'public', '_locales', l, 'messages.json'), 'utf8'))).map(([k, v]) => [k, v.message]));
const en = load('en');
const de = load('de');

let b;

before(async () => {
  const prev = process.env.LANG;
  process.env.LANG = 'de_DE.UTF-8';
  try {
    b = await launchWithExtension({ args: ['--lang=de'] });
  } finally {
    if (prev === undefined) delete process.env.LANG;
    else process.env.LANG = prev;
  }
});

after(async () => {
  await b?.close();
});

async function open(path, viewport = { width: 1200, height: 900 }) {
  const page = await b.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(b.extensionUrl(path));
  await waitPastLoading(page);
  return page;
}

/** <html lang>, window title and main heading in German. */
async function assertGermanPage(page, title, h1) {
  assert.match(await page.evaluate(() => document.documentElement.lang), /^de/);
  assert.equal(await page.title(), title);
  if (h1) assert.equal((await page.locator('h1').textContent()).trim(), h1);
}

/** Everything a person can see or hear on the page: text, labels, placeholders, options, titles. */
async function visibleText(page) {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '', el.getAttribute('title') ?? '');
    }
    for (const o of document.querySelectorAll('option, caption, legend, summary')) parts.push(o.textContent ?? '');
    return parts.join('\n');
  });
}

/**
 * English UI strings of these pages (by key prefix) that differ from the German ones and are long
 * enough not to be a product name or a word the pack itself might use; none may show up.
 */
function englishCandidates(prefixes) {
  return Object.entries(en).filter(([k, v]) => prefixes.some((p) => k.startsWith(p)) && !v.includes('$') && v.length >= 9 && v !== de[k]);
}
function englishLeftovers(text, prefixes) {
  const candidates = englishCandidates(prefixes);
  assert.ok(candidates.length >= 10, `enough English strings to look for (${candidates.length})`);
  return candidates.filter(([, v]) => text.includes(v)).map(([k, v]) => `${k}: ${v}`);
}

test('the leftover check finds English text when there is some', () => {
  assert.deepEqual(englishLeftovers(`x ${en.opSourcesIntro} y ${en.ciCopySummary}`, ['op', 'ci']).sort(), [`ciCopySummary: ${en.ciCopySummary}`, `opSourcesIntro: ${en.opSourcesIntro}`]);
  assert.deepEqual(englishLeftovers(`${de.opSourcesIntro} ${de.ciCopySummary}`, ['op', 'ci']), []);
  console.log(`English strings looked for: popup+can-i ${englishCandidates(['pp', 'ci']).length}, options ${englishCandidates(['op', 'cd', 'hi', 'wi']).length}`);
});

test('Chromium picks the German messages', async () => {
  const page = await open('popup.html', { width: 412, height: 700 });
  const [lang, ui] = await page.evaluate(() => [chrome.i18n.getMessage('uiLang'), chrome.i18n.getUILanguage()]);
  // Debian's Chromium ships only the en-US UI locale pack, so getUILanguage() may still say en-US;
  // the extension's messages (and so the pages' lang, dates and numbers) are German all the same.
  console.log(`messages: ${lang}; chrome.i18n.getUILanguage() = ${ui}`);
  assert.equal(lang, 'de');
  await page.close();
});

test('popup: German headings, tabs, counts and dock control; no English left', async () => {
  const page = await open('popup.html', { width: 412, height: 700 });
  await assertGermanPage(page, 'Tactline', 'Tactline');
  const headings = await page.locator('h2').allTextContents();
  assert.ok(headings.includes(de.ppPackH), `popup headings ${JSON.stringify(headings)}`);
  assert.ok(headings.includes(de.ppSearchH));
  assert.deepEqual(await page.getByRole('tab').allTextContents(), [de.ppTabSearch, de.ciTitle]);
  assert.equal(await page.locator('input[type="search"]').getAttribute('placeholder'), de.ppSearchPh);
  const counts = await page.getByTestId('pack-counts').textContent();
  assert.match(counts, /\d+ Anliegen · \d+ Formulierungen · \d+ Richtlinien · \d+ Grenzen · \d+ zu vermeidende Formulierung(en)? *$/, counts);
  assert.match(await page.getByTestId('pack-name').textContent(), new RegExp(`Version \\d+ · ${de.opSrcBundled}`));
  assert.equal(await page.locator('[data-testid="dock"] legend').textContent(), de.opDock);
  await page.getByRole('radio', { name: de.opDockRight }).waitFor();
  // A search with no hit, then the Can I…? tab.
  await page.locator('input[type="search"]').fill('zzqx');
  await page.getByText(de.ppNoMatch.replace('$1', 'zzqx')).waitFor();
  await page.getByRole('tab', { name: de.ciTitle }).click();
  await page.getByRole('link', { name: de.ppOpenCanI }).waitFor();
  const text = await visibleText(page);
  assert.deepEqual(englishLeftovers(text, ['pp', 'ci']), []);
  await page.close();
});

test('Can I…? page: German title, heading, fields and answer; no English left', async () => {
  const page = await open('can-i.html');
  await assertGermanPage(page, de.ciPageTitle, de.ciTitle);
  assert.ok((await page.locator('select option').allTextContents()).includes(de.ciActRefund));
  await page.getByLabel(de.ciAmount, { exact: true }).fill('180');
  const outcome = page.locator('.tl-outcome');
  await outcome.waitFor({ timeout: 10_000 });
  const said = (await outcome.textContent()).trim();
  assert.ok([de.ciOutAllowed, de.ciOutApproval, de.ciOutNot, de.ciOutInfo].includes(said), `German outcome, got "${said}"`);
  await page.getByRole('button', { name: de.ciCopySummary }).waitFor();
  const text = await visibleText(page);
  assert.deepEqual(englishLeftovers(text, ['ci']), []);
  await page.close();
});

test('options page: German title, sections, dates and what-if; no English left', async () => {
  const page = await open('options.html');
  await assertGermanPage(page, de.opPageTitle, de.opH1);
  const h2 = await page.locator('main h2').allTextContents();
  for (const k of ['opActivePack', 'opSources', 'hiHistory', 'opLog', 'opStale', 'opSettings', 'cdSites', 'wiTitle', 'opPolicyH']) {
    assert.ok(h2.includes(de[k]), `section heading ${k} "${de[k]}" in ${JSON.stringify(h2)}`);
  }
  assert.equal((await page.getByTestId('pack-source').textContent()).trim(), de.opSrcBundled);
  // Dates in German form (dd.mm.yyyy), not the English "Nov 25, 2026".
  const facts = await page.getByTestId('current-pack').textContent();
  assert.match(facts, /\d{2}\.\d{2}\.\d{4}/, facts);
  assert.doesNotMatch(facts, /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d/);
  // The what-if tester with a ticket: its result headings are German too.
  await page.getByLabel(de.wiSubject).fill('Tent arrived damaged');
  await page.getByLabel(de.wiMessage).fill('My new tent arrived with a torn seam. I want a refund of $180, this is really frustrating.');
  await page.getByLabel(de.wiDraft).fill('Calm down, I will see what I can do.');
  await page.locator('[data-action="whatif"]').click();
  await page.getByTestId('whatif-result').waitFor({ timeout: 15_000 });
  const h3 = await page.getByTestId('whatif-result').locator('h3').allTextContents();
  for (const k of ['wiSignals', 'wiSuggestions', 'wiAvoidH', 'wiPreview']) assert.ok(h3.includes(de[k]), `${k} in ${JSON.stringify(h3)}`);
  const text = await visibleText(page);
  assert.deepEqual(englishLeftovers(text, ['op', 'cd', 'hi', 'wi']), []);
  await page.close();
});

test('Sidebar side: choosing Left saves it; after a reload the options page and the popup show Left', async () => {
  const page = await open('options.html');
  const right = page.getByRole('radio', { name: de.opDockRight });
  const left = page.getByRole('radio', { name: de.opDockLeft });
  assert.equal(await right.isChecked(), true, 'Right by default');
  assert.equal(await left.isDisabled(), false);
  await left.check();
  await page.locator('#settings [role="status"]').getByText(de.opSaved).waitFor();
  await page.reload();
  await waitPastLoading(page);
  await page.locator('#settings').waitFor({ timeout: 10_000 }).catch(async (e) => {
    throw new Error(`${e.message}\npage text: ${(await page.evaluate(() => document.body.innerText)).slice(0, 600)}`);
  });
  await page.getByRole('radio', { name: de.opDockLeft }).waitFor();
  assert.equal(await page.getByRole('radio', { name: de.opDockLeft }).isChecked(), true, 'still Left after a reload');
  assert.equal(await page.getByRole('radio', { name: de.opDockRight }).isChecked(), false);
  await page.close();

  const popup = await open('popup.html', { width: 412, height: 700 });
  assert.equal(await popup.getByRole('radio', { name: de.opDockLeft }).isChecked(), true, 'the popup shows Left too');
  // And back to Right from the popup.
  await popup.getByRole('radio', { name: de.opDockRight }).check();
  await popup.waitForFunction(() => document.querySelector('input[value="right"]')?.checked === true);
  await popup.close();
  const again = await open('options.html');
  await again.locator('#settings').waitFor();
  assert.equal(await again.getByRole('radio', { name: de.opDockRight }).isChecked(), true, 'Right again, saved from the popup');
  await again.close();
});

test('French and Spanish browsers: every page in that language, none of the English left', async () => {
  for (const lang of ['fr', 'es']) {
    const m = load(lang);
    const other = await launchWithExtension({ args: [`--lang=${lang}`] });
    try {
      for (const [path, title, prefixes] of [
        ['popup.html', 'Tactline', ['pp']],
        ['can-i.html', m.ciPageTitle, ['ci']],
        ['options.html', m.opPageTitle, ['op', 'cd', 'hi', 'wi']],
      ]) {
        const page = await other.context.newPage();
        await page.goto(other.extensionUrl(path));
        await waitPastLoading(page);
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `${lang} ${path} lang`);
        assert.equal(await page.title(), title);
        const text = await visibleText(page);
        const left = englishCandidates(prefixes)
          .filter(([k, v]) => v !== m[k] && text.includes(v))
          .map(([k, v]) => `${k}: ${v}`);
        assert.deepEqual(left, [], `${lang} ${path}`);
        await page.close();
      }
    } finally {
      await other.close();
    }
  }
});
