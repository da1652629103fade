import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bookings } from './bookings';
import { consultationOutcomeEnum } from './enums';
import { staffUsers } from './staff';

/**
 * The clinician's private record of one consultation (issue 3): notes and the outcome. Kept out
 * of `bookings` on purpose: every schedule, search and link query reads `bookings`, and none of
 * them can reach clinical content that is not in that row. Only lib/staff/clinical-notes.ts reads
 * this table, for the booking's own clinician, with an audit row in the same transaction.
 *
 * `clinician_notes_ciphertext` is an AES-256-GCM envelope (lib/crypto, key id inside) whose
 * associated data is bound to the booking id: a ciphertext copied to another row won't open.
 */
export const consultationRecords = pgTable(
  'consultation_records',
  {
    bookingId: uuid('booking_id')
      .primaryKey()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    clinicianNotesCiphertext: text('clinician_notes_ciphertext'),
    outcome: consultationOutcomeEnum('outcome'),
    outcomeRecordedAt: timestamp('outcome_recorded_at', { withTimezone: true }),
    /** The staff user who last saved (a clinician); kept if the user is later removed. */
    /** Edit version: every save checks and bumps it (lib/concurrency/edit-version.ts); no row reads as version 0. */
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('consultation_records_outcome_recorded', sql`(${t.outcome} is null) = (${t.outcomeRecordedAt} is null)`)],
);

export type ConsultationRecord = typeof consultationRecords.$inferSelect;
export type NewConsultationRecord = typeof consultationRecords.$inferInsert;
