/**
 * Where pieces of the draft are on screen, for the underline overlay. Read-only: the editor's DOM is
 * never changed (no wrapping spans, no marks) — we measure text ranges and draw our own boxes on top.
 *
 * Rects are in the TOP window's viewport coordinates (the overlay is position: fixed there), clipped to
 * the part of the editor that is visible. Editors inside same-origin iframes (CKEditor 4, TinyMCE) are
 * offset by their frames; textareas are measured through an invisible mirror with the same text layout.
 */
import { isField, rangeFor, readTextMap } from '@/entrypoints/lib/editors/text-map';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Span {
  start: number;
  end: number;
}

/** Offset of `doc`'s viewport inside the top window's viewport (0,0 for the top document). */
export function frameOffset(doc: Document): { x: number; y: number } | null {
  let x = 0;
  let y = 0;
  let win: Window | null = doc.defaultView;
  for (let depth = 0; win && win !== win.top && depth < 8; depth++) {
    let frame: Element | null;
    try {
      frame = win.frameElement;
    } catch {
      return null;
    }
    if (!frame) return null;
    const r = frame.getBoundingClientRect();
    const cs = frame.ownerDocument.defaultView?.getComputedStyle(frame);
    x += r.left + (cs ? parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft) : 0);
    y += r.top + (cs ? parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop) : 0);
    win = frame.ownerDocument.defaultView;
  }
  return { x, y };
}

function intersect(a: Box, b: Box): Box | null {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(a.left + a.width, b.left + b.width);
  const bottom = Math.min(a.top + a.height, b.top + b.height);
  return right > left && bottom > top ? { left, top, width: right - left, height: bottom - top } : null;
}

/** The visible part of the editor, in top-viewport coordinates. */
export function editorClip(target: HTMLElement): Box | null {
  const off = frameOffset(target.ownerDocument);
  if (!off) return null;
  const doc = target.ownerDocument;
  const win = doc.defaultView;
  // For the body of an iframe editor, the frame's viewport is the visible area.
  const r = target === doc.body || target === doc.documentElement
    ? { left: 0, top: 0, width: win?.innerWidth ?? 0, height: win?.innerHeight ?? 0 }
    : target.getBoundingClientRect();
  const box = { left: r.left + off.x, top: r.top + off.y, width: r.width, height: r.height };
  const top = target.ownerDocument.defaultView?.top;
  let viewport: Box = { left: 0, top: 0, width: 1e6, height: 1e6 };
  try {
    if (top) viewport = { left: 0, top: 0, width: top.innerWidth, height: top.innerHeight };
  } catch {
    /* cross-origin top: keep the large box */
  }
  let clip = intersect(box, viewport);
  if (off.x || off.y) {
    const frameWin = target.ownerDocument.defaultView;
    if (frameWin) clip = clip && intersect(clip, { left: off.x, top: off.y, width: frameWin.innerWidth, height: frameWin.innerHeight });
  }
  return clip;
}

const MIRROR_PROPS = [
  'boxSizing', 'width', 'height', 'overflowX', 'overflowY', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth',
  'borderLeftWidth', 'borderStyle', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontStyle',
  'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontSizeAdjust', 'lineHeight', 'fontFamily',
  'fontFeatureSettings', 'fontKerning', 'textAlign', 'textTransform', 'textIndent', 'textDecoration',
  'letterSpacing', 'wordSpacing', 'tabSize', 'direction', 'writingMode',
] as const;

/**
 * Rects of spans of a textarea's value, measured in a mirror element placed exactly over the field inside
 * `scratch` (an element of ours, e.g. in the overlay's shadow root). The mirror is removed afterwards.
 */
