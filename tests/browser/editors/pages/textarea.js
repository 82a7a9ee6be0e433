/* global document */
import { expose, INITIAL } from './common.js';

const ta = document.createElement('textarea');
ta.id = 'ed';
ta.rows = 6;
ta.cols = 60;
ta.value = INITIAL;
document.querySelector('main').append(ta);
expose({ kind: 'textarea', root: () => ta, modelText: () => ta.value });
