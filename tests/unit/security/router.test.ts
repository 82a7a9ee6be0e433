/**
 * T2 (security.md): the background's message router against forged and malformed messages.
 *
 * 10,000 fuzzed messages × 7 sender kinds through the real `createRouter` (fake engine and admin that
 * record every call; settings in WXT's fakeBrowser storage): the router never throws, malformed
 * input always gets `{ok:false, error}`, and nothing privileged (pack import, settings, pack URL,
 * rollback, update, admin reads) happens for anything but the extension's own page.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter } from '@/entrypoints/background/router';
import { EMPTY_POLICY } from '@/entrypoints/background/policy';
import type { Engine } from '@/entrypoints/background/engine';
import type { PackAdmin } from '@/entrypoints/background/admin';
import { PRIVILEGED, isExtensionPageSender, parseRequest, type MessageType, type SenderInfo } from '@/guidance/protocol';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${EXT_ID}/`;

const SENDERS: Record<string, SenderInfo> = {
  extensionPage: { id: EXT_ID, url: `${BASE}options.html`, origin: `chrome-extension://${EXT_ID}` },
  contentScriptTab: { id: EXT_ID, url: 'https://acme.zendesk.com/agent/tickets/42', origin: 'https://acme.zendesk.com', tab: { id: 7, url: 'https://acme.zendesk.com/agent/tickets/42' }, frameId: 0 },
  otherExtension: { id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk', url: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/options.html', origin: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk' },
  missingUrlAndOrigin: { id: EXT_ID },
  evilSubdomain: { id: EXT_ID, url: `chrome-extension://${EXT_ID}.evil.com/options.html`, origin: `chrome-extension://${EXT_ID}.evil.com` },
  fileUrl: { id: EXT_ID, url: 'file:///home/ada/ticket.html', origin: 'file://', tab: { id: 9 }, frameId: 0 },
  subframe: { id: EXT_ID, url: 'https://acme.zendesk.com/frame.html', origin: 'https://acme.zendesk.com', tab: { id: 7 }, frameId: 3 },
};
const NON_PAGE = Object.entries(SENDERS).filter(([k]) => k !== 'extensionPage');

const ALL_TYPES: MessageType[] = [
  'tickets/suggest', 'tickets/draft', 'pack/search', 'status/get', 'limits/decide', 'pack/import', 'settings/set',
  'admin/state', 'admin/update-now', 'admin/set-pack-url', 'admin/rollback', 'admin/diff', 'admin/whatif',
  'insights/record', 'insights/get', 'insights/export', 'insights/clear',
];

const PACK = {
  format: 'tactline-pack/1', id: 'acme', name: 'Acme', version: 1, roles: [{ id: 'agent', label: 'Agent' }],
  intents: [], phrases: [], policies: [], limits: [], avoid: [], scenarios: [], segments: [], rates: [],
};

/** Fake engine and admin: every call is recorded with the sender it was made for. */
function fakes() {
  const calls: Array<{ kind: 'engine' | 'admin'; method: string; sender: string }> = [];
  let current = '';
  const rec = (kind: 'engine' | 'admin', method: string) => calls.push({ kind, method, sender: current });
  const loaded = { stored: { key: 'acme@1', pack: PACK, source: 'bundled', installedAt: '2026-01-01T00:00:00Z' }, pack: PACK };
  const engine = {
    load: async () => (rec('engine', 'load'), loaded),
    roleOf: () => ({ id: 'agent', label: 'Agent' }),
    suggestFor: async () => (rec('engine', 'suggestFor'), { phrases: [] }),
    draftFor: async () => (rec('engine', 'draftFor'), { findings: [], decisions: [] }),
    search: async () => (rec('engine', 'search'), []),
    decideFor: async () => (rec('engine', 'decideFor'), { summary: 'x' }),
    invalidate: () => rec('engine', 'invalidate'),
  } as unknown as Engine;
  const admin = {
    lastError: async () => undefined,
    importFile: async () => (rec('admin', 'importFile'), { ok: true, errors: [] }),
    updateNow: async () => (rec('admin', 'updateNow'), { outcome: 'no-url' }),
    setPackUrl: async () => rec('admin', 'setPackUrl'),
    rollback: async () => rec('admin', 'rollback'),
    diff: async () => (rec('admin', 'diff'), {}),
    whatIf: async () => (rec('admin', 'whatIf'), {}),
    state: async () => (rec('admin', 'state'), {}),
  } as unknown as PackAdmin;
  const route = createRouter(engine, {
    extensionId: EXT_ID,
    baseUrl: BASE,
    admin,
    policy: async () => ({ policy: EMPTY_POLICY, problems: [], present: false }),
  });
  return {
    calls,
    route: async (message: unknown, senderName: string) => {
      current = senderName;
      return route(message, SENDERS[senderName]!);
    },
  };
}

