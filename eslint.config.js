// Lint rules that keep the architecture honest (docs/ARCHITECTURE.md §2):
// only platform/, main/index.ts and the preload may import electron; ipcRenderer never leaves the
// preload; ipcMain lives only in platform/ipc.ts; the renderer imports nothing from main or Node.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyIn = ['src/main/platform/**', 'src/main/index.ts', 'src/preload/**'];

/** One no-restricted-imports block per layer of src/main, forbidding the layers above it. */
function mainLayers(rules) {
  return rules.map(([layer, forbidden, message]) => ({
    files: [`src/main/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: "Only src/main/platform, src/main/index.ts and src/preload may import 'electron'." }],
          patterns: [{ group: forbidden.flatMap((name) => [`../${name}/**`, `../../${name}/**`, `../../../${name}/**`, `../${name}`, `../../${name}`]), message }],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: electronOnlyIn,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: "Only src/main/platform, src/main/index.ts and src/preload may import 'electron'." }] },
      ],
    },
  },
  // Layers inside main (docs/ARCHITECTURE.md §2): data moves up, imports only point down.
  ...mainLayers([
    ['lib', ['items', 'content', 'providers', 'ai', 'merge', 'db', 'sync', 'services', 'ipc', 'auth', 'settings', 'security'], 'lib/ holds helpers every layer uses; it imports no layer.'],
    ['items', ['content', 'providers', 'ai', 'merge', 'db', 'sync', 'services', 'ipc'], 'items/ is the bottom layer: it imports no other layer (only lib/).'],
    ['content', ['providers', 'ai', 'merge', 'sync', 'services', 'ipc', 'db'], 'content/ parses untrusted content into items: it may import items/ and lib/ only.'],
    ['providers', ['ai', 'merge', 'sync', 'services', 'ipc'], 'providers/ may not import ai/, merge/, sync/, services/ or ipc/.'],
    ['ai', ['providers', 'merge', 'sync', 'services', 'ipc', 'db'], 'ai/ judges items: it may not import providers/, merge/, sync/, services/, ipc/ or db/.'],
    ['merge', ['content', 'providers', 'ai', 'sync', 'services', 'ipc'], 'merge/ matches stored suggestions: it may import db/, items/ and lib/ only.'],
    ['db', ['ai', 'merge', 'sync', 'services', 'ipc', 'providers'], 'db/ may not import ai/, merge/, sync/, services/, ipc/ or providers/.'],
    ['sync', ['services', 'ipc'], 'sync/ may not import services/ or ipc/.'],
    ['services', ['ipc'], 'services/ may not import ipc/.'],
  ]),
  {
    files: ['src/main/platform/**'],
    ignores: ['src/main/platform/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Register IPC only in platform/ipc.ts, through the contract.' }] },
      ],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // ipcRenderer may only be called (invoke/on/removeListener); passing or exporting it hands the page raw IPC.
          selector: "Identifier[name='ipcRenderer']:not(ImportSpecifier > Identifier):not(MemberExpression[property.name=/^(invoke|on|removeListener)$/] > Identifier.object)",
          message: 'Never expose ipcRenderer; expose named functions built from the contract.',
        },
        { selector: 'ExportNamedDeclaration, ExportDefaultDeclaration, ExportAllDeclaration', message: 'The preload exports nothing; it only calls contextBridge.' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.api.' }],
          patterns: [
            { group: ['**/main/**', '**/host/**', '**/preload/**'], message: 'The renderer and shared code import nothing from main, host or preload.' },
            { group: ['node:*', 'fs', 'path', 'child_process', 'better-sqlite3'], message: 'No Node modules in the renderer or shared code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/api.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='window'][property.name='api']", message: 'Only src/renderer/src/api.ts touches window.api.' },
      ],
    },
  },
  {
    files: ['test/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
