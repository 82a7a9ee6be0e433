/**
 * Pack fuzzing shared by `npm run fuzz` (tests/fuzz/packs.ts, ≥100,000 cases) and the vitest sample
 * (tests/unit/security/fuzz-sample.test.ts, ≈2,000 cases).
 *
 * Every case goes through the real pipeline pieces: loader (`parsePackText` / `parsePackBytes`) →
 * `validatePack` → for the packs that are accepted, `buildIndex`.
 *
 * Adversarial cases start from a valid sample pack (a trimmed copy of one in guidance/packs/) and
 * apply ONE mutation that is certainly invalid by the pack format's own rules (docs/pack-format.md),
 * decided here from the field table and NOT by asking the validator; or they are hostile text
 * (random bytes, 100,000-deep arrays, YAML alias bombs, truncated JSON, …). Any of them accepted is a
 * failure. "Benign" cases (random value swaps, character flips, hostile-but-legal content) may be
 * accepted; they exist to push odd-but-valid packs through `buildIndex`.
 *
 * A crash is any exception other than the loader's own `PackLoadError`, a validator that throws, or a
 * validator that swallowed an internal exception (its "could not be read: …" error). The run also
 * checks that `Object.prototype` / `Array.prototype` were not polluted and that the validator did not
 * mutate its input.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { PackLoadError, parsePackBytes, parsePackText } from '../../guidance/pack/load';
import { PACK_CAPS, PACK_SPEC, validatePack, type ArraySpec, type ObjectSpec, type Spec } from '../../guidance/pack/validate';
import { buildIndex } from '../../guidance/index/build';

const HERE = dirname(fileURLToPath(import.meta.url));
const PACK_DIR = join(HERE, '../../guidance/packs');
export const SAMPLE_PACKS = ['it-service-desk', 'outdoor-retailer', 'saas-subscription'] as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = Record<string, any>;
type Path = Array<string | number>;

// ---------------------------------------------------------------------------------------------
// Base packs: small valid packs trimmed from the samples (validating a full 100 KB sample costs
// ~6–13 ms; a trimmed one well under 1 ms, which is what lets 100,000 cases run in about a minute).

const take = (xs: any[] | undefined, n: number): any[] => (xs ?? []).slice(0, n);

export function trimPack(full: Obj): Obj {
  const p: Obj = structuredClone(full);
  p.intents = take(p.intents, 3).map((it: Obj) => ({ ...it, examples: take(it.examples, 3), keywords: it.keywords ? take(it.keywords, 3) : undefined }));
  for (const it of p.intents) if (it.keywords === undefined) delete it.keywords;
  const intentIds = new Set(p.intents.map((i: Obj) => i.id));
  const keepIntents = (o: Obj) => {
    if (Array.isArray(o.intents)) o.intents = o.intents.filter((i: string) => intentIds.has(i));
    return o;
  };
  p.limits = take(p.limits, 2);
  const neededPolicies = new Set(p.limits.map((l: Obj) => l.policy).filter(Boolean));
  const policies = (p.policies ?? []) as Obj[];
  p.policies = policies.filter((x, i) => i < 3 || neededPolicies.has(x.id)).map((x) => keepIntents({ ...x, body: typeof x.body === 'string' ? x.body.slice(0, 300) : undefined }));
  for (const x of p.policies) if (x.body === undefined) delete x.body;
  p.phrases = take(p.phrases, 5).map((x: Obj) => keepIntents({ ...x }));
  p.avoid = take(p.avoid, 2);
  const limitIds = new Set(p.limits.map((l: Obj) => l.id));
  p.scenarios = ((p.scenarios ?? []) as Obj[]).filter((s) => !s.limit || limitIds.has(s.limit)).slice(0, 2).map((s) => keepIntents({ ...s }));
  return p;
}

let basesCache: Obj[] | undefined;
/** The valid starting packs (checked valid once; the run fails loudly if one is not). */
export function basePacks(): Obj[] {
  if (basesCache) return basesCache;
  basesCache = SAMPLE_PACKS.map((name) => {
    const full = JSON.parse(readFileSync(join(PACK_DIR, `${name}.json`), 'utf8')) as Obj;
    const trimmed = trimPack(full);
    const r = validatePack(trimmed);
    if (!r.ok) throw new Error(`trimmed sample ${name} is not valid: ${r.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    const text = JSON.stringify(trimmed);
    if (text.includes('zz-missing') || text.includes('zzUnknown')) throw new Error(`sample ${name} uses the fuzzer's reserved prefixes`);
    return trimmed;
  });
  return basesCache;
}

// ---------------------------------------------------------------------------------------------
// Nodes of a pack annotated with their spec from PACK_SPEC (the format's field table).

export interface Node {
  path: Path;
  spec: Spec;
  /** The ObjectSpec field this node fills (undefined for list items and map values). */
  required?: boolean;
}

export function annotate(pack: Obj): Node[] {
  const out: Node[] = [];
  const walk = (v: any, spec: Spec, path: Path, required?: boolean) => {
    out.push({ path, spec, required });
    if (spec.type === 'object' && v && typeof v === 'object') {
      for (const [k, f] of Object.entries(spec.fields)) if (Object.prototype.hasOwnProperty.call(v, k)) walk(v[k], f.spec, [...path, k], !!f.required);
    } else if (spec.type === 'array' && Array.isArray(v)) {
      v.forEach((x, i) => walk(x, spec.items, [...path, i]));
    } else if (spec.type === 'map' && v && typeof v === 'object') {
      for (const k of Object.keys(v)) walk(v[k], spec.values, [...path, k]);
    }
  };
  walk(pack, PACK_SPEC, []);
  return out;
}

let nodesCache: Node[][] | undefined;
function nodesOf(base: number): Node[] {
  nodesCache ??= basePacks().map(annotate);
  return nodesCache[base]!;
}

function getAt(root: any, path: Path): any {
  let o = root;
  for (const k of path) o = o[k];
  return o;
}
function setAt(root: any, path: Path, value: unknown): any {
  if (path.length === 0) return value;
  getAt(root, path.slice(0, -1))[path[path.length - 1]!] = value;
  return root;
}

// ---------------------------------------------------------------------------------------------
// Case descriptions

export type Channel = 'object' | 'json' | 'yaml';
export interface FuzzCase {
  /** Mutation kind (summary rows). */
  kind: string;
  /** Adversarial cases must be rejected; benign ones may be accepted. */
  adversarial: boolean;
  /** One-line description for failure reports. */
  what: string;
  /** Object to validate directly (channel object), or text (bytes) for the loader. */
  object?: unknown;
  text?: string;
  bytes?: Uint8Array;
  filename?: string;
}

const INVISIBLES = ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u200B', '\u200D', '\u200E', '\u202E', '\u2066', '\u2069', '\uFEFF'];
const RESERVED_IDS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];
const BAD_SCHEMES = ['javascript:alert(1)', 'JaVaScRiPt:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'ftp://example.com/x', 'chrome-extension://abcdefghijklmnop/options.html', 'vbscript:msgbox(1)', 'blob:https://example.com/uuid', 'about:blank', 'mailto:ada@example.com', 'ws://example.com/', '//evil.example/policy', 'https://ada:secret@example.com/', ' https://example.com/', 'https://exa mple.com/', 'http:/example.com', 'example.com/policy'];
// eslint-disable-next-line no-control-regex
const INVISIBLE_TEST = /[\u0000-\u001F\u007F-\u009F]/;
const NON_LEAP = [1900, 2025, 2026, 2027, 2100];


const arbCache = new Map<string, fc.Arbitrary<any>>();
/** Build an arbitrary once per key: arbitraries inside `chain` are otherwise rebuilt per case (slow). */
function memo<T>(key: string, make: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  let a = arbCache.get(key);
  if (!a) arbCache.set(key, (a = make()));
  return a as fc.Arbitrary<T>;
}
const ID_SUFFIX = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);

