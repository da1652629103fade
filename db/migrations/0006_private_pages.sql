ALTER TABLE "practices" ADD COLUMN "shared_page_title" text DEFAULT 'Appointment' NOT NULL;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "crisis_line_us" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "crisis_line_elsewhere" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_links" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "declined" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "cancel_text_ciphertext" text;--> statement-breakpoint
-- Each link holder keeps their own zone: the person who booked starts with the booking's.
UPDATE "booking_links" SET "time_zone" = b."client_time_zone" FROM "bookings" b WHERE b."id" = "booking_links"."booking_id" AND "booking_links"."holder" = 'primary';--> statement-breakpoint
-- A declined request was a staff cancellation recorded as 'booking.request_declined' in the audit log.
UPDATE "bookings" SET "declined" = true WHERE "status" = 'cancelled' AND "cancelled_by" = 'staff' AND EXISTS (SELECT 1 FROM "audit_events" a WHERE a."subject_type" = 'booking' AND a."subject_id" = "bookings"."id" AND a."action" = 'booking.request_declined');
