import { describe, expect, it } from 'vitest';
import { diffPacks, formatPackDiff } from '../../../guidance/pack/diff';
import { validatePack } from '../../../guidance/pack/validate';
import type { Pack } from '../../../guidance/pack/types';
import { richPack } from './fixtures';

function valid(p: unknown): Pack {
  const r = validatePack(p);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

describe('diffPacks', () => {
  it('reports no changes for the same pack', () => {
    const a = valid(richPack());
    const d = diffPacks(a, valid(richPack()));
    expect(d.identical).toBe(true);
    expect(d.versionIncreased).toBe(false);
    expect(formatPackDiff(d)).toContain('No changes.');
    expect(formatPackDiff(d)).toContain('the version did not increase');
  });

  it('lists added, removed and changed entries, limits first with field-level changes', () => {
    const before = richPack();
    const after = richPack();
    after.version = 8;
    after.currency = 'USD';
    after.rates = [{ from: 'EUR', to: 'USD', rate: 1.1 }];
    after.limits[0].maxByRole.agent = 75;
    after.limits[0].approvals[0].above = 75;
    after.limits[0].never[0].value = 2500;
    after.limits[0].never = after.limits[0].never.filter((n: any) => n.id !== 'proof');
    after.limits[0].segments = ['member', 'standard'];
    after.limits.push({ id: 'gift', action: 'goodwill-gift', label: 'Goodwill gift', unit: 'count', maxByRole: { agent: 1 } });
    after.policies = [];
    after.limits[0].policy = undefined;
    delete after.limits[0].policy;
    after.phrases[0].text = 'Sorry for the wait, {{customer.firstName}}.';
    after.intents[0].examples.push('can I get my money back');
    after.roles = [after.roles[1], after.roles[0], after.roles[2]];
    after.limits[0].maxByRole.lead = 200;
    after.limits[0].approvals[0].how = 'Ask in #leads';

    const d = diffPacks(valid(before), valid(after));
    expect(d.versionIncreased).toBe(true);
    expect(d.sections[0]!.section).toBe('limits');
    const limits = d.sections[0]!;
    expect(limits.added).toEqual([{ id: 'gift', label: 'Goodwill gift' }]);
    const refund = limits.changed.find((c) => c.id === 'refund-no-return')!;
    const paths = refund.changes.map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining([
      'maxByRole.agent', 'approvals[0].above', 'approvals[0].how', 'never[max].value', 'never[proof]', 'segments', 'policy',
    ]));
    expect(refund.changes.find((c) => c.path === 'maxByRole.agent')).toEqual({ path: 'maxByRole.agent', before: 50, after: 75 });
    expect(d.sections.find((s) => s.section === 'policies')!.removed).toEqual([{ id: 'refund-policy', label: 'Refunds' }]);
    expect(d.sections.find((s) => s.section === 'roles')!.reordered).toEqual({ before: ['agent', 'lead', 'manager'], after: ['lead', 'agent', 'manager'] });
    expect(d.sections.find((s) => s.section === 'rates')).toMatchObject({ added: [{ id: 'EUR→USD' }], removed: [{ id: 'USD→EUR' }] });
    expect(d.settings).toEqual([{ path: 'currency', before: 'EUR', after: 'USD' }]);

    const text = formatPackDiff(d);
    expect(text.split('\n')[0]).toBe('Pack "example-outfitters": version 7 → 8');
    expect(text).toContain('      maxByRole.agent: 50 → 75');
    expect(text).toContain('      never[max].value: 2000 → 2500');
    expect(text).toContain('      segments: + "standard"');
    expect(text).toContain('      policy: removed (was "refund-policy")');
    expect(text).toContain('  + gift  "Goodwill gift"');
    expect(text).toContain('  - refund-policy  "Refunds"');
    expect(text).toContain('      examples: + "can I get my money back"');
    expect(text).toContain('  currency: "EUR" → "USD"');
    // Limits come before everything else.
    expect(text.indexOf('Limits:')).toBeLessThan(text.indexOf('Settings:'));
    expect(text.indexOf('Settings:')).toBeLessThan(text.indexOf('Policies:'));
  });
});
