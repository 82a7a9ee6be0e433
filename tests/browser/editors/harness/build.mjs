/* global process, console */
// Builds the per-editor test pages (each from the editor's own npm package), the MAIN-world bridge and the
// isolated-world insertion bundle into a git-ignored folder (.tmp/editor-pages). The build is skipped when
// no input changed since the last one (REBUILD_EDITORS=1 forces it). Run directly to build once:
//   node tests/browser/editors/harness/build.mjs
import { build } from 'esbuild';
import { mkdir, writeFile, rm, readFile, readdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
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

async function listFiles(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}

/** Fingerprint of every input (our sources, the page sources, the lockfile for editor versions). */
async function inputsFingerprint(pages) {
  const files = [
    ...(await listFiles(path.join(ROOT, 'entrypoints', 'lib', 'editors'))),
    ...(await listFiles(path.join(here, '..', 'pages'))),
    ...(await listFiles(here)),
    path.join(ROOT, 'package-lock.json'),
  ].sort();
  const h = createHash('sha256');
  h.update(pages.map((p) => p.name).join(','));
  for (const f of files) {
    const st = await stat(f);
    h.update(`${f}\0${st.size}\0${st.mtimeMs}\0`);
  }
  return h.digest('hex');
}

export async function buildEditorPages({ only, force = !!process.env.REBUILD_EDITORS } = {}) {
  const pages = only ? EDITOR_PAGES.filter((p) => only.includes(p.name)) : EDITOR_PAGES;
  const stampFile = path.join(OUT_DIR, '.inputs');
  const fingerprint = await inputsFingerprint(pages);
  if (!force && (await readFile(stampFile, 'utf8').catch(() => '')) === fingerprint) return { outDir: OUT_DIR, pages, cached: true };
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
  await writeFile(stampFile, fingerprint);
  return { outDir: OUT_DIR, pages, cached: false };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const { pages } = await buildEditorPages({ force: true });
  console.log(`built ${pages.length} editor pages into ${OUT_DIR} in ${Date.now() - t0} ms`);
}
