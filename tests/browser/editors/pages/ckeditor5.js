/* global window, document */
import { ClassicEditor, Essentials, Paragraph, Bold, Italic } from 'ckeditor5';
import { expose, htmlToText } from './common.js';

const holder = document.createElement('div');
holder.id = 'ed';
document.querySelector('main').append(holder);

const ready = ClassicEditor.create(holder, {
  licenseKey: 'GPL',
  plugins: [Essentials, Paragraph, Bold, Italic],
  toolbar: ['undo', 'redo', '|', 'bold', 'italic'],
  initialData: '<p>Hello world</p>',
}).then((editor) => {
  window.__ck5 = editor;
});

expose({
  kind: 'ckeditor5',
  ready,
  root: () => document.querySelector('.ck-editor__editable'),
  modelText: () => htmlToText(window.__ck5.getData()),
});
