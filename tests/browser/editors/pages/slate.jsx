/* global window, document */
import { useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { createEditor, Node } from 'slate';
import { Slate, Editable, withReact } from 'slate-react';
import { withHistory } from 'slate-history';
import { expose } from './common.js';

let editorRef = null;
function App() {
  const editor = useMemo(() => withHistory(withReact(createEditor())), []);
  editorRef = editor;
  return (
    <Slate editor={editor} initialValue={[{ type: 'paragraph', children: [{ text: 'Hello world' }] }]}>
      <Editable id="slate-editable" style={{ border: '1px solid #999', minHeight: '6em', padding: 4 }} />
    </Slate>
  );
}
const el = document.createElement('div');
el.id = 'ed';
document.querySelector('main').append(el);
flushSync(() => createRoot(el).render(<App />));
window.__slate = () => editorRef;

expose({
  kind: 'slate',
  root: () => el.querySelector('[data-slate-editor]'),
  modelText: () => editorRef.children.map((n) => Node.string(n)).join('\n'),
});
