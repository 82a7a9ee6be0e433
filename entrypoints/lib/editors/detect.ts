/** Editor detection from markup signatures only (works in the isolated world; no page globals). */

export type EditorKind =
  | 'textarea'
  | 'input'
  | 'contenteditable'
  | 'ckeditor5'
  | 'ckeditor4'
  | 'prosemirror'
  | 'quill'
  | 'draftjs'
  | 'slate'
  | 'lexical'
  | 'tinymce'
  | 'froala'
  | 'summernote';

export interface DetectedEditor {
  kind: EditorKind;
  /** The element that receives the text: the field, or the editor's contenteditable root. */
  target: HTMLElement;
}

/** Outer containers of the rich editors, whose editable is a descendant. */
const EDITOR_WRAPPERS = '.ck-editor, .cke, .DraftEditor-root, .ql-container, .tox-tinymce, .fr-box, .note-editor';

const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'email', 'url', 'tel']);

function isHtmlElement(n: unknown): n is HTMLElement {
  return !!n && typeof n === 'object' && (n as Node).nodeType === 1 && 'style' in (n as object);
}

/** contenteditable state of the element itself: true/false, or null when it inherits. */
function ownEditable(el: Element): boolean | null {
  const v = el.getAttribute('contenteditable');
  if (v === null) return null;
  const s = v.trim().toLowerCase();
  if (s === '' || s === 'true' || s === 'plaintext-only') return true;
  if (s === 'false') return false;
  return null;
}

export function isEditable(el: Element): boolean {
  if (el.ownerDocument.designMode === 'on') return true;
  for (let n: Element | null = el; n; n = n.parentElement) {
    const own = ownEditable(n);
    if (own !== null) return own;
  }
  return false;
}

/** The outermost editable ancestor (the editing host) of an editable element. */
export function editingHost(el: Element): HTMLElement | null {
  if (!isEditable(el)) return null;
  let host: Element = el;
  for (let n = el.parentElement; n && isEditable(n); n = n.parentElement) {
    if (n === n.ownerDocument.documentElement) break;
    host = n;
  }
  return isHtmlElement(host) ? host : null;
}

function frameDocument(el: Element): Document | null {
  if (el.tagName !== 'IFRAME') return null;
  try {
    return (el as HTMLIFrameElement).contentDocument;
  } catch {
    return null; // cross-origin
  }
}

function frameHostHint(doc: Document): Element | null {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
}

function closestHtml(el: Element, selector: string): HTMLElement | null {
  const hit = el.closest(selector);
  return isHtmlElement(hit) ? hit : null;
}

export function detectEditor(el: Element): DetectedEditor | null {
  if (!el || el.nodeType !== 1) return null;

  // An editor iframe (TinyMCE classic, CKEditor 4 classic, other designMode frames): look inside.
  const fdoc = frameDocument(el);
  if (fdoc) return fdoc.body ? detectEditor(fdoc.body) : null;

  const tag = el.tagName;
  if (tag === 'TEXTAREA' && isHtmlElement(el)) {
    const ta = el as HTMLTextAreaElement;
    return ta.readOnly || ta.disabled ? null : { kind: 'textarea', target: ta };
  }
  if (tag === 'INPUT' && isHtmlElement(el)) {
    const input = el as HTMLInputElement;
    const type = (input.getAttribute('type') ?? '').toLowerCase();
    if (!TEXT_INPUT_TYPES.has(type) || input.readOnly || input.disabled) return null;
    return { kind: 'input', target: input };
  }

  if (!isEditable(el)) {
    // An editor's wrapper (what a site adapter's selector often finds): look for its editable inside.
    const wrapper = el.closest(EDITOR_WRAPPERS);
    if (!wrapper) return null;
    const inner =
      wrapper.querySelector('[contenteditable]:not([contenteditable="false"])') ??
      wrapper.querySelector('iframe.cke_wysiwyg_frame, iframe.tox-edit-area__iframe, iframe[id$="_ifr"]');
    return inner && inner !== el ? detectEditor(inner) : null;
  }
  const host = editingHost(el);
  if (!host) return null;

  const ck5 = closestHtml(el, '.ck-editor__editable');
  if (ck5 && isEditable(ck5)) return { kind: 'ckeditor5', target: ck5 };

  const doc = el.ownerDocument;
  const frame = frameHostHint(doc);
  if (host === doc.body) {
    if (frame?.classList.contains('cke_wysiwyg_frame') || host.classList.contains('cke_editable')) return { kind: 'ckeditor4', target: host };
    if (host.id === 'tinymce' || host.classList.contains('mce-content-body')) return { kind: 'tinymce', target: host };
  }
  const cke4 = closestHtml(el, '.cke_editable');
  if (cke4 && isEditable(cke4)) return { kind: 'ckeditor4', target: cke4 };

  const pm = closestHtml(el, '.ProseMirror');
  if (pm && isEditable(pm)) return { kind: 'prosemirror', target: pm };

  const quill = closestHtml(el, '.ql-editor');
  if (quill && isEditable(quill)) return { kind: 'quill', target: quill };

  const draft = closestHtml(el, '.public-DraftEditor-content');
  if (draft && el.closest('.DraftEditor-root')) return { kind: 'draftjs', target: draft };

  const slate = closestHtml(el, '[data-slate-editor]');
  if (slate && isEditable(slate)) return { kind: 'slate', target: slate };

  const lexical = closestHtml(el, '[data-lexical-editor]');
  if (lexical && isEditable(lexical)) return { kind: 'lexical', target: lexical };

  const tiny = closestHtml(el, '.mce-content-body');
  if (tiny && isEditable(tiny)) return { kind: 'tinymce', target: tiny };

  const froala = closestHtml(el, '.fr-element');
  if (froala && isEditable(froala)) return { kind: 'froala', target: froala };

  const summernote = closestHtml(el, '.note-editable');
  if (summernote && isEditable(summernote)) return { kind: 'summernote', target: summernote };

  return { kind: 'contenteditable', target: host };
}

/** The editor that currently has focus in `doc`, descending into same-origin iframes and open shadow
 *  roots (e.g. a TinyMCE or CKEditor 4 iframe body). */
export function editorFromFocus(doc: Document): HTMLElement | null {
  let active: Element | null = doc.activeElement;
  for (let depth = 0; active && depth < 8; depth++) {
    const fdoc = frameDocument(active);
    if (fdoc) {
      const inner = fdoc.activeElement;
      if (!inner) break;
      active = inner;
      continue;
    }
    const sr = (active as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
    if (sr?.activeElement) {
      active = sr.activeElement;
      continue;
    }
    break;
  }
  if (!active) return null;
  return detectEditor(active)?.target ?? null;
}

/** The selection that can see inside `el`'s tree: Chromium's ShadowRoot.getSelection() for an editor in a
 *  shadow root (document.getSelection() retargets to the host there), the document's otherwise. */
export function selectionFor(el: Node): Selection | null {
  const root = el.getRootNode() as (ShadowRoot & { getSelection?: () => Selection | null }) | Document;
  if (root.nodeType === 11 && typeof (root as { getSelection?: unknown }).getSelection === 'function') {
    return (root as ShadowRoot & { getSelection: () => Selection | null }).getSelection();
  }
  return (el.ownerDocument ?? (el as Document)).getSelection();
}

/** The focused element in `el`'s own tree (document or shadow root). */
export function activeIn(el: Node): Element | null {
  const root = el.getRootNode() as Document | ShadowRoot;
  return 'activeElement' in root ? root.activeElement : null;
}
