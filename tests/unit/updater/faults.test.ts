/**
 * Acceptance 1 (issue 8): the update is interrupted at every step — download, verify, validate,
 * index, each IndexedDB write — and the previous pack is still active and intact each time.
 *
 * Real IndexedDB semantics (fake-indexeddb) with the production IdbStore; faults are injected by
 * the store's write hook (both a plain exception between writes and a failing IndexedDB request)
 * and by the pipeline's per-stage hook.
 */
import { describe, expect, it } from 'vitest';
import { acceptPack, checkSubscription, STAGES, type Stage } from '@/entrypoints/background/updater';
import type { WritePoint } from '@/entrypoints/background/idb-store';
import { NetError, type FetchPackOptions, type FetchPackResult } from '@/entrypoints/background/net';
import { loadIndex } from '@/guidance/index/build';
import { enc, freshStore, keyPair, memoryKv, pack, snapshot } from './helpers';

const URL_ = 'https://packs.example.com/acme.json';

async function storeWithV1(fault?: Parameters<typeof freshStore>[0]) {
  let armed = false;
  const store = freshStore(async (p) => (armed && fault ? fault(p) : undefined));
  const r = await acceptPack(store, { bytes: enc(pack(1)), source: 'url' }, { trustedKeys: [] });
  expect(r.outcome).toBe('installed');
  const before = await snapshot(store);
  armed = true;
  return { store, before };
}

describe('fault injection: every pipeline stage', () => {
  const key = keyPair();
  for (const stage of STAGES.filter((s) => s !== 'download')) {
    it(`a crash while ${stage} leaves version 1 active and intact`, async () => {
      const { store, before } = await storeWithV1();
      const k = await key;
      const bytes = enc(pack(2));
      await expect(
        acceptPack(store, { bytes, source: 'url', signature: await k.sign(bytes) }, {
          trustedKeys: [{ id: 'acme', key: k.publicB64 }],
          before: (s: Stage) => {
            if (s === stage) throw new Error(`injected fault at ${s}`);
          },
        }),
      ).rejects.toMatchObject({ name: 'UpdateRejected', stage, message: expect.stringContaining('injected fault') });
      expect(await snapshot(store)).toEqual(before);
      // And the pipeline still works afterwards: the same pack installs cleanly.
      const ok = await acceptPack(store, { bytes, source: 'url', signature: await k.sign(bytes) }, { trustedKeys: [{ id: 'acme', key: k.publicB64 }] });
      expect(ok.outcome).toBe('installed');
      expect((await store.getActive())?.key).toBe('acme-support@2');
    });
  }

  it('a download that fails (network, HTTP 500, timeout, cut-off body) leaves version 1 active', async () => {
    const failures: Array<() => Promise<FetchPackResult>> = [
      async () => {
        throw new NetError('network', 'Could not reach packs.example.com');
      },
      async () => {
        throw new NetError('http-status', 'Download failed: the server failed (HTTP 500)', 500);
      },
      async () => {
        throw new NetError('timeout', 'No answer within 30 s');
      },
      // A truncated body arrives as bytes that do not parse.
      async () => ({ status: 'ok', bytes: enc(JSON.stringify(pack(2)).slice(0, 120)), contentType: 'application/json' }),
    ];
    for (const fail of failures) {
      const { store, before } = await storeWithV1();
      const kv = memoryKv();
      const res = await checkSubscription({ store, kv, fetch: fail }, { url: URL_, source: 'url', trustedKeys: [] });
      expect(res.outcome).toBe('rejected');
      expect(await snapshot(store)).toEqual(before);
      const log = await kv.get<Array<{ outcome: string; message: string }>>('updateLog');
      expect(log?.[0]?.message).toBeTruthy();
    }
  });

  it('a crash injected at the download step is logged and changes nothing', async () => {
    const { store, before } = await storeWithV1();
    const kv = memoryKv();
    const res = await checkSubscription(
      {
        store,
        kv,
        fetch: async () => ({ status: 'ok', bytes: enc(pack(2)), contentType: 'application/json' }),
        before: (s) => {
          if (s === 'download') throw new Error('injected fault at download');
        },
      },
      { url: URL_, source: 'url', trustedKeys: [] },
    );
    expect(res).toMatchObject({ outcome: 'rejected', stage: 'download' });
    expect(await snapshot(store)).toEqual(before);
  });
});

