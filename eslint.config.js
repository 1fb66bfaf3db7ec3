// The linter guards the architecture (see STYLE.md §12).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const outbound = ['undici', 'node:http2'];
const fileWrites = ['writeFile', 'writeFileSync', 'rename', 'renameSync', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'appendFile', 'appendFileSync', 'createWriteStream'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'only cli/ may exit the process' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/upstream/**', 'src/dns/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: outbound.map((name) => ({ name, message: 'only upstream/ opens outbound connections' })) }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/store/**', 'src/tls/**', 'src/seed/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...outbound.map((name) => ({ name, message: 'only upstream/ opens outbound connections' })),
            ...['node:fs', 'node:fs/promises'].map((name) => ({ name, importNames: fileWrites, message: 'only store/, tls/ and seed/ write or rename files' })),
          ],
        },
      ],
    },
  },
  {
    files: ['src/upstream/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['node:fs', 'node:fs/promises'].map((name) => ({ name, importNames: fileWrites, message: 'only store/, tls/ and seed/ write or rename files' })) },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/sites/**'], message: 'store/ knows nothing of sites' }] }],
    },
  },
  {
    files: ['src/sites/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^\\.\\./(?!site\\.js$|registry\\.js$)[^./][^/]*/', message: 'a site never imports another site' }],
          paths: outbound.map((name) => ({ name, message: 'only upstream/ opens outbound connections' })),
        },
      ],
    },
  },
);
