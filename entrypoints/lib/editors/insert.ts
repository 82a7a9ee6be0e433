/**
 * Plain-text insertion into the reply editors helpdesks use, from the content script's isolated world.
 *
 * For each editor family we try the method its own model listens to first (see
 * /work/shared/research/helpdesk-dom.md §3), confirm the effect in the DOM, and fall back only when the
 * previous method provably did nothing, so a phrase is never inserted twice. Methods that need the page's
 * own JS world go through the MAIN-world bridge (bridge-client.ts / main-world.ts).
 * Text is only ever inserted as text: never innerHTML; the MAIN side HTML-escapes for HTML-only APIs.
 */
import { callMain, bridgeKnownDown } from './bridge-client';
import { caretInside, caretToEnd, restoreCaret } from './caret';
import { activeIn, detectEditor, selectionFor, type EditorKind } from './detect';
import { dispatchBeforeInput, dispatchPaste } from './events';
import { BRIDGE_MAX_TEXT, type MainMethod } from './protocol';

export { detectEditor, editorFromFocus, type EditorKind, type DetectedEditor } from './detect';

export interface InsertResult {
  ok: boolean;
  kind: EditorKind;
  method: string;
  error?: string;
}

/** How long an editor may take to apply a handled event or API call to its DOM (Slate renders async). */
export const CONFIRM_TIMEOUT_MS = 1000;

type Field = HTMLTextAreaElement | HTMLInputElement;

interface StepResult {
  ok: boolean;
  method: string;
  error?: string;
  /** Stop here even though it failed: the editor may have taken the text, so a fallback could duplicate it. */
  final?: boolean;
}

type LocalStep = 'field' | 'exec' | 'range' | 'paste' | 'beforeinput';
type Step = LocalStep | `main:${Exclude<MainMethod, 'ping'>}`;

const PLAN: Record<EditorKind, readonly Step[]> = {
  textarea: ['field'],
  input: ['field'],
  contenteditable: ['exec', 'range'],
  ckeditor5: ['main:ckeditor5-model', 'main:paste-event', 'paste'],
  ckeditor4: ['main:ckeditor4-api', 'paste', 'exec'],
  prosemirror: ['main:paste-event', 'paste', 'exec'],
  quill: ['main:paste-event', 'paste', 'exec'],
  draftjs: ['main:paste-event', 'paste'],
  slate: ['main:beforeinput-event', 'beforeinput', 'main:paste-event', 'paste'],
  lexical: ['main:beforeinput-event', 'beforeinput', 'main:paste-event', 'paste'],
  tinymce: ['main:tinymce-api', 'paste', 'exec'],
  froala: ['exec', 'main:froala-api'],
  summernote: ['exec', 'main:summernote-api'],
};

/** Normalises line endings and drops control characters other than newline and tab. */
export function normalizeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

