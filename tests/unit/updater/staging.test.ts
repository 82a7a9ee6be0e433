/**
 * Staged hand-over of an imported file (entrypoints/lib/staging.ts) on fake-indexeddb: the page
 * stages, the background takes (read + delete), nothing is left behind (the database itself is
 * deleted when empty), expired records go, and the router runs the same import for `staged` as for
 * `text` — privileged and validated the same way.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { NOT_HANDED_OVER, STAGING_DB, STAGING_MAX_AGE_MS, discardStaged, stageFile, sweepStaged, takeStaged } from '@/entrypoints/lib/staging';
import { createRouter } from '@/entrypoints/background/router';
import { EMPTY_POLICY } from '@/entrypoints/background/policy';
import type { Engine } from '@/entrypoints/background/engine';
import type { PackAdmin } from '@/entrypoints/background/admin';
import { parseRequest } from '@/guidance/protocol';

const dbNames = async () => (await indexedDB.databases()).map((d) => d.name);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('staging database', () => {
  it('hands a file over once and deletes the database afterwards', async () => {
    const id = await stageFile({ text: '{"format":"tactline-pack/1"} ü', filename: 'acme.json', signature: 'sig' });
    expect(id).toMatch(/^[a-z0-9-]{8,64}$/);
    expect(await dbNames()).toContain(STAGING_DB);
    expect(await takeStaged(id)).toEqual({ text: '{"format":"tactline-pack/1"} ü', filename: 'acme.json', signature: 'sig' });
    expect(await dbNames()).not.toContain(STAGING_DB);
    await expect(takeStaged(id)).rejects.toThrow(NOT_HANDED_OVER);
    expect(await dbNames()).not.toContain(STAGING_DB);
  });

  it('keeps optional fields absent and other staged files in place', async () => {
    const a = await stageFile({ text: 'a' });
    const b = await stageFile({ text: 'b', filename: 'b.json' });
    expect(a).not.toBe(b);
    expect(await takeStaged(a)).toEqual({ text: 'a' });
    expect(await dbNames()).toContain(STAGING_DB);
    expect(await takeStaged(b)).toEqual({ text: 'b', filename: 'b.json' });
    expect(await dbNames()).not.toContain(STAGING_DB);
  });

  it('refuses unknown, malformed and expired ids with a clear message', async () => {
    await expect(takeStaged('0123456789abcdef')).rejects.toThrow('The file was not handed over; try again');
    await expect(takeStaged('../../etc')).rejects.toThrow(NOT_HANDED_OVER);
    const t0 = 1_800_000_000_000;
    const id = await stageFile({ text: 'old' }, { now: () => t0 });
    await expect(takeStaged(id, { now: () => t0 + STAGING_MAX_AGE_MS + 1 })).rejects.toThrow(NOT_HANDED_OVER);
    expect(await dbNames()).not.toContain(STAGING_DB);
  });

  it('sweeps expired records at start, keeps fresh ones, and never creates the database', async () => {
    await sweepStaged();
    expect(await dbNames()).not.toContain(STAGING_DB);
    const t0 = 1_800_000_000_000;
    await stageFile({ text: 'old' }, { now: () => t0 });
    const fresh = await stageFile({ text: 'fresh' }, { now: () => t0 + STAGING_MAX_AGE_MS });
    await sweepStaged({ now: () => t0 + STAGING_MAX_AGE_MS + 1 });
    expect(await dbNames()).toContain(STAGING_DB);
    expect(await takeStaged(fresh, { now: () => t0 + STAGING_MAX_AGE_MS + 2 })).toEqual({ text: 'fresh' });
    expect(await dbNames()).not.toContain(STAGING_DB);
  });

  it('discard removes a record the background never took, and is a no-op afterwards', async () => {
    await discardStaged('0123456789abcdef');
    expect(await dbNames()).not.toContain(STAGING_DB);
    const id = await stageFile({ text: 'x' });
    await discardStaged(id);
    expect(await dbNames()).not.toContain(STAGING_DB);
    await expect(takeStaged(id)).rejects.toThrow(NOT_HANDED_OVER);
  });
});

describe("'pack/import' with staged", () => {
  it('accepts exactly one of text / staged, with a strict id format', () => {
    const ok = (payload: unknown) => parseRequest({ tactline: 1, type: 'pack/import', payload }).ok;
    expect(ok({ staged: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' })).toBe(true);
    expect(ok({ text: '{}', filename: 'x.json' })).toBe(true);
    expect(ok({ staged: 'a1b2c3d4', text: '{}' })).toBe(false);
    expect(ok({ staged: 'a1b2c3d4', filename: 'x.json' })).toBe(false);
    expect(ok({})).toBe(false);
    for (const bad of ['short', 'A1B2C3D4E5', 'a1b2c3d4/..', 'x'.repeat(65), 12345678, null, '']) expect(ok({ staged: bad })).toBe(false);
  });

  function router() {
    const imports: unknown[][] = [];
    const engine = { load: async () => ({}) } as unknown as Engine;
    const admin = {
      lastError: async () => undefined,
      importFile: async (...args: unknown[]) => (imports.push(args), { ok: true, errors: [], warnings: [] }),
    } as unknown as PackAdmin;
    const route = createRouter(engine, { extensionId: 'abcdefghijklmnopabcdefghijklmnop', baseUrl: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/', admin, policy: async () => ({ policy: EMPTY_POLICY, problems: [], present: false }) });
    return { imports, route };
  }
  const PAGE = { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };
  const TAB = { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'https://acme.zendesk.com/agent/tickets/42', origin: 'https://acme.zendesk.com', tab: { id: 7 }, frameId: 0 };

  it('runs the same import with the staged text, filename and signature, and leaves nothing behind', async () => {
    const { imports, route } = router();
    const staged = await stageFile({ text: '{"x":1}', filename: 'acme.json', signature: 'c2ln' });
    const reply = await route({ tactline: 1, type: 'pack/import', payload: { staged } }, PAGE);
    expect(reply).toEqual({ ok: true, data: { ok: true, errors: [], warnings: [] } });
    expect(imports).toEqual([['{"x":1}', 'acme.json', 'c2ln']]);
    expect(await dbNames()).not.toContain(STAGING_DB);
  });

  it('a missing file is a clear error; a content script is refused and takes nothing', async () => {
    const { imports, route } = router();
    expect(await route({ tactline: 1, type: 'pack/import', payload: { staged: '0123456789abcdef' } }, PAGE)).toEqual({ ok: false, error: NOT_HANDED_OVER });
    const staged = await stageFile({ text: '{}' });
    const refused = await route({ tactline: 1, type: 'pack/import', payload: { staged } }, TAB);
    expect(refused.ok).toBe(false);
    expect(imports).toEqual([]);
    expect(await takeStaged(staged)).toEqual({ text: '{}' });
  });

  it('applies the message limits to a staged file too', async () => {
    const { imports, route } = router();
    const staged = await stageFile({ text: '{}', signature: 's'.repeat(4097) });
    const reply = await route({ tactline: 1, type: 'pack/import', payload: { staged } }, PAGE);
    expect(reply.ok).toBe(false);
    expect((reply as { error: string }).error).toMatch(/signature/);
    expect(imports).toEqual([]);
    expect(await dbNames()).not.toContain(STAGING_DB);
  });
});