/** Wrong-typed replacements for a node of the given spec (never a value of the right type). */
function wrongTypeArb(spec: Spec): fc.Arbitrary<unknown> {
  return memo(`wrong:${spec.type}`, () => wrongTypeArbRaw(spec));
}
function wrongTypeArbRaw(spec: Spec): fc.Arbitrary<unknown> {
  const nul = fc.constant(null);
  const bool = fc.boolean();
  const numb = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  const str = fc.string({ maxLength: 20 });
  const arr = fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 });
  const obj = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
  switch (spec.type) {
    case 'string':
      return fc.oneof(nul, bool, numb, arr, obj);
    case 'number':
      return fc.oneof(nul, bool, str, fc.constantFrom('12', '1e3', ' 5 '), arr, obj);
    case 'array':
      return fc.oneof(nul, bool, numb, str, obj);
    case 'object':
    case 'map':
      return fc.oneof(nul, bool, numb, str, arr);
  }
}

/** Numbers certainly outside the spec's range (NaN/Infinity stay representable only as objects or YAML). */
function badNumberArb(spec: Extract<Spec, { type: 'number' }>): fc.Arbitrary<number> {
  return memo(`num:${JSON.stringify(spec)}`, () => badNumberArbRaw(spec));
}
function badNumberArbRaw(spec: Extract<Spec, { type: 'number' }>): fc.Arbitrary<number> {
  const opts: Array<fc.Arbitrary<number>> = [
    fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_VALUE),
    fc.double({ min: -1e12, max: -Number.MIN_VALUE, noNaN: true }),
    fc.double({ min: spec.max * 1.0000001 + 1, max: 1e300, noNaN: true, noDefaultInfinity: true }),
  ];
  if (spec.integer) opts.push(fc.integer({ min: spec.min, max: Math.min(spec.max - 1, 1e6) }).map((n) => n + 0.5));
  if (spec.exclusiveMin) opts.push(fc.constant(spec.min));
  return fc.oneof(...opts);
}

