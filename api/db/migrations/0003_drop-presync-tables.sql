DROP TABLE "sync_conflicts" CASCADE;--> statement-breakpoint
DROP TABLE "sync_metadata" CASCADE;