import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{api,bot,admin,workers,cli,test,scripts,bench}/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each file runs in its own process: PGlite, tesseract and child processes stay isolated.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