describe('fault injection: every IndexedDB write of the swap transaction', () => {
  const points: WritePoint[] = ['install:read', 'install:put-pack', 'install:gc', 'install:floor', 'install:pointer'];
  for (const point of points) {
    for (const kind of ['exception', 'failed-request', 'quota'] as const) {
      it(`${kind} at ${point}: the transaction aborts and version 1 stays active and intact`, async () => {
        const { store, before } = await storeWithV1((p) => {
          if (p !== point) return;
          if (kind === 'failed-request') return 'fail-request';
          if (kind === 'quota') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          throw new Error(`injected exception at ${p}`);
        });
        await expect(acceptPack(store, { bytes: enc(pack(2)), source: 'url' }, { trustedKeys: [] })).rejects.toMatchObject({ stage: 'commit' });
        const after = await snapshot(store);
        expect(after).toEqual(before);
        // No orphan: version 2 was not half-written, and the floor did not move.
        expect(await store.get('acme-support@2')).toBeUndefined();
        expect(after.floor).toBe(1);
      });
    }
  }

  it('with a store already holding 5 versions, a failure during garbage collection deletes nothing', async () => {
    let armed = false;
    const store = freshStore((p) => (armed && p === 'install:pointer' ? 'fail-request' : undefined));
    for (let v = 1; v <= 5; v++) await acceptPack(store, { bytes: enc(pack(v)), source: 'url' }, { trustedKeys: [] });
    const before = await snapshot(store);
    expect(before.keys).toHaveLength(5);
    armed = true;
    await expect(acceptPack(store, { bytes: enc(pack(6)), source: 'url' }, { trustedKeys: [] })).rejects.toMatchObject({ stage: 'commit' });
    expect(await snapshot(store)).toEqual(before);
  });

  it('a failed rollback leaves the active pointer where it was', async () => {
    let armed = false;
    const store = freshStore((p) => (armed && p === 'activate:pointer' ? 'fail-request' : undefined));
    await acceptPack(store, { bytes: enc(pack(1)), source: 'url' }, { trustedKeys: [] });
    await acceptPack(store, { bytes: enc(pack(2)), source: 'url' }, { trustedKeys: [] });
    const before = await snapshot(store);
    armed = true;
    await expect(store.activate('acme-support@1')).rejects.toBeTruthy();
    expect(await snapshot(store)).toEqual(before);
  });
});

describe('the successful path, for contrast', () => {
  it('installs version 2 with its index, raises the floor and keeps version 1 for rollback', async () => {
    const { store } = await storeWithV1();
    const r = await acceptPack(store, { bytes: enc(pack(2)), source: 'url' }, { trustedKeys: [] });
    expect(r.outcome).toBe('installed');
    const active = await store.getActive();
    expect(active?.key).toBe('acme-support@2');
    // The index is stored with the pack (typed-array record) and loads for exactly this pack.
    expect(loadIndex(active!.index!, active!.pack).packVersion).toBe(2);
    expect(await store.getFloor('acme-support')).toBe(2);
    expect((await store.list()).map((p) => p.key).sort()).toEqual(['acme-support@1', 'acme-support@2']);
  });

  it('keeps only the last 5 versions', async () => {
    const store = freshStore();
    for (let v = 1; v <= 7; v++) await acceptPack(store, { bytes: enc(pack(v)), source: 'url' }, { trustedKeys: [] });
    expect((await store.list()).map((p) => p.version).sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('the conditional request sends the stored validators and a 304 changes nothing', async () => {
    const { store, before } = await storeWithV1();
    const kv = memoryKv();
    const seen: FetchPackOptions[] = [];
    const fetch = async (o: FetchPackOptions): Promise<FetchPackResult> => {
      seen.push(o);
      if (o.etag === '"v2"') return { status: 'not-modified' };
      return { status: 'ok', bytes: enc(pack(2)), etag: '"v2"', lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT', contentType: 'application/json' };
    };
    expect((await checkSubscription({ store, kv, fetch }, { url: URL_, source: 'url', trustedKeys: [] })).outcome).toBe('installed');
    const installed = await snapshot(store);
    expect(installed).not.toEqual(before);
    expect((await checkSubscription({ store, kv, fetch }, { url: URL_, source: 'url', trustedKeys: [] })).outcome).toBe('not-modified');
    expect(seen[1]).toMatchObject({ etag: '"v2"', lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT' });
    expect(await snapshot(store)).toEqual(installed);
  });

  it('backs off exponentially after failures and "Update now" ignores the back-off', async () => {
    const { store } = await storeWithV1();
    const kv = memoryKv();
    let now = Date.parse('2026-11-24T10:00:00Z');
    const clock = () => new Date(now);
    let calls = 0;
    const fetch = async (): Promise<FetchPackResult> => {
      calls++;
      throw new NetError('network', 'offline');
    };
    const cfg = { url: URL_, source: 'url' as const, trustedKeys: [] };
    await checkSubscription({ store, kv, fetch, now: clock }, cfg); // failure 1 → wait 1 min
    now += 30_000;
    expect((await checkSubscription({ store, kv, fetch, now: clock }, cfg)).outcome).toBe('skipped');
    now += 31_000;
    await checkSubscription({ store, kv, fetch, now: clock }, cfg); // failure 2 → wait 2 min
    now += 90_000;
    expect((await checkSubscription({ store, kv, fetch, now: clock }, cfg)).outcome).toBe('skipped');
    expect(calls).toBe(2);
    expect((await checkSubscription({ store, kv, fetch, now: clock }, { ...cfg, force: true })).outcome).toBe('rejected');
    expect(calls).toBe(3);
    const state = await kv.get<{ failures: number; nextAttemptAt: string }>('subscription');
    expect(state?.failures).toBe(3);
    expect(Date.parse(state!.nextAttemptAt) - now).toBe(4 * 60_000);
  });
});
