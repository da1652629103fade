CREATE TYPE "public"."intake_form" AS ENUM('individual', 'couples');--> statement-breakpoint
CREATE TYPE "public"."intake_status" AS ENUM('not_started', 'in_progress', 'sent', 'reviewed');--> statement-breakpoint
ALTER TYPE "public"."message_kind" ADD VALUE 'intake_code' BEFORE 'practice_new_booking';--> statement-breakpoint
ALTER TYPE "public"."message_kind" ADD VALUE 'intake_reminder' BEFORE 'practice_new_booking';--> statement-breakpoint
ALTER TYPE "public"."message_kind" ADD VALUE 'practice_intake_attention';--> statement-breakpoint
CREATE TABLE "intake_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"code_ciphertext" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_codes_attempts_nonnegative" CHECK ("intake_codes"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "intake_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_questionnaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"form" "intake_form" NOT NULL,
	"version" integer NOT NULL,
	"questionnaire" jsonb NOT NULL,
	"customization" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_questionnaires_version_positive" CHECK ("intake_questionnaires"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "intakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"holder" "link_holder" NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"status" "intake_status" DEFAULT 'in_progress' NOT NULL,
	"draft_ciphertext" text,
	"draft_revision" integer DEFAULT 0 NOT NULL,
	"draft_saved_at" timestamp with time zone,
	"answers_ciphertext" text,
	"summary_ciphertext" text,
	"submit_key" uuid,
	"submitted_at" timestamp with time zone,
	"flagged_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intakes_sent_has_answers" CHECK ("intakes"."status" in ('not_started', 'in_progress') or ("intakes"."answers_ciphertext" is not null and "intakes"."submitted_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "consultation_types" ADD COLUMN "intake_form" "intake_form";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "intake_code_id" uuid;--> statement-breakpoint
ALTER TABLE "intake_codes" ADD CONSTRAINT "intake_codes_link_id_booking_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."booking_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_devices" ADD CONSTRAINT "intake_devices_link_id_booking_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."booking_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_questionnaires" ADD CONSTRAINT "intake_questionnaires_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_questionnaires" ADD CONSTRAINT "intake_questionnaires_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_questionnaire_id_intake_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."intake_questionnaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_reviewed_by_staff_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intake_codes_link_idx" ON "intake_codes" USING btree ("link_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "intake_devices_token_hash_key" ON "intake_devices" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "intake_devices_link_idx" ON "intake_devices" USING btree ("link_id");--> statement-breakpoint
CREATE UNIQUE INDEX "intake_questionnaires_version_key" ON "intake_questionnaires" USING btree ("practice_id","form","version");--> statement-breakpoint
CREATE UNIQUE INDEX "intakes_booking_holder_key" ON "intakes" USING btree ("booking_id","holder");--> statement-breakpoint
CREATE INDEX "intakes_practice_idx" ON "intakes" USING btree ("practice_id","status");--> statement-breakpoint
UPDATE "consultation_types" SET "intake_form" = CASE "audience" WHEN 'couple' THEN 'couples'::intake_form ELSE 'individual'::intake_form END;
