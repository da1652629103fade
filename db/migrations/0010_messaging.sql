CREATE TYPE "public"."message_kind" AS ENUM('booking_confirmed', 'request_received', 'request_approved', 'request_declined', 'booking_rescheduled', 'booking_cancelled', 'link_issued', 'reminder', 'practice_new_booking', 'practice_new_request', 'practice_client_cancelled', 'practice_delivery_failed');--> statement-breakpoint
CREATE TYPE "public"."message_recipient" AS ENUM('primary', 'partner', 'practice');--> statement-breakpoint
CREATE TYPE "public"."message_state" AS ENUM('queued', 'sending', 'retrying', 'sent', 'failed', 'skipped');--> statement-breakpoint
CREATE TABLE "dev_mailbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid,
	"to_address" text NOT NULL,
	"from_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"calendar" text,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"booking_id" uuid,
	"kind" "message_kind" NOT NULL,
	"recipient" "message_recipient" NOT NULL,
	"link_id" uuid,
	"changed_by" text,
	"about_message_id" uuid,
	"state" "message_state" DEFAULT 'queued' NOT NULL,
	"skip_reason" text,
	"send_after" timestamp with time zone,
	"calendar_sequence" integer,
	"dedupe_key" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_to" text,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_attempts_nonnegative" CHECK ("messages"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "email_sender_name" text DEFAULT 'Appointments' NOT NULL;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "reminder_hours_before" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "clinicians" ADD COLUMN "video_room_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clinicians" ADD COLUMN "calendar_feed_token_hash" text;--> statement-breakpoint
ALTER TABLE "clinicians" ADD COLUMN "calendar_feed_shows_names" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_links" ADD COLUMN "token_ciphertext" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "calendar_sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_link_id_booking_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."booking_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dev_mailbox_delivered_idx" ON "dev_mailbox" USING btree ("delivered_at");--> statement-breakpoint
CREATE INDEX "messages_booking_idx" ON "messages" USING btree ("booking_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_practice_state_idx" ON "messages" USING btree ("practice_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_dedupe_key_key" ON "messages" USING btree ("dedupe_key");