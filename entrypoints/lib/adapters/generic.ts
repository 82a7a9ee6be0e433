/**
 * Generic fallback: any page the user has enabled (a custom domain mapped to "generic", or a helpdesk
 * Tactline has no adapter for). It knows nothing about the page's structure, so it is deliberately
 * modest:
 * - ticket text = the user's text selection when there is one, else the page's main content
 *   (`main`, `[role=main]`, `article` — the one with the most text), else the largest text block;
 * - the whole text is one message with role `customer` (the page cannot tell us who wrote what);
 * - subject = the first `h1` inside the chosen content or the document title;
 * - reply box = the focused editor, else the largest visible editor (textarea / contenteditable);
 * - reply mode is always `public` (no generic way to tell a note from a reply).
 */
import type { TicketContext } from '../../../guidance/types';
import { isEditable, isHiddenWithin, isMarkupHidden, LIMITS, lineOf, normalizeLine, textOf } from '../dom-text';
import { buildContext, isWebUrl, message, selectionText } from './common';
import type { SiteAdapter } from './types';

const MAIN_SELECTORS = ['main', '[role="main"]', 'article'];
const EDITOR_SELECTOR = 'textarea, [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]';
const CONTAINER_TAGS = new Set(['div', 'section', 'article', 'main', 'td', 'body', 'li', 'blockquote']);
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'blockquote', 'li', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td']);
const NOT_CONTENT = 'nav, header, footer, aside, form, script, style, template, noscript, svg, button, select, textarea, [contenteditable=""], [contenteditable="true"], [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"]';

/** The main content element: main/[role=main]/article with most text, else the densest text container. */
function mainContent(doc: Document): Element | null {
  let best: Element | null = null;
  let bestLen = 0;
  for (const sel of MAIN_SELECTORS) {
    for (const el of Array.from(doc.querySelectorAll(sel))) {
      if (isHiddenWithin(el)) continue;
      const len = textOf(el, { skip: NOT_CONTENT }).length;
      if (len > bestLen) {
        best = el;
        bestLen = len;
      }
    }
    if (best) return best;
  }
  return largestTextBlock(doc);
}

/**
 * Largest text block: credit each text node to the container holding its paragraph, and pick the
 * container with most text. Walks at most LIMITS.walkNodes nodes.
 */
function largestTextBlock(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  const score = new Map<Element, number>();
  const walker = doc.createTreeWalker(body, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 1) {
        const el = node as Element;
        return isMarkupHidden(el) || el.matches(NOT_CONTENT) ? 2 /* REJECT */ : 3 /* SKIP */;
      }
      return 1; /* ACCEPT */
    },
  });
  let visited = 0;
  for (let node = walker.nextNode(); node && visited < LIMITS.walkNodes; node = walker.nextNode(), visited++) {
    const len = (node as Text).data.trim().length;
    if (len === 0) continue;
    let el = node.parentElement;
    // Climb to the paragraph-level element, then to its container.
    while (el && el !== body && !PARAGRAPH_TAGS.has(el.localName) && !CONTAINER_TAGS.has(el.localName)) el = el.parentElement;
    if (el && PARAGRAPH_TAGS.has(el.localName) && el !== body) el = el.parentElement;
    while (el && el !== body && !CONTAINER_TAGS.has(el.localName)) el = el.parentElement;
    const container = el ?? body;
    score.set(container, (score.get(container) ?? 0) + len);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, s] of score) {
    if (s > bestScore) {
      best = el;
      bestScore = s;
    }
  }
  return best;
}

/** Ticket-ish id from the URL: `?id=`, `ticket=`, or the last path segment with a digit; else the path. */
function idFromUrl(url: URL): string {
  for (const key of ['id', 'ticket', 'ticket_id', 'ticketId', 'sys_id']) {
    const v = url.searchParams.get(key);
    if (v && /^[\w-]{1,64}$/.test(v)) return v;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = decodeURIComponent(segments[i]!);
    if (/\d/.test(s) && /^[\w.-]{1,64}$/.test(s)) return s;
  }
  return url.pathname || '/';
}

function isShownEditor(el: Element): boolean {
  return isEditable(el) && !isHiddenWithin(el);
}

/** Area of an element's box; 0 where layout is unavailable (Node tests). Only called on demand. */
function area(el: Element): number {
  const r = el.getBoundingClientRect?.();
  return r ? Math.max(0, r.width) * Math.max(0, r.height) : 0;
}

/** The focused editor, else the largest visible editor (document order breaks ties, first wins). */
export function findGenericEditor(doc: Document): HTMLElement | null {
  let active: Element | null = doc.activeElement;
  // Focus inside a contenteditable lands on the editing host or one of its descendants.
  if (active && !isEditable(active)) active = active.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]');
  if (active && isShownEditor(active)) return active as HTMLElement;
  let best: HTMLElement | null = null;
  let bestArea = -1;
  for (const el of Array.from(doc.querySelectorAll(EDITOR_SELECTOR))) {
    // Nested contenteditable descendants belong to their host.
    if (el.parentElement?.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]')) continue;
    if (!isShownEditor(el)) continue;
    const a = area(el);
    if (a > bestArea) {
      best = el as HTMLElement;
      bestArea = a;
    }
  }
  return best;
}

export const generic: SiteAdapter = {
  id: 'generic',
  label: 'Any page (generic)',
  // The generic adapter is never chosen by URL alone (the registry only uses it for pages the user
  // enabled); matchesUrl says whether it *can* run on a page: ordinary web pages, not browser pages.
  examples: {
    match: ['https://support.example.org/tickets/1042', 'http://127.0.0.1:5173/demo/ticket/7'],
    noMatch: ['chrome://extensions/', 'about:blank', 'file:///home/ada/ticket.html', 'chrome-extension://abc/options.html'],
  },
  matchesUrl(url) {
    return isWebUrl(url);
  },
  extract(doc, url): TicketContext | null {
    let text = selectionText(doc);
    let root: Element | null = null;
    if (!text) {
      root = mainContent(doc);
      text = root ? textOf(root, { skip: NOT_CONTENT }) : '';
    }
    if (!text) return null;
    const heading = root?.querySelector('h1') ?? doc.querySelector('h1');
    const subject = lineOf(heading) || normalizeLine(doc.title ?? '');
    return buildContext({
      platform: 'generic',
      ticketId: idFromUrl(url),
      subject,
      messages: [message('customer', text)],
      replyMode: 'public',
      url,
    });
  },
  findEditor(doc, mode) {
    return mode === 'public' ? findGenericEditor(doc) : null;
  },
  activeMode() {
    return 'public';
  },
  ticketRoot(doc) {
    // Called on every observer pass: stay cheap (no text walk). The first shown main landmark, else body.
    for (const sel of ['main', '[role="main"]']) {
      const el = Array.from(doc.querySelectorAll(sel)).find((m) => !isHiddenWithin(m));
      if (el) return el;
    }
    return null;
  },
};
