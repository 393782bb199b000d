CREATE TABLE "web_submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"community_id" uuid,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "answer_feedback" (
	"question_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"voter_id" text NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answer_feedback_pk" PRIMARY KEY("question_id","platform","voter_id")
);
--> statement-breakpoint
CREATE TABLE "chat_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"kind" text NOT NULL,
	"reference_id" uuid,
	"message" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_outbox_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "chat_uploads" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"sender_id" text NOT NULL,
	"awaited_review" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP TABLE "sync_conflicts" CASCADE;--> statement-breakpoint
DROP TABLE "sync_metadata" CASCADE;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "web_access_code" text;--> statement-breakpoint
ALTER TABLE "community_chats" ADD COLUMN "updates_subscribed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "web_submissions" ADD CONSTRAINT "web_submissions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_feedback" ADD CONSTRAINT "answer_feedback_question_id_question_log_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."question_log"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_uploads" ADD CONSTRAINT "chat_uploads_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "web_submissions_created_idx" ON "web_submissions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "chat_outbox_due_idx" ON "chat_outbox" USING btree ("status","next_attempt_at");