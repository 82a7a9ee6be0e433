#!/usr/bin/env node
/**
 * Merge UI strings into public/_locales/<lang>/messages.json for en, de, fr, es in one step.
 *
 *   node bin/add-messages.mjs strings.json
 *
 * strings.json: { "keyName": { "en": "…", "de": "…", "fr": "…", "es": "…", "description": "where it shows" }, … }
 * Keys must be [A-Za-z0-9_]; all four languages are required; existing keys are overwritten.
 * Placeholders use the browser's $1..$9 form in every language.
 */
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const LANGS = ['en', 'de', 'fr', 'es'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', '_locales');
const file = process.argv[2];
if (!file) {
  console.error('usage: node bin/add-messages.mjs strings.json');
  process.exit(2);
}
const input = JSON.parse(readFileSync(file, 'utf8'));
const problems = [];
for (const [key, v] of Object.entries(input)) {
  if (!/^[A-Za-z0-9_]+$/.test(key)) problems.push(`${key}: key must be [A-Za-z0-9_]`);
  for (const l of LANGS) if (typeof v?.[l] !== 'string' || !v[l]) problems.push(`${key}: missing ${l}`);
  const holes = (s) => [...String(s ?? '').matchAll(/\$(\d)/g)].map((m) => m[1]).sort().join(',');
  for (const l of LANGS) if (holes(v?.[l]) !== holes(v?.en)) problems.push(`${key}: ${l} placeholders differ from en`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
for (const l of LANGS) {
  const path = join(root, l, 'messages.json');
  const current = JSON.parse(readFileSync(path, 'utf8'));
  for (const [key, v] of Object.entries(input)) current[key] = { message: v[l], description: v.description ?? 'Tactline UI' };
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(current, null, 2)}\n`);
  renameSync(tmp, path);
}
console.log(`merged ${Object.keys(input).length} key(s) into ${LANGS.join(', ')}`);
