import js from '@eslint/js';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const noElectronInEngine = {
  paths: [{ name: 'electron', message: 'The engine never imports electron: put Electron code in src/main/shell.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tests/e2e/artifacts/**', 'tests/.results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='ipcMain']", message: 'Raw ipcMain only in src/main/shell/ipc.ts.' },
        { selector: "MemberExpression[object.name='ipcRenderer']", message: 'Raw ipcRenderer only in src/preload.' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,svelte}', 'tests/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    // The engine, the worker and the CLI run under plain Node: no electron.
    files: ['src/main/engine/**', 'src/main/worker/**', 'src/main/cli/**', 'src/shared/**', 'src/renderer/**'],
    rules: { 'no-restricted-imports': ['error', noElectronInEngine] },
  },
  {
    // The two IPC bridge modules are the only places raw IPC is allowed.
    files: ['src/main/shell/ipc.ts', 'src/preload/index.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
