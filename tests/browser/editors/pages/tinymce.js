/* global window, document */
// TinyMCE 6 from its npm package, loaded by a classic <script> from /node_modules/tinymce/ so that it
// fetches its theme, model, icons and skins from there (classic iframe mode).
import { expose, htmlToText } from './common.js';

const ta = document.createElement('textarea');
ta.id = 'ed';
ta.value = '<p>Hello world</p>';
document.querySelector('main').append(ta);

const tinymce = window.tinymce;
const ready = tinymce
  .init({
    selector: '#ed',
    base_url: '/node_modules/tinymce',
    suffix: '.min',
    license_key: 'gpl',
    menubar: false,
    promotion: false,
    branding: false,
    height: 220,
    plugins: [],
    toolbar: 'undo redo | bold italic',
  })
  .then(([editor]) => {
    editor.undoManager.clear();
  });

const editor = () => tinymce.get('ed');
expose({
  kind: 'tinymce',
  ready,
  root: () => editor().getBody(),
  modelText: () => htmlToText(editor().getContent()),
});
