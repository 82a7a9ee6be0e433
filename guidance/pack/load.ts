/**
 * Parse pack text (JSON or YAML) into a plain value for `validatePack()`, with caps against
 * hostile input: raw size, nesting depth, YAML aliases, and clear errors with line and column.
 *
 * Pure: no file system, no network (the CLI reads files; the extension passes fetched text).
 */

import { parseDocument, LineCounter } from 'yaml';
import { PACK_CAPS } from './validate';

export type PackSyntax = 'json' | 'yaml';

/** Thrown by `parsePackText` when the text is not a readable pack file. */
export class PackLoadError extends Error {
  readonly line?: number;
  readonly column?: number;
  constructor(message: string, line?: number, column?: number) {
    super(message);
    this.name = 'PackLoadError';
    this.line = line;
    this.column = column;
  }
}

export interface LoadOptions {
  /** Force a syntax; by default it is chosen from the file name, else from the first character. */
  syntax?: PackSyntax;
  maxBytes?: number;
  maxDepth?: number;
  /** UTF-8 size of the text when the caller already counted it (skips counting again). */
  utf8Bytes?: number;
}

/** UTF-8 byte length of a string without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) n += 1;
    else if (code < 0x800) n += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** JSON or YAML, from the file name, else from the first non-blank character. */
export function detectSyntax(text: string, filename?: string): PackSyntax {
  if (filename) {
    if (/\.json$/i.test(filename)) return 'json';
    if (/\.ya?ml$/i.test(filename)) return 'yaml';
  }
  const first = /\S/.exec(text)?.[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

function lineCol(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: pos - start + 1 };
}

/**
 * Depth of the deepest nesting of objects/arrays in a JSON text (strings skipped), stopping early
 * past `limit`. Strings are skipped with indexOf (the bulk of a pack's bytes), not char by char.
 */
function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      // Jump to the closing quote: the next one not escaped by an odd run of backslashes.
      let j = i;
      for (;;) {
        j = text.indexOf('"', j + 1);
        if (j < 0) return max; // never closed: JSON.parse reports it
        let k = j - 1;
        while (text.charCodeAt(k) === 92 /* \ */) k--;
        if ((j - 1 - k) % 2 === 0) break;
      }
      i = j;
    } else if (ch === 123 || ch === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}

/** Depth of a parsed value (iterative, so hostile values cannot overflow the stack). */
function valueDepth(root: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) {
      max = d;
      if (max > limit) return max;
    }
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return max;
}

/**
 * Where and why JSON text is invalid (only called after JSON.parse failed, whose messages differ
 * between engines and often carry no position). Depth is already capped, so recursion is safe.
 */
export function findJsonError(text: string): { pos: number; reason: string } {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  class Bad {
    constructor(readonly pos: number, readonly reason: string) {}
  }
  const fail = (reason: string, pos = i): never => {
    throw new Bad(pos, reason);
  };
  const str = () => {
    const start = i;
    i++; // opening quote
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (ch === 34) {
        i++;
        return;
      }
      if (ch === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in text');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('bad escape in text: write \\\\ for a backslash');
        continue;
      }
      if (ch < 0x20) fail(ch === 10 ? 'text in quotes cannot span lines: write \\n for a line break' : 'control character inside text');
      i++;
    }
    fail('text in quotes is never closed', start);
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === '}') fail('trailing comma before }');
        if (text[i] !== '"') fail(text[i] === "'" ? 'field names need double quotes, not single quotes' : 'expected a field name in double quotes');
        str();
        ws();
        if (text[i] !== ':') fail('expected ":" after the field name');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(i >= n ? 'the text ends before the closing }' : 'expected "," or "}" (a comma may be missing)');
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') fail('trailing comma before ]');
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(i >= n ? 'the text ends before the closing ]' : 'expected "," or "]" (a comma may be missing)');
      }
    }
    if (ch === '"') return str();
    if (ch === "'") fail('text needs double quotes, not single quotes');
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    fail(i >= n ? 'the text ends where a value was expected' : 'expected a value (text in double quotes, a number, true, false, null, { } or [ ])');
  };
  try {
    value();
    ws();
    if (i < n) fail('unexpected text after the end of the pack');
  } catch (e) {
    if (e instanceof Bad) return { pos: e.pos, reason: e.reason };
    throw e;
  }
  return { pos: 0, reason: 'not valid JSON' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const { pos, reason } = findJsonError(text);
    const { line, column } = lineCol(text, pos);
    throw new PackLoadError(`not valid JSON at line ${line}, column ${column}: ${reason}`, line, column);
  }
}

