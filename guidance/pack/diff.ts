/**
 * What changed between two versions of a pack: added / removed / changed entries per kind, limits
 * first (they decide what agents may grant), with field-level changes ("maxByRole.agent: 100 → 150").
 * Pure; both packs are expected to be validated.
 */

import type { Pack } from './types';

export type PackSection = 'limits' | 'roles' | 'policies' | 'avoid' | 'phrases' | 'scenarios' | 'intents' | 'segments' | 'rates';

/** One changed field. `path` is dotted ("maxByRole.agent", "approvals[1].above", "never[max].value"). */
export interface FieldChange {
  path: string;
  /** Absent when the field was added. */
  before?: unknown;
  /** Absent when the field was removed. */
  after?: unknown;
}

export interface EntryRef {
  id: string;
  label: string;
}

export interface ChangedEntry extends EntryRef {
  changes: FieldChange[];
}

export interface SectionDiff {
  section: PackSection;
  added: EntryRef[];
  removed: EntryRef[];
  changed: ChangedEntry[];
  /** For roles (ordered by authority): the order of the roles both versions share, when it changed. */
  reordered?: { before: string[]; after: string[] };
}

export interface PackDiff {
  from: { id: string; version: number; name: string };
  to: { id: string; version: number; name: string };
  /** False when `to.version` is not greater than `from.version`: the extension would refuse the update. */
  versionIncreased: boolean;
  /** Top-level settings (name, currency, locale, company, dates, …). */
  settings: FieldChange[];
  /** In display order: limits first. Sections without changes are left out. */
  sections: SectionDiff[];
  /** True when nothing but (possibly) the version and publication date changed. */
  identical: boolean;
}

const SECTION_ORDER: PackSection[] = ['limits', 'roles', 'policies', 'avoid', 'phrases', 'scenarios', 'intents', 'segments', 'rates'];
const SECTION_TITLES: Record<PackSection, string> = {
  limits: 'Limits',
  roles: 'Roles',
  policies: 'Policies',
  avoid: 'Avoid rules',
  phrases: 'Phrases',
  scenarios: 'Scenarios',
  intents: 'Intents',
  segments: 'Segments',
  rates: 'Exchange rates',
};
const SETTINGS: Array<keyof Pack> = ['id', 'name', 'locale', 'currency', 'company', 'reviewIntervalDays', 'expiresAt'];

type Rec = Record<string, unknown>;

function isObj(v: unknown): v is Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
  }
  return false;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Field-level differences between two values (objects by key, id-lists by id, other lists by position). */
export function diffValues(before: unknown, after: unknown, path = '', out: FieldChange[] = []): FieldChange[] {
  if (same(before, after)) return out;
  if (isObj(before) && isObj(after)) {
    const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !(k in after))];
    for (const k of keys) {
      const a = before[k];
      const b = after[k];
      if (a === undefined && b === undefined) continue;
      if (a === undefined) out.push({ path: join(path, k), after: b });
      else if (b === undefined) out.push({ path: join(path, k), before: a });
      else diffValues(a, b, join(path, k), out);
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const allPrimitive = [...before, ...after].every((x) => x === null || typeof x !== 'object');
    if (allPrimitive) {
      out.push({ path, before, after });
      return out;
    }
    const byId = [...before, ...after].every((x) => isObj(x) && typeof x.id === 'string');
    if (byId) {
      const bm = new Map(before.map((x) => [(x as Rec).id as string, x]));
      const am = new Map(after.map((x) => [(x as Rec).id as string, x]));
      for (const [id, b] of am) {
        const a = bm.get(id);
        if (a === undefined) out.push({ path: `${path}[${id}]`, after: b });
        else diffValues(a, b, `${path}[${id}]`, out);
      }
      for (const [id, a] of bm) if (!am.has(id)) out.push({ path: `${path}[${id}]`, before: a });
      return out;
    }
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (i >= after.length) out.push({ path: `${path}[${i}]`, before: before[i] });
      else if (i >= before.length) out.push({ path: `${path}[${i}]`, after: after[i] });
      else diffValues(before[i], after[i], `${path}[${i}]`, out);
    }
    return out;
  }
  out.push({ path, before, after });
  return out;
}

function labelOf(section: PackSection, entry: unknown): EntryRef {
  if (typeof entry === 'string') return { id: entry, label: entry };
  const e = entry as Rec;
  if (section === 'rates') return { id: `${String(e.from)}→${String(e.to)}`, label: `1 ${String(e.from)} = ${String(e.rate)} ${String(e.to)}` };
  const label = e.label ?? e.title ?? e.pattern ?? e.text ?? '';
  return { id: String(e.id), label: String(label) };
}

function keyOf(section: PackSection, entry: unknown): string {
  return labelOf(section, entry).id;
}

