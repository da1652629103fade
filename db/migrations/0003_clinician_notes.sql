CREATE TYPE "public"."consultation_outcome" AS ENUM('became_client', 'referred_out', 'not_a_fit', 'waitlist');--> statement-breakpoint
CREATE TABLE "consultation_records" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"clinician_notes_ciphertext" text,
	"outcome" "consultation_outcome",
	"outcome_recorded_at" timestamp with time zone,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_records_outcome_recorded" CHECK (("consultation_records"."outcome" is null) = ("consultation_records"."outcome_recorded_at" is null))
);
--> statement-breakpoint
ALTER TABLE "consultation_records" ADD CONSTRAINT "consultation_records_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_records" ADD CONSTRAINT "consultation_records_updated_by_staff_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;