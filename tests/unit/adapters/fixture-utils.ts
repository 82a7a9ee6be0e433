/** Shared helpers for the adapter fixture tests: discover fixture pages, read their claimed URL, parse them. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { adapterFor, selfHostedAdapters } from '../../../entrypoints/lib/adapters/registry';
import type { SiteAdapter } from '../../../entrypoints/lib/adapters/types';

export const FIXTURES_DIR = resolve(__dirname, '../../fixtures');
/** Folders under tests/fixtures that are not helpdesk ticket pages. */
const NOT_SITES = new Set(['editors', 'demo']);

export interface FixturePage {
  site: string;
  file: string;
  path: string;
  expectedPath: string;
  url: URL;
  html: string;
}

/** Every `<YYYY-MM-DD>-<scenario>.html` under tests/fixtures/<site>/. */
export function discoverFixtures(): FixturePage[] {
  const out: FixturePage[] = [];
  for (const site of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
    if (!site.isDirectory() || NOT_SITES.has(site.name)) continue;
    const dir = join(FIXTURES_DIR, site.name);
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.html')) continue;
      const path = join(dir, file);
      const html = readFileSync(path, 'utf8');
      out.push({ site: site.name, file, path, expectedPath: path.replace(/\.html$/, '.expected.json'), url: claimedUrl(html, path), html });
    }
  }
  return out;
}

/** The URL in the first-line comment `<!-- url: https://… | …`. Throws when missing. */
export function claimedUrl(html: string, path = '(inline)'): URL {
  const m = /^<!--\s*url:\s*(\S+)/.exec(html);
  if (!m) throw new Error(`${path}: first line must be an HTML comment starting with "<!-- url: <claimed URL>"`);
  return new URL(m[1]!);
}

/**
 * Parse a fixture page. Browsers attach declarative shadow roots (`<template shadowrootmode>`) while
 * parsing a served page; DOMParser does not, so they are attached here the same way (innermost first).
 */
export function parse(html: string): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  attachDeclarativeShadowRoots(doc);
  return doc;
}

function attachDeclarativeShadowRoots(root: ParentNode): void {
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode]')).reverse()) {
    const host = template.parentElement;
    const mode = template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open';
    if (!host || host.shadowRoot) continue;
    const content = (template as HTMLTemplateElement).content;
    attachDeclarativeShadowRoots(content);
    const shadow = host.attachShadow({ mode });
    shadow.appendChild(content.cloneNode(true));
    template.remove();
  }
}

export function readExpected(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/**
 * The adapter the extension would pick for a fixture page. Self-hosted helpdesks run only on domains
 * the user mapped, so their fixtures are looked up as if the user had mapped the fixture's host.
 */
export function adapterForFixture(page: Pick<FixturePage, 'site' | 'url'>): SiteAdapter | null {
  const selfHosted = selfHostedAdapters.find((a) => a.id === page.site);
  return selfHosted
    ? adapterFor(page.url, { customDomains: [{ host: page.url.hostname, adapter: selfHosted.id }] })
    : adapterFor(page.url);
}
