// ESLint flat config: typescript-eslint with type information, react-hooks, and the import
// boundaries of DESIGN.md §5 / STYLE.md (core is pure; components never reach sources/store/writers).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeIo = ['node:fs', 'node:fs/promises', 'node:child_process', 'fs', 'fs/promises', 'child_process'];
const uiLibs = ['ink', 'react', 'zustand', 'better-sqlite3', 'ink-testing-library', '@alcalzone/ink-table'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'vendor/**',
      'test/fixtures/**',
      'bench/.corpus/**',
      'src/core/nix/grammar/*.js',
      'screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        AbortController: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly',
      },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/core/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeIo, ...uiLibs].map((name) => ({
            name,
            message: 'src/core is pure: no I/O, no UI, no database.',
          })),
          patterns: [
            {
              group: ['**/sources/**', '**/store/**', '**/writers/**', '**/commands/**', '**/components/**'],
              message: 'src/core imports nothing outside core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeIo, 'better-sqlite3'].map((name) => ({
            name,
            message: 'components talk to the app through the zustand store only.',
          })),
          patterns: [
            {
              group: ['**/src/sources/**', '**/src/store/**', '**/src/writers/**', '**/src/commands/**'],
              message: 'components never import sources, store internals, writers or commands.',
            },
          ],
        },
      ],
    },
  },
  {
    // The outside-world layers never reach up into the application services or the commands.
    files: ['src/sources/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}', 'src/writers/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/commands/**', '**/components/**'],
              message: 'sources, store and writers import core and runtime only: data flows one way.',
            },
          ],
        },
      ],
    },
  },
  {
    // The application services (what commands and the dashboard share) never import a command.
    files: ['src/app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/commands/**'],
              message: 'src/app is below the commands: move what a command and the app share into src/app.',
            },
            {
              // the dashboard backend implements the interface the components declare
              group: ['**/components/**'],
              allowTypeImports: true,
              message: 'src/app may only implement the types components declare, never import their code.',
            },
          ],
        },
      ],
    },
  },
  {
    // The process runtime (context, paths, errors) is what every layer may import: it imports none.
    files: ['src/runtime/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/commands/**', '**/components/**', '**/sources/**', '**/writers/**'],
              message: 'src/runtime imports nothing but core and store types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
