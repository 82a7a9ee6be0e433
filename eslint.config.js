// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const browserGlobals = [
  'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB',
  'chrome', 'browser', 'HTMLElement', 'Element', 'Node', 'MutationObserver', 'fetch', 'XMLHttpRequest',
  'WebSocket', 'requestAnimationFrame', 'requestIdleCallback', 'getComputedStyle', 'DOMParser',
].map((name) => ({ name, message: 'guidance/ is the pure core: no browser or DOM globals (pass data in).' }));

export default tseslint.config(
  { ignores: ['.tmp/**', '.output/**', '.wxt/**', 'node_modules/**', 'coverage/**', 'tests/fixtures/**', 'public/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Never render text as HTML.' },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'Never render text as HTML.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never render text as HTML.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render text as HTML.' },
      ],
    },
  },
  {
    files: ['guidance/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...browserGlobals],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['wxt', 'wxt/*', '#imports', 'webextension-polyfill', '@wxt-dev/*', 'preact', 'preact/*', 'idb', '../entrypoints/*', '../components/*', '../../entrypoints/*', '../../components/*'],
            message: 'guidance/ is the pure core: it may not import browser, DOM, UI or storage modules.' },
        ],
      }],
    },
  },
  {
    files: ['entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'fetch', message: 'Only the background network module (entrypoints/background/net.ts) may fetch.' },
        { name: 'XMLHttpRequest', message: 'No network from here.' },
        { name: 'WebSocket', message: 'No network from here.' }],
    },
  },
  {
    files: ['entrypoints/background/net.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['bin/**/*.{js,mjs,ts}', 'tests/**/*.{ts,tsx,mjs,js}', '*.config.{ts,js}', 'scripts/**/*.{ts,mjs}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // Node scripts and browser tests: Node globals, plus browser globals inside page.evaluate callbacks.
    files: ['bin/**/*.{js,mjs}', 'tests/**/*.{mjs,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, chrome: 'readonly' } },
    // Some scripts also declare their globals in a /* global */ comment; that is not a redeclaration.
    rules: { 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
);
