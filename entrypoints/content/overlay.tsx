/**
 * The draft overlay controller: underlines for the draft findings, the popover that explains one and
 * replaces it, and the command palette. Its own closed shadow root covers the viewport with
 * `pointer-events: none`, so the helpdesk keeps every click; the editor's DOM is never touched except by
 * an explicit replace/insert through the editor's own editing path (editors/replace.ts, insert.ts).
 *
 * Typing path: `onInput` is O(1) — it hides the underlines (one class toggle) and, for ";" only, schedules
 * a trigger check. Underlines are measured again when the debounced draft check answers.
 */
import { render } from 'preact';
import type { DraftFinding } from '@/guidance/protocol';
import { DraftOverlay, type OverlayActions, type OverlayState, type PaletteItem, type ShownFinding } from '@/components/DraftOverlay';
import { caretOffset, editorClip, frameOffset, spanRects, type Box } from '@/entrypoints/lib/overlay/geometry';
import { replaceDraftText, type ReplaceTarget } from '@/entrypoints/lib/editors/replace';
import { insertText } from '@/entrypoints/lib/editors/insert';
import { detectEditor, selectionFor } from '@/entrypoints/lib/editors/detect';
import { ignoreCaretWithin, restoreCaret } from '@/entrypoints/lib/editors/caret';
import { draftText, isField, locate } from '@/entrypoints/lib/editors/text-map';

/** Typed in the editor, opens the palette. Chosen not to clash with helpdesk shortcuts (Zendesk "/",
 *  Intercom/Front "#", emoji ":" pickers) and rare in real replies. */
export const PALETTE_TRIGGER = ';;';
const SEARCH_DEBOUNCE_MS = 90;

export interface OverlayDeps {
  /** The reply editor currently in use (adapter.findEditor for the active mode). */
  editor(): HTMLElement | null;
  /** The palette's list before the agent types: phrases and policies that fit the ticket. */
  suggestions(): PaletteItem[];
  search(query: string): Promise<PaletteItem[]>;
  /** After a replace from the popover (notice, insights, re-check the draft). */
  replaced(f: ShownFinding, replacement: string, ok: boolean, error?: string): void;
  dismissed(f: ShownFinding): void;
  /** After a palette insertion. */
  inserted(item: PaletteItem, ok: boolean, error?: string): void;
}

export interface DraftOverlayController {
  readonly host: HTMLElement;
  show(editor: HTMLElement, findings: DraftFinding[]): void;
  clear(): void;
  /** Per keystroke (capture `input` listener): O(1). */
  onInput(event: Event): void;
  /** The sidebar's keyboard path to the same actions as the popover. */
  replace(f: DraftFinding, replacement: string): void;
  dismiss(f: DraftFinding): void;
  openPalette(trigger?: ReplaceTarget): void;
  paletteOpen(): boolean;
  reattach(): void;
  destroy(): void;
}

const findingKey = (f: DraftFinding) => `${f.kind}:${f.ruleId}:${f.start}:${f.text}`;