function isField(el: HTMLElement): el is Field {
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

// ---------------------------------------------------------------------------------------------------------
// Caret and focus

function focusKeepingSelection(target: HTMLElement): void {
  const doc = target.ownerDocument;
  const win = doc.defaultView;
  const sel = selectionFor(target);
  const range = sel && sel.rangeCount ? sel.getRangeAt(0).cloneRange() : null;
  try {
    if (win && win !== win.top) win.focus();
  } catch {
    /* ignore */
  }
  const active = activeIn(target);
  if (active !== target && !target.contains(active)) target.focus({ preventScroll: true });
  if (range && sel && target.contains(range.startContainer)) {
    sel.removeAllRanges();
    sel.addRange(range);
  }
}

/** Caret at the remembered spot, else where it is (if inside the editor), else at the end. Gives the page a
 *  task after focusing (CKEditor 4 and TinyMCE put back their own last selection on focus) and after moving
 *  the selection (so rich editors move their model selection to the DOM caret) before we insert. */
async function prepareCaret(target: HTMLElement): Promise<void> {
  if (isField(target)) {
    if (activeIn(target) === target) return;
    if (!restoreCaret(target)) caretToEnd(target);
    return;
  }
  if (caretInside(target)) {
    const active = activeIn(target);
    const focused = active === target || target.contains(active);
    focusKeepingSelection(target);
    if (!focused) await settle(target);
    return;
  }
  if (restoreCaret(target)) {
    await settle(target);
    if (!caretInside(target)) restoreCaret(target);
  } else {
    caretToEnd(target);
    await settle(target);
    // The editor moved the caret back to its own remembered spot on focus: the agent never put a caret here,
    // so the end of the content is the right place.
    caretToEnd(target);
    await settle(target);
  }
}

/** Lets the page process the queued selectionchange/focus events, so rich editors (CKEditor 5, Draft.js,
 *  Lexical, Slate) move their model selection to the DOM caret we just set before we insert. */
export function settle(target: HTMLElement, ms = 20): Promise<void> {
  const win = target.ownerDocument.defaultView ?? window;
  return new Promise((resolve) => win.setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------------------
// DOM confirmation

interface Watch {
  changed(): boolean;
  wait(ms: number): Promise<boolean>;
  stop(): void;
}

function watchMutations(target: Node): Watch {
  let seen = false;
  let wake: (() => void) | null = null;
  const mo = new MutationObserver(() => {
    seen = true;
    wake?.();
  });
  mo.observe(target, { childList: true, characterData: true, subtree: true });
  return {
    changed: () => seen || mo.takeRecords().length > 0 || seen,
    wait(ms) {
      if (this.changed()) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          wake = null;
          resolve(this.changed());
        }, ms);
        wake = () => {
          clearTimeout(timer);
          wake = null;
          resolve(true);
        };
      });
    },
    stop: () => mo.disconnect(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Steps

function setFieldValue(f: Field, value: string): void {
  const proto = Object.getPrototypeOf(f) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  // The prototype setter bypasses a framework's instance-level value tracker (React), so the framework
  // sees the change on the following input event.
  if (setter) setter.call(f, value);
  else f.value = value;
}

function fieldStep(f: Field, raw: string): StepResult {
  const text = f.tagName === 'INPUT' ? raw.replace(/\s*\n\s*/g, ' ') : raw;
  const before = f.value;
  const start = f.selectionStart ?? before.length;
  const end = f.selectionEnd ?? start;
  const expected = before.slice(0, start) + text + before.slice(end);
  if (f.maxLength >= 0 && expected.length > f.maxLength) {
    return { ok: false, final: true, method: 'field', error: `text does not fit the field (maxlength ${f.maxLength})` };
  }
  const doc = f.ownerDocument;
  if (activeIn(f) !== f) f.focus({ preventScroll: true });
  let exec: boolean;
  try {
    // Native editing command: the browser's own undo stack records it and fires a trusted input event.
    exec = doc.execCommand('insertText', false, text);
  } catch {
    exec = false;
  }
  const win = doc.defaultView ?? window;
  if (exec && f.value !== before) {
    f.dispatchEvent(new win.Event('change', { bubbles: true }));
    return f.value === expected
      ? { ok: true, method: 'execCommand' }
      : { ok: f.value.includes(text), final: true, method: 'execCommand', error: 'the page rewrote the value' };
  }
  try {
    f.setRangeText(text, start, end, 'end');
  } catch {
    setFieldValue(f, expected);
  }
  const caret = start + text.length;
  try {
    if (f.selectionStart !== caret || f.selectionEnd !== caret) f.setSelectionRange(caret, caret);
  } catch {
    /* input types without selection */
  }
  f.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  f.dispatchEvent(new win.Event('change', { bubbles: true }));
  return f.value === expected
    ? { ok: true, method: 'setRangeText' }
    : { ok: false, final: true, method: 'setRangeText', error: 'the page rewrote the value' };
}

function execStep(target: HTMLElement, text: string): StepResult {
  const doc = target.ownerDocument;
  const before = target.textContent ?? '';
  const w = watchMutations(target);
  let ok: boolean;
  try {
    // One insertText command (newlines included) is one native undo step; Chromium turns each newline into
    // a paragraph separator, Firefox into <br>.
    ok = doc.execCommand('insertText', false, text);
  } catch {
    ok = false;
  }
  const changed = w.changed() || (target.textContent ?? '') !== before;
  w.stop();
  if (!ok && !changed) return { ok: false, method: 'execCommand', error: 'execCommand refused' };
  if (!changed) return { ok: false, method: 'execCommand', error: 'no change' };
  return { ok: true, method: 'execCommand' };
}

function rangeStep(target: HTMLElement, text: string): StepResult {
  const doc = target.ownerDocument;
  const sel = selectionFor(target);
  if (!sel || sel.rangeCount === 0) return { ok: false, method: 'range', error: 'no selection' };
  const range = sel.getRangeAt(0);
  if (!target.contains(range.startContainer)) return { ok: false, method: 'range', error: 'selection outside editor' };
  range.deleteContents();
  const frag = doc.createDocumentFragment();
  text.split('\n').forEach((line, i) => {
    if (i > 0) frag.appendChild(doc.createElement('br'));
    if (line) frag.appendChild(doc.createTextNode(line));
  });
  const last = frag.lastChild;
  range.insertNode(frag);
  if (last) {
    const after = doc.createRange();
    after.setStartAfter(last);
    after.collapse(true);
    sel.removeAllRanges();
    sel.addRange(after);
  }
  const win = doc.defaultView ?? window;
  target.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  return { ok: true, method: 'range' };
}

async function eventStep(target: HTMLElement, text: string, kind: 'paste' | 'beforeinput'): Promise<StepResult> {
  const w = watchMutations(target);
  try {
    const handled = kind === 'paste' ? dispatchPaste(target, text) : dispatchBeforeInput(target, text);
    if (!handled) return { ok: false, method: kind, error: 'not handled' };
    return (await w.wait(CONFIRM_TIMEOUT_MS))
      ? { ok: true, method: kind }
      : { ok: false, final: true, method: kind, error: 'handled but the editor did not change' };
  } finally {
    w.stop();
  }
}

async function mainStep(target: HTMLElement, text: string, method: Exclude<MainMethod, 'ping'>): Promise<StepResult> {
  const name = `main:${method}`;
  if (bridgeKnownDown(target)) return { ok: false, method: name, error: 'bridge unavailable' };
  const w = watchMutations(target);
  try {
    const res = await callMain(target, method, text);
    if (!res) return { ok: false, method: name, error: 'bridge unavailable' };
    const label = `main:${res.method}`;
    if (!res.ok) return { ok: false, method: label, error: res.error ?? 'failed' };
    // The reply comes from the page's world: confirm in the DOM ourselves.
    return (await w.wait(CONFIRM_TIMEOUT_MS))
      ? { ok: true, method: label }
      : { ok: false, final: true, method: label, error: 'reported ok but the editor did not change' };
  } finally {
    w.stop();
  }
}

function runStep(step: Step, target: HTMLElement, text: string): StepResult | Promise<StepResult> {
  switch (step) {
    case 'field':
      return isField(target) ? fieldStep(target, text) : { ok: false, method: 'field', error: 'not a field' };
    case 'exec':
      return execStep(target, text);
    case 'range':
      return rangeStep(target, text);
    case 'paste':
      return eventStep(target, text, 'paste');
    case 'beforeinput':
      return eventStep(target, text, 'beforeinput');
    default:
      return mainStep(target, text, step.slice(5) as Exclude<MainMethod, 'ping'>);
  }
}

/** Insert plain text at the caret (or at the end when the editor has no caret yet), so the host editor's own
 *  model registers it, undo removes it, and the caret ends after the insertion. Never innerHTML. */
export async function insertText(
  el: HTMLElement,
  text: string,
  opts?: {
    signal?: AbortSignal;
    /** The caller selected the text to replace (replace.ts): keep that selection instead of the caret rules. */
    keepSelection?: boolean;
  },
): Promise<{ ok: boolean; kind: EditorKind; method: string; error?: string }> {
  const det = detectEditor(el);
  if (!det) return { ok: false, kind: 'contenteditable', method: 'none', error: 'not an editable element' };
  const { kind, target } = det;
  const clean = normalizeText(text);
  if (!clean) return { ok: false, kind, method: 'none', error: 'empty text' };
  if (clean.length > BRIDGE_MAX_TEXT) return { ok: false, kind, method: 'none', error: 'text too long' };
  if (opts?.signal?.aborted) return { ok: false, kind, method: 'none', error: 'aborted' };

  if (!(opts?.keepSelection && caretInside(target))) await prepareCaret(target);
  const tried: string[] = [];
  for (const step of PLAN[kind]) {
    if (opts?.signal?.aborted) return { ok: false, kind, method: tried.at(-1) ?? 'none', error: 'aborted' };
    if (step !== 'field' && !caretInside(target)) await prepareCaret(target);
    let r: StepResult;
    try {
      r = await runStep(step, target, clean);
    } catch (err) {
      r = { ok: false, method: step, error: err instanceof Error ? err.message : 'failed' };
    }
    if (r.ok) return { ok: true, kind, method: r.method };
    tried.push(`${r.method}: ${r.error ?? 'failed'}`);
    if (r.final) return { ok: false, kind, method: r.method, error: tried.join('; ') };
  }
  // Markup that looks like CKEditor 5 but has no editor instance behind it (a styled plain
  // contenteditable, or an instance the page keeps out of reach) is edited like a plain
  // contenteditable. Never done when an instance exists: CKEditor 5 ignores execCommand.
  if (kind === 'ckeditor5' && tried.some((t) => t.includes('no ckeditorInstance')) && target.isContentEditable) {
    if (!caretInside(target)) await prepareCaret(target);
    const r = await execStep(target, clean);
    if (r.ok) return { ok: true, kind: 'contenteditable', method: r.method };
    tried.push(`${r.method}: ${r.error ?? 'failed'}`);
  }
  return { ok: false, kind, method: 'none', error: tried.join('; ') };
}
