import { boolean, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { audienceEnum, bookingModeEnum, intakeFormEnum, modalityEnum } from './enums';
import { clinicians } from './clinicians';
import { practices } from './practices';

export const consultationTypes = pgTable(
  'consultation_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    durationMinutes: integer('duration_minutes').notNull(),
    modality: modalityEnum('modality').notNull(),
    audience: audienceEnum('audience').notNull(),
    /** US cents; 0 = a free consultation. */
    feeCents: integer('fee_cents').notNull().default(0),
    bookingMode: bookingModeEnum('booking_mode').notNull().default('instant'),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(1440),
    horizonDays: integer('horizon_days').notNull().default(60),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    incrementMinutes: integer('increment_minutes').notNull().default(15),
    dailyCap: integer('daily_cap'),
    /** The intake questionnaire people booked into this type answer (null = none). */
    intakeForm: intakeFormEnum('intake_form'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Edit version: every settings save checks and bumps it (lib/concurrency/edit-version.ts). */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('consultation_types_practice_slug_key').on(t.practiceId, t.slug)],
);

/** Which clinicians offer which consultation types. */
export const clinicianConsultationTypes = pgTable(
  'clinician_consultation_types',
  {
    clinicianId: uuid('clinician_id')
      .notNull()
      .references(() => clinicians.id, { onDelete: 'cascade' }),
    consultationTypeId: uuid('consultation_type_id')
      .notNull()
      .references(() => consultationTypes.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.clinicianId, t.consultationTypeId] })],
);

export type ConsultationType = typeof consultationTypes.$inferSelect;
export type NewConsultationType = typeof consultationTypes.$inferInsert;
