import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packJsonSchema } from '../../../bin/cli/schema';
import { canonicalJson } from '../../../guidance/pack/canonical';
import { PACK_SPEC, validatePack, type ObjectSpec, type Spec } from '../../../guidance/pack/validate';
import { minimalPack, richPack } from './fixtures';

const root = join(__dirname, '../../..');
const schema = packJsonSchema() as any;

/** A small checker for the JSON Schema keywords the generated schema uses (enough to cross-check). */
function check(s: any, v: unknown, path: string, errors: string[]): void {
  if (s.$ref) return check(schema.$defs[s.$ref.replace('#/$defs/', '')], v, path, errors);
  const type = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
  if (s.type === 'integer' ? !Number.isInteger(v) : s.type && s.type !== type) {
    errors.push(`${path}: type`);
    return;
  }
  if (s.const !== undefined && v !== s.const) errors.push(`${path}: const`);
  if (s.enum && !s.enum.includes(v)) errors.push(`${path}: enum`);
  if (typeof v === 'string') {
    if (s.minLength !== undefined && v.length < s.minLength) errors.push(`${path}: minLength`);
    if (s.maxLength !== undefined && v.length > s.maxLength) errors.push(`${path}: maxLength`);
    if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) errors.push(`${path}: pattern`);
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) errors.push(`${path}: minimum`);
    if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) errors.push(`${path}: exclusiveMinimum`);
    if (s.maximum !== undefined && v > s.maximum) errors.push(`${path}: maximum`);
  }
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems) errors.push(`${path}: maxItems`);
    if (s.minItems !== undefined && v.length < s.minItems) errors.push(`${path}: minItems`);
    if (s.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) errors.push(`${path}: uniqueItems`);
    v.forEach((x, i) => check(s.items, x, `${path}/${i}`, errors));
  }
  if (type === 'object') {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) errors.push(`${path}/${r}: required`);
    for (const [k, x] of Object.entries(o)) {
      if (s.properties?.[k]) check(s.properties[k], x, `${path}/${k}`, errors);
      else if (s.additionalProperties === false) errors.push(`${path}/${k}: additionalProperties`);
      else if (typeof s.additionalProperties === 'object') check(s.additionalProperties, x, `${path}/${k}`, errors);
      if (s.propertyNames?.pattern && !new RegExp(s.propertyNames.pattern).test(k)) errors.push(`${path}/${k}: propertyNames`);
    }
  }
}

function schemaErrors(v: unknown): string[] {
  const errors: string[] = [];
  check(schema, v, '', errors);
  return errors;
}

describe('docs/pack.schema.json', () => {
  it('is up to date with the validator (regenerate: tactline pack schema -o docs/pack.schema.json)', () => {
    expect(readFileSync(join(root, 'docs/pack.schema.json'), 'utf8')).toBe(canonicalJson(schema));
  });

  it('is a draft 2020-12 schema that forbids unknown properties on every object', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const objects: any[] = [];
    const walk = (s: any) => {
      if (!s || typeof s !== 'object') return;
      if (s.type === 'object') objects.push(s);
      for (const v of Object.values(s)) walk(v);
    };
    walk(schema);
    expect(objects.length).toBeGreaterThan(10);
    for (const o of objects) {
      if (o.propertyNames) expect(typeof o.additionalProperties).toBe('object'); // maxByRole: role id → number
      else expect(o.additionalProperties).toBe(false);
    }
  });

  it('lists every field the validator knows, with the same required fields', () => {
    const visit = (spec: Spec, s: any, where: string) => {
      if (spec.type === 'object') {
        const target = s.$ref ? schema.$defs[s.$ref.replace('#/$defs/', '')] : s;
        const o = spec as ObjectSpec;
        expect(Object.keys(target.properties).sort(), where).toEqual(Object.keys(o.fields).sort());
        expect([...target.required].sort(), where).toEqual(Object.entries(o.fields).filter(([, f]) => f.required).map(([k]) => k).sort());
        for (const [k, f] of Object.entries(o.fields)) visit(f.spec, target.properties[k], `${where}/${k}`);
      } else if (spec.type === 'array') {
        visit(spec.items, s.items, `${where}/items`);
      }
    };
    visit(PACK_SPEC, schema, '');
  });

  it('accepts every sample pack and the test fixtures, as the validator does', () => {
    const dir = join(root, 'guidance/packs');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const value = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      expect(validatePack(value).ok, f).toBe(true);
      expect(schemaErrors(value), f).toEqual([]);
    }
    expect(schemaErrors(richPack())).toEqual([]);
    expect(schemaErrors(minimalPack())).toEqual([]);
  });

  it('rejects what the validator rejects for shape errors', () => {
    const cases: Array<(p: any) => void> = [
      (p) => (p.extra = 1),
      (p) => (p.intents[0].exmaples = []),
      (p) => (p.version = '7'),
      (p) => (p.limits[0].unit = 'eur'),
      (p) => (p.phrases[0].kind = 'empathic'),
      (p) => (p.limits[0].maxByRole['bad key'] = 1),
      (p) => (p.intents[0].examples = []),
      (p) => delete p.format,
    ];
    for (const mutate of cases) {
      const p = richPack();
      mutate(p);
      expect(validatePack(p).ok).toBe(false);
      expect(schemaErrors(p).length, String(mutate)).toBeGreaterThan(0);
    }
  });
});
