import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const practices = pgTable('practices', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  tagline: text('tagline').notNull().default(''),
  about: text('about').notNull().default(''),
  timeZone: text('time_zone').notNull(),
  addressLine1: text('address_line1').notNull().default(''),
  addressLine2: text('address_line2').notNull().default(''),
  city: text('city').notNull().default(''),
  region: text('region').notNull().default(''),
  postalCode: text('postal_code').notNull().default(''),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  /** Clients cannot reschedule or cancel online within this many hours of the start. */
  clientChangeCutoffHours: integer('client_change_cutoff_hours').notNull().default(24),
  /** At most this many requested/confirmed future bookings per client email. */
  maxOpenBookingsPerEmail: integer('max_open_bookings_per_email').notNull().default(3),
  /** Require two-factor sign-in for every staff member, not only clinicians (issue 3). */
  requireTwoFactorForAll: boolean('require_two_factor_for_all').notNull().default(false),
  /** Edit version of the practice's settings: every settings save checks and bumps it (lib/concurrency/edit-version.ts). */
  settingsVersion: integer('settings_version').notNull().default(1),
  /**
   * The neutral title and description of every page a client may send or share (private links,
   * the dead-link page): chat apps show it in link previews and notifications.
   */
  sharedPageTitle: text('shared_page_title').notNull().default('Appointment'),
  /** Edit version of the client-page wording (title, crisis lines): lib/concurrency/edit-version.ts. */
  clientPagesVersion: integer('client_pages_version').notNull().default(1),
  /** The footer's crisis wording for viewers in US zones / elsewhere; '' means Haven's default. */
  crisisLineUs: text('crisis_line_us').notNull().default(''),
  crisisLineElsewhere: text('crisis_line_elsewhere').notNull().default(''),
  /**
   * The sender name on every email (neutral by default: a client's inbox, lock screen or shared
   * account shows it). The subjects use `sharedPageTitle` as the practice's word for a consultation.
   */
  emailSenderName: text('email_sender_name').notNull().default('Appointments'),
  /** Reminder this many hours before a consultation; 0 = no reminders. */
  reminderHoursBefore: integer('reminder_hours_before').notNull().default(24),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Practice = typeof practices.$inferSelect;
export type NewPractice = typeof practices.$inferInsert;
