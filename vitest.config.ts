import { defineConfig } from 'vitest/config';

/**
 * Pure tests: no database, no child processes (test/support/unit-tier-guard.ts refuses them), seconds
 * in all. `npm run test:unit` runs only these; `npm test` runs them and everything else once.
 */
const unitTests = [
  'admin/auth/login-protection.test.ts',
  'api/config/load-config.test.ts',
  'api/documents/chunking/chunk-sections.test.ts',
  'api/documents/extraction/child/conversion-slots.test.ts',
  'api/documents/extraction/layout/classify-headings.test.ts',
  'api/documents/extraction/layout/lines-to-blocks.test.ts',
  'api/documents/extraction/layout/strip-page-furniture.test.ts',
  'api/documents/extraction/office/sheet-tables.test.ts',
  'api/documents/extraction/pdf/drop-repeated-runs.test.ts',
  'api/documents/extraction/structure/build-sections.test.ts',
  'api/documents/extraction/text/text-blocks.test.ts',
  'api/documents/extraction/unreadable-reason.test.ts',
  'api/documents/intake/sanitize-filename.test.ts',
  'api/logging/redact-secrets.test.ts',
  'api/rag/embeddings/builtin-embedder.test.ts',
  'api/rag/llm/answer-prompt.test.ts',
  'api/rag/relevance/expected-answer-type.test.ts',
  'bot/discord/to-message.test.ts',
  'bot/matrix/to-message.test.ts',
  'bot/shared/format-pages.test.ts',
  'bot/shared/pack-blocks.test.ts',
  'bot/shared/platform-formats.test.ts',
  'bot/shared/render-reply.test.ts',
  'bot/shared/split-text.test.ts',
  'bot/telegram/to-message.test.ts',
  'test/lint/dependencies-used.test.ts',
  'test/lint/part-boundaries.test.ts',
];

export default defineConfig({
  test: {
    // Each file runs in its own process: PGlite, tesseract and child processes stay isolated.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // Threads start faster than processes, and pure tests need no isolation from PGlite or parsers.
      { extends: true, test: { name: 'unit', include: unitTests, pool: 'threads', setupFiles: ['test/support/unit-tier-guard.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{api,bot,admin,workers,cli,test,scripts,bench}/**/*.test.ts'],
          exclude: unitTests,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
