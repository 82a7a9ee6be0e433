/**
 * MAIN-world half of the editor bridge. Installed by entrypoints/editor-bridge.content.ts (world: 'MAIN').
 *
 * It does exactly one thing: on a valid request event dispatched on an editor element, insert the given
 * plain text into that editor with the named method, and answer ok/failed on the same element. It holds no
 * state, reads no extension data, and ignores window.postMessage entirely. Page-owned editor APIs are only
 * reachable from this world (element expandos such as `ckeditorInstance`, globals such as CKEDITOR, tinymce,
 * FroalaEditor, jQuery), and Firefox drops a DataTransfer attached from the isolated world to a paste event,
 * which is why paste/beforeinput events are also dispatched from here.
 */
import {
  BRIDGE_REQUEST_EVENT,
  BRIDGE_RESPONSE_EVENT,
  BRIDGE_VERSION,
  parseRequest,
  type BridgeRequest,
  type BridgeResponse,
} from './protocol';
import { dispatchBeforeInput, dispatchPaste, escapeHtmlText } from './events';

type Outcome = { ok: boolean; method: string; error?: string };

// ---- Minimal structural views of the page-owned editor APIs we call (never trusted for anything else) ----

interface Ck5Writer { createText(data: string, attrs?: unknown): unknown }
interface Ck5Editor {
  isReadOnly?: boolean;
  model: {
    document: { selection: { getAttributes(): unknown } };
    change(cb: (writer: Ck5Writer) => void): void;
    insertContent(content: unknown): void;
  };
  commands: { get(name: string): unknown };
  execute(name: string): void;
  editing: { view: { focus(): void } };
}
interface Ck4Editor {
  readOnly?: boolean;
  mode?: string;
  editable(): { $: Element } | null;
  window?: { $?: Window } | null;
  document?: { $?: Document } | null;
  container?: { $?: Element } | null;
  focus(): void;
  fire(name: string): unknown;
  insertText(text: string): void;
}
interface TinyEditor {
  mode?: { isReadOnly(): boolean };
  iframeElement?: Element | null;
  getBody(): Element | null;
  getContainer?(): Element | null;
  focus(): void;
  execCommand(cmd: string, ui?: boolean, value?: unknown): boolean;
  insertContent(html: string): void;
  undoManager: { transact(cb: () => void): unknown };
}
interface FroalaEditor {
  el?: Element;
  edit?: { isDisabled?(): boolean };
  undo: { saveStep(): void };
  html: { insert(html: string): void };
  events: { focus(): void };
}
interface JQueryLike {
  (el: Element): { closest(sel: string): { prev(): { summernote(cmd: string, arg?: string): unknown; length: number }; length: number } };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null;
}

function linesToHtml(text: string): string {
  return text.split('\n').map(escapeHtmlText).join('<br>');
}

function editableOf(target: Element): Element {
  if (target.tagName === 'IFRAME') {
    try {
      const body = (target as HTMLIFrameElement).contentDocument?.body;
      if (body) return body;
    } catch {
      /* cross-origin */
    }
  }
  return target;
}

function insertCk5(target: Element, text: string): Outcome {
  const root = target.closest('.ck-editor__editable') ?? target;
  const editor = (root as unknown as { ckeditorInstance?: unknown }).ckeditorInstance;
  if (!isObj(editor) || !isObj(editor.model)) return { ok: false, method: 'ckeditor5-model', error: 'no ckeditorInstance' };
  const ed = editor as unknown as Ck5Editor;
  if (ed.isReadOnly) return { ok: false, method: 'ckeditor5-model', error: 'read-only' };
  const enter = ed.commands.get('enter') ? 'enter' : ed.commands.get('shiftEnter') ? 'shiftEnter' : null;
  ed.editing.view.focus();
  // One model.change block = one undo step; nested commands join the same batch.
  ed.model.change((writer) => {
    text.split('\n').forEach((line, i) => {
      if (i > 0) {
        if (enter) ed.execute(enter);
        else ed.model.insertContent(writer.createText(' ', ed.model.document.selection.getAttributes()));
      }
      if (line) ed.model.insertContent(writer.createText(line, ed.model.document.selection.getAttributes()));
    });
  });
  return { ok: true, method: 'ckeditor5-model' };
}

function insertCk4(target: Element, text: string, w: Window): Outcome {
  const C = (w as unknown as { CKEDITOR?: unknown }).CKEDITOR;
  if (!isObj(C) || !isObj(C.instances)) return { ok: false, method: 'ckeditor4-api', error: 'no CKEDITOR' };
  const editable = editableOf(target);
  for (const inst of Object.values(C.instances)) {
    if (!isObj(inst) || typeof inst.insertText !== 'function') continue;
    const ed = inst as unknown as Ck4Editor;
    let mine: boolean;
    try {
      mine = ed.editable()?.$ === editable || ed.window?.$?.frameElement === target || ed.document?.$ === editable.ownerDocument;
    } catch {
      mine = false;
    }
    if (!mine) continue;
    if (ed.readOnly) return { ok: false, method: 'ckeditor4-api', error: 'read-only' };
    if (ed.mode && ed.mode !== 'wysiwyg') return { ok: false, method: 'ckeditor4-api', error: 'not in wysiwyg mode' };
    ed.focus();
    ed.fire('saveSnapshot');
    ed.insertText(text); // CKEditor 4 HTML-encodes and maps line breaks per its enterMode
    ed.fire('saveSnapshot');
    return { ok: true, method: 'ckeditor4-api' };
  }
  return { ok: false, method: 'ckeditor4-api', error: 'no matching instance' };
}

