// The editor test pages: entry module (tests/browser/editors/pages/), extra assets served from node_modules.
export const EDITOR_PAGES = [
  { name: 'textarea', entry: 'textarea.js', kind: 'textarea' },
  { name: 'react-textarea', entry: 'react-textarea.jsx', kind: 'textarea' },
  { name: 'contenteditable', entry: 'contenteditable.js', kind: 'contenteditable' },
  { name: 'ckeditor5', fallback: true, entry: 'ckeditor5.js', kind: 'ckeditor5', css: ['/node_modules/ckeditor5/dist/ckeditor5.css'] },
  { name: 'ckeditor4', fallback: true, entry: 'ckeditor4.js', kind: 'ckeditor4', scripts: ['/node_modules/ckeditor4/ckeditor.js'] },
  { name: 'prosemirror', fallback: true, entry: 'prosemirror.js', kind: 'prosemirror' },
  { name: 'shadow-prosemirror', fallback: true, entry: 'shadow-prosemirror.js', kind: 'prosemirror' },
  { name: 'quill', fallback: true, entry: 'quill.js', kind: 'quill', css: ['/node_modules/quill/dist/quill.snow.css'] },
  { name: 'draftjs', fallback: true, entry: 'draftjs.jsx', kind: 'draftjs', css: ['/node_modules/draft-js/dist/Draft.css'] },
  { name: 'slate', fallback: true, entry: 'slate.jsx', kind: 'slate' },
  { name: 'lexical', fallback: true, entry: 'lexical.js', kind: 'lexical' },
  { name: 'tinymce', fallback: true, entry: 'tinymce.js', kind: 'tinymce', scripts: ['/node_modules/tinymce/tinymce.min.js'] },
  {
    name: 'froala',
    entry: 'froala.js',
    kind: 'froala',
    css: ['/node_modules/froala-editor/css/froala_editor.pkgd.min.css'],
    scripts: ['/node_modules/froala-editor/js/froala_editor.pkgd.min.js'],
  },
  {
    name: 'summernote',
    entry: 'summernote.js',
    kind: 'summernote',
    css: ['/node_modules/summernote/dist/summernote-lite.min.css'],
    scripts: ['/node_modules/jquery/dist/jquery.min.js', '/node_modules/summernote/dist/summernote-lite.min.js'],
  },
];