async function storedSettings(): Promise<unknown> {
  return (await fakeBrowser.storage.local.get('settings')).settings;
}

// ---------------------------------------------------------------------------------------------
// Message arbitraries

const hugeString = fc.oneof(
  fc.integer({ min: 200_001, max: 400_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('<script>alert(1)</script>', '\u202Eevil', '__proto__', 'javascript:alert(1)'),
);
const typeArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ALL_TYPES) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'pack/import ', 'PACK/IMPORT', 'admin/*', '') },
  { weight: 1, arbitrary: fc.anything() },
);
/** Payloads that are wrong for every type (not objects, or objects with wrong-typed fields). */
const wrongPayload = fc.oneof(
  fc.constantFrom(null, 1, 'x', true, [], [1, 2]),
  fc.record({ text: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string())), url: fc.integer(), key: fc.constant(null), context: fc.string(), query: fc.integer(), action: fc.integer(), amount: fc.string(), role: fc.integer(), from: fc.integer() }),
  fc.record({ query: hugeString, text: fc.integer().map((n) => 'x'.repeat(20_000_001 + (n & 1))), url: hugeString.map((s) => 'https://example.com/' + s + 'x'.repeat(2048)), key: fc.integer(), amount: fc.constantFrom(NaN, Infinity, -Infinity) }),
  fc.record({ __proto__: fc.constant({ polluted: true }), role: fc.integer() }),
);
/** Near-valid envelopes: right shape, every type, payloads from `fc.anything()` or deliberately wrong. */
const nearValid = fc.record({ tactline: fc.constantFrom(1, 1, 1, 2, '1', true), type: typeArb, payload: fc.oneof(wrongPayload, fc.anything()) });
/** Valid envelopes of every type (to prove privileged ones are refused only because of the sender). */
const validEnvelope = fc.constantFrom(
  { tactline: 1, type: 'pack/import', payload: { text: '{"format":"tactline-pack/1"}' } },
  { tactline: 1, type: 'settings/set', payload: { role: 'manager', agentName: 'Mallory' } },
  { tactline: 1, type: 'settings/set', payload: { dock: 'left' } },
  { tactline: 1, type: 'admin/state', payload: {} },
  { tactline: 1, type: 'admin/update-now', payload: {} },
  { tactline: 1, type: 'admin/set-pack-url', payload: { url: 'https://evil.example/pack.json' } },
  { tactline: 1, type: 'admin/rollback', payload: { key: 'acme@0' } },
  { tactline: 1, type: 'admin/diff', payload: { from: 'a@1', to: 'a@2' } },
  { tactline: 1, type: 'admin/whatif', payload: { text: 'refund please' } },
  { tactline: 1, type: 'insights/get', payload: { days: 30 } },
  { tactline: 1, type: 'insights/export', payload: { format: 'csv' } },
  { tactline: 1, type: 'insights/clear', payload: {} },
  { tactline: 1, type: 'insights/record', payload: { kind: 'phrase-inserted', id: 'p1' } },
  { tactline: 1, type: 'pack/search', payload: { query: 'refund' } },
  { tactline: 1, type: 'status/get', payload: {} },
);
const messageArb = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }) },
  { weight: 5, arbitrary: nearValid },
  { weight: 2, arbitrary: validEnvelope },
);

