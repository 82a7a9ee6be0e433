/* global document */
// ProseMirror mounted inside an open shadow root (as web-component helpdesk UIs such as Salesforce
// Lightning render their composers): events seen at the document level are retargeted to the host, and
// document.getSelection() does not see inside.
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { DOMParser as PMDOMParser } from 'prosemirror-model';
import { schema } from 'prosemirror-schema-basic';
import { history, undo, redo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { expose } from './common.js';

const host = document.createElement('div');
host.id = 'composer-host';
document.querySelector('main').append(host);
const shadow = host.attachShadow({ mode: 'open' });
const mount = document.createElement('div');
mount.id = 'ed';
shadow.append(mount);
const initial = document.createElement('div');
const p = document.createElement('p');
p.textContent = 'Hello world';
initial.append(p);

const view = new EditorView(mount, {
  state: EditorState.create({
    doc: PMDOMParser.fromSchema(schema).parse(initial),
    plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-y': redo, 'Shift-Mod-z': redo })],
  }),
});

expose({
  kind: 'prosemirror',
  root: () => view.dom,
  modelText: () => view.state.doc.textBetween(0, view.state.doc.content.size, '\n', '\n'),
});