const badDateArb: fc.Arbitrary<string> = fc.oneof(
  fc.record({ y: fc.constantFrom(...NON_LEAP), d: fc.integer({ min: 29, max: 31 }) }).map(({ y, d }) => `${y}-02-${d}`),
  fc.record({ y: fc.integer({ min: 1000, max: 9999 }), m: fc.constantFrom(0, 13, 14, 20, 99), d: fc.integer({ min: 1, max: 28 }) }).map(
    ({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  ),
  fc.record({ y: fc.integer({ min: 1000, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.constantFrom(0, 32, 40, 99) }).map(
    ({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  ),
  fc.record({ h: fc.integer({ min: 24, max: 99 }) }).map(({ h }) => `2026-03-31T${h}:00:00Z`),
  fc.record({ mi: fc.integer({ min: 60, max: 99 }) }).map(({ mi }) => `2026-03-31T10:${mi}:00Z`),
  fc.record({ zh: fc.integer({ min: 15, max: 99 }) }).map(({ zh }) => `2026-03-31T10:00:00+${zh}:00`),
  fc.constantFrom('2026-3-1', '2026-03-31T10:00', '2026-03-31T10:00:00', '31/03/2026', 'March 31, 2026', 'tomorrow', '2026-03-31Z', '+002026-03-31', '2026-W13', '1711843200', '2026-03-31 10:00:00Z', '0000-00-00'),
);

function stringArbNotIn(values: readonly string[]): fc.Arbitrary<string> {
  return fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && !values.includes(s) && !INVISIBLE_TEST.test(s)).map((s) => (values.includes(s + 'x') ? s + 'xx' : s));
}

/** Build deep nesting iteratively (a 100,000-deep value cannot be built or walked recursively). */
const deepCache = new Map<string, unknown>();
/** Fingerprints of the shared deep values when they were built (checked again at the end of a run). */
const deepPrints = new Map<unknown, string>();
function deepValue(depth: number, kind: 'array' | 'object'): unknown {
  // The 100,000-deep values are shared between cases (the run checks the validator never mutates them).
  const cached = depth > 1000 ? deepCache.get(`${kind}${depth}`) : undefined;
  if (cached !== undefined) return cached;
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  if (depth > 1000) {
    deepCache.set(`${kind}${depth}`, v);
    deepPrints.set(v, fingerprint(v));
  }
  return v;
}

interface Mut {
  kind: string;
  arb: (base: number) => fc.Arbitrary<{ apply: (p: Obj) => Obj; what: string; channel?: Channel; raw?: (text: string) => string }>;
}

const pickCache = new Map<string, fc.Arbitrary<Node>>();
/** A node of base `base` matching `filter` (memoised per base and filter: arbitraries are built per case). */
const pickNode = (base: number, filter: (n: Node) => boolean) => {
  const key = `${base}:${filter.toString()}`;
  let arb = pickCache.get(key);
  if (!arb) {
    const nodes = nodesOf(base).filter(filter);
    if (nodes.length === 0) throw new Error('no node matches');
    pickCache.set(key, (arb = fc.constantFrom(...nodes)));
  }
  return arb;
};
const stringLeaf = (n: Node) => n.spec.type === 'string';
const isEntity = (n: Node) => n.path.length > 0;

/** One certainly-invalid mutation per kind. `apply` mutates the fresh copy it gets. */
const MUTATIONS: Mut[] = [
  {
    kind: 'wrong-type',
    arb: (b) =>
      pickNode(b, isEntity).chain((n) =>
        wrongTypeArb(n.spec).map((v) => ({ what: `${n.path.join('/')} = ${short(v)}`, apply: (p: Obj) => setAt(p, n.path, v) })),
      ),
  },
  {
    kind: 'huge-string',
    arb: (b) =>
      pickNode(b, stringLeaf).chain((n) =>
        memo('huge', () => fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 1, max: 2_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 200_000, max: 2_000_000 }) })).map((extra) => {
          const len = (n.spec as { max: number }).max + extra;
          return { what: `${n.path.join('/')} = ${len} chars`, apply: (p: Obj) => setAt(p, n.path, 'x'.repeat(len)) };
        }),
      ),
  },
  {
    kind: 'invisible-char',
    arb: (b) =>
      pickNode(b, (n) => stringLeaf(n) && (n.spec as { format: string }).format !== 'const').chain((n) =>
        memo('inv', () => fc.record({ ch: fc.constantFrom(...INVISIBLES), at: fc.nat() })).map(({ ch, at }) => ({
          what: `${n.path.join('/')} += U+${ch.charCodeAt(0).toString(16)}`,
          apply: (p: Obj) => {
            const s = String(getAt(p, n.path));
            const i = at % (s.length + 1);
            return setAt(p, n.path, s.slice(0, i) + ch + s.slice(i));
          },
        })),
      ),
  },
  {
    kind: 'deep-nesting',
    arb: (b) =>
      pickNode(b, isEntity).chain((n) =>
        memo('deep', () => fc.record({ depth: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 33, max: 200 }) }, { weight: 1, arbitrary: fc.constant(100_000) }), k: fc.constantFrom('array' as const, 'object' as const) })).map(({ depth, k }) => ({
          what: `${n.path.join('/')} = ${depth}-deep ${k}`,
          // Deeper than the loader's cap: as text the loader refuses it; as an object the validator must.
          channel: depth > 1000 ? ('object' as const) : undefined,
          apply: (p: Obj) => setAt(p, n.path, deepValue(depth, k)),
        })),
      ),
  },
  {
    kind: 'duplicate-id',
    arb: (b) =>
      pickNode(b, (n) => n.spec.type === 'array' && !!((n.spec as ArraySpec).defines || (n.spec as ArraySpec).localIds || (n.spec as ArraySpec).unique === 'error')).chain((n) =>
        fc.nat().map((i) => ({
          what: `${n.path.join('/')} duplicates an entry`,
          apply: (p: Obj) => {
            const list = getAt(p, n.path) as unknown[];
            if (list.length === 0) list.push(...fillerFor(n.spec as ArraySpec, p), ...fillerFor(n.spec as ArraySpec, p));
            else list.splice(i % (list.length + 1), 0, structuredClone(list[i % list.length]));
            return p;
          },
        })),
      ),
  },
  {
    kind: 'dangling-ref',
    arb: (b) =>
      fc.oneof(
        pickNode(b, (n) => n.spec.type === 'string' && !!n.spec.ref).chain((n) =>
          ID_SUFFIX.map((s) => ({ what: `${n.path.join('/')} -> zz-missing-${s}`, apply: (p: Obj) => setAt(p, n.path, `zz-missing-${s}`) })),
        ),
        pickNode(b, (n) => n.spec.type === 'map').chain((n) =>
          memo('mapref', () => fc.record({ s: ID_SUFFIX, v: fc.integer({ min: 0, max: 100 }) })).map(({ s, v }) => ({
            what: `${n.path.join('/')} gains role zz-missing-${s}`,
            apply: (p: Obj) => {
              getAt(p, n.path)[`zz-missing-${s}`] = v;
              return p;
            },
          })),
        ),
      ),
  },
  {
    kind: 'proto-key',
    arb: (b) =>
      fc.oneof(
        // Own "__proto__"/"constructor"/"prototype" keys, written as JSON text so JSON.parse makes them own keys.
        pickNode(b, (n) => n.spec.type === 'object' || n.spec.type === 'map').chain((n) =>
          memo('protokey', () => fc.record({ key: fc.constantFrom('__proto__', 'constructor', 'prototype'), v: fc.oneof(fc.constant({ tactlinePolluted: true, toString: 'x' }), fc.jsonValue({ maxDepth: 2 })) })).map(({ key, v }) => ({
            what: `${n.path.join('/')}[${key}] = ${short(v)}`,
            channel: 'json' as const,
            apply: (p: Obj) => {
              Object.defineProperty(getAt(p, n.path), key, { value: v, enumerable: true, writable: true, configurable: true });
              return p;
            },
          })),
        ),
        // Reserved words as ids or references.
        pickNode(b, (n) => n.spec.type === 'string' && (n.spec as { format: string }).format === 'id').chain((n) =>
          memo('reserved', () => fc.constantFrom(...RESERVED_IDS)).map((id) => ({ what: `${n.path.join('/')} = ${id}`, apply: (p: Obj) => setAt(p, n.path, id) })),
        ),
      ),
  },
  {
    kind: 'bad-number',
    arb: (b) =>
      pickNode(b, (n) => n.spec.type === 'number').chain((n) =>
        badNumberArb(n.spec as Extract<Spec, { type: 'number' }>).chain((v) => {
          type Out = { what: string; apply: (p: Obj) => Obj; channel?: Channel; raw?: (t: string) => string };
          if (Number.isFinite(v)) return fc.constant<Out>({ what: `${n.path.join('/')} = ${v}`, apply: (p: Obj) => setAt(p, n.path, v) });
          // NaN/±Infinity: directly as an object, as YAML (.nan/.inf), or as JSON text (1e999 parses to Infinity; NaN is not JSON).
          const marker = '"zzNumberMarker"';
          const rawText = Number.isNaN(v) ? 'NaN' : v > 0 ? '1e999' : '-1e999';
          return memo('nfch', () => fc.constantFrom<Channel>('object', 'yaml', 'json')).map((channel): Out => ({
            what: `${n.path.join('/')} = ${v} (${channel})`,
            channel,
            apply: (p: Obj) => setAt(p, n.path, channel === 'json' ? 'zzNumberMarker' : v),
            raw: channel === 'json' ? (t: string) => t.replace(marker, rawText) : undefined,
          }));
        }),
      ),
  },
  {
    kind: 'bad-date',
    arb: () =>
      fc.oneof(
        badDateArb.chain((d) =>
          memo('datewhere', () => fc.constantFrom('publishedAt', 'expiresAt', 'policy.verifiedAt', 'policy.expiresAt')).map((where) => ({
            what: `${where} = ${d}`,
            apply: (p: Obj) => {
              if (where.startsWith('policy.')) p.policies[0][where.slice(7)] = d;
              else p[where] = d;
              return p;
            },
          })),
        ),
        fc.constant({
          what: 'expiresAt = publishedAt',
          apply: (p: Obj) => {
            p.publishedAt = '2026-06-01';
            p.expiresAt = '2026-06-01';
            return p;
          },
        }),
      ),
  },
  {
    kind: 'non-http-url',
    arb: () =>
      memo('url', () => fc.record({ url: fc.constantFrom(...BAD_SCHEMES), i: fc.nat() })).map(({ url, i }) => ({
        what: `policies/?/url = ${url}`,
        apply: (p: Obj) => {
          p.policies[i % p.policies.length].url = url;
          return p;
        },
      })),
  },
  {
    kind: 'unknown-field',
    arb: (b) =>
      pickNode(b, (n) => n.spec.type === 'object').chain((n) =>
        memo(`unknown:${(n.spec as ObjectSpec).name}`, () => fc.tuple(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('Id', 'ids', 'text ', 'onclick', 'href', 'html', 'dangerouslySetInnerHTML', 'eval')).filter((k) => !Object.prototype.hasOwnProperty.call((n.spec as ObjectSpec).fields, k) && !['__proto__', 'constructor', 'prototype'].includes(k)), fc.jsonValue({ maxDepth: 1 }))).map(([k, v]) => ({
            what: `${n.path.join('/')}[${JSON.stringify(k)}] added`,
            apply: (p: Obj) => {
              getAt(p, n.path)[k] = v;
              return p;
            },
          })),
      ),
  },
  {
    kind: 'missing-required',
    arb: (b) =>
      pickNode(b, (n) => n.required === true).map((n) => ({
        what: `${n.path.join('/')} deleted`,
        apply: (p: Obj) => {
          delete getAt(p, n.path.slice(0, -1))[n.path[n.path.length - 1]!];
          return p;
        },
      })),
  },
  {
    kind: 'bad-enum-or-format',
    arb: (b) =>
      pickNode(b, (n) => n.spec.type === 'string' && ['enum', 'const', 'id', 'currency', 'unit', 'locale', 'domain'].includes((n.spec as { format: string }).format)).chain((n) => {
        const spec = n.spec as Extract<Spec, { type: 'string' }>;
        const bad: fc.Arbitrary<string> = memo(`fmt:${spec.format}:${(spec.values ?? []).join(',')}`, () =>
          spec.format === 'enum' || spec.format === 'const'
            ? stringArbNotIn(spec.values ?? [])
            : spec.format === 'id'
              ? fc.oneof(fc.constantFrom('has space', '-lead', '.x', 'a/b', 'a:b', 'é', 'x'.repeat(65)), fc.string({ minLength: 1, maxLength: 8 }).map((s) => `a b${s}`))
              : spec.format === 'currency'
                ? fc.constantFrom('eur', 'EURO', 'E1R', '€', 'US')
                : spec.format === 'unit'
                  ? fc.constantFrom('usd', 'Count', 'percent%', 'pct', '%')
                  : spec.format === 'locale'
                    ? fc.constantFrom('EN', 'en_GB', 'english', 'e', 'en-', '12')
                    : fc.constantFrom('ada@example.com', 'https://example.com', 'example', 'exa mple.com', 'example.com/path', '-example.com', 'example..com'));
        return bad.map((v) => ({ what: `${n.path.join('/')} = ${JSON.stringify(v).slice(0, 60)}`, apply: (p: Obj) => setAt(p, n.path, v) }));
      }),
  },
  {
    kind: 'too-many',
    arb: (b) =>
      pickNode(b, (n) => n.spec.type === 'array' && (n.spec as ArraySpec).max <= PACK_CAPS.maxSegments).map((n) => ({
        what: `${n.path.join('/')} over its cap (${(n.spec as ArraySpec).max})`,
        apply: (p: Obj) => {
          const spec = n.spec as ArraySpec;
          const list = getAt(p, n.path) as unknown[];
          const filler = list.length > 0 ? list : fillerFor(spec, p);
          const out: unknown[] = [];
          for (let i = 0; out.length <= spec.max; i++) out.push(structuredClone(filler[i % filler.length]));
          return setAt(p, n.path, out);
        },
      })),
  },
  {
    kind: 'semantic',
    arb: () =>
      fc.constantFrom<[string, (p: Obj) => Obj]>(
        ['approval bands not ascending', (p: Obj) => {
          const l = p.limits.find((x: Obj) => x.approvals?.length) ?? p.limits[0];
          const band = l.approvals?.[0] ?? { above: 10, approver: p.roles[p.roles.length - 1].id };
          l.approvals = [structuredClone(band), structuredClone(band)];
          return p;
        }],
        ['percent limit above 100', (p: Obj) => {
          const l = p.limits[0];
          l.unit = 'percent';
          delete l.percentOf;
          l.maxByRole = { [p.roles[0].id]: 150 };
          return p;
        }],
        ['amount-above rule without value', (p: Obj) => {
          (p.limits[0].never ??= []).push({ id: 'zz-rule', when: 'amount-above', text: 'Never above the threshold.' });
          return p;
        }],
        ['outside-window rule without window', (p: Obj) => {
          delete p.limits[0].window;
          (p.limits[0].never ??= []).push({ id: 'zz-rule', when: 'outside-window', text: 'Never outside the window.' });
          return p;
        }],
        ['cap-exceeded rule without perPeriod', (p: Obj) => {
          delete p.limits[0].perPeriod;
          (p.limits[0].never ??= []).push({ id: 'zz-rule', when: 'cap-exceeded', text: 'Never over the cap.' });
          return p;
        }],
        ['internal note for customers', (p: Obj) => {
          p.phrases[0].kind = 'internal-note';
          p.phrases[0].audience = 'customer';
          return p;
        }],
        ['rate from == to', (p: Obj) => {
          p.rates = [{ from: 'EUR', to: 'EUR', rate: 1 }];
          return p;
        }],
        ['format version 2', (p: Obj) => {
          p.format = 'tactline-pack/2';
          return p;
        }],
        ['version 0', (p: Obj) => {
          p.version = 0;
          return p;
        }],
        ['intent without examples', (p: Obj) => {
          p.intents[0].examples = [];
          return p;
        }],
        ['unknown placeholder', (p: Obj) => {
          p.phrases[0].text += ' {{customer.password}}';
          return p;
        }],
      ).map(([what, apply]) => ({ what, apply })),
  },
  {
    kind: 'not-a-pack',
    arb: () =>
      fc.oneof(fc.constant([]), fc.constant(null), fc.string({ maxLength: 30 }), fc.integer(), fc.boolean(), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 })).map((v) => ({
        what: `root = ${short(v)}`,
        apply: () => v as Obj,
      })),
  },
];