describe('router under fuzzed messages × sender kinds', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('10,000 messages × 7 senders: never throws, malformed → {ok:false,error}, 0 privileged effects from non-page senders', async () => {
    const { route, calls } = fakes();
    await fakeBrowser.storage.local.set({ settings: { role: 'agent', agentName: 'Ada Example', dock: 'right' } });
    const messages = fc.sample(messageArb, { numRuns: 10_000, seed: 20261125 });
    let malformed = 0;
    let refusedPrivileged = 0;
    let acceptedReadOnly = 0;
    const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).join();
    for (const message of messages) {
      const parsed = (() => {
        try {
          return parseRequest(message);
        } catch {
          return { ok: false as const, error: 'parseRequest threw' };
        }
      })();
      for (const [name] of NON_PAGE) {
        const settingsBefore = JSON.stringify(await storedSettings());
        const callsBefore = calls.length;
        let reply: unknown;
        try {
          reply = await route(message, name);
        } catch (e) {
          throw new Error(`route threw for sender ${name}: ${String(e)}`, { cause: e });
        }
        const r = reply as { ok: boolean; error?: unknown; data?: unknown };
        expect(typeof r?.ok).toBe('boolean');
        if (!parsed.ok) {
          malformed++;
          expect(r.ok).toBe(false);
          expect(typeof r.error).toBe('string');
          expect(calls.length).toBe(callsBefore);
        } else if (PRIVILEGED.has(parsed.envelope.type)) {
          refusedPrivileged++;
          expect(r).toEqual({ ok: false, error: `${parsed.envelope.type} is only accepted from Tactline's own pages` });
        } else if (r.ok) acceptedReadOnly++;
        // No admin call and no settings write, ever, for a non-page sender.
        expect(calls.slice(callsBefore).filter((c) => c.kind === 'admin')).toEqual([]);
        expect(JSON.stringify(await storedSettings())).toBe(settingsBefore);
      }
    }
    expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(protoKeysBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The sample must reach every branch: malformed, privileged-but-refused, read-only-accepted.
    expect(malformed).toBeGreaterThan(10_000);
    expect(refusedPrivileged).toBeGreaterThan(1_000);
    expect(acceptedReadOnly).toBeGreaterThan(100);
    expect(calls.every((c) => c.kind === 'engine' || c.sender === 'extensionPage')).toBe(true);
  }, 300_000);

  it('the same valid privileged messages DO take effect from the extension page (the test can see an effect)', async () => {
    const { route, calls } = fakes();
    const r1 = await route({ tactline: 1, type: 'settings/set', payload: { role: 'manager', agentName: 'Ada Example' } }, 'extensionPage');
    expect(r1.ok).toBe(true);
    expect(await storedSettings()).toMatchObject({ role: 'manager', agentName: 'Ada Example' });
    for (const [type, payload] of [
      ['pack/import', { text: '{}' }],
      ['admin/set-pack-url', { url: 'https://example.com/pack.json' }],
      ['admin/rollback', { key: 'acme@0' }],
      ['admin/update-now', {}],
    ] as const) {
      const r = await route({ tactline: 1, type, payload }, 'extensionPage');
      expect(r.ok, `${type}: ${JSON.stringify(r)}`).toBe(true);
    }
    expect(calls.filter((c) => c.kind === 'admin').map((c) => c.method)).toEqual(expect.arrayContaining(['importFile', 'setPackUrl', 'rollback', 'updateNow']));
    // …and the identical messages from every other sender change nothing.
    const before = calls.length;
    for (const [name] of NON_PAGE) {
      const r = await route({ tactline: 1, type: 'settings/set', payload: { role: 'agent', agentName: 'Mallory' } }, name);
      expect(r.ok).toBe(false);
      const i = await route({ tactline: 1, type: 'pack/import', payload: { text: '{}' } }, name);
      expect(i.ok).toBe(false);
    }
    expect(calls.slice(before).filter((c) => c.kind === 'admin')).toEqual([]);
    expect(await storedSettings()).toMatchObject({ role: 'manager', agentName: 'Ada Example' });
  });

  it('content scripts can still ask for read-only data', async () => {
    const { route } = fakes();
    const r = await route({ tactline: 1, type: 'pack/search', payload: { query: 'refund' } }, 'contentScriptTab');
    expect(r).toEqual({ ok: true, data: [] });
  });

  it('an engine that throws gives {ok:false,error}, not an exception', async () => {
    const engine = { load: async () => Promise.reject(new Error('boom')), search: () => { throw new Error('sync boom'); } } as unknown as Engine;
    const route = createRouter(engine, { extensionId: EXT_ID, baseUrl: BASE, admin: { lastError: async () => undefined } as unknown as PackAdmin, policy: async () => Promise.reject(new Error('no policy')) });
    await expect(route({ tactline: 1, type: 'pack/search', payload: { query: 'x' } }, SENDERS.contentScriptTab!)).resolves.toEqual({ ok: false, error: 'sync boom' });
    const st = await route({ tactline: 1, type: 'status/get', payload: {} }, SENDERS.contentScriptTab!);
    expect(st.ok).toBe(true);
  });
});

