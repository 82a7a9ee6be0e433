/* global window, document */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { Editor, EditorState, ContentState } from 'draft-js';
import { expose } from './common.js';

const latest = { state: null };
function App() {
  const [state, setState] = useState(() => EditorState.createWithContent(ContentState.createFromText('Hello world')));
  latest.state = state;
  return (
    <div style={{ border: '1px solid #999', minHeight: '6em', padding: 4 }}>
      <Editor editorState={state} onChange={setState} />
    </div>
  );
}
const el = document.createElement('div');
el.id = 'ed';
document.querySelector('main').append(el);
flushSync(() => createRoot(el).render(<App />));
window.__draft = latest;

expose({
  kind: 'draftjs',
  root: () => el.querySelector('.public-DraftEditor-content'),
  modelText: () => latest.state.getCurrentContent().getPlainText('\n'),
});