function diffSection(section: PackSection, before: unknown[], after: unknown[]): SectionDiff | undefined {
  const bm = new Map(before.map((x) => [keyOf(section, x), x]));
  const am = new Map(after.map((x) => [keyOf(section, x), x]));
  const d: SectionDiff = { section, added: [], removed: [], changed: [] };
  for (const [id, a] of am) {
    const b = bm.get(id);
    if (b === undefined) d.added.push(labelOf(section, a));
    else if (!same(b, a)) {
      const changes = section === 'rates' ? [{ path: 'rate', before: (b as Rec).rate, after: (a as Rec).rate }] : diffValues(b, a);
      if (changes.length > 0) d.changed.push({ ...labelOf(section, a), changes });
    }
  }
  for (const [id, b] of bm) if (!am.has(id)) d.removed.push(labelOf(section, b));
  if (section === 'roles') {
    const common = (list: unknown[], other: Map<string, unknown>) => list.map((x) => keyOf(section, x)).filter((id) => other.has(id));
    const bo = common(before, am);
    const ao = common(after, bm);
    if (bo.join('\u0000') !== ao.join('\u0000')) d.reordered = { before: bo, after: ao };
  }
  return d.added.length || d.removed.length || d.changed.length || d.reordered ? d : undefined;
}

/** Compare two (validated) packs. */
export function diffPacks(old: Pack, next: Pack): PackDiff {
  const settings: FieldChange[] = [];
  for (const key of SETTINGS) diffValues(old[key], next[key], key, settings);
  const sections: SectionDiff[] = [];
  for (const s of SECTION_ORDER) {
    const d = diffSection(s, (old[s] ?? []) as unknown[], (next[s] ?? []) as unknown[]);
    if (d) sections.push(d);
  }
  return {
    from: { id: old.id, version: old.version, name: old.name },
    to: { id: next.id, version: next.version, name: next.name },
    versionIncreased: next.version > old.version,
    settings,
    sections,
    identical: settings.length === 0 && sections.length === 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Text

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return JSON.stringify(v.length > 70 ? v.slice(0, 67) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  const s = JSON.stringify(v);
  return s.length > 90 ? s.slice(0, 87) + '…' : s;
}

function changeLine(c: FieldChange): string {
  if (Array.isArray(c.before) && Array.isArray(c.after)) {
    const b = c.before.map((x) => JSON.stringify(x));
    const a = c.after.map((x) => JSON.stringify(x));
    const added = a.filter((x) => !b.includes(x)).map((x) => show(JSON.parse(x)));
    const removed = b.filter((x) => !a.includes(x)).map((x) => show(JSON.parse(x)));
    const parts = [...added.map((x) => `+ ${x}`), ...removed.map((x) => `− ${x}`)];
    return `${c.path}: ${parts.length ? parts.join(', ') : 'order changed'}`;
  }
  if (c.before === undefined) return `${c.path}: added ${show(c.after)}`;
  if (c.after === undefined) return `${c.path}: removed (was ${show(c.before)})`;
  return `${c.path}: ${show(c.before)} → ${show(c.after)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}`;
}

/** Human-readable report of a diff (plain text, one item per line). */
export function formatPackDiff(d: PackDiff): string {
  const lines: string[] = [];
  const name = d.from.id === d.to.id ? `"${d.to.id}"` : `"${d.from.id}" → "${d.to.id}"`;
  lines.push(`Pack ${name}: version ${d.from.version} → ${d.to.version}`);
  if (!d.versionIncreased) lines.push(`  ! the version did not increase: the extension refuses an update unless version is greater than ${d.from.version}`);
  if (d.identical) {
    lines.push('No changes.');
    return lines.join('\n') + '\n';
  }
  const sectionLines = (s: SectionDiff) => {
    const counts = [
      s.added.length ? plural(s.added.length, 'added') : '',
      s.removed.length ? plural(s.removed.length, 'removed') : '',
      s.changed.length ? plural(s.changed.length, 'changed') : '',
      s.reordered ? 'order changed' : '',
    ].filter(Boolean);
    lines.push('', `${SECTION_TITLES[s.section]}: ${counts.join(', ')}`);
    for (const e of s.added) lines.push(`  + ${e.id}${e.label && e.label !== e.id ? `  ${show(e.label)}` : ''}`);
    for (const e of s.removed) lines.push(`  - ${e.id}${e.label && e.label !== e.id ? `  ${show(e.label)}` : ''}`);
    for (const e of s.changed) {
      lines.push(`  ~ ${e.id}${e.label && e.label !== e.id ? `  ${show(e.label)}` : ''}`);
      for (const c of e.changes) lines.push(`      ${changeLine(c)}`);
    }
    if (s.reordered) lines.push(`  order (least to most authority): ${s.reordered.before.join(', ')} → ${s.reordered.after.join(', ')}`);
  };
  const limits = d.sections.find((s) => s.section === 'limits');
  if (limits) sectionLines(limits);
  if (d.settings.length) {
    lines.push('', `Settings: ${plural(d.settings.length, 'changed')}`);
    for (const c of d.settings) lines.push(`  ${changeLine(c)}`);
  }
  for (const s of d.sections) if (s.section !== 'limits') sectionLines(s);
  return lines.join('\n') + '\n';
}
