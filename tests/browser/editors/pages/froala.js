/* global window, document */
// Froala from its npm package (froala_editor.pkgd), without a licence key: it shows its "unlicensed"
// banner, which does not affect editing.
import { expose, htmlToText } from './common.js';

const el = document.createElement('div');
el.id = 'ed';
document.querySelector('main').append(el);

const FroalaEditor = window.FroalaEditor;
let editor;
const ready = new Promise((resolve) => {
  editor = new FroalaEditor('#ed', {
    heightMin: 120,
    events: {
      initialized() {
        this.html.set('<p>Hello world</p>');
        this.undo.reset();
        resolve();
      },
    },
  });
});
expose({
  kind: 'froala',
  ready,
  root: () => editor.el,
  modelText: () => htmlToText(editor.html.get()),
});