/** Smallest entries to fill an empty list with (only used to make duplicates / overfull lists). */
function fillerFor(spec: ArraySpec, p: Obj): unknown[] {
  const items = spec.items;
  if (items.type === 'string') {
    if (items.format === 'enum') return [items.values![0]];
    if (items.format === 'id' && items.ref === 'intent') return [p.intents[0].id];
    if (items.format === 'id' && items.ref === 'segment') return [p.segments?.[0] ?? 'standard'];
    return ['filler'];
  }
  if (items.type === 'object' && items.name === 'ApprovalBand') return [{ above: 1, approver: p.roles[0].id }];
  if (items.type === 'object' && items.name === 'NeverRule') return [{ id: 'zz-n', when: 'manual', text: 'Ask first.' }];
  return [{ id: 'zz-filler' }];
}

function short(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + '…' : s;
  } catch {
    return typeof v;
  }
}

// ---------------------------------------------------------------------------------------------
// Text-level cases (the loader)

const TEXT_CASES: Array<{ kind: string; arb: fc.Arbitrary<Omit<FuzzCase, 'kind' | 'adversarial'>> }> = [
  {
    kind: 'random-bytes',
    arb: fc.oneof(
      fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ what: `${bytes.length} random bytes`, bytes })),
      fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ what: `${bytes.length} random bytes as text`, text: new TextDecoder().decode(bytes) })),
      fc.string({ unit: 'binary', maxLength: 500 }).map((text) => ({ what: `random text (${text.length})`, text })),
      fc.array(fc.constantFrom(...'{}[]:,"\'-#&*!|>? \n\ttrue0.5e'.split('')), { maxLength: 300 }).map((chars) => chars.join('')).map((text) => ({ what: `random JSON/YAML tokens: ${short(text)}`, text })),
    ),
  },
  {
    // KNOWN BUG (guidance/pack/load.ts): YAML nesting is only capped AFTER the `yaml` parser ran, which
    // recurses and relies on catching "Maximum call stack size exceeded". A 100 KB text such as
    // 'a: ' + '['.repeat(100_000) costs 3–5 s of CPU in parseDocument, and once (inside a long fuzz
    // process) V8 aborted the whole process with "FATAL ERROR: RegExpCompiler Allocation failed -
    // process out of memory", which no try/catch can stop. JSON texts are depth-checked before
    // parsing and are fuzzed here up to 100,000 deep; YAML texts are kept to 300 levels until the
    // loader pre-checks YAML flow/indent depth the same way.
    kind: 'deep-text',
    arb: fc.record({ n: fc.oneof(fc.integer({ min: 33, max: 2_000 }), fc.constant(100_000)), form: fc.constantFrom('json-array', 'json-object', 'yaml-flow', 'yaml-block', 'json-unclosed') }).map(({ n, form }) => {
      const text =
        form === 'json-array'
          ? '['.repeat(n) + ']'.repeat(n)
          : form === 'json-object'
            ? '{"a":'.repeat(n) + '1' + '}'.repeat(n)
            : form === 'yaml-flow'
              ? 'format: tactline-pack/1\nintents: ' + '['.repeat(Math.min(n, 300)) + ']'.repeat(Math.min(n, 300))
              : form === 'yaml-block'
                ? Array.from({ length: Math.min(n, 200) }, (_, i) => ' '.repeat(i) + '- ').join('\n') + 'x'
                : '['.repeat(n);
      return { what: `${n}-deep ${form}`, text };
    }),
  },
  {
    kind: 'truncated-json',
    arb: fc.record({ b: fc.nat(SAMPLE_PACKS.length - 1), at: fc.double({ min: 0, max: 0.9999, noNaN: true }) }).map(({ b, at }) => {
      const full = JSON.stringify(basePacks()[b]);
      const cut = Math.floor(at * (full.length - 1));
      return { what: `sample ${b} cut at ${cut}/${full.length}`, text: full.slice(0, cut) };
    }),
  },
  {
    kind: 'yaml-hostile',
    arb: fc.oneof(
      fc.integer({ min: 3, max: 9 }).map((n) => {
        // Billion laughs: each level repeats the previous anchor 10 times.
        const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
        for (let i = 1; i <= n; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]`);
        return { what: `YAML alias bomb, ${n} levels`, text: lines.join('\n') + '\n', filename: 'bomb.yaml' };
      }),
      fc.constantFrom('!!js/function "function(){}"', '!!binary aGVsbG8=', '!custom x', '!!python/object:os.system ["id"]', '!!set {a, b}', '!!omap [a: 1]').map((tag) => ({
        what: `YAML tag ${tag}`,
        text: `format: tactline-pack/1\nid: x\nname: ${tag}\nversion: 1\nintents: []\n`,
        filename: 'tags.yaml',
      })),
      fc.constantFrom('id', 'name', 'format', 'version').map((k) => ({
        what: `YAML duplicate key ${k}`,
        text: `format: tactline-pack/1\nid: x\nname: X\nversion: 1\n${k}: 2\nintents:\n  - id: a\n    label: A\n    examples: [hello]\n`,
        filename: 'dup.yaml',
      })),
      fc.constant({ what: 'two YAML documents', text: 'format: tactline-pack/1\n---\nid: x\n', filename: 'docs.yaml' }),
      fc.constant({ what: 'YAML merge key into __proto__', text: 'base: &b {tactlinePolluted: true}\n__proto__: *b\nformat: tactline-pack/1\n', filename: 'proto.yaml' }),
      fc.constant({ what: 'YAML <<: merge', text: 'base: &b {tactlinePolluted: true}\nformat: tactline-pack/1\nid: x\nname: X\nversion: 1\nintents: []\n<<: *b\n', filename: 'merge.yaml' }),
    ),
  },
  {
    kind: 'oversize',
    arb: fc.constantFrom('ascii', 'multibyte').map((k) => ({
      what: `${k} text over the 10 MB cap`,
      text: k === 'ascii' ? '{"a":"' + 'x'.repeat(PACK_CAPS.maxBytes) + '"}' : '{"a":"' + '€'.repeat(Math.ceil(PACK_CAPS.maxBytes / 3) + 1) + '"}',
    })),
  },
];

// ---------------------------------------------------------------------------------------------
// Benign cases: may be accepted (then they go through buildIndex).

const HOSTILE_TEXT = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg onload=alert(1)>', '{{constructor.constructor}}', 'مرحبا بالعالم', 'שלום', '𝓗𝓮𝓵𝓵𝓸 🙂', 'Ǎ̴̡͎ć̸̱c̷̰̈ẽ̷͈n̴̢̏t̵̰̎s̴͚̈', '__proto__ constructor prototype', '%s%n%x', '\\u0000', 'a'.repeat(900)];

const BENIGN: Array<{ kind: string; arb: (b: number) => fc.Arbitrary<{ what: string; apply: (p: Obj) => Obj; raw?: (t: string) => string }> }> = [
  {
    kind: 'benign-value-swap',
    arb: (b) => pickNode(b, isEntity).chain((n) => memo('jv2', () => fc.jsonValue({ maxDepth: 2 })).map((v) => ({ what: `${n.path.join('/')} = ${short(v)}`, apply: (p: Obj) => setAt(p, n.path, v) }))),
  },
  {
    kind: 'benign-char-flip',
    arb: () =>
      fc.record({ at: fc.double({ min: 0, max: 0.9999, noNaN: true }), ch: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme-ascii' }) }).map(({ at, ch }) => ({
        what: `char flip at ${at.toFixed(4)} -> ${JSON.stringify(ch)}`,
        apply: (p: Obj) => p,
        raw: (t: string) => {
          const i = Math.floor(at * t.length);
          return t.slice(0, i) + ch + t.slice(i + 1);
        },
      })),
  },
  {
    kind: 'benign-hostile-content',
    arb: (b) =>
      pickNode(b, (n) => n.spec.type === 'string' && ['text', 'line', 'template'].includes((n.spec as { format: string }).format)).chain((n) =>
        memo('hostile', () => fc.constantFrom(...HOSTILE_TEXT)).map((s) => ({
          what: `${n.path.join('/')} = ${short(s)}`,
          apply: (p: Obj) => setAt(p, n.path, s.slice(0, (n.spec as { max: number }).max)),
        })),
      ),
  },
];

// ---------------------------------------------------------------------------------------------
// The case arbitrary

export function caseArbitrary(): fc.Arbitrary<FuzzCase> {
  const bases = basePacks();
  const texts = new Map<number, string>();
  const baseJson = (b: number) => {
    let t = texts.get(b);
    if (t === undefined) texts.set(b, (t = JSON.stringify(bases[b])));
    return t;
  };
  // YAML round trips cost ~5 ms each (stringify + parse), JSON ~0.1 ms: YAML gets 2% of the cases.
  const channelArb = fc.oneof({ weight: 30, arbitrary: fc.constant<Channel>('object') }, { weight: 68, arbitrary: fc.constant<Channel>('json') }, { weight: 2, arbitrary: fc.constant<Channel>('yaml') });
  const fromMutation = (kind: string, adversarial: boolean, arb: (b: number) => fc.Arbitrary<{ what: string; apply: (p: Obj) => Obj; channel?: Channel; raw?: (t: string) => string }>) =>
    fc.nat(bases.length - 1).chain((b) =>
      memo(`mut:${kind}:${b}`, () => fc.tuple(arb(b), channelArb)).map(([m, ch]): FuzzCase => {
        const channel = m.raw ? 'json' : (m.channel ?? ch);
        const obj = m.apply(JSON.parse(baseJson(b)) as Obj);
        const c: FuzzCase = { kind, adversarial, what: `[${SAMPLE_PACKS[b]} ${channel}] ${m.what}` };
        if (channel === 'object') c.object = obj;
        else if (channel === 'json') {
          const t = JSON.stringify(obj);
          c.text = m.raw ? m.raw(t) : t;
          c.filename = 'pack.json';
        } else {
          c.text = yamlStringify(obj, { aliasDuplicateObjects: false });
          c.filename = 'pack.yaml';
        }
        return c;
      }),
    );
  const weighted: Array<fc.WeightedArbitrary<FuzzCase>> = [
    ...MUTATIONS.map((m) => ({ weight: m.kind === 'semantic' || m.kind === 'not-a-pack' ? 30 : 60, arbitrary: fromMutation(m.kind, true, m.arb) })),
    ...TEXT_CASES.map((t) => ({
      weight: t.kind === 'oversize' ? 1 : t.kind === 'deep-text' ? 20 : 40,
      arbitrary: t.arb.map((x): FuzzCase => ({ ...x, kind: t.kind, adversarial: true })),
    })),
    ...BENIGN.map((m) => ({ weight: 30, arbitrary: fromMutation(m.kind, false, m.arb) })),
  ];
  return fc.oneof(...weighted);
}

// ---------------------------------------------------------------------------------------------
// Running cases

export interface KindStats {
  tried: number;
  loadRejected: number;
  validatorRejected: number;
  accepted: number;
  indexed: number;
  crashed: number;
}

export interface Failure {
  kind: string;
  what: string;
  problem: string;
}

export interface FuzzSummary {
  seed: number;
  cases: number;
  ms: number;
  byKind: Map<string, KindStats & { adversarial: boolean }>;
  failures: Failure[];
  /** Failures by type (counted even after the first few examples). */
  counts: { adversarialAccepted: number; crashed: number; mutated: number; polluted: number };
}

/** Structural hash of a value (own keys incl. "__proto__", types, NaN/±0, string contents), iterative. */
export function fingerprint(root: unknown, budget = 2_000_000): string {
  // Per-case checks use a budget of 50,000 nodes; the shared 100,000-deep values are checked in full at the end of the run.
  let h1 = 0x811c9dc5;
  let h2 = 0;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619);
      h2 = (h2 + h1) | 0;
    }
  };
  const stack: unknown[] = [root];
  let n = 0;
  while (stack.length > 0) {
    if (++n > budget) break;
    const v = stack.pop();
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'string') {
        mix('s');
        mix(v.length > 256 ? v.slice(0, 128) + v.length + v.slice(-128) : v);
      } else mix(typeof v === 'number' && Object.is(v, -0) ? '-0' : `${typeof v}${String(v)}`);
      continue;
    }
    if (ArrayBuffer.isView(v)) {
      mix(`b${(v as Uint8Array).length}`);
      continue;
    }
    if (Array.isArray(v)) {
      mix(`[${v.length}`);
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      continue;
    }
    const keys = Object.getOwnPropertyNames(v);
    mix(Object.getPrototypeOf(v) === null ? '{0' : '{');
    for (let i = keys.length - 1; i >= 0; i--) {
      mix(keys[i]!);
      stack.push((v as Obj)[keys[i]!]);
    }
  }
  return `${n}:${(h1 >>> 0).toString(16)}:${(h2 >>> 0).toString(16)}`;
}

const PROTO_KEYS = { object: Object.getOwnPropertyNames(Object.prototype).join(','), array: Object.getOwnPropertyNames(Array.prototype).join(',') };
function polluted(): string | undefined {
  const probe = {} as Obj;
  if (probe.tactlinePolluted !== undefined || ([] as unknown as Obj).tactlinePolluted !== undefined) return 'a tactlinePolluted property appeared on every object';
  if (Object.getOwnPropertyNames(Object.prototype).join(',') !== PROTO_KEYS.object) return 'Object.prototype gained or lost properties';
  if (Object.getOwnPropertyNames(Array.prototype).join(',') !== PROTO_KEYS.array) return 'Array.prototype gained or lost properties';
  if (typeof probe.toString !== 'function' || typeof probe.hasOwnProperty !== 'function') return 'Object.prototype methods were replaced';
  return undefined;
}

const SWALLOWED = /^could not be read:/;

export function runCase(c: FuzzCase, stats: KindStats, report: (problem: string) => void, counts: FuzzSummary['counts']): void {
  stats.tried++;
  let value: unknown;
  if (c.object !== undefined || (c.text === undefined && c.bytes === undefined)) value = c.object;
  else {
    try {
      value = c.bytes ? parsePackBytes(c.bytes, c.filename) : parsePackText(c.text!, c.filename);
    } catch (e) {
      if (e instanceof PackLoadError) {
        stats.loadRejected++;
        return;
      }
      stats.crashed++;
      counts.crashed++;
      report(`loader threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 300));
      return;
    }
  }
  const before = fingerprint(value, 50_000);
  let result: ReturnType<typeof validatePack>;
  try {
    result = validatePack(value);
  } catch (e) {
    stats.crashed++;
    counts.crashed++;
    report(`validatePack threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 300));
    return;
  }
  if (fingerprint(value, 50_000) !== before) {
    counts.mutated++;
    report('validatePack mutated its input');
  }
  const p = polluted();
  if (p) {
    counts.polluted++;
    report(`prototype pollution: ${p}`);
  }
  if (!result || typeof result.ok !== 'boolean') {
    stats.crashed++;
    counts.crashed++;
    report('validatePack returned no result');
    return;
  }
  if (!result.ok) {
    const swallowed = result.errors.find((e) => SWALLOWED.test(e.message));
    if (swallowed || result.errors.length === 0 || result.errors.some((e) => typeof e.path !== 'string' || (e.path !== '' && !e.path.startsWith('/')))) {
      stats.crashed++;
      counts.crashed++;
      report(swallowed ? `validator swallowed an exception: ${swallowed.message.slice(0, 200)}` : 'validator returned malformed errors');
      return;
    }
    stats.validatorRejected++;
    return;
  }
  stats.accepted++;
  if (c.adversarial) {
    counts.adversarialAccepted++;
    report('adversarial pack was ACCEPTED');
  }
  if (result.pack === value) report('validatePack returned its input object');
  try {
    const index = buildIndex(result.pack, { calibrate: false });
    if (!index || typeof index !== 'object') throw new Error('buildIndex returned nothing');
    stats.indexed++;
  } catch (e) {
    stats.crashed++;
    counts.crashed++;
    report(`buildIndex threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 300));
  }
}

