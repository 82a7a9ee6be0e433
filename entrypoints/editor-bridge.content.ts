/**
 * MAIN-world half of Tactline's editor bridge. It runs in the page's own JS world, so it can reach editor
 * APIs that the isolated content script cannot (CKEditor 5's `ckeditorInstance`, CKEDITOR, tinymce, …) and
 * dispatch paste events whose DataTransfer the editor can read in every browser.
 *
 * It never sees packs, limits or settings: it only inserts the text it is given into the editor element the
 * request event was dispatched on, and answers ok/failed. It ignores window.postMessage traffic.
 * `matches` mirrors the main content script (entrypoints/content/index.tsx).
 */
import { installEditorBridge } from './lib/editors/main-world';

export default defineContentScript({
  matches: ['https://*.zendesk.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installEditorBridge(window);
  },
});
