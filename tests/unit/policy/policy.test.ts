/**
 * Enterprise policy (storage.managed): strict validation of hostile values (Firefox validates
 * nothing), Chrome's `{}` and Firefox's rejection when nothing is provisioned, trust roots only from
 * policy, and locked settings. Uses WXT's fakeBrowser storage.managed.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import 'fake-indexeddb/auto';
import {
  createPolicySource,
  readManagedPolicy,
  validateManagedPolicy,
  type ManagedArea,
} from '@/entrypoints/background/policy';
import { readSettings, writeSettings } from '@/entrypoints/background/settings';
import { PackAdmin, USER_URL_KEY } from '@/entrypoints/background/admin';
import { freshStore, memoryKv } from '../updater/helpers';
import type { Engine } from '@/entrypoints/background/engine';

const KEY = Buffer.alloc(32, 9).toString('base64');

beforeEach(() => {
  fakeBrowser.reset();
});

describe('validateManagedPolicy', () => {
  it('accepts a complete valid policy', () => {
    const r = validateManagedPolicy({
      packUrl: 'https://packs.example.com/acme.json',
      publicKeys: [`acme-2026:${KEY}`, KEY],
      role: 'team-lead',
      lockedSettings: ['role', 'dock'],
      enabledSites: ['https://help.example.com/*'],
      updateIntervalMinutes: 60,
    });
    expect(r.problems).toEqual([]);
    expect(r.present).toBe(true);
    expect(r.policy).toEqual({
      packUrl: 'https://packs.example.com/acme.json',
      publicKeys: [{ id: 'acme-2026', key: KEY }],
      role: 'team-lead',
      lockedSettings: ['role', 'dock', 'packUrl'],
      enabledSites: ['https://help.example.com/*'],
      updateIntervalMinutes: 60,
    });
  });

  it('reports and ignores each bad value, keeping the good ones', () => {
    const r = validateManagedPolicy({
      packUrl: 'http://packs.example.com/acme.json',
      publicKeys: ['not-a-key', 42, KEY],
      role: { $ne: 1 },
      lockedSettings: ['role', 'everything'],
      enabledSites: ['*://*/*', 'javascript:alert(1)', 'https://ok.example.com/*'],
      updateIntervalMinutes: 0.5,
      __proto__: { polluted: true },
      surprise: 1,
    });
    expect(r.policy.packUrl).toBeUndefined();
    expect(r.policy.publicKeys).toEqual([{ key: KEY }]);
    expect(r.policy.role).toBeUndefined();
    expect(r.policy.lockedSettings).toEqual(['role']);
    expect(r.policy.enabledSites).toEqual(['https://ok.example.com/*']);
    expect(r.policy.updateIntervalMinutes).toBeUndefined();
    const text = r.problems.join('\n');
    for (const p of ['packUrl: must be an https:// URL', 'publicKeys/0', 'publicKeys/1', 'role: must be a role id', 'lockedSettings/1', 'enabledSites/0', 'enabledSites/1', 'updateIntervalMinutes', 'surprise: unknown policy key']) {
      expect(text).toContain(p);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects URLs with credentials and non-https schemes', () => {
    for (const packUrl of ['https://user:pw@example.com/p.json', 'file:///etc/passwd', 'data:application/json,{}', 'ftp://x/y', '//example.com/p.json']) {
      expect(validateManagedPolicy({ packUrl }).policy.packUrl, packUrl).toBeUndefined();
    }
  });

  it('never throws and never lets a non-https URL or a malformed key through (10,000 fuzzed policies)', () => {
    const url = fc.constantFrom('https://a.example.com/p.json', 'http://a.example.com/p.json', 'https://u:p@x.example/', 'javascript:alert(1)', 'https://*.example.com/*', 'https://help.example.com/*', '*://*/*', KEY, `k:${KEY}`, 'role', 'packUrl');
    const value = fc.oneof(fc.string(), url, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.oneof(fc.string(), url, fc.integer()), { maxLength: 6 }), fc.object({ maxDepth: 2 }));
    const policy = fc.record(
      {
        packUrl: value,
        publicKeys: value,
        role: value,
        lockedSettings: value,
        enabledSites: value,
        updateIntervalMinutes: value,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(policy, fc.anything()), (raw) => {
        const r = validateManagedPolicy(raw);
        if (r.policy.packUrl) expect(new URL(r.policy.packUrl).protocol).toBe('https:');
        for (const k of r.policy.publicKeys) expect(Buffer.from(k.key, 'base64')).toHaveLength(32);
        for (const s of r.policy.enabledSites) expect(s.startsWith('https://')).toBe(true);
        if (r.policy.updateIntervalMinutes !== undefined) expect(r.policy.updateIntervalMinutes).toBeGreaterThanOrEqual(5);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('readManagedPolicy', () => {
  it('Chrome with no policy: get() resolves {} → no policy, no problems', async () => {
    const r = await readManagedPolicy({ get: async () => ({}) });
    expect(r).toMatchObject({ present: false, problems: [] });
    expect(r.readError).toBeUndefined();
  });

  it('Firefox with no policy: get() rejects → no policy, the reason kept for the options page', async () => {
    const area: ManagedArea = { get: () => Promise.reject(new Error('Managed storage manifest not found')) };
    const r = await readManagedPolicy(area);
    expect(r.present).toBe(false);
    expect(r.policy.publicKeys).toEqual([]);
    expect(r.readError).toMatch(/Managed storage manifest not found/);
  });

  it('a browser without storage.managed', async () => {
    expect((await readManagedPolicy(undefined)).readError).toMatch(/not available/);
  });

  it('reads fakeBrowser storage.managed values', async () => {
    await fakeBrowser.storage.managed.set({ role: 'agent', packUrl: 'https://x.example.com/p.json' });
    const r = await readManagedPolicy(fakeBrowser.storage.managed as unknown as ManagedArea);
    expect(r.policy.role).toBe('agent');
    expect(r.policy.lockedSettings).toEqual(['role', 'packUrl']);
  });

  it('the cached source re-reads only after invalidate() (Chrome onChanged)', async () => {
    let n = 0;
    const src = createPolicySource(() => ({ get: async () => ({ role: `r${++n}` }) }));
    expect((await src.read()).policy.role).toBe('r1');
    expect((await src.read()).policy.role).toBe('r1');
    src.invalidate();
    expect((await src.read()).policy.role).toBe('r2');
  });
});

describe('locked settings', () => {
  it('a policy role overrides the agent’s choice and cannot be changed', async () => {
    await writeSettings({ role: 'agent', agentName: 'Ada Example' });
    const { policy } = validateManagedPolicy({ role: 'team-lead' });
    expect((await readSettings(policy)).role).toBe('team-lead');
    await expect(writeSettings({ role: 'agent' }, policy)).rejects.toThrow(/role is set by your organisation/);
    // Unlocked fields still save; re-sending the locked value unchanged is fine.
    await writeSettings({ agentName: 'Ada E.', role: 'team-lead' }, policy);
    expect((await readSettings(policy)).agentName).toBe('Ada E.');
    // Without the policy the agent's own role is back.
    expect((await readSettings()).role).toBe('agent');
  });

  it('lockedSettings without values lock the agent’s current value', async () => {
    await writeSettings({ dock: 'left' });
    const { policy } = validateManagedPolicy({ lockedSettings: ['dock'] });
    await expect(writeSettings({ dock: 'right' }, policy)).rejects.toThrow(/dock is set by your organisation/);
    expect((await readSettings(policy)).dock).toBe('left');
  });
});

describe('trust roots come only from policy', () => {
  function admin(policyRaw: unknown, kv = memoryKv()) {
    const engine = { invalidate() {}, load: async () => { throw new Error('not needed'); } } as unknown as Engine;
    return {
      kv,
      admin: new PackAdmin({
        engine,
        store: freshStore(),
        kv,
        readPolicy: async () => ({ ...validateManagedPolicy(policyRaw) }),
        readSettings: async () => ({ role: '', agentName: '', dock: 'right' }),
      }),
    };
  }

  it('the policy pack URL wins over one typed in the options page, and cannot be replaced', async () => {
    const { admin: a, kv } = admin({ packUrl: 'https://org.example.com/pack.json' });
    await kv.set(USER_URL_KEY, 'https://mine.example.com/pack.json');
    expect(await a.subscription()).toMatchObject({ url: 'https://org.example.com/pack.json', source: 'policy', urlSource: 'policy' });
    await expect(a.setPackUrl('https://mine.example.com/other.json')).rejects.toThrow(/set by your organisation/);
  });

  it('without a policy URL the user URL is used, https only', async () => {
    const { admin: a } = admin({});
    await expect(a.setPackUrl('http://insecure.example.com/p.json')).rejects.toThrow(/https/);
    await a.setPackUrl('https://mine.example.com/pack.json');
    expect(await a.subscription()).toMatchObject({ url: 'https://mine.example.com/pack.json', source: 'url', urlSource: 'user' });
  });

  it('lockedSettings: ["packUrl"] without a URL disables user URLs entirely', async () => {
    const { admin: a, kv } = admin({ lockedSettings: ['packUrl'] });
    await kv.set(USER_URL_KEY, 'https://mine.example.com/pack.json');
    expect((await a.subscription()).url).toBeUndefined();
    await expect(a.setPackUrl('https://mine.example.com/pack.json')).rejects.toThrow(/set by your organisation/);
  });

  it('keys stored in storage.local are never used as trust roots', async () => {
    const { admin: a, kv } = admin({});
    await kv.set('publicKeys', [KEY]);
    await kv.set('trustedKeys', [KEY]);
    const s = await a.subscription();
    expect(s.policy.policy.publicKeys).toEqual([]);
  });

  it('the update interval comes from policy (default 30 minutes)', async () => {
    expect((await admin({}).admin.subscription()).intervalMinutes).toBe(30);
    expect((await admin({ updateIntervalMinutes: 120 }).admin.subscription()).intervalMinutes).toBe(120);
  });
});
