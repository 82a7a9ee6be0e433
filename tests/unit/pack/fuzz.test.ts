import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validatePack } from '../../../guidance/pack/validate';
import { canonicalJson } from '../../../guidance/pack/canonical';
import { parsePackText } from '../../../guidance/pack/load';
import { richPack } from './fixtures';

/** All JSON-pointer-like paths of a value, as key lists. */
function paths(v: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function setAt(root: any, path: Array<string | number>, value: unknown): any {
  if (path.length === 0) return value;
  let o = root;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path[path.length - 1]!] = value;
  return root;
}

function resolves(root: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  let node: any = root;
  const segs = pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  // The last segment may name a missing (required) field; everything before it must exist.
  for (const s of segs.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, s)) return false;
    node = node[s];
  }
  return node !== null && typeof node === 'object';
}

describe('validatePack under random input', () => {
  it('never throws and never accepts arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withBigInt: true, withDate: true, withMap: true }), (v) => {
        const r = validatePack(v);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('on a pack with one random value replaced: never throws, errors point into the pack, and accepted packs are canonical fixed points', () => {
    const base = richPack();
    const all = paths(base);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (i, value) => {
        const pack = setAt(richPack(), all[i]!, value);
        const r = validatePack(pack);
        if (r.ok) {
          const text = canonicalJson(r.pack);
          const again = validatePack(parsePackText(text, 'x.json'));
          expect(again.ok && canonicalJson(again.pack)).toBe(text);
        } else {
          for (const e of r.errors) {
            expect(e.message.length).toBeGreaterThan(5);
            expect(resolves(pack, e.path), `${e.path}: ${e.message}`).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects hostile signed-looking payloads', () => {
    const cases = [
      '{"format":"tactline-pack/1","id":"x","name":"X","version":1,"intents":[],"__proto__":{"isAdmin":true}}',
      '{"format":"tactline-pack/1","id":"x","name":"X","version":1e300,"intents":[]}',
      '{"format":"tactline-pack/1","id":"x","name":"X","version":1,"intents":[],"roles":[{"id":"agent","label":"A"}],"limits":[{"id":"l","action":"refund","label":"L","unit":"EUR","maxByRole":{"agent":-100}}]}',
      '{"format":"tactline-pack/1","id":"x","name":"X","version":1,"intents":[],"policies":[{"id":"p","title":"T","summary":"S","url":"javascript:alert(1)"}]}',
    ];
    for (const c of cases) expect(validatePack(JSON.parse(c)).ok).toBe(false);
    expect(({} as any).isAdmin).toBeUndefined();
  });
});
