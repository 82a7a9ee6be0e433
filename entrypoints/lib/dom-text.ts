/**
 * Safe text extraction from host pages.
 *
 * Rules (see docs/research perf + security notes):
 * - Read with a `textContent`-style walk, never `innerText` (it forces style and layout on a busy page).
 * - Skip what an agent does not read as ticket text: script/style/template/svg/noscript, `hidden` or
 *   `aria-hidden="true"` subtrees, inline `display:none`, signatures (`div.signature`), buttons and
 *   form controls.
 * - Normalise whitespace, strip zero-width and bidi control characters (they hide or reorder text),
 *   and cap sizes so a pathological page cannot make the content script slow.
 * - Never mutate the document: everything here only reads.
 */

/** Size caps shared by all adapters. */
export const LIMITS = {
  /** Characters per message text. */
  messageChars: 20_000,
  /** Messages per ticket (the newest are kept). */
  messages: 200,
  /** Characters for one-line fields (subject, names, tags, priority). */
  fieldChars: 500,
  /** Tags per ticket. */
  tags: 100,
  /** Elements visited by one walk (a guard against enormous pages). */
  walkNodes: 50_000,
} as const;

/** Zero-width characters, soft hyphen, BOM, and bidi embedding/override/isolate/mark controls. */
// U+00AD soft hyphen, U+180E Mongolian vowel separator, U+200B–U+200F (ZWSP, ZWNJ, ZWJ, LRM, RLM),
// U+202A–U+202E (LRE, RLE, PDF, LRO, RLO), U+2060–U+2064 (word joiner, invisible operators),
// U+2066–U+2069 (LRI, RLI, FSI, PDI), U+061C Arabic letter mark, U+FEFF BOM / ZWNBSP.
const INVISIBLE_RE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Remove zero-width and bidi control characters. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE_RE, '');
}

/**
 * Normalise text read from the page: strip invisible characters, unify line breaks, turn NBSP and
 * other space separators into spaces, collapse runs of spaces, trim each line, keep at most one empty
 * line between paragraphs, trim, and cap the length (cut at a word boundary when one is near).
 */
export function normalizeText(text: string, maxChars: number = LIMITS.messageChars): string {
  let out = stripInvisible(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (out.length > maxChars) {
    const cut = out.slice(0, maxChars);
    const lastSpace = cut.search(/\s\S*$/);
    out = (lastSpace > maxChars * 0.9 ? cut.slice(0, lastSpace) : cut).trimEnd();
  }
  return out;
}

/** One-line variant for fields (subject, names, tags): all whitespace becomes one space. */
export function normalizeLine(text: string, maxChars: number = LIMITS.fieldChars): string {
  return normalizeText(text.replace(/\s+/g, ' '), maxChars);
}

/** Elements whose content is never ticket text. Lower-case tag names. */
const SKIP_TAGS = new Set([
  'script', 'style', 'template', 'noscript', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed',
  'button', 'select', 'option', 'input', 'textarea', 'video', 'audio', 'img', 'picture', 'head', 'meta', 'link',
]);

/** Elements after which a line break belongs (block-level in the default stylesheet). */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tr', 'ul', 'body', 'html',
]);

/** Markers for block boundaries while walking (control characters never kept in output). */
const SOFT_BREAK = '\u0001';
const PARAGRAPH_BREAK = '\u0002';
/** C0 controls other than tab/newline/CR (never meaningful in ticket text; also keeps the markers unambiguous). */
// eslint-disable-next-line no-control-regex
const C0_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Table cells are separated by a space-like tab, not a line. */
const CELL_TAGS = new Set(['td', 'th']);

export interface TextOptions {
  /** Extra selector; matching elements (and their subtrees) are skipped. */
  skip?: string;
  /** Cap on the returned text (after normalisation). */
  maxChars?: number;
  /** Keep line breaks (default). `false` returns a single line. */
  multiline?: boolean;
  /** Read through open shadow roots (render order: shadow tree, with slots showing their assigned nodes). */
  shadow?: boolean;
}

/** Default extra skip list: signatures and elements marked as not-for-reading. */
const DEFAULT_SKIP = 'div.signature';

function hasInlineDisplayNone(el: Element): boolean {
  const style = el.getAttribute('style');
  return style !== null && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style);
}

/**
 * Is this element hidden by markup (not by computed style, which would cost a style recalc)?
 * `hidden`, `aria-hidden="true"`, or an inline `display:none` / `visibility:hidden`.
 */
export function isMarkupHidden(el: Element): boolean {
  return el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || hasInlineDisplayNone(el);
}

