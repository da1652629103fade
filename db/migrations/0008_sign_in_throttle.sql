CREATE TABLE "staff_sign_in_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email_key" text NOT NULL,
	"address_key" text NOT NULL,
	"failed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_sign_in_pauses" (
	"email_key" text PRIMARY KEY NOT NULL,
	"paused_until" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP TABLE "staff_sign_in_throttles" CASCADE;--> statement-breakpoint
ALTER TABLE "staff_users" DROP CONSTRAINT "staff_users_failed_non_negative";--> statement-breakpoint
CREATE INDEX "staff_sign_in_failures_email_idx" ON "staff_sign_in_failures" USING btree ("email_key","failed_at");--> statement-breakpoint
CREATE INDEX "staff_sign_in_failures_failed_at_idx" ON "staff_sign_in_failures" USING btree ("failed_at");--> statement-breakpoint
ALTER TABLE "staff_users" DROP COLUMN "failed_sign_ins";--> statement-breakpoint
ALTER TABLE "staff_users" DROP COLUMN "locked_until";