function parseYaml(text: string): unknown {
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' });
  } catch (e) {
    throw new PackLoadError(`not valid YAML: ${e instanceof RangeError ? 'nested too deeply' : e instanceof Error ? e.message : String(e)}`);
  }
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const pos = problem.pos?.[0];
    const lc = pos !== undefined ? lineCounter.linePos(pos) : undefined;
    let reason = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    if (/multiple documents/.test(reason)) reason = 'a pack file holds one YAML document: remove the extra "---" line';
    else if (/^Unresolved tag/.test(reason)) reason = `${reason.replace('tag:yaml.org,2002:', '!!')} (custom YAML tags are not supported)`;
    if (lc) throw new PackLoadError(`not valid YAML at line ${lc.line}, column ${lc.col}: ${reason}`, lc.line, lc.col);
    throw new PackLoadError(`not valid YAML: ${reason}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    const msg = e instanceof RangeError ? 'nested too deeply' : e instanceof Error ? e.message : String(e);
    throw new PackLoadError(`not valid YAML: ${msg}`);
  }
}

/**
 * Upper-bound estimate of a YAML text's nesting, read BEFORE the (recursive) YAML parser runs, so a
 * hostile text like `a: [[[[[…` is refused in linear time instead of costing seconds of parser CPU.
 * Counts block nesting by indentation (plus `- - -` inline sequences) and flow collections opened at a
 * value position; brackets inside quotes or inside plain text ("see [1") do not count.
 */
function yamlDepth(text: string, limit: number): number {
  const indents: number[] = [];
  let flow = 0;
  let max = 0;
  let quote = '';
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let i = 0;
    while (line.charCodeAt(i) === 32) i++;
    if (flow === 0 && quote === '') {
      if (i >= line.length || line[i] === '#') continue;
      while (indents.length && indents[indents.length - 1]! >= i) indents.pop();
      indents.push(i);
    }
    let seq = 0;
    let j = i;
    while (flow === 0 && quote === '' && line[j] === '-' && (line[j + 1] === ' ' || j + 1 === line.length)) {
      seq++;
      j += 2;
      while (line[j] === ' ') j++;
    }
    let prev = j > 0 ? line[j - 1]! : ' ';
    for (; j < line.length; j++) {
      const ch = line[j]!;
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") {
        if (prev === ' ' || prev === ':' || prev === ',' || prev === '[' || prev === '{' || prev === '-') quote = ch;
      } else if (ch === '[' || ch === '{') {
        // A flow collection starts only where a value may start.
        if (flow > 0 || prev === ' ' || prev === ':' || prev === '-' || j === i) {
          flow++;
          max = Math.max(max, indents.length + seq + flow);
          if (max > limit) return max;
        }
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      else if (ch === '#' && prev === ' ' && flow === 0) break;
      if (ch !== ' ') prev = ch;
      else prev = ' ';
    }
    max = Math.max(max, indents.length + seq);
    if (max > limit) return max;
  }
  return max;
}

/**
 * Parse pack text into a plain value (not yet validated). Throws `PackLoadError` with a message an
 * admin can act on when the text is too big, nested too deeply or not valid JSON/YAML.
 */
export function parsePackText(text: string, filename?: string, options: LoadOptions = {}): unknown {
  return parseText(text, filename, options, false);
}

/** `sizeChecked`: the caller already checked the UTF-8 bytes this text was decoded from. */
function parseText(text: string, filename: string | undefined, options: LoadOptions, sizeChecked: boolean): unknown {
  const maxBytes = options.maxBytes ?? PACK_CAPS.maxBytes;
  const maxDepth = options.maxDepth ?? PACK_CAPS.maxDepth;
  if (typeof text !== 'string') throw new PackLoadError('not text');
  // Quick reject before counting bytes precisely (a UTF-16 unit is at most 3 UTF-8 bytes).
  const known = options.utf8Bytes;
  if (!sizeChecked && (known !== undefined ? known > maxBytes : text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text) > maxBytes))) {
    throw new PackLoadError(`the file is too big: ${formatBytes(known ?? utf8Length(text))}, at most ${formatBytes(maxBytes)} are allowed`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new PackLoadError('the file is empty');
  const syntax = options.syntax ?? detectSyntax(text, filename);
  let value: unknown;
  if (syntax === 'json') {
    if (jsonDepth(text, maxDepth) > maxDepth) throw new PackLoadError(`the file is nested too deeply: at most ${maxDepth} levels of { } and [ ] are allowed`);
    value = parseJson(text);
  } else {
    if (yamlDepth(text, maxDepth) > maxDepth) throw new PackLoadError(`the file is nested too deeply: at most ${maxDepth} levels are allowed`);
    value = parseYaml(text);
    if (valueDepth(value, maxDepth) > maxDepth) throw new PackLoadError(`the file is nested too deeply: at most ${maxDepth} levels are allowed`);
  }
  return value;
}

/** Decode bytes as strict UTF-8 (a leading BOM is dropped) and parse them. */
export function parsePackBytes(bytes: Uint8Array, filename?: string, options: LoadOptions = {}): unknown {
  const maxBytes = options.maxBytes ?? PACK_CAPS.maxBytes;
  if (bytes.byteLength > maxBytes) {
    throw new PackLoadError(`the file is too big: ${formatBytes(bytes.byteLength)}, at most ${formatBytes(maxBytes)} are allowed`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PackLoadError('the file is not UTF-8 text (save the file as UTF-8)');
  }
  return parseText(text, filename, options, true);
}

/** Non-throwing variant of `parsePackText`. */
export function tryParsePackText(
  text: string,
  filename?: string,
  options: LoadOptions = {},
): { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number } {
  try {
    return { ok: true, value: parsePackText(text, filename, options) };
  } catch (e) {
    if (e instanceof PackLoadError) return { ok: false, message: e.message, line: e.line, column: e.column };
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
