/* global window, document */
// CKEditor 4 from its npm package (a prebuilt distribution, loaded with its plugins/skins from
// /node_modules/ckeditor4/ by a classic <script>), classic mode: the editable is an iframe body.
import { expose, htmlToText } from './common.js';

const ta = document.createElement('textarea');
ta.id = 'ed';
ta.value = '<p>Hello world</p>';
document.querySelector('main').append(ta);

const CKEDITOR = window.CKEDITOR;
const ready = new Promise((resolve) => {
  const editor = CKEDITOR.replace('ed', {
    versionCheck: false,
    height: 160,
    removePlugins: 'exportpdf,easyimage,cloudservices,scayt,wsc',
  });
  editor.on('instanceReady', () => {
    editor.resetUndo();
    resolve();
  });
});

const editor = () => CKEDITOR.instances.ed;
expose({
  kind: 'ckeditor4',
  ready,
  root: () => editor().editable().$,
  modelText: () => htmlToText(editor().getData()),
});