export interface RunOptions {
  cases: number;
  seed?: number;
  /** Progress callback (every `batch` cases). */
  onProgress?: (done: number, ms: number) => void;
  batch?: number;
  /** Keep at most this many failure examples. */
  maxFailures?: number;
}

export function runFuzz(opts: RunOptions): FuzzSummary {
  const seed = opts.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0;
  const batch = opts.batch ?? 1_000;
  const maxFailures = opts.maxFailures ?? 20;
  const arb = caseArbitrary();
  const byKind = new Map<string, KindStats & { adversarial: boolean }>();
  const failures: Failure[] = [];
  const counts = { adversarialAccepted: 0, crashed: 0, mutated: 0, polluted: 0 };
  const t0 = performance.now();
  let done = 0;
  for (let round = 0; done < opts.cases; round++) {
    const n = Math.min(batch, opts.cases - done);
    const cases = fc.sample(arb, { numRuns: n, seed: (seed + round * 7919) | 0 });
    for (const c of cases) {
      let s = byKind.get(c.kind);
      if (!s) byKind.set(c.kind, (s = { tried: 0, loadRejected: 0, validatorRejected: 0, accepted: 0, indexed: 0, crashed: 0, adversarial: c.adversarial }));
      runCase(c, s, (problem) => {
        if (failures.length < maxFailures) failures.push({ kind: c.kind, what: c.what, problem });
      }, counts);
    }
    done += n;
    opts.onProgress?.(done, performance.now() - t0);
  }
  for (const [v, print] of deepPrints) {
    if (fingerprint(v) !== print) {
      counts.mutated++;
      failures.push({ kind: 'deep-nesting', what: 'shared 100,000-deep value', problem: 'validatePack mutated its input' });
    }
  }
  return { seed, cases: done, ms: performance.now() - t0, byKind, failures, counts };
}

