import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { MESSAGE_KINDS, MESSAGE_RECIPIENTS, MESSAGE_STATES } from '../../lib/messaging/kinds';
import { bookingLinks, bookings } from './bookings';
import { practices } from './practices';

export const messageKindEnum = pgEnum('message_kind', MESSAGE_KINDS);
export const messageRecipientEnum = pgEnum('message_recipient', MESSAGE_RECIPIENTS);
export const messageStateEnum = pgEnum('message_state', MESSAGE_STATES);

/**
 * Every email Haven owes someone, written in the transaction that makes the change it reports
 * (lib/messaging/enqueue.ts), and what became of it. The row holds ids and facts, never content:
 * the delivery job renders the message from the booking when it runs, so no note, reason or
 * link token is ever stored here. One row = one message to one person; the delivery job claims
 * it before sending and records "sent", so a retried or duplicated job never sends it twice.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'cascade' }),
    kind: messageKindEnum('kind').notNull(),
    recipient: messageRecipientEnum('recipient').notNull(),
    /** The private link this message carries (the holder's live link when it was written). */
    linkId: uuid('link_id').references(() => bookingLinks.id, { onDelete: 'set null' }),
    /** Who made the change, for "moved by the practice" / "by you": client | partner | staff | system. */
    changedBy: text('changed_by'),
    /** For an intake code message: the code row it renders from (the code itself is never stored here). */
    intakeCodeId: uuid('intake_code_id'),
    /** For a message about a message (a failed delivery): the one that failed. */
    aboutMessageId: uuid('about_message_id'),
    state: messageStateEnum('state').notNull().default('queued'),
    /** Why a message was not sent (`skipped`): a fixed code, e.g. 'no_email_consent', 'superseded'. */
    skipReason: text('skip_reason'),
    /** Not before this instant (reminders); null = as soon as possible. */
    sendAfter: timestamp('send_after', { withTimezone: true }),
    /** The booking's calendar SEQUENCE this message's invitation carries (RFC 5546). */
    calendarSequence: integer('calendar_sequence'),
    /** At most one message per key (a reminder per booking, start and holder). */
    dedupeKey: text('dedupe_key'),
    attempts: integer('attempts').notNull().default(0),
    /** The last transport error, as the mail server said it (no content of ours). */
    lastError: text('last_error'),
    /** The address it went to, lower-cased (kept so staff can see who was told). */
    sentTo: text('sent_to'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('messages_booking_idx').on(t.bookingId, t.createdAt),
    index('messages_practice_state_idx').on(t.practiceId, t.state),
    uniqueIndex('messages_dedupe_key_key').on(t.dedupeKey),
    check('messages_attempts_nonnegative', sql`${t.attempts} >= 0`),
  ],
);

/**
 * The development mailbox: with no SMTP server configured outside production (the embedded
 * demo), delivered messages are kept here and shown at /dev/mailbox. Never written when SMTP_URL
 * is set. Pruned by housekeeping after a week.
 */
export const devMailbox = pgTable(
  'dev_mailbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id'),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    calendar: text('calendar'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dev_mailbox_delivered_idx').on(t.deliveredAt)],
);

export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
