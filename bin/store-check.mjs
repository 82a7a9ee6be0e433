#!/usr/bin/env node
// Store readiness, run by `npm test` after both builds:
//  1. addons-linter (pinned) on the Firefox build: 0 errors; warnings only from an allow-list, and each
//     UNSAFE_VAR_ASSIGNMENT must point at Preact's own dangerouslySetInnerHTML sink (which Tactline
//     never uses: ESLint bans it), not at our code.
//  2. Permissions snapshot: any new permission, host, CSP or script-world change must be deliberate
//     (UPDATE_SNAPSHOT=1 rewrites tests/manifest.snapshot.json; review the diff).
//  3. No eval / new Function / remote script URLs in any built file.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = new URL('..', import.meta.url).pathname;
const FF = join(ROOT, '.output/firefox-mv3');
const CR = join(ROOT, '.output/chrome-mv3');
const SNAPSHOT = join(ROOT, 'tests/manifest.snapshot.json');
const problems = [];

for (const dir of [FF, CR]) if (!existsSync(join(dir, 'manifest.json'))) problems.push(`missing build: ${relative(ROOT, dir)} (run npm run build and npm run build:firefox)`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

// 1. addons-linter
const lint = spawnSync(join(ROOT, 'node_modules/.bin/addons-linter'), [FF, '-o', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(lint.stdout);
} catch {
  console.error(`addons-linter did not produce JSON:\n${lint.stdout}\n${lint.stderr}`);
  process.exit(1);
}
for (const e of report.errors) problems.push(`addons-linter error ${e.code} in ${e.file ?? 'manifest'}: ${e.message}`);
for (const w of report.warnings) {
  if (w.code === 'UNSAFE_VAR_ASSIGNMENT' && w.file && w.line && w.column !== undefined) {
    const line = readFileSync(join(FF, w.file), 'utf8').split('\n')[w.line - 1] ?? '';
    const around = line.slice(Math.max(0, w.column - 400), w.column + 200);
    if (/dangerouslySetInnerHTML/.test(around) && /__html/.test(around)) continue; // Preact's sink
  }
  problems.push(`addons-linter warning ${w.code} in ${w.file ?? 'manifest'}${w.line ? `:${w.line}` : ''}: ${w.message}`);
}

// 2. permissions snapshot
function shape(dir) {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  return {
    manifest_version: m.manifest_version,
    permissions: [...(m.permissions ?? [])].sort(),
    optional_permissions: [...(m.optional_permissions ?? [])].sort(),
    host_permissions: [...(m.host_permissions ?? [])].sort(),
    optional_host_permissions: [...(m.optional_host_permissions ?? [])].sort(),
    content_security_policy: m.content_security_policy ?? null,
    content_scripts: (m.content_scripts ?? []).map((c) => ({ js: c.js, world: c.world ?? 'ISOLATED', all_frames: !!c.all_frames, matches: [...c.matches].sort() })),
    web_accessible_resources: m.web_accessible_resources ?? [],
    externally_connectable: m.externally_connectable ?? null,
    data_collection_permissions: m.browser_specific_settings?.gecko?.data_collection_permissions ?? null,
    managed_schema: m.storage?.managed_schema ?? null,
  };
}
const actual = { chrome: shape(CR), firefox: shape(FF) };
for (const [name, s] of Object.entries(actual)) {
  if (s.host_permissions.some((h) => h === '<all_urls>' || /^\*:\/\/\*\//.test(h))) problems.push(`${name}: broad host permission in host_permissions`);
  if (s.externally_connectable) problems.push(`${name}: externally_connectable must not be set`);
  if (s.permissions.some((p) => /clipboardRead|tabs|webRequest|history|cookies|<all_urls>/.test(p))) problems.push(`${name}: unexpected sensitive permission in ${s.permissions.join(', ')}`);
}
if (actual.firefox.data_collection_permissions?.required?.[0] !== 'none') problems.push('firefox: data_collection_permissions.required must be ["none"]');
if (process.env.UPDATE_SNAPSHOT === '1') {
  writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 2)}\n`);
  console.log(`Wrote ${relative(ROOT, SNAPSHOT)} — review the diff before committing.`);
} else if (!existsSync(SNAPSHOT)) {
  problems.push(`no permissions snapshot at ${relative(ROOT, SNAPSHOT)}: run UPDATE_SNAPSHOT=1 npm run test:store and review it`);
} else {
  const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
  if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    problems.push(`manifest permissions changed from the snapshot (tests/manifest.snapshot.json).\n  expected: ${JSON.stringify(expected)}\n  actual:   ${JSON.stringify(actual)}\n  If the change is deliberate, run UPDATE_SNAPSHOT=1 npm run test:store and commit the snapshot.`);
  }
}

// 3. no eval / remote code in built files
function files(d) {
  return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
}
for (const dir of [CR, FF]) {
  for (const f of files(dir).filter((f) => /\.(js|html)$/.test(f))) {
    const src = readFileSync(f, 'utf8');
    if (/\beval\s*\(/.test(src)) problems.push(`${relative(ROOT, f)} calls eval(`);
    if (/new\s+Function\s*\(/.test(src)) problems.push(`${relative(ROOT, f)} uses new Function(`);
    if (/<script[^>]+src=["']https?:/i.test(src)) problems.push(`${relative(ROOT, f)} loads a remote script`);
    if (/import\s*\(\s*["']https?:/.test(src)) problems.push(`${relative(ROOT, f)} imports remote code`);
  }
}

console.log(`addons-linter: ${report.summary.errors} errors, ${report.summary.warnings} warnings (${report.warnings.length - problems.filter((p) => p.startsWith('addons-linter warning')).length} allow-listed: Preact's innerHTML sink)`);
if (problems.length) {
  console.error(`\nStore check FAILED:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('Store check passed: linter clean, permissions as in the snapshot, no eval or remote code.');
