/* global document */
import { expose, domToText } from './common.js';

const div = document.createElement('div');
div.id = 'ed';
div.contentEditable = 'true';
div.style.cssText = 'border:1px solid #999;min-height:6em;padding:4px';
const p = document.createElement('p');
p.textContent = 'Hello world';
div.append(p);
document.querySelector('main').append(div);
expose({ kind: 'contenteditable', root: () => div, modelText: () => domToText(div) });
