// Lint rules that catch real mistakes; formatting is left to the editor.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Which part may import which (README "What is where"): data flows bot -> api, workers -> api,
 * admin -> api; only the `hub` CLI (the composition root) imports them all; test support stays out of
 * shipped code. Each rule catches the `#part/` alias and relative paths of any depth (`../../../bot/`),
 * so no top-level part's name may be reused as a folder name inside another part.
 */
const TEST_FILES = ['**/*.test.ts'];
const importOf = (part, why) => ({ regex: `^(#${part}/|(\\./)?(\\.\\./)+${part}/)`, message: why });
const TEST_SUPPORT = importOf('test', 'Test support (test/) is not shipped: only *.test.ts files may import it.');
const DATABASE_PACKAGES = { group: ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'], message: 'Chat adapters talk to the core, never to the database.' };
const PART_RULES = [
  {
    files: ['api/**/*.ts'],
    forbidden: ['bot', 'admin', 'workers', 'cli'].map((part) => importOf(part, `api/ is the core: it never imports ${part}/ (its callers depend on it, not the reverse).`)),
  },
  {
    files: ['bot/**/*.ts'],
    forbidden: [
      ...['admin', 'workers', 'cli'].map((part) => importOf(part, `Chat adapters use the core (api/) only, never ${part}/.`)),
      importOf('api/db', 'Chat adapters talk to the core, never to the database.'),
      DATABASE_PACKAGES,
    ],
  },
  {
    files: ['admin/**/*.ts'],
    forbidden: ['bot', 'workers', 'cli'].map((part) => importOf(part, `The admin panel acts through the core (api/), never through ${part}/: queue a job the ${part} part consumes.`)),
  },
  {
    files: ['workers/**/*.ts'],
    forbidden: ['bot', 'admin', 'cli'].map((part) => importOf(part, `Job handlers use the core (api/) only, never ${part}/.`)),
  },
  // The composition root: every part, but no test support.
  { files: ['cli/**/*.ts'], forbidden: [] },
  {
    files: ['scripts/**/*.ts', 'bench/**/*.ts'],
    forbidden: ['bot', 'admin', 'workers', 'cli'].map((part) => importOf(part, `Evaluations and benchmarks measure the core (api/), not ${part}/.`)),
    // Benchmarks are not shipped either, and drive the hub with the tests' fakes and fixtures.
    testSupportAllowedIn: ['bench/**/*.ts'],
  },
];

function partBoundaries() {
  return PART_RULES.flatMap(({ files, forbidden, testSupportAllowedIn = [] }) => [
    { files, ignores: [...TEST_FILES, ...testSupportAllowedIn], rules: { 'no-restricted-imports': ['error', { patterns: [...forbidden, TEST_SUPPORT] }] } },
    ...(testSupportAllowedIn.length ? [{ files: testSupportAllowedIn, ignores: TEST_FILES, rules: { 'no-restricted-imports': ['error', { patterns: forbidden }] } }] : []),
    { files: files.map((glob) => glob.replace(/\.ts$/, '.test.ts')), rules: { 'no-restricted-imports': ['error', { patterns: forbidden }] } },
  ]);
}

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
  ...partBoundaries(),
);
