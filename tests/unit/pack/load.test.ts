import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePackBytes, parsePackText, tryParsePackText, PackLoadError, detectSyntax, utf8Length } from '../../../guidance/pack/load';
import { validatePack, PACK_CAPS } from '../../../guidance/pack/validate';

function loadError(text: string, name?: string, opts = {}): PackLoadError {
  try {
    parsePackText(text, name, opts);
  } catch (e) {
    if (e instanceof PackLoadError) return e;
    throw e;
  }
  throw new Error('expected a PackLoadError');
}

describe('parsePackText', () => {
  it('reads JSON and YAML into the same value', () => {
    const json = '{"format":"tactline-pack/1","id":"a","name":"A","version":1,"intents":[{"id":"x","label":"X","examples":["hello there"]}]}';
    const yaml = 'format: tactline-pack/1\nid: a\nname: A\nversion: 1\nintents:\n  - id: x\n    label: X\n    examples: [hello there]\n';
    expect(parsePackText(yaml, 'p.yaml')).toEqual(parsePackText(json, 'p.json'));
    expect(validatePack(parsePackText(yaml)).ok).toBe(true);
  });

  it('keeps YAML dates, yes/no and version-like numbers as the text or number written (YAML 1.2 core)', () => {
    expect(parsePackText('a: 2026-03-01\nb: yes\nc: 1.10\n')).toEqual({ a: '2026-03-01', b: 'yes', c: 1.1 });
  });

  it('detects the syntax from the name, else from the first character', () => {
    expect(detectSyntax('{}', 'x.yaml')).toBe('yaml');
    expect(detectSyntax('a: 1', 'x.JSON')).toBe('json');
    expect(detectSyntax('  \n {"a":1}')).toBe('json');
    expect(detectSyntax('a: 1')).toBe('yaml');
  });

  it('gives line and column for JSON errors', () => {
    const e = loadError('{\n  "a": 1,\n  "b": }\n', 'p.json');
    expect(e.message).toMatch(/^not valid JSON at line 3, column 8: /);
    expect(e.line).toBe(3);
    expect(loadError('{"a": 1,}', 'p.json').message).toBe('not valid JSON at line 1, column 9: trailing comma before }');
    expect(loadError("{'a': 1}", 'p.json').message).toContain('double quotes, not single quotes');
    expect(loadError('{"a": 1 "b": 2}', 'p.json').message).toContain('a comma may be missing');
    expect(loadError('{"a": "abc', 'p.json').message).toBe('not valid JSON at line 1, column 7: text in quotes is never closed');
  });

  it('gives line and column for YAML errors, and rejects duplicate keys, extra documents and custom tags', () => {
    expect(loadError('a: 1\nb: [1, 2\nc: 3\n').message).toMatch(/^not valid YAML at line \d+, column \d+/);
    expect(loadError('a: 1\na: 2\n').message).toMatch(/line 2, column 1: Map keys must be unique/);
    expect(loadError('a: 1\n---\nb: 2\n').message).toContain('a pack file holds one YAML document');
    expect(loadError('a: !!js/function "f"\n').message).toContain('custom YAML tags are not supported');
  });

  it('caps YAML aliases (billion laughs)', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill('*' + String.fromCharCode(97 + i)).join(',')}]`);
    const e = loadError(lines.join('\n'));
    expect(e.message).toMatch(/^not valid YAML/);
  });

  it('caps the size', () => {
    const big = '{"a":"' + 'x'.repeat(PACK_CAPS.maxBytes) + '"}';
    expect(loadError(big).message).toMatch(/^the file is too big: 10\.0 MB, at most 10\.0 MB/);
    expect(loadError('{"a":"ééé"}', undefined, { maxBytes: 10 }).message).toContain('too big');
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
  });

  it('caps the nesting depth for JSON (before parsing) and YAML', () => {
    const deep = '['.repeat(PACK_CAPS.maxDepth + 1) + ']'.repeat(PACK_CAPS.maxDepth + 1);
    expect(loadError(deep, 'x.json').message).toContain('nested too deeply');
    expect(loadError('['.repeat(100_000) + ']'.repeat(100_000), 'x.json').message).toContain('nested too deeply');
    expect(loadError(deep, 'x.yaml').message).toMatch(/nested too deeply/);
    // Brackets inside strings do not count.
    expect(parsePackText(JSON.stringify({ a: '['.repeat(100) }), 'x.json')).toEqual({ a: '['.repeat(100) });
    const ok = '['.repeat(PACK_CAPS.maxDepth) + ']'.repeat(PACK_CAPS.maxDepth);
    expect(() => parsePackText(ok, 'x.json')).not.toThrow();
  });

  it('rejects empty files, strips a BOM, and insists on UTF-8 bytes', () => {
    expect(loadError('  \n').message).toBe('the file is empty');
    expect(parsePackText('\uFEFF{"a":1}')).toEqual({ a: 1 });
    expect(() => parsePackBytes(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow(/not UTF-8/);
    expect(parsePackBytes(new TextEncoder().encode('{"a":"é"}'))).toEqual({ a: 'é' });
  });

  it('has a non-throwing variant', () => {
    expect(tryParsePackText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(tryParsePackText('{', 'x.json')).toMatchObject({ ok: false, message: expect.stringContaining('not valid JSON') });
  });
});

describe('sample packs', () => {
  const dir = join(__dirname, '../../../guidance/packs');
  const files = readdirSync(dir).filter((f) => /\.(json|ya?ml)$/.test(f));

  it('there are sample packs', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s validates without errors or warnings', (file) => {
    const value = parsePackText(readFileSync(join(dir, file), 'utf8'), file);
    const r = validatePack(value);
    expect(r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([]);
    expect(r.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([]);
  });
});