/** `css`: components/theme.css + components/overlay.css (imported by the content script's bundle). */
export function createDraftOverlay(deps: OverlayDeps, css = ''): DraftOverlayController {
  const host = document.createElement('tactline-overlay');
  host.setAttribute('data-tactline', 'overlay');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  const root = document.createElement('div');
  shadow.append(style, root);
  // Measuring textareas needs a mirror element in a laid-out tree of ours.
  const scratch = document.createElement('div');
  shadow.append(scratch);
  ignoreCaretWithin(host);

  let state: OverlayState = { findings: [] };
  let editor: HTMLElement | null = null;
  let raw: DraftFinding[] = [];
  let stale = false;
  let frame = 0;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let searchSeq = 0;
  let paletteEditor: HTMLElement | null = null;
  let paletteTrigger: ReplaceTarget | undefined;
  const listening = new Set<Document>();

  const attach = () => {
    if (!host.isConnected) document.documentElement.append(host);
  };

  function paint() {
    attach();
    render(<DraftOverlay state={state} actions={actions} />, root);
  }

  function set(patch: Partial<OverlayState>) {
    state = { ...state, ...patch };
    paint();
  }

  /** Typing hides the underlines and an open popover with one class on our root (no render per key). */
  function setStale(value: boolean) {
    if (stale === value) return;
    stale = value;
    root.classList.toggle('tl-stale', value);
  }

  /** Measure the findings' boxes (layout reads) once per frame at most. */
  function measure() {
    frame = 0;
    if (!editor || !editor.isConnected || !raw.length) {
      if (state.findings.length || state.popover) set({ findings: [], popover: undefined });
      return;
    }
    // The textarea mirror is measured inside our shadow root: it must be in the document first.
    attach();
    const boxes = spanRects(editor, raw.map((f) => ({ start: f.start, end: f.end })), scratch);
    const findings = raw.map((f, i) => ({ ...f, key: findingKey(f), boxes: boxes[i] ?? [] }));
    const popover = state.popover && findings.some((f) => f.key === state.popover!.key && f.boxes.length) ? state.popover : undefined;
    set({ findings, popover });
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(measure);
  }

  function listenIn(doc: Document) {
    if (listening.has(doc)) return;
    listening.add(doc);
    doc.addEventListener('click', onClick, true);
    doc.addEventListener('keydown', onKeyDown, true);
    doc.addEventListener('scroll', onScroll, { capture: true, passive: true });
  }

  function onScroll() {
    if (raw.length && !stale) schedule();
  }

  function onClick(e: Event) {
    const ev = e as MouseEvent;
    if (!raw.length || stale) return;
    if (e.composedPath().includes(host)) return;
    const off = frameOffset((ev.target as Node)?.ownerDocument ?? document) ?? { x: 0, y: 0 };
    const x = ev.clientX + off.x;
    const y = ev.clientY + off.y;
    const hit = state.findings.find((f) => f.boxes.some((b) => x >= b.left - 1 && x <= b.left + b.width + 1 && y >= b.top - 2 && y <= b.top + b.height + 4));
    if (hit) set({ popover: { key: hit.key } });
    else if (state.popover) set({ popover: undefined });
  }

  function onKeyDown(e: Event) {
    if ((e as KeyboardEvent).key === 'Escape' && state.popover) set({ popover: undefined });
  }

  function onResize() {
    if (raw.length && !stale) schedule();
  }
  window.addEventListener('resize', onResize, { passive: true });
  listenIn(document);

  // ---- the palette -------------------------------------------------------------------------------

  function caretBox(target: HTMLElement): Box | null {
    if (!isField(target)) {
      const sel = selectionFor(target);
      if (sel && sel.rangeCount && target.contains(sel.getRangeAt(0).endContainer)) {
        const r = sel.getRangeAt(0).getBoundingClientRect();
        const off = frameOffset(target.ownerDocument);
        if (off && (r.width || r.height || r.top)) return { left: r.left + off.x, top: r.top + off.y, width: r.width, height: r.height || 16 };
      }
    }
    const clip = editorClip(target);
    return clip ? { left: clip.left, top: clip.top, width: 0, height: Math.min(clip.height, 24) } : null;
  }

  function openPalette(trigger?: ReplaceTarget) {
    const target = deps.editor();
    const det = target ? detectEditor(target) : null;
    paletteEditor = det?.target ?? target;
    paletteTrigger = trigger;
    set({
      popover: undefined,
      palette: { query: '', items: deps.suggestions(), active: 0, loading: false, anchor: paletteEditor ? caretBox(paletteEditor) : null, fromTrigger: !!trigger },
    });
  }

  function closePalette(restore = true) {
    clearTimeout(searchTimer);
    searchSeq++;
    const target = paletteEditor;
    set({ palette: undefined });
    if (restore && target) restoreCaret(target);
  }

  async function runSearch(query: string) {
    const mine = ++searchSeq;
    try {
      const items = query.trim() ? await deps.search(query) : deps.suggestions();
      if (mine !== searchSeq || !state.palette) return;
      set({ palette: { ...state.palette, items, active: 0, loading: false, error: undefined } });
    } catch (error) {
      if (mine !== searchSeq || !state.palette) return;
      set({ palette: { ...state.palette, items: [], loading: false, error: (error as Error).message } });
    }
  }

  async function choose(index: number) {
    const p = state.palette;
    const item = p?.items[index];
    const target = paletteEditor;
    const trigger = paletteTrigger;
    if (!p || !item) return;
    closePalette(false);
    if (!target) {
      deps.inserted(item, false, 'no reply editor on this page');
      return;
    }
    const res = trigger
      ? await replaceDraftText(target, trigger, item.text)
      : (restoreCaret(target), await insertText(target, item.text));
    deps.inserted(item, res.ok, res.error);
  }

  // ---- actions -----------------------------------------------------------------------------------

  const actions: OverlayActions = {
    replace(f, replacement) {
      const target = editor;
      set({ popover: undefined });
      if (!target) return;
      void replaceDraftText(target, { start: f.start, text: f.text }, fitPunctuation(target, f, replacement)).then((res) => {
        if (res.ok) {
          raw = raw.filter((x) => findingKey(x) !== f.key);
          schedule();
        }
        deps.replaced(f, replacement, res.ok, res.error);
      });
    },
    dismiss(f) {
      raw = raw.filter((x) => findingKey(x) !== f.key);
      set({ popover: undefined });
      schedule();
      if (editor) restoreCaret(editor);
      deps.dismissed(f);
    },
    closePopover() {
      set({ popover: undefined });
      if (editor) restoreCaret(editor);
    },
    paletteQuery(q) {
      if (!state.palette) return;
      set({ palette: { ...state.palette, query: q, loading: true } });
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => void runSearch(q), SEARCH_DEBOUNCE_MS);
    },
    paletteMove(to) {
      if (state.palette) set({ palette: { ...state.palette, active: to } });
    },
    paletteChoose(i) {
      void choose(i);
    },
    paletteClose() {
      closePalette(true);
    },
  };

  /** ";;" just typed at a word start in the reply editor → palette replacing it. */
  function checkTrigger(target: EventTarget | null) {
    const current = deps.editor();
    const det = current ? detectEditor(current) : null;
    if (!det || !(target instanceof Node) || !(det.target === target || det.target.contains(target))) return;
    // Cheap look at the characters before the caret first; the text offset only once ";;" is there.
    const field = isField(det.target) ? det.target : null;
    const caret = field ? field.selectionStart ?? 0 : 0;
    const before = field ? field.value.slice(Math.max(0, caret - 3), caret) : textBeforeCaret(det.target, 3);
    if (!before.endsWith(PALETTE_TRIGGER)) return;
    const prev = before.length > PALETTE_TRIGGER.length ? before[before.length - PALETTE_TRIGGER.length - 1] : '';
    if (prev && !/\s/.test(prev)) return;
    const at = field ? caret : caretOffset(det.target, selectionFor(det.target));
    if (at < PALETTE_TRIGGER.length) return;
    openPalette({ start: at - PALETTE_TRIGGER.length, text: PALETTE_TRIGGER });
  }

  return {
    host,
    show(target, findings) {
      const det = detectEditor(target);
      editor = det?.target ?? target;
      if (editor.ownerDocument !== document) listenIn(editor.ownerDocument);
      raw = findings;
      setStale(false);
      schedule();
    },
    clear() {
      raw = [];
      editor = null;
      setStale(false);
      if (state.findings.length || state.popover) set({ findings: [], popover: undefined });
    },
    onInput(event) {
      if (!stale && raw.length) setStale(true);
      if ((event as InputEvent).data === ';') {
        const target = event.target;
        setTimeout(() => checkTrigger(target), 0);
      }
    },
    replace: (f, replacement) => actions.replace({ ...f, key: findingKey(f), boxes: [] }, replacement),
    dismiss: (f) => actions.dismiss({ ...f, key: findingKey(f), boxes: [] }),
    openPalette,
    paletteOpen: () => !!state.palette,
    reattach: attach,
    destroy() {
      cancelAnimationFrame(frame);
      clearTimeout(searchTimer);
      window.removeEventListener('resize', onResize);
      for (const d of listening) {
        d.removeEventListener('click', onClick, true);
        d.removeEventListener('keydown', onKeyDown, true);
        d.removeEventListener('scroll', onScroll, true);
      }
      listening.clear();
      render(null, root);
      host.remove();
    },
  };
}

/** Up to `n` characters before the caret in a contenteditable (same text node, or across nodes). */
function textBeforeCaret(target: HTMLElement, n: number): string {
  const sel = selectionFor(target);
  if (!sel || !sel.rangeCount) return '';
  const r = sel.getRangeAt(0);
  if (r.endContainer.nodeType === 3) return (r.endContainer as Text).data.slice(Math.max(0, r.endOffset - n), r.endOffset);
  return '';
}

/** "calm down." replaced by a full sentence "… sort it out." must not end in "..": drop the replacement's
 *  own final mark when the draft already has one right after the flagged text. */
export function fitPunctuation(target: HTMLElement, f: { start: number; text: string }, replacement: string): string {
  const text = draftText(target);
  const at = locate(text, f.text, f.start);
  const next = at >= 0 ? text.charAt(at + f.text.length) : '';
  return /[.!?]/.test(next) && /[.!?]$/.test(replacement) ? replacement.slice(0, -1) : replacement;
}
