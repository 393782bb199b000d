CREATE TABLE "admin_sessions" (
	"sid" text PRIMARY KEY NOT NULL,
	"session" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "admin_sessions_expires_idx" ON "admin_sessions" USING btree ("expires_at");