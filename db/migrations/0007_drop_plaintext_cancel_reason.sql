-- The plaintext reasons cannot be encrypted in SQL (the keys are not in the database): the column is
-- set aside here, and db/data-fixes/encrypt-cancel-texts.ts (run by migrateDatabase right after the
-- migrations, on every driver) encrypts what it holds into "cancel_text_ciphertext" and drops it.
ALTER TABLE "bookings" RENAME COLUMN "cancel_reason" TO "cancel_reason_plaintext_pending";
