import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { actorKindEnum, bookingStatusEnum, contactChannelEnum, linkHolderEnum } from './enums';
import { clinicians } from './clinicians';
import { consultationTypes } from './consultation-types';
import { practices } from './practices';
import { tstzrange } from './custom-types';

/**
 * A consultation on a clinician's calendar. `blocked` is [start − buffer before, end + buffer
 * after): the exclusion constraint `bookings_no_overlap` (migration 0001) forbids two
 * requested/confirmed bookings of one clinician whose blocked ranges overlap, so no race can
 * double-book. The slot engine uses the same ranges, so both agree on what "free" means.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    clinicianId: uuid('clinician_id')
      .notNull()
      .references(() => clinicians.id),
    consultationTypeId: uuid('consultation_type_id')
      .notNull()
      .references(() => consultationTypes.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    blocked: tstzrange('blocked').notNull(),
    status: bookingStatusEnum('status').notNull(),
    /** The client's IANA zone when they booked: times in messages are shown in it. */
    clientTimeZone: text('client_time_zone').notNull(),
    clientName: text('client_name').notNull(),
    /** Stored lower-cased: the per-email limits compare it. */
    clientEmail: text('client_email').notNull(),
    clientPhone: text('client_phone').notNull(),
    preferredChannel: contactChannelEnum('preferred_channel').notNull(),
    okToLeaveVoicemail: boolean('ok_to_leave_voicemail').notNull().default(false),
    okToText: boolean('ok_to_text').notNull().default(false),
    okToEmail: boolean('ok_to_email').notNull().default(true),
    partnerName: text('partner_name'),
    partnerEmail: text('partner_email'),
    /** "What brings you": sensitive, AES-256-GCM envelope (lib/crypto), never logged. */
    clientNoteCiphertext: text('client_note_ciphertext'),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    /** Client-generated per form: a resubmission returns the same booking. */
    idempotencyKey: uuid('idempotency_key').notNull(),
    rescheduleCount: integer('reschedule_count').notNull().default(0),
    /**
     * RFC 5546 SEQUENCE of this booking's calendar event (UID = booking id): raised by every change
     * a calendar should follow (confirmed, moved, cancelled), so an updated invitation replaces the old one.
     */
    calendarSequence: integer('calendar_sequence').notNull().default(0),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: actorKindEnum('cancelled_by'),
    /** A request the practice declined (cancelled by staff, with a message for the client). */
    declined: boolean('declined').notNull().default(false),
    /**
     * The words that came with the cancellation, AES-256-GCM envelope (lib/crypto), never logged:
     * the client's reason, the practice's reason or the clinician's decline message. The
     * associated data names the purpose and the booking (lib/bookings/cancellation-text.ts).
     */
    cancelTextCiphertext: text('cancel_text_ciphertext'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bookings_idempotency_key_key').on(t.idempotencyKey),
    index('bookings_clinician_starts_idx').on(t.clinicianId, t.startsAt),
    index('bookings_practice_starts_idx').on(t.practiceId, t.startsAt),
    index('bookings_client_email_idx').on(t.clientEmail),
    check('bookings_ends_after_starts', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * Private links (`/m/<token>`): one per person per issue. Only the SHA-256 of the token is
 * stored. Each partner of a couple holds their own link to the same booking.
 */
export const bookingLinks = pgTable(
  'booking_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    holder: linkHolderEnum('holder').notNull(),
    /** This holder's own IANA zone (the one they booked or last rescheduled in): their pages show times in it. */
    timeZone: text('time_zone'),
    /** The holder's locale (BCP 47, validated) when known, for dates and times in their messages. */
    locale: text('locale'),
    tokenHash: text('token_hash').notNull(),
    /**
     * The token itself, AES-256-GCM sealed (lib/bookings/link-token-seal.ts), so a message sent
     * later (a reminder, a change) can carry the holder's own link. Lookups use only the hash.
     */
    tokenCiphertext: text('token_ciphertext'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('booking_links_token_hash_key').on(t.tokenHash),
    index('booking_links_booking_idx').on(t.bookingId),
  ],
);

export type Booking = typeof bookings.$inferSelect;
export type NewBooking = typeof bookings.$inferInsert;
export type BookingLink = typeof bookingLinks.$inferSelect;
