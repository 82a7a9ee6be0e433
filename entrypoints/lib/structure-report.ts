/**
 * "Tactline can't read this ticket": a redacted outline of the page for the admin to file — element
 * names, ids, classes and the attributes adapters select on, with digits and anything e-mail-like
 * scrubbed. It never contains text, attribute values that carry text (aria-label, title, alt,
 * placeholder, value), URLs' queries or form values. Copied to the clipboard by the user; never sent.
 */
import type { Platform } from '@/guidance/types';
import { selectorHealth } from './adapters/health';

const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'PATH', 'TACTLINE-SIDEBAR']);
/** Attributes whose VALUES are kept (structural, not text). */
const KEEP_VALUE = ['data-test-id', 'data-testid', 'data-cy', 'role', 'type', 'contenteditable', 'data-channel', 'data-garden-id', 'aria-current', 'aria-hidden', 'data-is-active', 'data-slate-editor', 'data-lexical-editor'];
/** Attributes only noted as present (their values may carry text). */
const NOTE_ONLY = ['aria-label', 'title', 'placeholder', 'alt', 'value', 'href', 'src', 'datetime', 'data-id', 'data-entity-id', 'data-ticket-id'];

export function scrub(value: string): string {
  return value
    .replace(/[^\s@]+@[^\s@]+/g, '[email]')
    .replace(/[0-9a-f]{16,}/gi, '[hex]')
    .replace(/\d+/g, 'N')
    .slice(0, 80);
}

function describe(el: Element): string {
  let out = el.tagName.toLowerCase();
  if (el.id) out += `#${scrub(el.id)}`;
  const classes = Array.from(el.classList).slice(0, 4).map(scrub);
  if (classes.length) out += `.${classes.join('.')}`;
  for (const name of KEEP_VALUE) {
    const v = el.getAttribute(name);
    if (v !== null) out += `[${name}="${scrub(v)}"]`;
  }
  for (const name of NOTE_ONLY) if (el.hasAttribute(name)) out += `[${name}]`;
  if (el.shadowRoot) out += ' (shadow root)';
  return out;
}

export function structureReport(doc: Document, platform: Platform, opts: { maxLines?: number; maxDepth?: number; version?: string } = {}): string {
  const maxLines = opts.maxLines ?? 1500;
  const maxDepth = opts.maxDepth ?? 14;
  const lines: string[] = [];
  const url = new URL(doc.location?.href ?? 'about:blank');
  lines.push('Tactline page-structure report (no page text; digits and e-mail addresses scrubbed)');
  lines.push(`page: ${url.protocol}//${scrub(url.host)}${scrub(url.pathname)}`);
  lines.push(`adapter: ${platform}${opts.version ? ` · Tactline ${opts.version}` : ''} · ${new Date().toISOString().slice(0, 10)}`);
  lines.push('selector health (matches per documented selector):');
  for (const s of selectorHealth(doc, platform)) lines.push(`  ${s.count}\t${s.name}\t${s.selector}`);
  lines.push('outline:');
  const walk = (el: Element, depth: number) => {
    if (lines.length >= maxLines || SKIP.has(el.tagName.toUpperCase())) return;
    lines.push(`${'  '.repeat(depth)}${describe(el)}`);
    if (depth >= maxDepth) return;
    const kids = el.shadowRoot ? [...Array.from(el.shadowRoot.children), ...Array.from(el.children)] : Array.from(el.children);
    for (const child of kids) walk(child, depth + 1);
  };
  if (doc.body) walk(doc.body, 1);
  if (lines.length >= maxLines) lines.push('… (truncated)');
  return lines.join('\n');
}
