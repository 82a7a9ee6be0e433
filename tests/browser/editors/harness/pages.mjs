// The editor test pages: entry module (tests/browser/editors/pages/), extra assets served from node_modules.
export const EDITOR_PAGES = [
  { name: 'textarea', entry: 'textarea.js', kind: 'textarea' },
  { name: 'react-textarea', entry: 'react-textarea.jsx', kind: 'textarea' },
  { name: 'contenteditable', entry: 'contenteditable.js', kind: 'contenteditable' },
  { name: 'ckeditor5', entry: 'ckeditor5.js', kind: 'ckeditor5', css: ['/node_modules/ckeditor5/dist/ckeditor5.css'] },
  { name: 'ckeditor4', entry: 'ckeditor4.js', kind: 'ckeditor4', scripts: ['/node_modules/ckeditor4/ckeditor.js'] },
];
