import { defineConfig } from 'drizzle-kit';

// Only used by `npm run db:generate`; the application applies migrations itself at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: './api/db/schema/index.ts',
  out: './api/db/migrations',
});
