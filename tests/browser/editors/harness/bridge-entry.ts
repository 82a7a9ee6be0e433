// MAIN-world bridge, loaded by the test pages as a classic <script> before the editor, like the extension's
// `world: 'MAIN'` content script at document_start.
import { installEditorBridge } from '../../../../entrypoints/lib/editors/main-world';

installEditorBridge(window);
