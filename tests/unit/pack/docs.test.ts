import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePackText } from '../../../guidance/pack/load';
import { PACK_CAPS, PACK_SPEC, validatePack, type Spec } from '../../../guidance/pack/validate';

const doc = readFileSync(join(__dirname, '../../../docs/pack-format.md'), 'utf8');

function yamlBlockAfter(heading: string): string {
  const start = doc.indexOf(heading);
  expect(start).toBeGreaterThan(-1);
  const m = /```yaml\n([\s\S]*?)```/.exec(doc.slice(start));
  return m![1]!;
}

/** Every field path of the spec ("limits.approvals.how"). */
function specPaths(spec: Spec, prefix: string, out: string[]): string[] {
  if (spec.type === 'array') return specPaths(spec.items, prefix, out);
  if (spec.type !== 'object') return out;
  for (const [k, f] of Object.entries(spec.fields)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push(p);
    specPaths(f.spec, p, out);
  }
  return out;
}

function valuePaths(v: unknown, prefix: string, out: Set<string>): Set<string> {
  if (Array.isArray(v)) {
    for (const x of v) valuePaths(x, prefix, out);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.add(p);
      if (!prefix.endsWith('maxByRole') && k !== 'maxByRole') valuePaths(x, p, out);
    }
  }
  return out;
}

describe('docs/pack-format.md', () => {
  it('the complete annotated example is a valid pack without warnings', () => {
    const r = validatePack(parsePackText(yamlBlockAfter('## A complete annotated example'), 'example.yaml'));
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    expect(r.warnings).toEqual([]);
  });

  it('the complete annotated example uses every field of the format', () => {
    const used = valuePaths(parsePackText(yamlBlockAfter('## A complete annotated example'), 'example.yaml'), '', new Set());
    const missing = specPaths(PACK_SPEC, '', []).filter((p) => !used.has(p));
    expect(missing).toEqual([]);
  });

  it('the quick-start pack is valid', () => {
    expect(validatePack(parsePackText(yamlBlockAfter('## Quick start'), 'q.yaml')).ok).toBe(true);
  });

  it('documents every field and the caps the validator enforces', () => {
    for (const p of specPaths(PACK_SPEC, '', [])) {
      const field = p.split('.').pop()!;
      expect(doc, field).toContain(`\`${field}\``);
    }
    expect(doc).toContain('| Pack file size (raw bytes, checked before parsing) | 10 MB |');
    expect(PACK_CAPS.maxBytes).toBe(10 * 1024 * 1024);
    expect(doc).toContain(`| Nesting depth of the JSON/YAML document | ${PACK_CAPS.maxDepth} levels |`);
    expect(doc).toContain(`| ${PACK_CAPS.maxEntries.toLocaleString('en')} |`);
    expect(PACK_CAPS.maxRoles).toBe(100);
    expect(PACK_CAPS.maxSmallList).toBe(50);
  });
});