function insertTiny(target: Element, text: string, w: Window): Outcome {
  const tm = (w as unknown as { tinymce?: unknown }).tinymce;
  if (!isObj(tm) || typeof tm.get !== 'function') return { ok: false, method: 'tinymce-api', error: 'no tinymce' };
  const all: unknown = (tm.get as () => unknown)();
  if (!Array.isArray(all)) return { ok: false, method: 'tinymce-api', error: 'no editors' };
  const editable = editableOf(target);
  const ed = all.find((e: unknown): e is TinyEditor => {
    if (!isObj(e) || typeof e.getBody !== 'function') return false;
    const t = e as unknown as TinyEditor;
    try {
      return t.iframeElement === target || t.getBody() === editable || t.getBody() === target;
    } catch {
      return false;
    }
  });
  if (!ed) return { ok: false, method: 'tinymce-api', error: 'no matching editor' };
  if (ed.mode?.isReadOnly()) return { ok: false, method: 'tinymce-api', error: 'read-only' };
  ed.focus();
  // TinyMCE's own plain-text paste path: encodes the text and builds its root blocks, one undo level.
  let done: boolean;
  try {
    done = ed.execCommand('mceInsertClipboardContent', false, { text }) !== false;
  } catch {
    done = false;
  }
  if (done) return { ok: true, method: 'tinymce-api:mceInsertClipboardContent' };
  ed.undoManager.transact(() => ed.insertContent(linesToHtml(text)));
  return { ok: true, method: 'tinymce-api:insertContent' };
}

function insertFroala(target: Element, text: string, w: Window): Outcome {
  const F = (w as unknown as { FroalaEditor?: unknown }).FroalaEditor;
  const list = isObj(F) ? F.INSTANCES : undefined;
  if (!Array.isArray(list)) return { ok: false, method: 'froala-api', error: 'no FroalaEditor' };
  const ed = list.find((e: unknown): e is FroalaEditor => isObj(e) && (e as { el?: unknown }).el === target);
  if (!ed) return { ok: false, method: 'froala-api', error: 'no matching instance' };
  if (ed.edit?.isDisabled?.()) return { ok: false, method: 'froala-api', error: 'disabled' };
  ed.events.focus();
  ed.undo.saveStep();
  ed.html.insert(linesToHtml(text));
  ed.undo.saveStep();
  return { ok: true, method: 'froala-api' };
}

function insertSummernote(target: Element, text: string, w: Window): Outcome {
  const $ = (w as unknown as { jQuery?: unknown }).jQuery;
  if (typeof $ !== 'function') return { ok: false, method: 'summernote-api', error: 'no jQuery' };
  const holder = ($ as JQueryLike)(target).closest('.note-editor').prev();
  if (!holder.length) return { ok: false, method: 'summernote-api', error: 'no summernote holder' };
  // Summernote inserts at the range it last saw; make that the caret the agent has now.
  holder.summernote('editor.setLastRange');
  // pasteHTML trims its input: keep edge spaces as no-break spaces.
  const html = linesToHtml(text).replace(/^ /, '&nbsp;').replace(/ $/, '&nbsp;');
  holder.summernote('pasteHTML', html);
  return { ok: true, method: 'summernote-api' };
}

function perform(req: BridgeRequest, target: Element, w: Window): Outcome {
  switch (req.method) {
    case 'ping':
      return { ok: true, method: 'ping' };
    case 'ckeditor5-model':
      return insertCk5(target, req.text);
    case 'ckeditor4-api':
      return insertCk4(target, req.text, w);
    case 'tinymce-api':
      return insertTiny(target, req.text, w);
    case 'froala-api':
      return insertFroala(target, req.text, w);
    case 'summernote-api':
      return insertSummernote(target, req.text, w);
    case 'paste-event': {
      const el = editableOf(target);
      return dispatchPaste(el, req.text) ? { ok: true, method: 'paste-event' } : { ok: false, method: 'paste-event', error: 'not handled' };
    }
    case 'beforeinput-event': {
      const el = editableOf(target);
      return dispatchBeforeInput(el, req.text) ? { ok: true, method: 'beforeinput-event' } : { ok: false, method: 'beforeinput-event', error: 'not handled' };
    }
  }
}

const INSTALLED = Symbol.for('tactline.editorBridge');

/** Installs the bridge listener on `w.document`. Idempotent; returns an uninstaller. */
export function installEditorBridge(w: Window & typeof globalThis): () => void {
  const holder = w as unknown as Record<symbol, unknown>;
  const existing = holder[INSTALLED];
  if (typeof existing === 'function') return existing as () => void;

  const onRequest = (ev: Event): void => {
    if (!(ev instanceof w.CustomEvent)) return;
    // composedPath()[0]: the element itself even when it sits in an (open) shadow root, where ev.target
    // would be retargeted to the shadow host at the document level.
    const target = ev.composedPath()[0] ?? ev.target;
    if (!target || (target as Node).nodeType !== 1) return;
    const req = parseRequest(ev.detail);
    if (!req) return;
    ev.stopImmediatePropagation();
    let out: Outcome;
    try {
      out = perform(req, target as Element, w);
    } catch (err) {
      out = { ok: false, method: req.method, error: err instanceof Error ? err.message.slice(0, 200) : 'failed' };
    }
    const res: BridgeResponse = { v: BRIDGE_VERSION, id: req.id, ok: out.ok, method: out.method };
    if (out.error !== undefined) res.error = out.error;
    target.dispatchEvent(new w.CustomEvent(BRIDGE_RESPONSE_EVENT, { detail: JSON.stringify(res), bubbles: true, composed: true }));
  };
  w.document.addEventListener(BRIDGE_REQUEST_EVENT, onRequest, true);
  const uninstall = (): void => {
    w.document.removeEventListener(BRIDGE_REQUEST_EVENT, onRequest, true);
    delete holder[INSTALLED];
  };
  holder[INSTALLED] = uninstall;
  return uninstall;
}
