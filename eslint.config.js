// Lint rules that keep the architecture honest (DESIGN.md §2, §4, §8):
// only platform/, main/index.ts and the preload may import electron; ipcRenderer never leaves the
// preload; ipcMain lives only in platform/ipc.ts; the renderer imports nothing from main or Node.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyIn = ['src/main/platform/**', 'src/main/index.ts', 'src/preload/**'];

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
