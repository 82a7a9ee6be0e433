/**
 * Reading pack sources for the CLI: one JSON/YAML file, or a folder of them merged into one pack,
 * with problems mapped back to the file (and line) they come from.
 */

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { parsePackText, PackLoadError } from '../../guidance/pack/load';
import { validatePack, PACK_CAPS, describeValue, type PackProblem } from '../../guidance/pack/validate';
import type { Pack } from '../../guidance/pack/types';
import { UsageError } from './io';

/** A problem located in a file: printed as `FILE: /path: message`. */
export interface FileProblem {
  file: string;
  path: string;
  message: string;
}

const COLLECTIONS = new Set(['roles', 'segments', 'rates', 'intents', 'phrases', 'policies', 'limits', 'avoid', 'scenarios']);
const PACK_EXT = /\.(json|ya?ml)$/i;
const LINE_LOOKUP_MAX = 2 * 1024 * 1024;

export interface PackSource {
  /** The path the user gave. */
  display: string;
  files: string[];
  /** Merged raw value; undefined when a file could not be parsed. */
  value: unknown;
  /** Problems found while reading or merging (before validation). */
  problems: FileProblem[];
  /** Map a pointer into the merged pack to the file and pointer it comes from. */
  locate(path: string): { file: string; path: string };
}

export function listPackFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && PACK_EXT.test(name)) out.push(p);
    }
  };
  walk(dir);
  // Stable order across platforms: by path relative to the folder, "/" separated, code-unit order.
  return out.sort((a, b) => {
    const ra = relative(dir, a).split(sep).join('/');
    const rb = relative(dir, b).split(sep).join('/');
    return ra < rb ? -1 : ra > rb ? 1 : 0;
  });
}

function readText(file: string): string {
  try {
    const st = statSync(file);
    if (st.size > PACK_CAPS.maxBytes) {
      throw new PackLoadError(`the file is too big: ${(st.size / 1024 / 1024).toFixed(1)} MB, at most ${PACK_CAPS.maxBytes / 1024 / 1024} MB are allowed`);
    }
    const bytes = readFileSync(file);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new PackLoadError('the file is not UTF-8 text (save it as UTF-8)');
    }
  } catch (e) {
    if (e instanceof PackLoadError) throw e;
    throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function parseFile(file: string, problems: FileProblem[]): unknown {
  const text = readText(file);
  try {
    return parsePackText(text, file);
  } catch (e) {
    if (!(e instanceof PackLoadError)) throw e;
    problems.push({ file, path: '', message: e.message });
    return undefined;
  }
}

function unescapeSeg(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Read a pack from a file or a folder. Throws UsageError when the path does not exist or holds no pack files. */
export function readPackSource(arg: string): PackSource {
  let st;
  try {
    st = statSync(arg);
  } catch {
    throw new UsageError(`${arg}: no such file or folder`);
  }
  const problems: FileProblem[] = [];
  if (!st.isDirectory()) {
    const value = parseFile(arg, problems);
    return { display: arg, files: [arg], value, problems, locate: (path) => ({ file: arg, path }) };
  }

  const files = listPackFiles(arg);
  if (files.length === 0) throw new UsageError(`${arg}: the folder holds no .json, .yaml or .yml files`);
  const merged: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const keyOrigin = new Map<string, string>();
  const itemOrigin = new Map<string, Array<[string, number]>>();
  let failed = false;
  for (const file of files) {
    const value = parseFile(file, problems);
    if (value === undefined) {
      failed = true;
      continue;
    }
    if (value === null) continue; // an empty YAML file
    if (!isPlainObject(value)) {
      problems.push({ file, path: '', message: `must hold pack fields such as intents:, phrases:, limits: (got ${describeValue(value)})` });
      failed = true;
      continue;
    }
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (COLLECTIONS.has(key) && Array.isArray(v)) {
        const into = merged[key];
        if (into === undefined || Array.isArray(into)) {
          const list = (into as unknown[] | undefined) ?? [];
          const origins = itemOrigin.get(key) ?? [];
          v.forEach((item, i) => {
            list.push(item);
            origins.push([file, i]);
          });
          merged[key] = list;
          itemOrigin.set(key, origins);
          if (!keyOrigin.has(key)) keyOrigin.set(key, file);
          continue;
        }
      }
      if (Object.prototype.hasOwnProperty.call(merged, key)) {
        const first = keyOrigin.get(key) ?? arg;
        if (JSON.stringify(merged[key]) !== JSON.stringify(v)) {
          problems.push({
            file,
            path: '/' + key,
            message: COLLECTIONS.has(key)
              ? `must be a list, to be merged with the ${key} of ${first}`
              : `is already set to ${describeValue(merged[key])} in ${first}: set it in one file only`,
          });
        }
        continue;
      }
      Object.defineProperty(merged, key, { value: v, enumerable: true, writable: true, configurable: true });
      keyOrigin.set(key, file);
    }
  }
  const locate = (path: string) => {
    const segs = path.split('/');
    const key = segs[1] !== undefined ? unescapeSeg(segs[1]) : undefined;
    if (key === undefined) return { file: arg, path };
    const origins = itemOrigin.get(key);
    if (origins && segs[2] !== undefined && /^\d+$/.test(segs[2])) {
      const o = origins[Number(segs[2])];
      if (o) return { file: o[0], path: ['', segs[1], String(o[1]), ...segs.slice(3)].join('/') };
    }
    const origin = keyOrigin.get(key);
    return { file: origin ?? arg, path };
  };
  return { display: arg, files, value: failed ? undefined : merged, problems, locate };
}

// ---------------------------------------------------------------------------------------------
// Line numbers for problems

const docCache = new Map<string, { doc: Document; lc: LineCounter } | null>();

function docFor(file: string): { doc: Document; lc: LineCounter } | null {
  if (docCache.has(file)) return docCache.get(file)!;
  let entry: { doc: Document; lc: LineCounter } | null = null;
  try {
    const st = statSync(file);
    if (st.isFile() && st.size <= LINE_LOOKUP_MAX) {
      const lc = new LineCounter();
      const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc, uniqueKeys: false });
      entry = { doc, lc };
    }
  } catch {
    entry = null;
  }
  docCache.set(file, entry);
  return entry;
}

