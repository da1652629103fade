import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { IntakeCustomization } from '../../lib/intake/customization-types';
import type { Questionnaire } from '../../lib/intake/types';
import { intakeFormEnum, intakeStatusEnum, linkHolderEnum } from './enums';
import { bookingLinks, bookings } from './bookings';
import { practices } from './practices';
import { staffUsers } from './staff';

/**
 * Every version of a practice's questionnaire (individual, couples): the full FHIR R4
 * Questionnaire as the practice adapted it (sections off, its own questions), and the
 * customization it came from. A change to the intake settings writes a new version; an intake
 * keeps the version it was filled in, so an old intake still renders after the questionnaire
 * changes. Not sensitive (no client data).
 */
export const intakeQuestionnaires = pgTable(
  'intake_questionnaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    form: intakeFormEnum('form').notNull(),
    version: integer('version').notNull(),
    questionnaire: jsonb('questionnaire').$type<Questionnaire>().notNull(),
    customization: jsonb('customization').$type<IntakeCustomization>().notNull(),
    createdBy: uuid('created_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('intake_questionnaires_version_key').on(t.practiceId, t.form, t.version), check('intake_questionnaires_version_positive', sql`${t.version} >= 1`)],
);

/**
 * One person's intake for one booking (each partner of a couple has their own row). Created
 * when the person first saves. Drafts, sent answers and the derived summary (scores, flags) are
 * AES-256-GCM envelopes whose associated data names the purpose and this row
 * (lib/intake/intake-crypto.ts); nothing readable about the answers is stored in clear.
 * `flagged_at` (a sign of danger was seen; no detail) lets the clinician's inbox put flags first.
 */
export const intakes = pgTable(
  'intakes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    holder: linkHolderEnum('holder').notNull(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => intakeQuestionnaires.id),
    status: intakeStatusEnum('status').notNull().default('in_progress'),
    /** Autosave: JSON { answers, step, signatures }, sealed. */
    draftCiphertext: text('draft_ciphertext'),
    /** Raised by every saved draft; a save based on an older revision is refused (a slower tab). */
    draftRevision: integer('draft_revision').notNull().default(0),
    draftSavedAt: timestamp('draft_saved_at', { withTimezone: true }),
    /** What was sent: JSON { answers, signatures }, sealed. Set once; never changed after. */
    answersCiphertext: text('answers_ciphertext'),
    /** Scores and flags computed on the server from the stored answers, sealed. */
    summaryCiphertext: text('summary_ciphertext'),
    /** The client's key for "Send": a repeated send with the same key is the same send. */
    submitKey: uuid('submit_key'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    flaggedAt: timestamp('flagged_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('intakes_booking_holder_key').on(t.bookingId, t.holder),
    index('intakes_practice_idx').on(t.practiceId, t.status),
    check('intakes_sent_has_answers', sql`${t.status} in ('not_started', 'in_progress') or (${t.answersCiphertext} is not null and ${t.submittedAt} is not null)`),
  ],
);

/**
 * A device that proved it can read the holder's email (the 6-digit code): the cookie holds a
 * random token, only its SHA-256 is stored. Bound to one link (a reissued link needs a new code)
 * and valid until the consultation has passed; "Leave quickly" revokes it.
 */
export const intakeDevices = pgTable(
  'intake_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    linkId: uuid('link_id')
      .notNull()
      .references(() => bookingLinks.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('intake_devices_token_hash_key').on(t.tokenHash), index('intake_devices_link_idx').on(t.linkId)],
);

/**
 * A 6-digit code sent to a link holder's own email address. `code_hash` (keyed) checks a guess;
 * `code_ciphertext` lets the email job render the code (message rows never hold it) and is
 * cleared once the code is used or expires. Valid 10 minutes, a few tries.
 */
export const intakeCodes = pgTable(
  'intake_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    linkId: uuid('link_id')
      .notNull()
      .references(() => bookingLinks.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    codeCiphertext: text('code_ciphertext'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('intake_codes_link_idx').on(t.linkId, t.createdAt), check('intake_codes_attempts_nonnegative', sql`${t.attempts} >= 0`)],
);

export type IntakeQuestionnaireRow = typeof intakeQuestionnaires.$inferSelect;
export type IntakeRow = typeof intakes.$inferSelect;
export type NewIntake = typeof intakes.$inferInsert;
export type IntakeDeviceRow = typeof intakeDevices.$inferSelect;
export type IntakeCodeRow = typeof intakeCodes.$inferSelect;