function fieldRects(field: HTMLTextAreaElement | HTMLInputElement, spans: Span[], scratch: HTMLElement): Box[][] {
  const doc = scratch.ownerDocument;
  const cs = field.ownerDocument.defaultView?.getComputedStyle(field);
  if (!cs) return spans.map(() => []);
  const r = field.getBoundingClientRect();
  const off = frameOffset(field.ownerDocument) ?? { x: 0, y: 0 };
  const mirror = doc.createElement('div');
  const style = mirror.style as unknown as Record<string, string>;
  for (const p of MIRROR_PROPS) style[p] = (cs as unknown as Record<string, string>)[p] ?? '';
  Object.assign(mirror.style, {
    position: 'fixed',
    left: `${r.left + off.x}px`,
    top: `${r.top + off.y}px`,
    visibility: 'hidden',
    pointerEvents: 'none',
    overflow: 'hidden',
    whiteSpace: field.tagName === 'INPUT' ? 'pre' : 'pre-wrap',
    overflowWrap: 'break-word',
    borderColor: 'transparent',
    margin: '0',
  });
  const value = field.value;
  const sorted = spans.map((s, i) => ({ ...s, i })).sort((a, b) => a.start - b.start);
  const marks: Array<{ i: number; el: HTMLElement }> = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue; // overlapping spans: the first one wins
    mirror.append(doc.createTextNode(value.slice(at, s.start)));
    const mark = doc.createElement('span');
    mark.textContent = value.slice(s.start, s.end);
    mirror.append(mark);
    marks.push({ i: s.i, el: mark });
    at = s.end;
  }
  mirror.append(doc.createTextNode(value.slice(at) || ' '));
  scratch.append(mirror);
  mirror.scrollTop = field.scrollTop;
  mirror.scrollLeft = field.scrollLeft;
  const out: Box[][] = spans.map(() => []);
  for (const m of marks) {
    out[m.i] = [...m.el.getClientRects()].map((b) => ({ left: b.left, top: b.top, width: b.width, height: b.height }));
  }
  mirror.remove();
  return out;
}

/**
 * Screen boxes of each span of the editor's draft text (text-map.ts offsets), clipped to the visible part
 * of the editor. A span that is scrolled out of view gets no boxes.
 */
export function spanRects(target: HTMLElement, spans: Span[], scratch: HTMLElement): Box[][] {
  const clip = editorClip(target);
  if (!clip || !spans.length) return spans.map(() => []);
  let raw: Box[][];
  if (isField(target)) {
    raw = fieldRects(target, spans, scratch);
  } else {
    const map = readTextMap(target);
    const off = frameOffset(target.ownerDocument) ?? { x: 0, y: 0 };
    raw = spans.map((s) => {
      const range = rangeFor(map, s.start, s.end);
      if (!range) return [];
      return [...range.getClientRects()]
        .filter((b) => b.width > 0.5 && b.height > 0.5)
        .map((b) => ({ left: b.left + off.x, top: b.top + off.y, width: b.width, height: b.height }));
    });
  }
  return raw.map((boxes) => dedupe(boxes.map((b) => intersect(b, clip)).filter((b): b is Box => !!b)));
}

/** Nested inline elements report the same line twice; keep one box per line piece. */
function dedupe(boxes: Box[]): Box[] {
  const out: Box[] = [];
  for (const b of boxes) {
    if (out.some((o) => Math.abs(o.left - b.left) < 1 && Math.abs(o.top - b.top) < 1 && Math.abs(o.width - b.width) < 1)) continue;
    out.push(b);
  }
  return out;
}

/** Text offset (text-map.ts) of the caret in a contenteditable or field, or -1. */
export function caretOffset(target: HTMLElement, sel: Selection | null): number {
  if (isField(target)) return target.selectionStart ?? -1;
  if (!sel || sel.rangeCount === 0) return -1;
  const r = sel.getRangeAt(0);
  if (!target.contains(r.endContainer)) return -1;
  const map = readTextMap(target);
  const node = r.endContainer;
  if (node.nodeType === 3) {
    const i = map.nodes.indexOf(node as Text);
    return i < 0 ? -1 : map.starts[i]! + r.endOffset;
  }
  // Caret between elements: the offset of the first text node at or after it, else the end.
  for (let i = 0; i < map.nodes.length; i++) if (r.comparePoint(map.nodes[i]!, 0) >= 0) return map.starts[i]!;
  return map.text.length;
}
