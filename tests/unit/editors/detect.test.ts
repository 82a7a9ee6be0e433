// @vitest-environment happy-dom
import { describe, expect, it, beforeEach } from 'vitest';
import { detectEditor, editorFromFocus, type EditorKind } from '@/entrypoints/lib/editors/insert';

/** Markup signatures as each editor renders them (classes/attributes from the editors' own output). */
const SIGNATURES: Array<{ kind: EditorKind; html: string; root: string; inner: string }> = [
  {
    kind: 'ckeditor5',
    html: '<div class="ck ck-editor"><div class="ck-editor__main"><div class="ck ck-content ck-editor__editable ck-rounded-corners ck-editor__editable_inline ck-focused" lang="en" dir="ltr" role="textbox" contenteditable="true"><p>Hello <strong>world</strong></p></div></div></div>',
    root: '.ck-editor__editable',
    inner: 'strong',
  },
  {
    kind: 'ckeditor4',
    html: '<div class="cke_editable cke_editable_inline cke_contents_ltr cke_show_borders" contenteditable="true" role="textbox"><p>Hello <em>world</em></p></div>',
    root: '.cke_editable',
    inner: 'em',
  },
  {
    kind: 'prosemirror',
    html: '<div class="tiptap ProseMirror" contenteditable="true" translate="no"><p>Hello <code>world</code></p></div>',
    root: '.ProseMirror',
    inner: 'code',
  },
  {
    kind: 'quill',
    html: '<div class="ql-container ql-snow"><div class="ql-editor" data-gramm="false" contenteditable="true"><p>Hello <u>world</u></p></div><div class="ql-clipboard" contenteditable="true" tabindex="-1"></div></div>',
    root: '.ql-editor',
    inner: 'u',
  },
  {
    kind: 'draftjs',
    html: '<div class="DraftEditor-root"><div class="DraftEditor-editorContainer"><div class="notranslate public-DraftEditor-content" contenteditable="true" role="textbox" spellcheck="false" style="outline: none; user-select: text; white-space: pre-wrap; overflow-wrap: break-word;"><div data-contents="true"><div class="" data-block="true" data-editor="abc" data-offset-key="k-0-0"><div data-offset-key="k-0-0" class="public-DraftStyleDefault-block public-DraftStyleDefault-ltr"><span data-offset-key="k-0-0"><span data-text="true">Hello world</span></span></div></div></div></div></div></div>',
    root: '.public-DraftEditor-content',
    inner: '[data-text]',
  },
  {
    kind: 'slate',
    html: '<div data-slate-editor="true" data-slate-node="value" contenteditable="true" role="textbox" zindex="-1"><div data-slate-node="element"><span data-slate-node="text"><span data-slate-leaf="true"><span data-slate-string="true">Hello world</span></span></span></div></div>',
    root: '[data-slate-editor]',
    inner: '[data-slate-string]',
  },
  {
    kind: 'lexical',
    html: '<div contenteditable="true" role="textbox" spellcheck="true" data-lexical-editor="true"><p dir="ltr"><span data-lexical-text="true">Hello world</span></p></div>',
    root: '[data-lexical-editor]',
    inner: '[data-lexical-text]',
  },
  {
    kind: 'tinymce',
    html: '<div id="mce_0" class="mce-content-body mce-edit-focus" contenteditable="true" spellcheck="false"><p>Hello <strong>world</strong></p></div>',
    root: '.mce-content-body',
    inner: 'strong',
  },
  {
    kind: 'froala',
    html: '<div class="fr-box fr-basic fr-top"><div class="fr-wrapper" dir="auto"><div class="fr-element fr-view" dir="auto" contenteditable="true" aria-disabled="false" spellcheck="true"><p>Hello <strong>world</strong></p></div></div></div>',
    root: '.fr-element',
    inner: 'strong',
  },
  {
    kind: 'summernote',
    html: '<div class="note-editor note-frame"><div class="note-editing-area"><div class="note-editable" contenteditable="true" role="textbox" aria-multiline="true"><p>Hello <b>world</b></p></div></div></div>',
    root: '.note-editable',
    inner: 'b',
  },
  {
    kind: 'contenteditable',
    html: '<div id="plain" contenteditable="true"><p>Hello <span>world</span></p></div>',
    root: '#plain',
    inner: 'span',
  },
];

beforeEach(() => {
  document.body.replaceChildren();
  document.designMode = 'off';
});

function mount(html: string): HTMLElement {
  const wrap = document.createElement('div');
  // Test fixture markup only (the library never parses HTML).
  wrap.innerHTML = html;
  document.body.append(wrap);
  return wrap;
}

