/**
 * `npm run eval`: ticket-understanding figures on real public data (../shared/data), printed as
 * Markdown tables (paste into the README). Sections: intents (CLINC150, Bitext) with baselines
 * measured in the same run, then emotion/sentiment, amounts and dates (tests/eval/{emotion,amounts,dates}.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EvalSection } from './types';
import { evaluateBitext, evaluateClinc } from './intents';

function table(section: EvalSection): string {
  const lines: string[] = [`### ${section.title}`, ''];
  if (section.rows.length > 0) {
    const keys = [...new Set(section.rows.flatMap((r) => Object.keys(r)))];
    lines.push(`| ${keys.join(' | ')} |`, `|${keys.map(() => '---').join('|')}|`);
    for (const r of section.rows) lines.push(`| ${keys.map((k) => String(r[k] ?? '')).join(' | ')} |`);
    lines.push('');
  }
  for (const n of section.notes ?? []) lines.push(`- ${n}`);
  return lines.join('\n');
}

async function external(name: string, title: string): Promise<EvalSection[]> {
  const file = join(import.meta.dirname, `${name}.ts`);
  if (!existsSync(file)) return [{ title, rows: [], notes: ['not available'] }];
  try {
    const mod = (await import(pathToFileURL(file).href)) as { evaluate?: () => Promise<EvalSection | EvalSection[]> };
    if (typeof mod.evaluate !== 'function') return [{ title, rows: [], notes: ['not available (no evaluate() export)'] }];
    const out = await mod.evaluate();
    return Array.isArray(out) ? out : [out];
  } catch (e) {
    return [{ title, rows: [], notes: [`failed: ${(e as Error).message}`] }];
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log('## Ticket understanding — measured on held-out public data\n');
  const jobs: Array<[string, () => Promise<EvalSection[]>]> = [
    ['intents (CLINC150)', evaluateClinc],
    ['intents (Bitext)', evaluateBitext],
    ['emotion', () => external('emotion', 'Emotion and sentiment — GoEmotions')],
    ['amounts', () => external('amounts', 'Amounts — NLU++')],
    ['dates', () => external('dates', 'Dates — NLU++')],
  ];
  for (const [name, job] of jobs) {
    const t0 = performance.now();
    const sections = await job();
    for (const s of sections) console.log(table(s) + '\n');
    console.error(`(${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  console.log(`_Eval run took ${((performance.now() - started) / 1000).toFixed(0)} s on ${process.platform}/${process.arch}, Node ${process.versions.node}._`);
}

await main();
