/**
 * Remembers where the agent's caret was in the reply editor, so that clicking Tactline's sidebar (which
 * moves focus and selection away) does not lose the insertion point. The content script calls
 * `rememberCaret(doc)` on focusin/selectionchange (for the top document and for same-origin editor
 * iframes) and `restoreCaret()` just before inserting; `watchCaret(doc)` wires that up in one call.
 */
import { activeIn, detectEditor, editorFromFocus, selectionFor } from './detect';

type Field = HTMLTextAreaElement | HTMLInputElement;

interface SavedCaret {
  target: HTMLElement;
  field?: { start: number; end: number; direction: 'forward' | 'backward' | 'none' };
  range?: Range;
}

let saved: SavedCaret | null = null;
const ignored = new WeakSet<Node>();

/** Never remember a caret inside `host` or its (shadow) subtree: Tactline's own UI, so that typing in the
 *  sidebar's search field does not replace the agent's place in the reply editor. Hosts carrying the
 *  `data-tactline-ui` attribute are ignored as well. */
export function ignoreCaretWithin(host: Node): void {
  ignored.add(host);
}

function isIgnored(el: Node): boolean {
  for (let n: Node | null = el; n; ) {
    if (ignored.has(n)) return true;
    if (n.nodeType === 1 && (n as Element).hasAttribute('data-tactline-ui')) return true;
    const parent: Node | null = n.parentNode;
    n = parent && parent.nodeType === 11 ? (parent as ShadowRoot).host ?? null : parent;
  }
  return false;
}

function isField(el: HTMLElement): el is Field {
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

/** Records the caret if focus/selection is inside an editor in `doc`; otherwise keeps the last one. */
export function rememberCaret(doc: Document): void {
  const target = editorFromFocus(doc);
  if (!target || isIgnored(target)) return;
  if (isField(target)) {
    const start = target.selectionStart;
    const end = target.selectionEnd;
    if (start === null || end === null) return;
    saved = { target, field: { start, end, direction: target.selectionDirection ?? 'none' } };
    return;
  }
  const sel = selectionFor(target);
  if (!sel || sel.rangeCount === 0) return;
  const range = sel.getRangeAt(0);
  if (!target.contains(range.startContainer) || !target.contains(range.endContainer)) return;
  saved = { target, range: range.cloneRange() };
}

/** The editor whose caret is remembered, if it is still in the page. */
export function rememberedEditor(): HTMLElement | null {
  return saved && saved.target.isConnected ? saved.target : null;
}

export function forgetCaret(): void {
  saved = null;
}

/** Focus an editor (its frame's window first, for an editor inside an iframe). */
export function focusTarget(target: HTMLElement): void {
  const win = target.ownerDocument.defaultView;
  try {
    // For an editor inside an iframe, the frame's window must get focus first.
    if (win && win !== win.top) win.focus();
  } catch {
    /* ignore */
  }
  if (activeIn(target) !== target) target.focus({ preventScroll: true });
}

/** `el` (an adapter's idea of the editor: a wrapper, an iframe, the editable itself) designates `saved`. */
function sameEditor(el: HTMLElement, saved: HTMLElement): boolean {
  if (el === saved) return true;
  const det = detectEditor(el)?.target;
  if (det === saved) return true;
  return el.contains(saved);
}

/** Puts focus and the remembered caret back. With `target`, only restores if the remembered caret belongs
 *  to that editor. Returns false when there is nothing (still valid) to restore. */
export function restoreCaret(target?: HTMLElement): boolean {
  const s = saved;
  if (!s || !s.target.isConnected) return false;
  if (target && !sameEditor(target, s.target)) return false;
  if (s.field && isField(s.target)) {
    const f = s.target;
    focusTarget(f);
    const len = f.value.length;
    try {
      f.setSelectionRange(Math.min(s.field.start, len), Math.min(s.field.end, len), s.field.direction);
    } catch {
      return false;
    }
    return true;
  }
  const r = s.range;
  if (!r) return false;
  // Editors re-render; a range into detached nodes is worthless.
  if (!s.target.contains(r.startContainer) || !s.target.contains(r.endContainer)) return false;
  focusTarget(s.target);
  const sel = selectionFor(s.target);
  if (!sel) return false;
  sel.removeAllRanges();
  sel.addRange(r.cloneRange());
  return true;
}

/** Collapses the caret to the end of the editor's content (used when it never had a caret). */
export function caretToEnd(target: HTMLElement): void {
  if (isField(target)) {
    focusTarget(target);
    const len = target.value.length;
    target.setSelectionRange(len, len);
    return;
  }
  focusTarget(target);
  const doc = target.ownerDocument;
  const sel = selectionFor(target);
  if (!sel) return;
  // Last text position inside the editor (not after the last block, which would be outside any paragraph).
  let last: Node = target;
  while (last.lastChild && !(last.nodeType === 1 && (last as Element).getAttribute('contenteditable') === 'false')) last = last.lastChild;
  const range = doc.createRange();
  if (last.nodeType === 3) range.setStart(last, (last as Text).data.length);
  else if (last.nodeName === 'BR' && last.parentNode) range.setStartBefore(last);
  else {
    range.selectNodeContents(last);
    range.collapse(false);
  }
  range.collapse(true);
  sel.removeAllRanges();
  sel.addRange(range);
}

/** True when the document's selection (or the field's focus) is inside `target`. */
export function caretInside(target: HTMLElement): boolean {
  if (isField(target)) return activeIn(target) === target;
  const sel = selectionFor(target);
  if (!sel || sel.rangeCount === 0) return false;
  const r = sel.getRangeAt(0);
  return target.contains(r.startContainer) && target.contains(r.endContainer);
}

/** Listens for focus and selection changes in `doc` and in its same-origin editor iframes (TinyMCE,
 *  CKEditor 4), and remembers the caret. Focus entering an iframe is noticed through the window's `blur`.
 *  Returns a function that removes every listener. */
export function watchCaret(doc: Document): () => void {
  const docs = new Set<Document>();
  const onChange = (ev: Event): void => {
    const d = ev.currentTarget as Document;
    rememberCaret(d);
    adoptFocusedFrame();
  };
  const add = (d: Document): void => {
    if (docs.has(d)) return;
    docs.add(d);
    d.addEventListener('focusin', onChange, true);
    d.addEventListener('selectionchange', onChange, true);
  };
  const adoptFrame = (frame: Element): void => {
    try {
      const inner = (frame as HTMLIFrameElement).contentDocument;
      if (inner && detectEditor(frame)) add(inner);
    } catch {
      /* cross-origin */
    }
  };
  const adoptFocusedFrame = (): void => {
    const focused = doc.activeElement;
    if (focused && focused.tagName === 'IFRAME') {
      adoptFrame(focused);
      const inner = (focused as HTMLIFrameElement).contentDocument;
      if (inner) rememberCaret(inner);
    }
  };
  const win = doc.defaultView;
  const onBlur = (): void => adoptFocusedFrame();
  add(doc);
  win?.addEventListener('blur', onBlur, true);
  doc.querySelectorAll('iframe').forEach(adoptFrame);
  return () => {
    for (const d of docs) {
      d.removeEventListener('focusin', onChange, true);
      d.removeEventListener('selectionchange', onChange, true);
    }
    win?.removeEventListener('blur', onBlur, true);
    docs.clear();
  };
}
