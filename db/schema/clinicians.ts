import { boolean, index, integer, pgTable, text, time, timestamp, uuid, date } from 'drizzle-orm/pg-core';
import { modalityEnum, overrideKindEnum } from './enums';
import { practices } from './practices';

export const clinicians = pgTable(
  'clinicians',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    credentials: text('credentials').notNull().default(''),
    pronouns: text('pronouns').notNull().default(''),
    bio: text('bio').notNull().default(''),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    /**
     * Edit version of the clinician's availability (weekly hours, time off, extra hours): every
     * change to either table checks and bumps it (lib/concurrency/edit-version.ts).
     */
    availabilityVersion: integer('availability_version').notNull().default(1),
    /** The clinician's video room (https URL); clients see it on their private page near the time. '' = none. */
    videoRoomUrl: text('video_room_url').notNull().default(''),
    /** The private calendar feed (lib/calendar/feed.ts): only the SHA-256 of its token; null = no feed. */
    calendarFeedTokenHash: text('calendar_feed_token_hash'),
    /** The feed shows clients' names (otherwise initials only). */
    calendarFeedShowsNames: boolean('calendar_feed_shows_names').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('clinicians_practice_idx').on(t.practiceId)],
);

/** Recurring weekly hours, wall-clock in the practice's zone. weekday 0 = Sunday. */
export const availabilityRules = pgTable(
  'availability_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicianId: uuid('clinician_id')
      .notNull()
      .references(() => clinicians.id, { onDelete: 'cascade' }),
    weekday: integer('weekday').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    modalities: modalityEnum('modalities').array().notNull(),
  },
  (t) => [index('availability_rules_clinician_idx').on(t.clinicianId)],
);

/** Date-specific time off (whole day when times are null) or extra hours. */
export const availabilityOverrides = pgTable(
  'availability_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicianId: uuid('clinician_id')
      .notNull()
      .references(() => clinicians.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    kind: overrideKindEnum('kind').notNull(),
    startTime: time('start_time'),
    endTime: time('end_time'),
    modalities: modalityEnum('modalities').array().notNull().default([]),
    label: text('label').notNull().default(''),
  },
  (t) => [index('availability_overrides_clinician_date_idx').on(t.clinicianId, t.date)],
);

export type Clinician = typeof clinicians.$inferSelect;
export type AvailabilityRule = typeof availabilityRules.$inferSelect;
export type AvailabilityOverride = typeof availabilityOverrides.$inferSelect;
