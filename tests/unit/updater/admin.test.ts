/**
 * PackAdmin with the real Engine over the production IdbStore (fake-indexeddb): file import through
 * the pipeline, the update log, badge and lastError, rollback keeping the floor, diff, the stale
 * report and the what-if tester answering through the same engine as the sidebar.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Engine } from '@/entrypoints/background/engine';
import { PackAdmin, staleReport, type BadgeState } from '@/entrypoints/background/admin';
import { validateManagedPolicy } from '@/entrypoints/background/policy';
import { createRouter } from '@/entrypoints/background/router';
import type { Pack } from '@/guidance/pack/types';
import { freshStore, memoryKv, pack } from './helpers';

const bundled = JSON.parse(readFileSync(new URL('../../../guidance/packs/outdoor-retailer.json', import.meta.url), 'utf8')) as Pack;

function setup(policyRaw: unknown = {}) {
  const store = freshStore();
  const engine = new Engine(store);
  const kv = memoryKv();
  const badges: BadgeState[] = [];
  const admin = new PackAdmin({
    engine,
    store,
    kv,
    readPolicy: async () => validateManagedPolicy(policyRaw),
    readSettings: async () => ({ role: '', agentName: 'Ada Example', dock: 'right' }),
    badge: (b) => void badges.push(b),
    now: () => new Date('2026-11-24T12:00:00Z'),
  });
  return { store, engine, kv, admin, badges };
}

describe('PackAdmin', () => {
  it('imports a file through the pipeline; a broken one is reported line by line, badged, and changes nothing', async () => {
    const { admin, engine, badges } = setup();
    await engine.load(); // seeds the bundled pack
    const ok = await admin.importFile(JSON.stringify(pack(1)), 'acme.json');
    expect(ok).toMatchObject({ ok: true, pack: { id: 'acme-support', version: 1, source: 'file' } });
    expect((await engine.load()).pack.id).toBe('acme-support');
    expect(badges.at(-1)?.text).toBe('');

    const broken = pack(2, { phrases: [{ id: 'p1', text: 'Hi', kind: 'apology', intents: ['nope'] }], limits: [{ id: 'l', action: 'refund', label: 'Refund', unit: 'EUR', maxByRole: { ghost: 5 } }] });
    const bad = await admin.importFile(JSON.stringify(broken), 'acme-v2.json');
    expect(bad.ok).toBe(false);
    expect(bad.stage).toBe('validate');
    expect(bad.errors.some((e) => e.startsWith('/phrases/0/intents/0:'))).toBe(true);
    expect(bad.errors.some((e) => e.startsWith('/limits/0/maxByRole'))).toBe(true);
    expect((await engine.load()).pack.version).toBe(1);
    expect(badges.at(-1)?.text).toBe('!');
    expect((await admin.lastError())?.message).toMatch(/^Pack update rejected: The pack has \d+ problems/);

    const state = await admin.state();
    expect(state.log[0]).toMatchObject({ outcome: 'rejected', source: 'file', stage: 'validate', origin: 'acme-v2.json' });
    expect(state.history.map((h) => h.key)).toEqual(expect.arrayContaining(['acme-support@1', `${bundled.id}@${bundled.version}`]));
  });

  it('a newer bundled pack (extension update) replaces an older bundled one, never a pack from another source', async () => {
    const { admin, engine, store } = setup();
    await engine.load();
    expect(await admin.refreshBundled(bundled)).toBe('kept'); // same version
    const next = { ...bundled, version: bundled.version + 1, name: `${bundled.name} (update)` };
    expect(await admin.refreshBundled(next)).toBe('installed');
    expect((await engine.load()).pack.name).toBe(`${bundled.name} (update)`);
    expect((await store.getActive())?.source).toBe('bundled');
    await admin.importFile(JSON.stringify(pack(1)), 'acme.json');
    expect(await admin.refreshBundled({ ...bundled, version: bundled.version + 2 })).toBe('kept');
    expect((await engine.load()).pack.id).toBe('acme-support');
  });

  it('requires a signature for imported files when policy pins keys', async () => {
    const { admin, engine } = setup({ publicKeys: [Buffer.alloc(32, 1).toString('base64')] });
    await engine.load();
    const r = await admin.importFile(JSON.stringify(pack(1)), 'acme.json');
    expect(r).toMatchObject({ ok: false, stage: 'verify' });
    expect(r.errors[0]).toMatch(/not signed/);
  });

  it('rollback re-activates a stored version, logs it, and keeps the floor', async () => {
    const { admin, engine, store } = setup();
    await admin.importFile(JSON.stringify(pack(1)), 'a.json');
    await admin.importFile(JSON.stringify(pack(2)), 'b.json');
    await admin.rollback('acme-support@1');
    expect((await engine.load()).pack.version).toBe(1);
    expect(await store.getFloor('acme-support')).toBe(2);
    const state = await admin.state();
    expect(state.log[0]).toMatchObject({ outcome: 'rolled-back', version: 1 });
    expect(state.log[0]!.message).toMatch(/next version above 2/);
    expect(state.history.find((h) => h.active)?.key).toBe('acme-support@1');
    await expect(admin.rollback('acme-support@9')).rejects.toThrow(/no longer stored/);
  });

  it('diffs two stored versions with limit changes first', async () => {
    const { admin } = setup();
    const limit = (max: number) => ({ id: 'refund', action: 'refund', label: 'Refund', unit: 'EUR', maxByRole: { agent: max, lead: max * 4 }, approvals: [{ above: max * 4, approver: 'lead' }] });
    await admin.importFile(JSON.stringify(pack(1, { limits: [limit(50)] })), 'a.json');
    await admin.importFile(JSON.stringify(pack(2, { limits: [limit(80)], phrases: [{ id: 'p-new', text: 'New phrase', kind: 'empathy' }] })), 'b.json');
    const d = await admin.diff('acme-support@1', 'acme-support@2');
    expect(d.diff.sections[0]!.section).toBe('limits');
    expect(d.diff.sections[0]!.changed[0]!.changes).toEqual(expect.arrayContaining([{ path: 'maxByRole.agent', before: 50, after: 80 }]));
    expect(d.diff.sections.map((s) => s.section)).toContain('phrases');
  });

  it('what-if answers through the same engine as the sidebar', async () => {
    const { admin, engine } = setup();
    await engine.load();
    const r = await admin.whatIf({
      text: 'The tent arrived torn and I want a refund of €180 right now, this is ridiculous.',
      subject: 'Damaged tent',
      role: 'agent',
      platform: 'zendesk',
      draft: 'Calm down, there is nothing I can do.',
    });
    const direct = await engine.suggestFor(
      {
        platform: 'zendesk',
        ticketId: 'what-if',
        subject: 'Damaged tent',
        messages: [{ role: 'customer', text: 'The tent arrived torn and I want a refund of €180 right now, this is ridiculous.' }],
        latestCustomerMessage: 'The tent arrived torn and I want a refund of €180 right now, this is ridiculous.',
        requester: {},
        tags: [],
        replyMode: 'public',
        referenceDate: '2026-11-24T12:00:00.000Z',
      },
      { role: 'agent', agentName: 'Ada Example', dock: 'right' },
      'Calm down, there is nothing I can do.',
    );
    expect(r.suggest.role.id).toBe('agent');
    expect(r.suggest.signals.intents.map((i) => i.id)).toEqual(direct.signals.intents.map((i) => i.id));
    expect(r.suggest.phrases.map((p) => p.id)).toEqual(direct.phrases.map((p) => p.id));
    expect(r.suggest.signals.amounts.some((a) => a.value === 180)).toBe(true);
    expect(r.suggest.decisions.length).toBeGreaterThan(0);
    expect(r.draft?.findings.length).toBeGreaterThan(0);
  });

  it('stale report: expired policies, overdue reviews, pack expiry', () => {
    const p = {
      ...bundled,
      reviewIntervalDays: 90,
      expiresAt: '2026-12-10',
      policies: [
        { id: 'old', title: 'Old policy', summary: 's', intents: [], verifiedAt: '2026-01-01' },
        { id: 'gone', title: 'Gone policy', summary: 's', intents: [], expiresAt: '2026-10-01' },
        { id: 'fresh', title: 'Fresh policy', summary: 's', intents: [], verifiedAt: '2026-11-01' },
      ],
    } as Pack;
    const r = staleReport(p, new Date('2026-11-24T12:00:00Z'));
    expect(r.map((x) => `${x.severity}:${x.id}`)).toEqual(['expired:gone', 'review-overdue:old', `expires-soon:${bundled.id}`]);
    expect(r[1]!.reason).toMatch(/327 days ago; review every 90 days/);
  });
});

describe('router: admin messages are privileged', () => {
  it('refuses every admin/* message and pack/import from a content script or another extension', async () => {
    const { engine, admin } = setup();
    const route = createRouter(engine, { extensionId: 'ext', baseUrl: 'chrome-extension://ext/', admin, policy: async () => validateManagedPolicy({}) });
    const senders = [
      { id: 'ext', url: 'https://northwind-demo.zendesk.com/agent/tickets/1', tab: { id: 1 }, frameId: 0 },
      { id: 'other', url: 'chrome-extension://other/options.html' },
      { id: 'ext', url: 'chrome-extension://ext.evil.com/options.html' },
      {},
    ];
    const messages: Array<[string, unknown]> = [
      ['admin/state', {}],
      ['admin/update-now', {}],
      ['admin/set-pack-url', { url: 'https://evil.example.com/p.json' }],
      ['admin/rollback', { key: 'x@1' }],
      ['admin/diff', { from: 'a', to: 'b' }],
      ['admin/whatif', { text: 'hi' }],
      ['insights/get', {}],
      ['insights/export', { format: 'json' }],
      ['insights/clear', {}],
      ['pack/import', { text: '{}' }],
    ];
    for (const sender of senders) {
      for (const [type, payload] of messages) {
        const r = await route({ tactline: 1, type, payload }, sender);
        expect(r, `${type} from ${JSON.stringify(sender)}`).toMatchObject({ ok: false, error: expect.stringMatching(/only accepted from Tactline's own pages/) });
      }
    }
    const ok = await route({ tactline: 1, type: 'admin/state', payload: {} }, { id: 'ext', url: 'chrome-extension://ext/options.html', origin: 'chrome-extension://ext' });
    expect(ok.ok).toBe(true);
    const bad = await route({ tactline: 1, type: 'admin/set-pack-url', payload: { url: 5 } }, { id: 'ext', url: 'chrome-extension://ext/options.html' });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/url must be a string/) });
  });
});
