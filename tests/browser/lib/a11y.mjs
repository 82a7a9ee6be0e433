// axe-core in Debian Chromium, for ordinary pages and for the sidebar inside its CLOSED shadow root.
//
// axe builds its own "flattened tree" by following `element.shadowRoot`, which is null for a closed
// root, so from the page axe would never see the sidebar. In TEST code only, we resolve the shadow
// root through CDP (DOM.resolveNode) and give its host an own `shadowRoot` property pointing at it;
// axe then walks the real, rendered sidebar (real styles, real layout, real colours) with the host as
// its context. Nothing is cloned, so colour-contrast and focus rules see exactly what users see.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './chromium.mjs';

export const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const RUN_OPTIONS = {
  resultTypes: ['violations', 'incomplete'],
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
};

// Runs in the page: reduce axe's result to what the report needs.
const REDUCE = `function reduce(r) {
  const pick = (v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target, impact: n.impact, html: n.html.slice(0, 200), summary: (n.failureSummary || '').slice(0, 400) })) });
  return { violations: r.violations.map(pick), incomplete: r.incomplete.map(pick), passes: r.passes ? r.passes.length : 0 };
}`;

async function injectAxe(page) {
  const has = await page.evaluate(() => typeof window.axe === 'object').catch(() => false);
  if (!has) await page.evaluate(AXE_SOURCE);
  const ok = await page.evaluate(() => typeof window.axe?.run === 'function');
  if (!ok) throw new Error('axe-core did not load into the page');
}

/** axe over a whole page (extension pages: popup, options, can-i). */
export async function axePage(page, options = RUN_OPTIONS) {
  await injectAxe(page);
  return page.evaluate(
    async ([opts, reduceSrc]) => {
      // eslint-disable-next-line no-new-func
      const reduce = new Function(`return (${reduceSrc})`)();
      return reduce(await window.axe.run(document, opts));
    },
    [options, REDUCE],
  );
}

/**
 * axe over the sidebar only. `ui` is the object from shadow.mjs `sidebar(page)`.
 * Returns { method, violations, incomplete, passes }.
 */
export async function axeSidebar(page, ui, options = RUN_OPTIONS) {
  await injectAxe(page);
  const info = await ui.info();
  if (!info) throw new Error('sidebar is not mounted');
  const { object } = await ui.cdp.send('DOM.resolveNode', { nodeId: info.shadowRootId });
  const { result, exceptionDetails } = await ui.cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: `async function (opts) {
      ${REDUCE}
      const root = this;
      const host = root.host;
      // Attempt 1: the ShadowRoot itself as context.
      let direct = null;
      try {
        const r = await window.axe.run(root, opts);
        if (r.passes.length + r.violations.length + r.incomplete.length > 0) direct = r;
      } catch (e) { direct = null; }
      if (direct) return { method: 'shadow-root-context', ...reduce(direct) };
      // Attempt 2: expose the closed root to axe through an own property on the host (test only).
      Object.defineProperty(host, 'shadowRoot', { value: root, configurable: true });
      try {
        const r = await window.axe.run(host, opts);
        return { method: 'host-context-with-exposed-root', ...reduce(r) };
      } finally {
        delete host.shadowRoot;
      }
    }`,
    arguments: [{ value: options }],
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

/** Human-readable lines for every violation (printed whether or not the test passes). */
export function formatViolations(label, res) {
  const lines = [`axe — ${label}${res.method ? ` [${res.method}]` : ''}: ${res.violations.length} violation(s), ${res.passes} rule(s) passed`];
  for (const v of res.violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help}`);
    for (const n of v.nodes.slice(0, 6)) lines.push(`      target ${JSON.stringify(n.target)} — ${n.summary.replace(/\s+/g, ' ').slice(0, 240)}`);
    if (v.nodes.length > 6) lines.push(`      … and ${v.nodes.length - 6} more`);
  }
  return lines.join('\n');
}

export function seriousOrWorse(res) {
  return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
