// Lints this repository's own code. Fixtures and examples are inputs for our tools, not our code style.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '**/node_modules/**',
      'test/fixtures/**',
      'test/**/__fixtures__/**',
      'codemods/**/__testfixtures__/**',
      'test/codemods/**/*.input.*',
      'test/codemods/**/*.output.*',
      'packages/golden-path-example/**',
      'bench-results/**',
      'coverage/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Commands and heavy dependencies (TypeScript, ts-morph) are loaded lazily with require() on purpose.
    files: ['packages/cli/**/*.ts', 'codemods/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