describe('isExtensionPageSender', () => {
  it('accepts only the extension page', () => {
    for (const [name, sender] of Object.entries(SENDERS)) {
      expect(isExtensionPageSender(sender, EXT_ID, BASE), name).toBe(name === 'extensionPage');
    }
  });

  it('base URL with or without the trailing slash; popup and nested pages', () => {
    const s = { id: EXT_ID, url: `${BASE}popup.html#/x`, origin: `chrome-extension://${EXT_ID}` };
    expect(isExtensionPageSender(s, EXT_ID, BASE)).toBe(true);
    expect(isExtensionPageSender(s, EXT_ID, BASE.slice(0, -1))).toBe(true);
    expect(isExtensionPageSender({ id: EXT_ID, url: `${BASE}a/b/c.html` }, EXT_ID, BASE)).toBe(true);
  });

  it('refuses look-alikes', () => {
    const bad: SenderInfo[] = [
      { id: EXT_ID, url: `chrome-extension://${EXT_ID}` }, // no slash: not under the base
      { id: EXT_ID, url: `chrome-extension://${EXT_ID}.evil.com/` },
      { id: EXT_ID, url: `chrome-extension://${EXT_ID}@evil.com/` },
      { id: EXT_ID, url: `CHROME-EXTENSION://${EXT_ID}/options.html` },
      { id: EXT_ID, url: ` ${BASE}options.html` },
      { id: EXT_ID, url: `https://evil.com/${BASE}` },
      { id: EXT_ID, url: `${BASE}options.html`, origin: 'https://evil.com' },
      { id: EXT_ID, url: `${BASE}options.html`, origin: `chrome-extension://${EXT_ID}.evil.com` },
      { id: EXT_ID.toUpperCase(), url: `${BASE}options.html` },
      { id: undefined, url: `${BASE}options.html` },
      { url: `${BASE}options.html`, origin: `chrome-extension://${EXT_ID}` },
      { id: EXT_ID, url: `moz-extension://${EXT_ID}/options.html` },
      { id: EXT_ID, url: 123 as unknown as string },
      { id: EXT_ID, url: [`${BASE}options.html`] as unknown as string },
    ];
    for (const s of bad) expect(isExtensionPageSender(s, EXT_ID, BASE), JSON.stringify(s)).toBe(false);
    expect(isExtensionPageSender(null as unknown as SenderInfo, EXT_ID, BASE)).toBe(false);
    expect(isExtensionPageSender(undefined as unknown as SenderInfo, EXT_ID, BASE)).toBe(false);
  });

  it('property: a random URL is accepted only when it starts with the base URL', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.constant(BASE).chain((b) => fc.string().map((s) => b + s)), fc.string().map((s) => `chrome-extension://${EXT_ID}${s}`)), (url) => {
        expect(isExtensionPageSender({ id: EXT_ID, url }, EXT_ID, BASE)).toBe(url.startsWith(BASE));
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseRequest', () => {
  it('never throws on fc.anything() and refuses anything that is not an envelope', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), (m) => {
        const r = parseRequest(m);
        if (r.ok) expect((m as { tactline?: unknown }).tactline).toBe(1);
        else expect(typeof r.error).toBe('string');
      }),
      { numRuns: 3_000 },
    );
  });

  it('unknown types and inherited names are refused', () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'pack/import ', 'Pack/Import', 'admin', '']) {
      expect(parseRequest({ tactline: 1, type, payload: {} }).ok, type).toBe(false);
    }
    expect(parseRequest({ tactline: 2, type: 'status/get', payload: {} }).ok).toBe(false);
    expect(parseRequest({ tactline: '1', type: 'status/get', payload: {} }).ok).toBe(false);
  });

  it('payload caps and types are enforced for every message type', () => {
    const cases: Array<[MessageType, unknown]> = [
      ['pack/search', { query: 'x'.repeat(501) }],
      ['pack/search', { query: 'x', limit: Infinity }],
      ['pack/search', { query: 'x', extra: 1 }],
      ['pack/search', { query: 'x', kinds: ['phrase', 'script'] }],
      ['pack/search', { query: 'x', kinds: 'phrase' }],
      ['pack/search', { query: 'x', context: { platform: 'zendesk' } }],
      ['limits/decide', { action: 'refund', amount: NaN }],
      ['limits/decide', { action: 'refund', amount: '10' }],
      ['limits/decide', { action: 'refund', amount: 10, dates: { delivery: 5 } }],
      ['pack/import', { text: 5 }],
      ['pack/import', { text: 'x', signature: 'x'.repeat(4097) }],
      ['settings/set', { dock: 'top' }],
      ['settings/set', { role: 5 }],
      ['settings/set', { isAdmin: true }],
      ['admin/set-pack-url', { url: 'x'.repeat(2049) }],
      ['admin/set-pack-url', {}],
      ['admin/rollback', { key: null }],
      ['tickets/suggest', { context: 'text' }],
      ['tickets/suggest', { context: { platform: 'zendesk', ticketId: '1', subject: 's', latestCustomerMessage: 'x'.repeat(200_001), replyMode: 'public', messages: [], tags: [], requester: {} } }],
      ['tickets/suggest', { context: { platform: 'zendesk', ticketId: '1', subject: 's', latestCustomerMessage: 'x', replyMode: 'public', messages: Array.from({ length: 501 }, () => ({ role: 'customer', text: 'x' })), tags: [], requester: {} } }],
      ['tickets/suggest', { context: { platform: 'zendesk', ticketId: '1', subject: 's', latestCustomerMessage: 'x', replyMode: 'public', messages: [{ role: 'admin', text: 'x' }], tags: [], requester: {} } }],
      ['tickets/draft', { context: {}, draft: 'x', replyMode: 'public' }],
      ['status/get', { x: 1 }],
      ['admin/whatif', { text: 'x'.repeat(100_001) }],
      ['insights/record', { kind: 'avoid-fired', ruleId: 'r1' }],
      ['insights/record', { kind: 'phrase-inserted', id: 'p1', text: 'Dear Ada' }],
      ['insights/get', { days: 1000 }],
      ['insights/export', { format: 'html' }],
      ['insights/clear', { everything: true }],
    ];
    for (const [type, payload] of cases) {
      const r = parseRequest({ tactline: 1, type, payload });
      expect(r.ok, `${type} ${JSON.stringify(payload).slice(0, 80)}`).toBe(false);
      if (!r.ok) expect(r.error.startsWith(type)).toBe(true);
    }
  });

  it('a valid ticket context passes (the checks are not just refusing everything)', () => {
    const context = { platform: 'zendesk', ticketId: '42', subject: 'Broken tent', latestCustomerMessage: 'The tent pole snapped', replyMode: 'public', messages: [{ role: 'customer', text: 'The tent pole snapped' }], tags: ['vip'], requester: { name: 'Ada Example', email: 'ada@example.com' } };
    expect(parseRequest({ tactline: 1, type: 'tickets/suggest', payload: { context } }).ok).toBe(true);
    expect(parseRequest({ tactline: 1, type: 'tickets/draft', payload: { context, draft: 'Hi Ada', replyMode: 'internal' } }).ok).toBe(true);
  });

  // Regression: parseRequest once built its error with String(type), which throws for these.
  it('type values that cannot be stringified do not make parseRequest throw', () => {
    const nullProto = Object.create(null) as object;
    const hostile = { toString() { throw new Error('gotcha'); } };
    for (const type of [nullProto, hostile, Symbol('x')]) {
      let r: ReturnType<typeof parseRequest> | undefined;
      expect(() => (r = parseRequest({ tactline: 1, type, payload: {} })), String(typeof type)).not.toThrow();
      expect(r?.ok).toBe(false);
    }
  });
});
