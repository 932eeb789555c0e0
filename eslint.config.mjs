// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Contexts under src/ that the pure domain core must never reach into. */
const NON_DOMAIN_SOURCES = ['src/*', '!src/domain', '!src/domain/**'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.tusk/**',
      'bin/**',
      '*.config.js',
      '*.config.mjs',
      // Plain Node scripts of the build, outside the TypeScript project.
      'scripts/**',
      // The page's build output, and its types generated from schema.gql.
      'web/dist/**',
      'web/src/gql/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: 'error',
      curly: 'error',
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // Nest declares its option bags as classes; passing object literals for them is the documented use.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['./*', '../*'], message: 'Use absolute src/… imports.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/config, not process.env.',
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['./*', '../*'], message: 'Use absolute src/… imports.' },
            {
              group: ['@nestjs/*', 'typeorm', '@mysten/*', 'pg', 'node:*'],
              message: 'The domain core is pure: no framework or I/O imports.',
            },
            { group: NON_DOMAIN_SOURCES, message: 'The domain core depends on nothing outside src/domain.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/config/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['bench/**/*.ts', 'src/cli.ts', 'src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['./*', '../*'], message: 'Use absolute src/… or test/… imports.' }] },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The web page is a browser bundle of its own (web/tsconfig.json): Vite resolves relative
    // imports, and it talks to Tusk only through the public API, never through src/.
    files: ['web/**/*.ts', 'web/**/*.tsx', 'web/**/*.mts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['src/*', 'test/*'], message: 'The page reads the public API only.' }] },
      ],
      'no-restricted-syntax': 'off',
    },
  },
  prettier,
);
