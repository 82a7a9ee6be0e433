/* global document */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { expose, INITIAL } from './common.js';

// A React-controlled textarea: the DOM value only sticks if React's onChange saw it.
const state = { value: INITIAL, changes: 0 };
function App() {
  const [value, setValue] = useState(INITIAL);
  state.value = value;
  return (
    <textarea
      id="ed"
      rows={6}
      cols={60}
      value={value}
      onChange={(e) => {
        state.changes++;
        setValue(e.target.value);
      }}
    />
  );
}
const el = document.createElement('div');
document.querySelector('main').append(el);
flushSync(() => createRoot(el).render(<App />));
const ta = document.getElementById('ed');
expose({ kind: 'textarea', root: () => ta, modelText: () => state.value, reactChanges: () => state.changes });
