/**
 * Writes the big pack for `npm run bench:browser`: the bundled outdoor-retailer pack extended with
 * generated intents, phrases, policies, limits, avoid rules and scenarios (tests/bench/packgen.ts) up
 * to TOTAL entries in all, version bumped so the import installs it. Validated here with the real
 * validator, so a bench failure is never a silently invalid pack.
 *   npx tsx tests/bench/browser/make-pack.ts <out.json> [total=20000]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePack } from '../packgen';
import { validatePack } from '../../../guidance/pack/validate';
import type { Pack } from '../../../guidance/pack/types';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const out = process.argv[2];
const total = Number(process.argv[3] ?? 20_000);
if (!out) throw new Error('usage: make-pack.ts <out.json> [total]');

const base = JSON.parse(readFileSync(join(ROOT, 'guidance', 'packs', 'outdoor-retailer.json'), 'utf8')) as Pack;
const KEYS = ['intents', 'phrases', 'policies', 'limits', 'avoid', 'scenarios'] as const;
const count = (p: Pack) => KEYS.reduce((n, k) => n + ((p[k] as unknown[] | undefined)?.length ?? 0), 0);
const have = count(base);
const g = generatePack(total - have, 7).pack;

// Generated ids get a prefix; references inside generated entries follow.
const pre = (id: string) => `gen-${id}`;
const roles = new Set(base.roles.map((r) => r.id));
const roleFor = (r: string) => (roles.has(r) ? r : base.roles[base.roles.length - 1]!.id);
const pack: Pack = {
  ...base,
  version: base.version + 1000,
  intents: [...base.intents, ...g.intents.map((i) => ({ ...i, id: pre(i.id) }))],
  phrases: [...base.phrases, ...g.phrases.map((p) => ({ ...p, id: pre(p.id), intents: p.intents.map(pre) }))],
  policies: [...base.policies, ...g.policies.map((p) => ({ ...p, id: pre(p.id), intents: (p.intents ?? []).map(pre) }))],
  limits: [
    ...base.limits,
    ...g.limits.map((l) => ({
      ...l,
      id: pre(l.id),
      unit: base.currency ?? l.unit,
      ...(l.policy ? { policy: pre(l.policy) } : {}),
      maxByRole: Object.fromEntries(Object.entries(l.maxByRole).map(([r, v]) => [roleFor(r), v])),
      approvals: l.approvals.map((a) => ({ ...a, approver: roleFor(a.approver) })),
    })),
  ],
  avoid: [...base.avoid, ...g.avoid.map((a) => ({ ...a, id: pre(a.id) }))],
  scenarios: [
    ...base.scenarios,
    ...g.scenarios.map(({ role, ...s }) => ({ ...s, id: pre(s.id), intents: (s.intents ?? []).map(pre), ...(role ? { role: roleFor(role) } : {}) })),
  ],
};
const r = validatePack(pack);
if (!r.ok) {
  console.error(r.errors.slice(0, 20).map((e) => `${e.path}: ${e.message}`).join('\n'));
  process.exit(1);
}
const text = JSON.stringify(pack);
writeFileSync(out, text);
console.log(JSON.stringify({ entries: count(pack), bytes: Buffer.byteLength(text), version: pack.version, warnings: r.warnings.length }));
