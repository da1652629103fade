-- No double booking, even under a race: two requested/confirmed bookings of one clinician may
-- not have overlapping blocked ranges (appointment time plus its buffers). SQLSTATE 23P01.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist ("clinician_id" WITH =, "blocked" WITH &&) WHERE ("status" IN ('requested', 'confirmed'));
