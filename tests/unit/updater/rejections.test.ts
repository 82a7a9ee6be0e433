/**
 * Acceptance 2 (issue 8): tampered signature, unknown key, downgrade, replay of the same version,
 * expired pack, oversized pack, and valid JSON that breaks a reference — each rejected with a clear
 * reason, and the working pack stays.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptPack, checkSubscription, parseSignatureFile, UpdateRejected } from '@/entrypoints/background/updater';
import type { FetchPackOptions, FetchPackResult } from '@/entrypoints/background/net';
import { formatSignatureFile, keyIdOf } from '@/guidance/pack/signature';
import { enc, freshStore, keyPair, memoryKv, pack, snapshot } from './helpers';

type Keys = Awaited<ReturnType<typeof keyPair>>;
let admin: Keys;
let stranger: Keys;
beforeAll(async () => {
  admin = await keyPair();
  stranger = await keyPair();
});

const trusted = () => [{ id: 'acme-2026', key: admin.publicB64 }];

async function signedStore() {
  const store = freshStore();
  const bytes = enc(pack(1));
  await acceptPack(store, { bytes, source: 'policy', signature: await admin.sign(bytes) }, { trustedKeys: trusted() });
  return { store, before: await snapshot(store) };
}

async function expectRejected(p: Promise<unknown>, stage: string, reason: RegExp) {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'must be rejected').toBeInstanceOf(UpdateRejected);
  expect((error as UpdateRejected).stage).toBe(stage);
  expect((error as UpdateRejected).message).toMatch(reason);
  return error as UpdateRejected;
}

describe('signatures', () => {
  it('accepts a pack signed with a pinned key and records who signed it', async () => {
    const { store } = await signedStore();
    const active = await store.getActive();
    expect(active?.signedBy).toBe('acme-2026');
    expect(active?.source).toBe('policy');
  });

  it('without a label in policy, "signed by" is the key id the CLI prints', async () => {
    const store = freshStore();
    const bytes = enc(pack(1));
    const id = await keyIdOf(admin.publicB64);
    await acceptPack(store, { bytes, source: 'url', signature: formatSignatureFile(id, await admin.sign(bytes)) }, { trustedKeys: [{ key: admin.publicB64 }] });
    expect((await store.getActive())?.signedBy).toBe(id);
  });

  it('rejects a tampered pack (one byte changed after signing)', async () => {
    const { store, before } = await signedStore();
    const bytes = enc(pack(2));
    const signature = await admin.sign(bytes);
    const tampered = bytes.slice();
    const at = new TextDecoder().decode(bytes).indexOf('version 2 phrase');
    tampered[at] = 'V'.charCodeAt(0);
    await expectRejected(acceptPack(store, { bytes: tampered, source: 'policy', signature }, { trustedKeys: trusted() }), 'verify', /changed after signing/);
    expect(await snapshot(store)).toEqual(before);
  });

  it('rejects a tampered signature', async () => {
    const { store, before } = await signedStore();
    const bytes = enc(pack(2));
    const sig = Buffer.from(await admin.sign(bytes), 'base64');
    sig[10] = sig[10]! ^ 0x01;
    await expectRejected(acceptPack(store, { bytes, source: 'policy', signature: sig.toString('base64') }, { trustedKeys: trusted() }), 'verify', /does not match/);
    expect(await snapshot(store)).toEqual(before);
  });

  it('rejects a pack signed with a key the organisation does not trust (bare signature)', async () => {
    const { store, before } = await signedStore();
    const bytes = enc(pack(2));
    await expectRejected(acceptPack(store, { bytes, source: 'policy', signature: await stranger.sign(bytes) }, { trustedKeys: trusted() }), 'verify', /unknown key|does not match/);
    expect(await snapshot(store)).toEqual(before);
  });

  it('names the unknown key when the .sig file (as `tactline pack sign` writes it) says which key signed it', async () => {
    const { store, before } = await signedStore();
    const bytes = enc(pack(2));
    const strangerId = await keyIdOf(stranger.publicB64);
    const signature = formatSignatureFile(strangerId, await stranger.sign(bytes));
    await expectRejected(acceptPack(store, { bytes, source: 'policy', signature }, { trustedKeys: trusted() }), 'verify', new RegExp(`signed with key ${strangerId}, which is not one of the 1 key`));
    expect(await snapshot(store)).toEqual(before);
  });

  it('a foreign signature that claims a trusted key id is still rejected', async () => {
    const { store, before } = await signedStore();
    const bytes = enc(pack(2));
    const adminId = await keyIdOf(admin.publicB64);
    const signature = formatSignatureFile(adminId, await stranger.sign(bytes));
    await expectRejected(acceptPack(store, { bytes, source: 'policy', signature }, { trustedKeys: trusted() }), 'verify', new RegExp(`changed after signing \\(key ${adminId}\\)`));
    expect(await snapshot(store)).toEqual(before);
  });

  it('rejects an unsigned pack when keys are pinned', async () => {
    const { store, before } = await signedStore();
    await expectRejected(acceptPack(store, { bytes: enc(pack(2)), source: 'policy' }, { trustedKeys: trusted() }), 'verify', /not signed/);
    expect(await snapshot(store)).toEqual(before);
  });

  it('refuses other algorithms, "none" and malformed signature files', () => {
    const sig64 = Buffer.alloc(64, 7).toString('base64');
    expect(() => parseSignatureFile(JSON.stringify({ format: 'tactline-sig/1', alg: 'none', keyId: '0123456789abcdef', signature: sig64 }))).toThrow(/only Ed25519/);
    expect(() => parseSignatureFile(JSON.stringify({ format: 'tactline-sig/1', alg: 'HS256', keyId: '0123456789abcdef', signature: sig64 }))).toThrow(/only Ed25519/);
    expect(() => parseSignatureFile(JSON.stringify({ format: 'tactline-sig/1', alg: 'Ed25519', keyId: '0123456789abcdef', signature: sig64, extra: 1 }))).toThrow(/unknown field/);
    expect(() => parseSignatureFile('not base64 at all!')).toThrow(/64-byte/);
    expect(() => parseSignatureFile(Buffer.alloc(71).toString('base64'))).toThrow(/64-byte/); // DER-sized
    expect(parseSignatureFile(Buffer.alloc(64, 7).toString('base64')).signature).toBe(sig64);
  });

  it('accepts an unsigned pack when no keys are pinned, and shows it as unsigned', async () => {
    const store = freshStore();
    const r = await acceptPack(store, { bytes: enc(pack(1)), source: 'url' }, { trustedKeys: [] });
    expect(r.outcome).toBe('installed');
    expect((await store.getActive())?.signedBy).toBeUndefined();
  });

  it('downloads <packUrl>.sig and verifies it when keys are pinned', async () => {
    const store = freshStore();
    const kv = memoryKv();
    const bytes = enc(pack(1));
    const sig = formatSignatureFile(await keyIdOf(admin.publicB64), await admin.sign(bytes));
    const asked: string[] = [];
    const fetch = async (o: FetchPackOptions): Promise<FetchPackResult> => {
      asked.push(o.url);
      return { status: 'ok', bytes: o.url.endsWith('.sig') ? enc(sig) : bytes, contentType: 'application/json' };
    };
    const r = await checkSubscription({ store, kv, fetch }, { url: 'https://packs.example.com/acme.json', source: 'policy', trustedKeys: trusted() });
    expect(r.outcome).toBe('installed');
    expect(asked).toEqual(['https://packs.example.com/acme.json', 'https://packs.example.com/acme.json.sig']);
  });
});

describe('versions: no downgrade, no replay', () => {
  it('rejects a downgrade', async () => {
    const store = freshStore();
    await acceptPack(store, { bytes: enc(pack(3)), source: 'url' }, { trustedKeys: [] });
    const before = await snapshot(store);
    await expectRejected(acceptPack(store, { bytes: enc(pack(2)), source: 'url' }, { trustedKeys: [] }), 'version', /Downgrade refused: version 2 is older than the active version 3/);
    expect(await snapshot(store)).toEqual(before);
  });

  it('rejects a replay of the same version with different content', async () => {
    const store = freshStore();
    await acceptPack(store, { bytes: enc(pack(2)), source: 'url' }, { trustedKeys: [] });
    const before = await snapshot(store);
    await expectRejected(
      acceptPack(store, { bytes: enc(pack(2, { name: 'Acme Support (edited)' })), source: 'url' }, { trustedKeys: [] }),
      'version',
      /Replay refused: version 2 .* already active with different content — publish it as version 3/,
    );
    expect(await snapshot(store)).toEqual(before);
  });

  it('treats the exact same pack served again as "unchanged", not as an error', async () => {
    const store = freshStore();
    await acceptPack(store, { bytes: enc(pack(2)), source: 'url' }, { trustedKeys: [] });
    const before = await snapshot(store);
    const r = await acceptPack(store, { bytes: enc(JSON.stringify(pack(2))), source: 'url' }, { trustedKeys: [] });
    expect(r.outcome).toBe('unchanged');
    expect(await snapshot(store)).toEqual(before);
  });

  it('after a local rollback, the floor still blocks re-publishing an old version number', async () => {
    const store = freshStore();
    for (const v of [1, 2, 3]) await acceptPack(store, { bytes: enc(pack(v)), source: 'url' }, { trustedKeys: [] });
    await store.activate('acme-support@1'); // explicit rollback
    expect((await store.getActive())?.pack.version).toBe(1);
    expect(await store.getFloor('acme-support')).toBe(3);
    const before = await snapshot(store);
    // A different "version 2" (or 3) is a replay even though the active version is 1.
    await expectRejected(acceptPack(store, { bytes: enc(pack(2, { name: 'Other 2' })), source: 'url' }, { trustedKeys: [] }), 'version', /Replay refused|Downgrade refused/);
    await expectRejected(acceptPack(store, { bytes: enc(pack(3, { name: 'Other 3' })), source: 'url' }, { trustedKeys: [] }), 'version', /Replay refused: version 3 .* already installed before/);
    expect(await snapshot(store)).toEqual(before);
    // A genuinely newer version moves forward again.
    expect((await acceptPack(store, { bytes: enc(pack(4)), source: 'url' }, { trustedKeys: [] })).outcome).toBe('installed');
  });

  it('the floor survives reopening the database (a browser restart)', async () => {
    const store = freshStore();
    await acceptPack(store, { bytes: enc(pack(5)), source: 'url' }, { trustedKeys: [] });
    // @ts-expect-error reach the private name to reopen the same database
    const reopened = new (store.constructor as typeof import('@/entrypoints/background/idb-store').IdbStore)(store.name);
    expect(await reopened.getFloor('acme-support')).toBe(5);
    await expectRejected(acceptPack(reopened, { bytes: enc(pack(4)), source: 'url' }, { trustedKeys: [] }), 'version', /Downgrade/);
  });

  it('the store itself refuses version <= floor even if a caller skips the pipeline checks', async () => {
    const store = freshStore();
    await acceptPack(store, { bytes: enc(pack(2)), source: 'url' }, { trustedKeys: [] });
    const active = (await store.getActive())!;
    await expect(store.install({ ...active, key: 'acme-support@2b', pack: { ...active.pack, version: 2 } })).rejects.toMatchObject({ name: 'StoreRejected', code: 'floor' });
  });
});

describe('content checks', () => {
  it('rejects an expired pack', async () => {
    const store = freshStore();
    await acceptPack(store, { bytes: enc(pack(1)), source: 'url' }, { trustedKeys: [] });
    const before = await snapshot(store);
    await expectRejected(
      acceptPack(store, { bytes: enc(pack(2, { expiresAt: '2026-01-31' })), source: 'url' }, { trustedKeys: [], now: () => new Date('2026-11-24T12:00:00Z') }),
      'expiry',
      /expired on 2026-01-31/,
    );
    expect(await snapshot(store)).toEqual(before);
  });

  it('rejects a pack claiming to be published far in the future', async () => {
    const store = freshStore();
    await expectRejected(
      acceptPack(store, { bytes: enc(pack(2, { publishedAt: '2027-06-01' })), source: 'url' }, { trustedKeys: [], now: () => new Date('2026-11-24T12:00:00Z') }),
      'expiry',
      /published in the future/,
    );
  });

  it('rejects an oversized pack before reading it', async () => {
    const store = freshStore();
    await acceptPack(store, { bytes: enc(pack(1)), source: 'url' }, { trustedKeys: [] });
    const before = await snapshot(store);
    const big = enc(pack(2, { phrases: Array.from({ length: 400 }, (_, i) => ({ id: `p${i}`, text: 'x'.repeat(200), kind: 'empathy' })) }));
    await expectRejected(acceptPack(store, { bytes: big, source: 'url' }, { trustedKeys: [], maxBytes: 50_000 }), 'size', /over the 49 KB limit/);
    expect(await snapshot(store)).toEqual(before);
  });

  it('rejects valid JSON that breaks a reference, naming the JSON path', async () => {
    const store = freshStore();
    await acceptPack(store, { bytes: enc(pack(1)), source: 'url' }, { trustedKeys: [] });
    const before = await snapshot(store);
    const broken = pack(2, { phrases: [{ id: 'p1', text: 'Sorry!', kind: 'apology', intents: ['refnud'] }] });
    const e = await expectRejected(acceptPack(store, { bytes: enc(broken), source: 'url' }, { trustedKeys: [] }), 'validate', /problem/);
    expect(e.details.some((d) => d.startsWith('/phrases/0/intents/0:') && /refnud/.test(d))).toBe(true);
    expect(await snapshot(store)).toEqual(before);
  });

  it('rejects something that is not a pack at all (HTML, random bytes)', async () => {
    const store = freshStore();
    await expectRejected(acceptPack(store, { bytes: enc('<html><body>Sign in</body></html>'), source: 'url' }, { trustedKeys: [] }), 'parse', /web page \(HTML\), not a pack/);
    await expectRejected(acceptPack(store, { bytes: new Uint8Array([0xff, 0xfe, 0x00, 0x81]), source: 'url' }, { trustedKeys: [] }), 'parse', /UTF-8/);
  });
});
