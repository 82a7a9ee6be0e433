import { render } from 'preact';
import { CanI } from '@/components/CanI';
import '@/components/pages.css';

render(
  <main class="tl-page tl-full">
    <h1>Can I…?</h1>
    <p class="tl-muted">Check what you may decide alone, who must approve, and what is never allowed — from your company's guidance pack.</p>
    <CanI />
  </main>,
  document.getElementById('app')!,
);
