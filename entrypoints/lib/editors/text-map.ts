/**
 * The draft as plain text, with a map back to the DOM. The draft checks (tone lint, leak guard, draft
 * amounts) work on offsets into this text; the overlay draws underlines and the replace action selects
 * text through the same map, so offsets always mean the same thing on both sides.
 *
 * Blocks (paragraphs, list items, divs) and <br> become "\n", so words in neighbouring paragraphs never
 * run together ("sorry." / "Unfortunately" stays two sentences). Reading is one tree walk: no layout.
 */

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL',
]);
/** Never part of the draft text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'svg', 'SVG']);

export const MAX_DRAFT_CHARS = 50_000;

export interface TextMap {
  text: string;
  /** Text nodes in document order and the offset of each one's first character in `text`. */
  nodes: Text[];
  starts: number[];
}

type Field = HTMLTextAreaElement | HTMLInputElement;

export function isField(el: Element): el is Field {
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

/** Reads a contenteditable root's text (blocks as newlines) with a map to its text nodes. */
export function readTextMap(root: HTMLElement, max = MAX_DRAFT_CHARS): TextMap {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  const newline = () => {
    if (text && !text.endsWith('\n')) text += '\n';
  };
  const walk = (node: Node): boolean => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (text.length >= max) return false;
      if (child.nodeType === 3) {
        const data = (child as Text).data;
        if (!data) continue;
        nodes.push(child as Text);
        starts.push(text.length);
        text += data;
      } else if (child.nodeType === 1) {
        const el = child as Element;
        const tag = el.tagName;
        if (SKIP.has(tag)) continue;
        if (tag === 'BR') {
          text += '\n';
          continue;
        }
        const block = BLOCKS.has(tag);
        if (block) newline();
        if (!walk(el)) return false;
        if (block) newline();
      }
    }
    return true;
  };
  walk(root);
  return { text: text.length > max ? text.slice(0, max) : text, nodes, starts };
}

/** The draft text of an editor: a field's value, or the contenteditable text with blocks as newlines. */
export function draftText(el: HTMLElement): string {
  if (isField(el)) return el.value.slice(0, MAX_DRAFT_CHARS);
  return readTextMap(el).text;
}

/** DOM position of a text offset: inside the text node holding it, or at the end of the one before it (an
 *  offset on a virtual newline between blocks). */
export function positionAt(map: TextMap, offset: number, preferNext = false): { node: Text; offset: number } | null {
  const { nodes, starts } = map;
  if (!nodes.length) return null;
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const node = nodes[lo]!;
  const within = offset - starts[lo]!;
  if (within < node.data.length) return { node, offset: Math.max(0, within) };
  // At or past the end of this node: the start of the next one when asked (a range start), else its end.
  if (preferNext && lo + 1 < nodes.length) return { node: nodes[lo + 1]!, offset: 0 };
  return { node, offset: node.data.length };
}

/** A DOM Range over [start, end) of the map's text, or null when the map has no text there. */
export function rangeFor(map: TextMap, start: number, end: number): Range | null {
  const a = positionAt(map, start, true);
  const b = positionAt(map, end);
  if (!a || !b) return null;
  const doc = a.node.ownerDocument;
  const range = doc.createRange();
  try {
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
  } catch {
    return null;
  }
  return range;
}

/**
 * Where `expected` is in `text` now: at `start` if it is still there, else the occurrence nearest to it
 * (the agent kept typing before it), else -1. Exact, case-sensitive: we only ever replace what we showed.
 */
export function locate(text: string, expected: string, start: number): number {
  if (!expected) return -1;
  if (text.startsWith(expected, start)) return start;
  let best = -1;
  for (let i = text.indexOf(expected); i >= 0; i = text.indexOf(expected, i + 1)) {
    if (best < 0 || Math.abs(i - start) < Math.abs(best - start)) best = i;
  }
  return best;
}
