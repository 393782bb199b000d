-- pgvector for embeddings, pg_trgm for typo-tolerant matching. drizzle-kit never emits these.
-- On managed servers a superuser must run these two lines once; afterwards this migration is a no-op.
CREATE EXTENSION IF NOT EXISTS vector;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