/** Parent across shadow boundaries (a shadow root's host). */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const parent = el.parentNode as (Node & { host?: Element }) | null;
  return parent && parent.nodeType === 11 && parent.host ? parent.host : null;
}

/** Like isHiddenWithin, but climbs out of shadow roots to their hosts. */
export function isHiddenComposed(el: Element): boolean {
  for (let cur: Element | null = el; cur; cur = composedParent(cur)) {
    if (isMarkupHidden(cur)) return true;
  }
  return false;
}

/**
 * All matches of `selector` in `root`, also inside open shadow roots (closed ones are unreachable by
 * design). Light DOM first; the shadow walk visits every element, so callers use it as a fallback.
 */
export function queryAllDeep(root: ParentNode, selector: string, limit = 200): Element[] {
  const out: Element[] = Array.from(root.querySelectorAll(selector)).slice(0, limit);
  const roots: ParentNode[] = [root];
  const own = (root as Partial<Element> & { shadowRoot?: ShadowRoot | null }).shadowRoot;
  if (own) roots.push(own);
  let visited = 0;
  while (roots.length > 0 && out.length < limit) {
    const r = roots.shift()!;
    if (r !== root) out.push(...Array.from(r.querySelectorAll(selector)).slice(0, limit - out.length));
    for (const el of Array.from(r.querySelectorAll('*'))) {
      if (++visited > LIMITS.walkNodes) return out;
      const sr = (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
      if (sr) roots.push(sr);
    }
  }
  return out;
}

/** True when the element or any ancestor up to (not including) `stop` is hidden by markup. */
export function isHiddenWithin(el: Element, stop: Element | null = null): boolean {
  for (let cur: Element | null = el; cur && cur !== stop; cur = cur.parentElement) {
    if (isMarkupHidden(cur)) return true;
  }
  return false;
}

function shouldSkip(el: Element, skip: string): boolean {
  if (SKIP_TAGS.has(el.localName)) return true;
  if (isMarkupHidden(el)) return true;
  try {
    return el.matches(skip);
  } catch {
    return false;
  }
}

/**
 * Read the visible-by-markup text of a node (element, document fragment or document) without forcing
 * layout. Blocks and `<br>` become line breaks; the result is normalised and capped.
 */
export function textOf(node: Node | null | undefined, opts: TextOptions = {}): string {
  if (!node) return '';
  const skip = opts.skip ? `${DEFAULT_SKIP}, ${opts.skip}` : DEFAULT_SKIP;
  const maxChars = opts.maxChars ?? LIMITS.messageChars;
  // Raw text is gathered up to a little more than the cap, then normalised and cut.
  const rawCap = maxChars * 2 + 1000;
  const parts: string[] = [];
  let length = 0;
  let visited = 0;

  // Explicit stack (no recursion: deep pages must not overflow). Strings on the stack are separators
  // to emit after an element's children.
  const stack: Array<Node | string> = [node];
  if (node.nodeType === 1 && shouldSkip(node as Element, skip)) return '';
  while (stack.length > 0 && length < rawCap && visited < LIMITS.walkNodes) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      parts.push(item);
      length += item.length;
      continue;
    }
    visited++;
    if (item.nodeType === 3 /* TEXT_NODE */ || item.nodeType === 4 /* CDATA */) {
      const data = (item as CharacterData).data;
      // Whitespace inside text nodes is not significant outside <pre>; newlines are added by blocks.
      parts.push(data.replace(C0_CONTROLS, '').replace(/\s+/g, ' '));
      length += data.length;
      continue;
    }
    if (item.nodeType === 1 /* ELEMENT_NODE */) {
      const el = item as Element;
      if (el !== node && shouldSkip(el, skip)) continue;
      const tag = el.localName;
      if (tag === 'br') {
        parts.push('\n');
        continue;
      }
      if (tag === 'pre') {
        // Keep the pre's own line structure.
        parts.push(SOFT_BREAK, (el.textContent ?? '').replace(C0_CONTROLS, '').replace(/\r\n?/g, '\n'), SOFT_BREAK);
        length += (el.textContent ?? '').length;
        continue;
      }
      if (opts.shadow) {
        const root = (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
        if (root) {
          if (BLOCK_TAGS.has(tag)) {
            parts.push(SOFT_BREAK);
            stack.push(SOFT_BREAK);
          }
          pushChildren(stack, root);
          continue;
        }
        if (tag === 'slot') {
          const assigned = (el as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
          if (assigned.length > 0) {
            for (let i = assigned.length - 1; i >= 0; i--) stack.push(assigned[i]!);
            continue;
          }
        }
      }
      const isBlock = BLOCK_TAGS.has(tag);
      if (isBlock) parts.push(SOFT_BREAK);
      if (tag === 'p' || /^h[1-6]$/.test(tag) || tag === 'blockquote') stack.push(PARAGRAPH_BREAK);
      else if (isBlock) stack.push(SOFT_BREAK);
      else if (CELL_TAGS.has(tag)) stack.push(' ');
      pushChildren(stack, el);
      continue;
    }
    if (item.nodeType === 9 /* DOCUMENT */ || item.nodeType === 11 /* FRAGMENT */) {
      pushChildren(stack, item);
    }
  }
  // Adjacent block boundaries merge into one line break, or a blank line when a paragraph is involved.
  const raw = parts
    .join('')
    // eslint-disable-next-line no-control-regex
    .replace(/[ \u0001\u0002]*[\u0001\u0002][ \u0001\u0002]*/g, (m) => (m.includes(PARAGRAPH_BREAK) ? '\n\n' : '\n'));
  return opts.multiline === false ? normalizeLine(raw, maxChars) : normalizeText(raw, maxChars);
}

function pushChildren(stack: Array<Node | string>, parent: Node): void {
  const kids = parent.childNodes;
  for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
}

/** Single-line text of an element (subject, name, tag, priority), capped at `LIMITS.fieldChars`. */
export function lineOf(node: Node | null | undefined, maxChars: number = LIMITS.fieldChars): string {
  return textOf(node, { multiline: false, maxChars });
}

/**
 * The value an input shows (its live `.value`, which reflects what the agent typed), falling back to
 * its `value` attribute; for other elements, their single-line text.
 */
export function fieldValue(el: Element | null | undefined, maxChars: number = LIMITS.fieldChars, multiline = false): string {
  if (!el) return '';
  const tag = el.localName;
  if (tag === 'input' || tag === 'textarea') {
    const live = (el as HTMLInputElement).value;
    const raw = typeof live === 'string' ? live : (el.getAttribute('value') ?? '');
    return multiline ? normalizeText(raw, maxChars) : normalizeLine(raw, maxChars);
  }
  return multiline ? textOf(el, { maxChars }) : lineOf(el, maxChars);
}

/** First element matching any selector of the list, in list order (earlier selectors are preferred). */
export function queryFirst(root: ParentNode | null | undefined, selectors: readonly string[]): Element | null {
  if (!root) return null;
  for (const sel of selectors) {
    const el = root.querySelector(sel);
    if (el) return el;
  }
  return null;
}

/** All elements matching the first selector of the list that matches anything. */
export function queryAllFirst(root: ParentNode | null | undefined, selectors: readonly string[]): Element[] {
  if (!root) return [];
  for (const sel of selectors) {
    const list = root.querySelectorAll(sel);
    if (list.length > 0) return Array.from(list);
  }
  return [];
}

/** ISO 8601 timestamp (date with time, optional offset) from a `datetime`-style attribute, or undefined. */
export function isoTimestamp(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return undefined;
  return Number.isNaN(Date.parse(v.replace(' ', 'T'))) ? undefined : v.replace(' ', 'T');
}

/** YYYY-MM-DD part of an ISO timestamp, as written (the page's own calendar date, not converted to UTC). */
export function isoDatePart(iso: string | undefined): string | undefined {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : undefined;
}

const EMAIL_RE = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** First e-mail address in a string (lower-cased), or undefined. */
export function findEmail(text: string | null | undefined): string | undefined {
  const m = text ? EMAIL_RE.exec(text) : null;
  return m ? m[0].toLowerCase() : undefined;
}

/**
 * Split "Ada Example <ada@example.com>" (or a bare name, or a bare address) into name and email.
 * Only what is really there is returned.
 */
export function parseNameAndEmail(text: string): { name?: string; email?: string } {
  const line = normalizeLine(text);
  const email = findEmail(line);
  const name = normalizeLine(
    line.replace(EMAIL_RE, '').replace(/[<>()[\]"]/g, ' ').replace(/\s+[-–—,:;]\s*$/, ''),
  );
  const out: { name?: string; email?: string } = {};
  if (name) out.name = name;
  if (email) out.email = email;
  return out;
}

/** Is the element an editable text surface (textarea, text input, or contenteditable host)? */
export function isEditable(el: Element | null | undefined): el is HTMLElement {
  if (!el) return false;
  const tag = el.localName;
  if (tag === 'textarea') {
    return !el.hasAttribute('readonly') && !el.hasAttribute('disabled');
  }
  if (tag === 'input') {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    return ['text', 'search', ''].includes(type) && !el.hasAttribute('readonly') && !el.hasAttribute('disabled');
  }
  const ce = el.getAttribute('contenteditable');
  return ce !== null && ['', 'true', 'plaintext-only'].includes(ce.toLowerCase());
}
