/**
 * Replace a piece of the draft (a flagged phrase, or the palette's trigger text) through the editor's own
 * editing path: select exactly that text, let the editor sync its model selection, then insert the
 * replacement with the same per-editor plan as phrase insertion (insert.ts) — so the editor's model holds
 * the result and one undo brings the original back. Nothing else in the draft is touched.
 */
import { focusTarget } from './caret';
import { detectEditor, selectionFor } from './detect';
import { insertText, settle, type InsertResult } from './insert';
import { isField, locate, rangeFor, readTextMap } from './text-map';

export interface ReplaceTarget {
  /** Offset into the draft text (text-map.ts) where `text` was seen. */
  start: number;
  /** The exact text to replace. */
  text: string;
}

export interface ReplaceResult extends InsertResult {
  /** Where the text was found when the replacement happened (-1 when it was not). */
  at: number;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Selects `what` in the editor. Returns where it was found, or -1 (the draft changed: nothing selected). */
export async function selectDraftText(el: HTMLElement, what: ReplaceTarget): Promise<number> {
  const det = detectEditor(el);
  if (!det) return -1;
  const target = det.target;
  if (isField(target)) {
    const at = locate(target.value, what.text, what.start);
    if (at < 0) return -1;
    focusTarget(target);
    target.setSelectionRange(at, at + what.text.length);
    return at;
  }
  const map = readTextMap(target);
  const at = locate(map.text, what.text, what.start);
  if (at < 0) return -1;
  const range = rangeFor(map, at, at + what.text.length);
  if (!range) return -1;
  focusTarget(target);
  const sel = selectionFor(target);
  if (!sel) return -1;
  sel.removeAllRanges();
  sel.addRange(range);
  // Rich editors move their model selection on selectionchange (some throttle it).
  await settle(target, 30);
  const now = selectionFor(target);
  if (!now || now.rangeCount === 0 || squash(now.toString()) !== squash(what.text)) {
    // The editor normalised the selection on focus: put ours back once more.
    now?.removeAllRanges();
    const again = rangeFor(readTextMap(target), at, at + what.text.length);
    if (!again || !now) return -1;
    now.addRange(again);
    await settle(target, 30);
  }
  return at;
}

/** Replaces `what` with `replacement` inside the editor. Refuses (ok: false) when the text is no longer there. */
export async function replaceDraftText(el: HTMLElement, what: ReplaceTarget, replacement: string, opts?: { signal?: AbortSignal }): Promise<ReplaceResult> {
  const det = detectEditor(el);
  if (!det) return { ok: false, kind: 'contenteditable', method: 'none', error: 'not an editable element', at: -1 };
  const at = await selectDraftText(det.target, what);
  if (at < 0) return { ok: false, kind: det.kind, method: 'none', error: 'the draft changed: that text is no longer there', at };
  const res = await insertText(det.target, replacement, { signal: opts?.signal, keepSelection: true });
  return { ...res, at };
}
