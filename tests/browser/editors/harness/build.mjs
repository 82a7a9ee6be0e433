/* global process, console */
// Builds the per-editor test pages (each from the editor's own npm package), the MAIN-world bridge and the
// isolated-world insertion bundle into a git-ignored folder. Run directly to build once:
//   node tests/browser/editors/harness/build.mjs
import { build } from 'esbuild';
import { mkdir, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EDITOR_PAGES } from './pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../../../..');
export const OUT_DIR = path.join(ROOT, '.tmp', 'editor-pages');

function html(page) {
  const css = (page.css ?? []).map((href) => `<link rel="stylesheet" href="${href}">`).join('\n');
  const pre = (page.scripts ?? []).map((src) => `<script src="${src}"></script>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${page.name} insertion test</title>
${css}
<style>body{font:14px sans-serif;margin:16px;padding-right:220px} main{max-width:700px}</style>
</head><body>
<h1>${page.name}</h1>
<main>${page.body ?? ''}</main>
<script src="/build/bridge.js"></script>
${pre}
<script src="/build/pages/${page.name}.js"></script>
</body></html>
`;
}

export async function buildEditorPages({ only } = {}) {
  const pages = only ? EDITOR_PAGES.filter((p) => only.includes(p.name)) : EDITOR_PAGES;
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(path.join(OUT_DIR, 'build', 'pages'), { recursive: true });
  const common = {
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
    absWorkingDir: ROOT,
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    jsx: 'automatic',
    jsxImportSource: 'react',
    tsconfigRaw: { compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'react' } },
    loader: { '.js': 'jsx' },
    legalComments: 'none',
  };
  await Promise.all([
    build({ ...common, entryPoints: [path.join(here, 'bridge-entry.ts')], outfile: path.join(OUT_DIR, 'build', 'bridge.js') }),
    build({ ...common, entryPoints: [path.join(here, 'isolated-entry.ts')], outfile: path.join(OUT_DIR, 'build', 'isolated.js') }),
    ...pages.map((p) =>
      build({ ...common, entryPoints: [path.join(here, '..', 'pages', p.entry)], outfile: path.join(OUT_DIR, 'build', 'pages', `${p.name}.js`) }),
    ),
  ]);
  await Promise.all(pages.map((p) => writeFile(path.join(OUT_DIR, `${p.name}.html`), html(p))));
  return { outDir: OUT_DIR, pages };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const { pages } = await buildEditorPages();
  console.log(`built ${pages.length} editor pages into ${OUT_DIR} in ${Date.now() - t0} ms`);
}