describe('detectEditor: markup signatures', () => {
  for (const sig of SIGNATURES) {
    it(`${sig.kind}: from the root and from a node deep inside`, () => {
      const wrap = mount(sig.html);
      const root = wrap.querySelector(sig.root) as HTMLElement;
      const inner = wrap.querySelector(sig.inner) as HTMLElement;
      expect(root).toBeTruthy();
      expect(inner).toBeTruthy();
      expect(detectEditor(root)).toEqual({ kind: sig.kind, target: root });
      expect(detectEditor(inner)).toEqual({ kind: sig.kind, target: root });
    });
  }

  it('textarea and text-like inputs are fields; other inputs, read-only and disabled ones are not', () => {
    const wrap = mount(
      '<textarea id="t"></textarea><input id="i"><input id="e" type="email"><input id="s" type="search">' +
        '<input id="c" type="checkbox"><input id="n" type="number"><textarea id="ro" readonly></textarea><input id="d" disabled>',
    );
    const q = (id: string) => wrap.querySelector(`#${id}`) as HTMLElement;
    expect(detectEditor(q('t'))).toEqual({ kind: 'textarea', target: q('t') });
    expect(detectEditor(q('i'))?.kind).toBe('input');
    expect(detectEditor(q('e'))?.kind).toBe('input');
    expect(detectEditor(q('s'))?.kind).toBe('input');
    expect(detectEditor(q('c'))).toBeNull();
    expect(detectEditor(q('n'))).toBeNull();
    expect(detectEditor(q('ro'))).toBeNull();
    expect(detectEditor(q('d'))).toBeNull();
  });

  it('non-editable content and contenteditable=false islands inside an editor are not editors', () => {
    const wrap = mount(
      '<p id="static">Ticket text</p><div class="ProseMirror" contenteditable="true"><p>Hi <span contenteditable="false" id="chip">@Ada</span></p></div>',
    );
    expect(detectEditor(wrap.querySelector('#static') as HTMLElement)).toBeNull();
    expect(detectEditor(wrap.querySelector('#chip') as HTMLElement)).toBeNull();
  });

  it('contenteditable="plaintext-only" and an empty attribute are editable; the outermost host is the target', () => {
    const wrap = mount('<div id="a" contenteditable=""><div id="b" contenteditable="plaintext-only"><p id="c">x</p></div></div>');
    expect(detectEditor(wrap.querySelector('#c') as HTMLElement)).toEqual({ kind: 'contenteditable', target: wrap.querySelector('#a') });
  });

  it('iframe editor bodies: TinyMCE (body#tinymce) and CKEditor 4 (body.cke_editable)', () => {
    for (const [kind, id, cls] of [
      ['tinymce', 'tinymce', 'mce-content-body'],
      ['ckeditor4', '', 'cke_editable cke_editable_themed cke_contents_ltr'],
    ] as const) {
      const doc = document.implementation.createHTMLDocument('editor');
      if (id) doc.body.id = id;
      doc.body.className = cls;
      doc.body.setAttribute('contenteditable', 'true');
      const p = doc.createElement('p');
      p.textContent = 'Hello';
      doc.body.append(p);
      expect(detectEditor(doc.body)).toEqual({ kind, target: doc.body });
      expect(detectEditor(p)).toEqual({ kind, target: doc.body });
    }
  });

  it('designMode documents are editable', () => {
    const doc = document.implementation.createHTMLDocument('design');
    doc.designMode = 'on';
    const p = doc.createElement('p');
    doc.body.append(p);
    expect(detectEditor(p)?.kind).toBe('contenteditable');
  });
});

describe('detectEditor: from an editor wrapper (what adapters often select)', () => {
  const wrappers: Array<[EditorKind, string]> = [
    ['ckeditor5', '.ck-editor'],
    ['draftjs', '.DraftEditor-root'],
    ['quill', '.ql-container'],
    ['froala', '.fr-box'],
    ['summernote', '.note-editor'],
  ];
  for (const [kind, sel] of wrappers) {
    it(`${kind}: ${sel} resolves to the editable inside`, () => {
      const sig = SIGNATURES.find((s) => s.kind === kind)!;
      const wrap = mount(sig.html);
      expect(detectEditor(wrap.querySelector(sel) as HTMLElement)).toEqual({ kind, target: wrap.querySelector(sig.root) });
    });
  }

  it('Summernote: the editable wins over the hidden code-view textarea', () => {
    const wrap = mount('<div class="note-editor"><textarea class="note-codable"></textarea><div class="note-editing-area"><div class="note-editable" contenteditable="true"><p>x</p></div></div></div>');
    expect(detectEditor(wrap.querySelector('.note-editor') as HTMLElement)?.kind).toBe('summernote');
  });

  it('a generic container is not a wrapper', () => {
    const wrap = mount('<section id="s"><div contenteditable="true">x</div></section>');
    expect(detectEditor(wrap.querySelector('#s') as HTMLElement)).toBeNull();
  });
});

describe('editorFromFocus', () => {
  it('returns the editor root for focus inside an editor, null elsewhere', () => {
    const wrap = mount(SIGNATURES.find((s) => s.kind === 'lexical')!.html + '<button id="btn">Send</button>');
    const root = wrap.querySelector('[data-lexical-editor]') as HTMLElement;
    root.focus();
    expect(editorFromFocus(document)).toBe(root);
    (wrap.querySelector('#btn') as HTMLElement).focus();
    expect(editorFromFocus(document)).toBeNull();
  });

  it('descends into an open shadow root', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const sr = host.attachShadow({ mode: 'open' });
    const ta = document.createElement('textarea');
    sr.append(ta);
    ta.focus();
    expect(editorFromFocus(document)).toBe(ta);
  });
});
