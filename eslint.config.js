import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'coverage/**', 'node_modules/**', 'test-artifacts/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The browser app (React). Hooks rules catch stale closures and conditional hooks.
    files: ['src/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', self: 'readonly' } },
  },
  {
    files: ['bench/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    // The engine runs unchanged in Node worker threads and browser Web Workers: no I/O, no Node built-ins.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'worker_threads', 'os'], message: 'The engine is pure: no Node built-ins.' },
            { group: ['../workbook/*', '../csv/*', '../cli/*', '../server/*', '../web/*', '../report/*', '../observed/*', '../pathsimr/*'], message: 'Dependencies point inward: the engine imports nothing from adapters or shells.' },
          ],
        },
      ],
    },
  },
  {
    // The application layer: each workflow (run, plan, report, import) written once, for the
    // command line, the web app and the team server. Browser-safe, and it knows no shell:
    // executors, progress, signals and sinks are handed in.
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'worker_threads', 'os', 'crypto'], message: 'The application layer runs in the browser too: no Node built-ins.' },
            { group: ['../cli/*', '../server/*', '../web/*', '../../cli/*', '../../server/*', '../../web/*'], message: 'Dependencies point inward: the shells call the application layer, not the other way.' },
          ],
        },
      ],
    },
  },
  {
    // Adapters the web app runs as well as the command line (a PathSimR pair, sitrep files,
    // episode fits, observed series and the backtest against them):
    // pure text and bytes in, no Node built-ins, and nothing from the shells.
    files: ['src/pathsimr/**/*.ts', 'src/observed/**/*.ts', 'src/sitrep/**/*.ts', 'src/fit/**/*.ts', 'src/backtest/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'worker_threads', 'os'], message: 'Runs in the browser too: no Node built-ins.' },
            { group: ['../cli/*', '../server/*', '../web/*'], message: 'Dependencies point inward: adapters import nothing from the shells.' },
          ],
        },
      ],
    },
  },
  {
    // The report builders run in the web app too; only the Node renderers (Chromium, resvg),
    // shared by the command line and the team server, need Node, and no shell is imported.
    files: ['src/report/**/*.ts'],
    ignores: ['src/report/nodeRenderers.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'worker_threads', 'os'], message: 'The report builders run in the browser too: Node belongs in src/report/nodeRenderers.ts.' },
            { group: ['../cli/*', '../server/*', '../web/*'], message: 'Dependencies point inward: the report builders import nothing from the shells.' },
          ],
        },
      ],
    },
  },
  {
    // The team server is a shell beside the command line and the web app: what they share lives
    // in the application layer or an adapter, never in another shell.
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/cli/*', '**/web/*'], message: 'The server imports no other shell: move what both need into src/app or an adapter.' }],
        },
      ],
    },
  },
);
