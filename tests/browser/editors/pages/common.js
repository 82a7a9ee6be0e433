/* global window, document, DOMParser, NodeFilter */
// Shared helpers for the per-editor test pages (MAIN world). Not test code itself: the pages expose
// `window.__page` and the test drives them through Playwright.

export const INITIAL = 'Hello world';

const BLOCKS = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'BODY', 'TABLE', 'TR', 'TD']);

/** Plain text of editor HTML: one line per block, <br> = line break, trailing filler <br> ignored,
 *  nbsp -> space, zero-width characters removed. */
export function domToText(root) {
  let out = '';
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        // Source formatting between blocks (CKEditor 4 / TinyMCE serialise "<p>…</p>\n<p>…</p>").
        if (/^[ \t]*\n\s*$/.test(child.data)) continue;
        out += child.data.replace(/\n/g, ''); // serialiser line breaks are not content
      }
      else if (child.nodeType === 1) {
        const tag = child.tagName;
        if (tag === 'BR') {
          const isFiller = !child.nextSibling && child.parentElement && BLOCKS.has(child.parentElement.tagName) && child.previousSibling;
          if (!isFiller) out += '\n';
        } else if (BLOCKS.has(tag)) {
          if (out && !out.endsWith('\n')) out += '\n';
          walk(child);
          if (!out.endsWith('\n')) out += '\n';
          else if (!child.textContent && !child.querySelector('br')) out += '\n';
        } else walk(child);
      }
    }
  };
  walk(root);
  return out.replace(/\u00a0/g, ' ').replace(/[\u200b\ufeff]/g, '').replace(/\n$/, '');
}

export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return domToText(doc.body);
}

/** Focus the editor and put a collapsed caret right after "Hello " (i.e. mid-text). */
export function placeCaret(root) {
  if (root.tagName === 'TEXTAREA' || root.tagName === 'INPUT') {
    root.focus();
    const i = root.value.indexOf('Hello ') + 6;
    root.setSelectionRange(i, i);
    return true;
  }
  const doc = root.ownerDocument;
  const win = doc.defaultView;
  if (win !== window) win.focus();
  root.focus();
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.data.indexOf('Hello ');
    if (i >= 0) {
      const r = doc.createRange();
      r.setStart(n, i + 6);
      r.collapse(true);
      const sel = root.getRootNode().getSelection?.() ?? doc.getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
      return true;
    }
  }
  return false;
}

/** Text just before and after the caret, and whether focus is in the editor. */
export function caretContext(root) {
  const doc = root.ownerDocument;
  if (root.tagName === 'TEXTAREA' || root.tagName === 'INPUT') {
    const s = root.selectionStart;
    return { collapsed: s === root.selectionEnd, before: root.value.slice(0, s), after: root.value.slice(s), focused: doc.activeElement === root };
  }
  const sel = root.getRootNode().getSelection?.() ?? doc.getSelection();
  if (!sel || !sel.rangeCount) return { collapsed: false, before: '', after: '', focused: false };
  const r = sel.getRangeAt(0);
  const pre = doc.createRange();
  pre.selectNodeContents(root);
  pre.setEnd(r.startContainer, r.startOffset);
  const post = doc.createRange();
  post.selectNodeContents(root);
  post.setStart(r.endContainer, r.endOffset);
  const clean = (s) => s.replace(/\u00a0/g, ' ').replace(/[\u200b\ufeff]/g, '');
  const rootNode = root.getRootNode();
  const active = rootNode.nodeType === 11 ? rootNode.activeElement : doc.activeElement;
  const topFocus = document.hasFocus() && (doc === document ? root === active || root.contains(active) : document.activeElement?.contentDocument === doc);
  return { collapsed: r.collapsed, before: clean(pre.toString()), after: clean(post.toString()), focused: !!topFocus };
}

/** Tag names used inside the editor root (to detect foreign elements). */
export function tagsIn(root) {
  return [...new Set([...root.querySelectorAll('*')].map((e) => e.tagName))].sort();
}

/** A stand-in for Tactline's sidebar: an open shadow root with a search field and a button. */
export function mountSidebar() {
  const host = document.createElement('div');
  host.id = 'tactline-sidebar';
  host.setAttribute('data-tactline-ui', '');
  host.style.cssText = 'position:fixed;right:0;top:0;width:200px;background:#eee;z-index:99999';
  const sr = host.attachShadow({ mode: 'open' });
  const input = document.createElement('input');
  input.placeholder = 'Search phrases';
  const button = document.createElement('button');
  button.textContent = 'Insert phrase';
  sr.append(input, button);
  document.body.append(host);
}

/** Register the page API: { kind, root(), modelText(), …extra }. */
export function expose(api) {
  mountSidebar();
  window.__page = {
    ...api,
    placeCaret: () => placeCaret(api.root()),
    caret: () => caretContext(api.root()),
    tags: () => tagsIn(api.root()),
    domText: () => domToText(api.root()),
  };
}
