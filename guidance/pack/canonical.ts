/**
 * Canonical JSON for packs: the exact bytes that are signed, hashed and written by `tactline pack build`.
 *
 * The canonical form of a value is what `JSON.stringify(value, null, 2) + "\n"` prints after sorting
 * the keys of every object by UTF-16 code units (JavaScript's default sort), with these rules:
 *  - two-space indentation, "\n" line ends, one trailing "\n"; empty arrays/objects as [] and {};
 *  - strings and numbers exactly as JSON.stringify writes them (-0 is written 0);
 *  - object properties whose value is `undefined` are left out;
 *  - anything JSON cannot express exactly (NaN, Infinity, undefined in arrays, functions, symbols,
 *    bigints, class instances such as Date or Map) throws a TypeError instead of being mangled.
 *
 * It is pretty-printed on purpose: a built pack is reviewed in pull requests, and line-based diffs
 * of sorted, indented JSON are clean. The signature covers these bytes as they are in the file, so
 * the extension verifies before it parses.
 */

import type { Pack } from './types';

const MAX_DEPTH = 64;

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function write(v: unknown, indent: string, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH) throw new TypeError('canonicalJson: value is nested too deeply');
  switch (typeof v) {
    case 'string':
      out.push(JSON.stringify(v));
      return;
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${String(v)} cannot be written as JSON`);
      out.push(JSON.stringify(v));
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'object': {
      if (v === null) {
        out.push('null');
        return;
      }
      const inner = indent + '  ';
      if (Array.isArray(v)) {
        if (v.length === 0) {
          out.push('[]');
          return;
        }
        out.push('[\n');
        for (let i = 0; i < v.length; i++) {
          if (v[i] === undefined) throw new TypeError('canonicalJson: undefined inside an array');
          out.push(inner);
          write(v[i], inner, depth + 1, out);
          out.push(i < v.length - 1 ? ',\n' : '\n');
        }
        out.push(indent, ']');
        return;
      }
      if (!isPlain(v)) throw new TypeError(`canonicalJson: cannot write a ${(v as object).constructor?.name ?? 'non-plain'} object`);
      const rec = v as Record<string, unknown>;
      const keys = Object.keys(rec)
        .filter((k) => rec[k] !== undefined)
        .sort();
      if (keys.length === 0) {
        out.push('{}');
        return;
      }
      out.push('{\n');
      keys.forEach((k, i) => {
        out.push(inner, JSON.stringify(k), ': ');
        write(rec[k], inner, depth + 1, out);
        out.push(i < keys.length - 1 ? ',\n' : '\n');
      });
      out.push(indent, '}');
      return;
    }
    default:
      throw new TypeError(`canonicalJson: cannot write a ${typeof v}`);
  }
}

/** The canonical JSON text of a value (sorted keys, fixed whitespace, trailing newline). */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, '', 0, out);
  out.push('\n');
  return out.join('');
}

/** UTF-8 bytes of `canonicalJson(pack)`: what `tactline pack sign` signs and the extension verifies. */
export function canonicalBytes(pack: Pack): Uint8Array {
  return new TextEncoder().encode(canonicalJson(pack));
}

/** True when `text` is already in canonical form (so its bytes can be signed as they are). */
export function isCanonicalText(text: string): boolean {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

/** Lower-case hex SHA-256 of bytes (WebCrypto: the same code runs in Node and in the extension). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
