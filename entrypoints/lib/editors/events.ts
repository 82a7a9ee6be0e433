/**
 * Synthetic input events shared by the isolated-world code and the MAIN-world bridge. Each function runs in
 * whatever world calls it, building the event with the target's own window constructors (iframe-safe).
 * No HTML is ever built here: only text/plain is put on the DataTransfer.
 */

function winOf(el: Element): (Window & typeof globalThis) | null {
  return (el.ownerDocument.defaultView as (Window & typeof globalThis) | null) ?? null;
}

function plainTransfer(w: Window & typeof globalThis, text: string): DataTransfer | null {
  try {
    const dt = new w.DataTransfer();
    dt.setData('text/plain', text);
    return dt;
  } catch {
    return null;
  }
}

/** Dispatches a `paste` event carrying `text` as text/plain. Returns true when the editor handled it
 *  (called preventDefault): a synthetic paste has no default action, so an unhandled one changes nothing. */
export function dispatchPaste(target: Element, text: string): boolean {
  const w = winOf(target);
  if (!w) return false;
  const dt = plainTransfer(w, text);
  if (!dt) return false;
  let ev: Event;
  try {
    ev = new w.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true });
  } catch {
    return false;
  }
  // Some engines ignore clipboardData in the constructor; make it readable anyway.
  if (!(ev as ClipboardEvent).clipboardData) {
    try {
      Object.defineProperty(ev, 'clipboardData', { value: dt });
    } catch {
      return false;
    }
  }
  return !target.dispatchEvent(ev);
}

/** Dispatches `beforeinput` with inputType insertReplacementText and the text both as `data` and on a
 *  DataTransfer (Slate and Lexical read the DataTransfer and split lines into blocks). Returns true when
 *  the editor called preventDefault (it took over the insertion). */
export function dispatchBeforeInput(target: Element, text: string): boolean {
  const w = winOf(target);
  if (!w) return false;
  const dt = plainTransfer(w, text);
  let ev: InputEvent;
  try {
    ev = new w.InputEvent('beforeinput', {
      inputType: 'insertReplacementText',
      data: dt ? null : text,
      dataTransfer: dt,
      bubbles: true,
      cancelable: true,
      composed: true,
    });
  } catch {
    return false;
  }
  return !target.dispatchEvent(ev);
}

/** HTML-escapes text for the few editor APIs that only take HTML (TinyMCE, Froala, Summernote). Lines
 *  become <br>-separated; nothing of the input can form a tag or an entity. */
export function escapeHtmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