/** Line of the deepest node on `path` that exists in the file, if it can be found cheaply. */
export function lineOf(file: string, path: string): number | undefined {
  if (!path) return undefined;
  const entry = docFor(file);
  if (!entry) return undefined;
  const keys = path.split('/').slice(1).map(unescapeSeg).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  for (let n = keys.length; n > 0; n--) {
    let node: unknown;
    try {
      node = entry.doc.getIn(keys.slice(0, n), true);
    } catch {
      node = undefined;
    }
    if (isNode(node) && node.range) return entry.lc.linePos(node.range[0]).line;
  }
  return undefined;
}

export function formatProblem(p: FileProblem, withLine = true): string {
  const line = withLine ? lineOf(p.file, p.path) : undefined;
  return `${p.file}: ${p.path || '/'}: ${p.message}${line !== undefined && !/ at line \d+/.test(p.message) ? ` (line ${line})` : ''}`;
}

export interface CheckedSource {
  source: PackSource;
  pack?: Pack;
  errors: FileProblem[];
  warnings: FileProblem[];
}

/** Read, merge and validate. */
export function loadAndValidate(arg: string): CheckedSource {
  const source = readPackSource(arg);
  if (source.value === undefined) return { source, errors: source.problems, warnings: [] };
  // Merge conflicts are reported together with everything the validator finds.
  const r = validatePack(source.value);
  const map = (p: PackProblem): FileProblem => ({ ...source.locate(p.path), message: p.message });
  const warnings = r.warnings.map(map);
  if (!r.ok) return { source, errors: [...source.problems, ...r.errors.map(map)], warnings };
  if (source.problems.length > 0) return { source, errors: source.problems, warnings };
  return { source, pack: r.pack, errors: [], warnings };
}
