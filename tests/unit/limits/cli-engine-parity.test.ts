// One engine: `tactline check` prints the same decisions the extension shows (the background Engine
// that answers the popup / "Can I…?" page), for the bundled default pack.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '@/entrypoints/background/engine';
import { MemoryStore } from '@/guidance/store';

const ROOT = join(__dirname, '..', '..', '..');
const PACK = join(ROOT, 'guidance', 'packs', 'outdoor-retailer.json');

const CASES = [
  { role: 'agent', action: 'refund', amount: 80, currency: 'EUR' },
  { role: 'agent', action: 'refund', amount: 180, currency: 'EUR' },
  { role: 'team-lead', action: 'refund', amount: 180, currency: 'EUR' },
  { role: 'agent', action: 'refund', amount: 2500, currency: 'EUR' },
  { role: 'agent', action: 'store-credit', amount: 40, currency: 'GBP' },
  { role: 'agent', action: 'fee-waiver', amount: 12.5, currency: 'EUR' },
  { role: 'senior-agent', action: 'replacement', amount: 1 },
];

function cli(c: (typeof CASES)[number]) {
  const args = [join(ROOT, 'bin', 'tactline.mjs'), 'check', '--pack', PACK, '--role', c.role, '--action', c.action, '--amount', String(c.amount), '--json'];
  if (c.currency) args.push('--currency', c.currency);
  let out: string;
  try {
    out = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  } catch (e) {
    out = (e as { stdout: string }).stdout; // exit 1 = not allowed still prints the decision
  }
  return JSON.parse(out) as { outcome: string; summary: string; questions: string[]; evidence: string[] };
}

describe('tactline check and the extension agree', () => {
  const engine = new Engine(new MemoryStore());
  for (const c of CASES) {
    it(`${c.role} · ${c.action} ${c.amount} ${c.currency ?? ''}`, async () => {
      const fromExtension = await engine.decideFor({ action: c.action, amount: c.amount, currency: c.currency, role: c.role }, { role: c.role, agentName: '', dock: 'right' });
      const fromCli = cli(c);
      expect(fromCli.outcome).toBe(fromExtension.outcome);
      expect(fromCli.summary).toBe(fromExtension.summary);
      expect(fromCli.questions).toEqual(fromExtension.questions);
      expect(fromCli.evidence).toEqual(fromExtension.evidence);
    });
  }
});
