// guidance/ is the pure core: it must import nothing from the browser, the DOM, the UI or storage.
// (ESLint enforces the same with no-restricted-imports/globals; this test makes it a test failure too.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const GUIDANCE = join(ROOT, 'guidance');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(n) ? [p] : [];
  });
}

const FORBIDDEN_MODULES = /^(wxt|wxt\/.*|#imports|webextension-polyfill|@wxt-dev\/.*|preact|preact\/.*|idb|react|react-dom)$/;
const FORBIDDEN_PATHS = /(^|\/)(entrypoints|components)(\/|$)/;
const FORBIDDEN_GLOBALS = /(?<![.\w$])(window|document|localStorage|sessionStorage|indexedDB|chrome|browser|navigator|MutationObserver|XMLHttpRequest|WebSocket|requestAnimationFrame|requestIdleCallback|getComputedStyle|DOMParser)\s*[.[(]/;
const NETWORK = /\bfetch\s*\(/;

describe('guidance/ purity', () => {
  const all = files(GUIDANCE);
  it('has source files', () => expect(all.length).toBeGreaterThan(5));
  for (const file of all) {
    const rel = relative(ROOT, file);
    it(`${rel} imports no browser/DOM/UI/storage module and uses no browser globals`, () => {
      const src = readFileSync(file, 'utf8');
      const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
      const imports = [...code.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
      for (const spec of imports) {
        expect(FORBIDDEN_MODULES.test(spec), `${rel} imports ${spec}`).toBe(false);
        expect(FORBIDDEN_PATHS.test(spec), `${rel} imports ${spec}`).toBe(false);
      }
      const strings = code.replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '""');
      expect(FORBIDDEN_GLOBALS.exec(strings)?.[0] ?? null, `${rel} uses a browser global`).toBeNull();
      expect(NETWORK.test(strings), `${rel} calls fetch`).toBe(false);
    });
  }
});
