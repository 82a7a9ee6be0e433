/* global window, document */
import { createEditor, $getRoot, $createParagraphNode, $createTextNode, $isElementNode } from 'lexical';
import { registerRichText, HeadingNode, QuoteNode } from '@lexical/rich-text';
import { registerHistory, createEmptyHistoryState } from '@lexical/history';
import { expose } from './common.js';

const el = document.createElement('div');
el.id = 'ed';
el.contentEditable = 'true';
el.style.cssText = 'border:1px solid #999;min-height:6em;padding:4px';
document.querySelector('main').append(el);

const editor = createEditor({ namespace: 'tactline-test', nodes: [HeadingNode, QuoteNode], onError: (e) => { throw e; } });
editor.setRootElement(el);
registerRichText(editor);
const ready = new Promise((resolve) => {
  editor.update(
    () => {
      const p = $createParagraphNode();
      p.append($createTextNode('Hello world'));
      $getRoot().clear().append(p);
    },
    { discrete: true, onUpdate: resolve },
  );
}).then(() => {
  // History starts after the initial content, so undo cannot remove the initial text.
  registerHistory(editor, createEmptyHistoryState(), 300);
});
window.__lexical = editor;

expose({
  kind: 'lexical',
  ready,
  root: () => el,
  modelText: () =>
    editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .map((n) => ($isElementNode(n) ? n.getTextContent() : n.getTextContent()))
        .join('\n'),
    ),
});
