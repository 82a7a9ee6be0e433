/* global window, document */
// Summernote (lite build, no Bootstrap) with jQuery 3, both from their npm packages via classic <script>s.
import { expose, htmlToText } from './common.js';

const el = document.createElement('div');
el.id = 'ed';
const p = document.createElement('p');
p.textContent = 'Hello world';
el.append(p);
document.querySelector('main').append(el);

const $ = window.jQuery;
$('#ed').summernote({ height: 150, toolbar: [['style', ['bold', 'italic']]] });

expose({
  kind: 'summernote',
  root: () => document.querySelector('.note-editable'),
  modelText: () => htmlToText($('#ed').summernote('code')),
});
