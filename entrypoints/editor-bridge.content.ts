/**
 * MAIN-world half of Tactline's editor bridge. It runs in the page's own JS world, so it can reach editor
 * APIs that the isolated content script cannot (CKEditor 5's `ckeditorInstance`, CKEDITOR, tinymce, …) and
 * dispatch paste events whose DataTransfer the editor can read in every browser.
 *
 * It never sees packs, limits or settings: it only inserts the text it is given into the editor element the
 * request event was dispatched on, and answers ok/failed. It ignores window.postMessage traffic.
 * `matches` and `allFrames` mirror the main content script (entrypoints/content/index.tsx), which runs in
 * ServiceNow's same-origin form iframe too. Company domains added at runtime need this script registered
 * alongside the content script (scripting.registerContentScripts with world: 'MAIN'); without it the
 * isolated side falls back to its own methods after a 1 s timeout.
 */
import { installEditorBridge } from './lib/editors/main-world';
import { SUPPORTED_MATCHES } from './lib/hosts';

export default defineContentScript({
  matches: SUPPORTED_MATCHES,
  world: 'MAIN',
  allFrames: true,
  runAt: 'document_start',
  main() {
    installEditorBridge(window);
  },
});
