/* global window, document */
import Quill from 'quill';
import { expose } from './common.js';

const el = document.createElement('div');
el.id = 'ed';
document.querySelector('main').append(el);
const quill = new Quill(el, { theme: 'snow' });
quill.setText('Hello world\n');
quill.history.clear();
window.__quill = quill;

expose({
  kind: 'quill',
  root: () => quill.root,
  modelText: () => quill.getText().replace(/\n$/, ''),
});