/** True when the run found nothing wrong. */
export function passed(s: FuzzSummary): boolean {
  return s.counts.adversarialAccepted === 0 && s.counts.crashed === 0 && s.counts.mutated === 0 && s.counts.polluted === 0 && s.failures.length === 0;
}

export function formatSummary(s: FuzzSummary): string {
  const rows = [...s.byKind.entries()].sort((a, b) => Number(b[1].adversarial) - Number(a[1].adversarial) || a[0].localeCompare(b[0]));
  const head = ['kind', 'tried', 'load-rejected', 'validator-rejected', 'accepted', 'indexed', 'crashed'];
  const lines = rows.map(([k, v]) => [`${k}${v.adversarial ? '' : ' (benign)'}`, v.tried, v.loadRejected, v.validatorRejected, v.accepted, v.indexed, v.crashed].map(String));
  const adv = rows.filter(([, v]) => v.adversarial).map(([, v]) => v);
  const sum = (xs: KindStats[], f: keyof KindStats) => xs.reduce((a, x) => a + x[f], 0);
  const all = rows.map(([, v]) => v);
  lines.push(['ADVERSARIAL TOTAL', sum(adv, 'tried'), sum(adv, 'loadRejected'), sum(adv, 'validatorRejected'), sum(adv, 'accepted'), sum(adv, 'indexed'), sum(adv, 'crashed')].map(String));
  lines.push(['ALL', sum(all, 'tried'), sum(all, 'loadRejected'), sum(all, 'validatorRejected'), sum(all, 'accepted'), sum(all, 'indexed'), sum(all, 'crashed')].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(0, -2).map(fmt), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(-2).map(fmt)];
  out.push('');
  out.push(`cases tried ${s.cases} · adversarial accepted ${s.counts.adversarialAccepted} · crashed ${s.counts.crashed} · input mutated ${s.counts.mutated} · prototype polluted ${s.counts.polluted} · ${(s.ms / 1000).toFixed(1)} s · seed ${s.seed}`);
  for (const f of s.failures) out.push(`FAIL [${f.kind}] ${f.what}\n     → ${f.problem}`);
  return out.join('\n');
}

export type { Json };
