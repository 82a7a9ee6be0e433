// Helpers for the extension's own pages (popup, options, can-i) in browser tests.

/** Wait until the page rendered real content, past "Loading…" (a fresh profile still installs the bundled pack; slow on a busy 2-core machine). */
export async function waitPastLoading(page, timeout = 45_000) {
  await page.waitForFunction(() => {
    const t = document.body?.innerText ?? '';
    return t.trim().length > 20 && !/Loading…|Laden…|Chargement…|Cargando…/.test(t);
  }, null, { timeout });
}
