/**
 * `npm run bench`: runs every tests/bench/sections/*.ts (each exports `run(): Promise<BenchSection |
 * BenchSection[]>`), prints Markdown tables and a goals summary (met / NOT met).
 * Run one section: `npm run bench -- core`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import type { BenchSection } from './types';

function table(s: BenchSection): string {
  const lines = [`### ${s.title}`, ''];
  if (s.rows.length > 0) {
    const keys = [...new Set(s.rows.flatMap((r) => Object.keys(r)))];
    lines.push(`| ${keys.join(' | ')} |`, `|${keys.map(() => '---').join('|')}|`);
    for (const r of s.rows) lines.push(`| ${keys.map((k) => String(r[k] ?? '')).join(' | ')} |`);
    lines.push('');
  }
  for (const n of s.notes ?? []) lines.push(`- ${n}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = join(import.meta.dirname, 'sections');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort((a, b) => (a === 'core.ts' ? -1 : b === 'core.ts' ? 1 : a.localeCompare(b)));
  console.log(`## Benchmarks\n\nNode ${process.versions.node}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0]!.toFixed(1)} at start. Absolute times depend on the machine; ratios are measured in the same process.\n`);
  const goals: NonNullable<BenchSection['goals']> = [];
  for (const f of files) {
    const t0 = performance.now();
    try {
      const mod = (await import(pathToFileURL(join(dir, f)).href)) as { run?: () => Promise<BenchSection | BenchSection[]> };
      if (typeof mod.run !== 'function') {
        console.log(`### ${f}\n\n- skipped: no run() export\n`);
        continue;
      }
      const out = await mod.run();
      for (const s of Array.isArray(out) ? out : [out]) {
        console.log(table(s) + '\n');
        goals.push(...(s.goals ?? []));
      }
    } catch (e) {
      console.log(`### ${f}\n\n- FAILED: ${(e as Error).stack ?? String(e)}\n`);
      goals.push({ goal: `section ${f} runs`, met: false, detail: (e as Error).message });
    }
    console.error(`(${f}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (goals.length > 0) {
    console.log('### Goals\n');
    for (const g of goals) console.log(`- ${g.met ? 'met' : '**NOT met**'}: ${g.goal} — ${g.detail}`);
    console.log(`\nLoad average at end: ${os.loadavg()[0]!.toFixed(1)} (a loaded shared machine inflates absolute times).`);
  }
}

await main();
