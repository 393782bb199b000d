// Lint rules that catch real mistakes; formatting is left to the editor.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.adminjs/', 'api/db/migrations/', 'scratch/', '.vitest-reports/', 'web/dist/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object instead of an enum.' },
      ],
    },
  },
  {
    // The domain never reaches into its callers: bot, admin and workers depend on api, not the reverse.
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['#bot/*', '#admin/*', '#workers/*', '../bot/*', '../admin/*', '../workers/*', '../../bot/*', '../../admin/*', '../../workers/*'] },
      ],
    },
  },
  {
    // Chat adapters talk to the core only, never to the database.
    files: ['bot/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['#api/db/*', 'drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'] }],
    },
  },
);
