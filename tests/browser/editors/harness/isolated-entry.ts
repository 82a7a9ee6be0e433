// Bundled into one IIFE and evaluated in a CDP isolated world, i.e. the same kind of world a content script
// runs in: it shares the DOM with the page but none of its JS objects. It reaches the MAIN-world bridge only
// through DOM CustomEvents, exactly as the extension's content script does.
import { insertText, detectEditor, editorFromFocus } from '../../../../entrypoints/lib/editors/insert';
import { rememberCaret, restoreCaret, rememberedEditor, forgetCaret, watchCaret } from '../../../../entrypoints/lib/editors/caret';
import { callMain } from '../../../../entrypoints/lib/editors/bridge-client';
import { replaceDraftText } from '../../../../entrypoints/lib/editors/replace';
import { draftText } from '../../../../entrypoints/lib/editors/text-map';
import type { MainMethod } from '../../../../entrypoints/lib/editors/protocol';

const stop = watchCaret(document);
(globalThis as unknown as Record<string, unknown>).__tactline = {
  insertText,
  detectEditor,
  editorFromFocus,
  rememberCaret,
  restoreCaret,
  rememberedEditor,
  forgetCaret,
  stop,
  /** What the content script does on "insert phrase": restore the caret, then insert into that editor. */
  async insertPhrase(text: string) {
    const restored = restoreCaret();
    const el = rememberedEditor() ?? editorFromFocus(document);
    if (!el) return { ok: false, error: 'no editor remembered', restored };
    const det = detectEditor(el);
    const res = await insertText(el, text);
    return { ...res, restored, detected: det?.kind ?? null };
  },
  /** What the content script does on "replace" (underline popover, palette trigger): select exactly that
   *  text in the editor the agent last worked in, then insert the replacement through the editor's path. */
  async replaceInEditor(start: number, text: string, replacement: string) {
    const el = rememberedEditor() ?? editorFromFocus(document);
    if (!el) return { ok: false, error: 'no editor remembered' };
    const draft = draftText(detectEditor(el)?.target ?? el);
    const res = await replaceDraftText(el, { start, text }, replacement);
    return { ...res, draft };
  },
  /** Runs one MAIN-world method directly (for methods that are only a fallback in the insertion plan). */
  async mainMethod(method: MainMethod, text: string) {
    restoreCaret();
    const el = rememberedEditor();
    if (!el) return { ok: false, error: 'no editor remembered' };
    return callMain(el, method, text);
  },
  hasPageGlobals() {
    const g = globalThis as unknown as Record<string, unknown>;
    return ['CKEDITOR', 'tinymce', 'FroalaEditor', 'jQuery', '__page'].filter((k) => k in g);
  },
};
