#!/usr/bin/env node
// Prints the gzipped size of each built script and fails when the content script exceeds its budget.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? '.output/chrome-mv3';
const BUDGET = { 'content-scripts/content.js': 60 * 1024 };

function walk(d) {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.js') ? [p] : [];
  });
}

let failed = false;
console.log('\nBundle sizes (gzip -9):');
for (const file of walk(dir).sort()) {
  const rel = relative(dir, file);
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 }).length;
  const budget = BUDGET[rel];
  const over = budget !== undefined && gz > budget;
  failed ||= over;
  console.log(`  ${rel.padEnd(44)} ${String(raw.length).padStart(9)} B raw  ${String(gz).padStart(8)} B gz${budget ? `  (budget ${budget} B: ${over ? 'OVER' : 'ok'})` : ''}`);
}
if (failed) {
  console.error('\nThe content script is over its 60 KB gzip budget.');
  process.exit(1);
}
