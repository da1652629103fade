import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clinicians } from './clinicians';
import { practices } from './practices';

export const STAFF_ROLES = ['clinician', 'front_desk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const staffRoleEnum = pgEnum('staff_role', STAFF_ROLES);

/**
 * People who sign in to the staff workspace (issue 3). A clinician user is linked to exactly one
 * clinician of the same practice (the code checks the practice; the database checks the link).
 *
 * Secrets: `password_hash` is argon2id (lib/auth/password.ts); `totp_secret_ciphertext` is an
 * AES-256-GCM envelope bound to the user id (lib/auth/enrolment.ts). Neither ever leaves the
 * data layer: queries select explicit columns.
 */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    /** Stored lower-cased (CHECK): sign-in compares the normalised address. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: staffRoleEnum('role').notNull(),
    clinicianId: uuid('clinician_id').references(() => clinicians.id),
    passwordHash: text('password_hash').notNull(),
    totpSecretCiphertext: text('totp_secret_ciphertext'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last accepted TOTP time step: a code is accepted once (RFC 6238 §5.2). */
    totpLastStep: integer('totp_last_step'),
    /** Sign out everywhere: sessions created before this instant are dead. */
    sessionsValidAfter: timestamp('sessions_valid_after', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('staff_users_email_key').on(t.email),
    /** One sign-in per clinician. */
    uniqueIndex('staff_users_clinician_key').on(t.clinicianId).where(sql`${t.clinicianId} is not null`),
    index('staff_users_practice_idx').on(t.practiceId),
    check('staff_users_email_lower', sql`${t.email} = lower(${t.email})`),
    /** A clinician user has a clinician; the front desk has none. */
    check('staff_users_clinician_link', sql`(${t.role} = 'clinician') = (${t.clinicianId} is not null)`),
    check('staff_users_totp_consistent', sql`(${t.totpEnabledAt} is null) = (${t.totpSecretCiphertext} is null)`),
  ],
);

/** One-time recovery codes; only `sha256("staff-recovery:<userId>:<normalised code>")` is stored. */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('staff_recovery_codes_user_hash_key').on(t.userId, t.codeHash)],
);

/**
 * Server-side record of each signed-in browser. The next-auth JWT only carries its id; every
 * request checks it here (idle 15 min against `last_seen_at`, absolute `expires_at`, revocation).
 */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Keyed hash of the sign-in IP (never the address itself). */
    ipHash: text('ip_hash'),
  },
  (t) => [index('staff_sessions_user_idx').on(t.userId), check('staff_sessions_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`)],
);

/**
 * Failed staff sign-ins (lib/abuse/sign-in-throttle.ts), one row per failed (or in-flight)
 * attempt. Keyed by email, not account, so an unknown address is throttled exactly like a real
 * one: `email_key` is a keyed hash of the normalised email and `address_key` the keyed hash the
 * per-address rate limiter uses — never the email or the address itself.
 */
export const staffSignInFailures = pgTable(
  'staff_sign_in_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    emailKey: text('email_key').notNull(),
    addressKey: text('address_key').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_sign_in_failures_email_idx').on(t.emailKey, t.failedAt), index('staff_sign_in_failures_failed_at_idx').on(t.failedAt)],
);

/** An account-wide sign-in pause (failures from many addresses), keyed like staff_sign_in_failures. */
export const staffSignInPauses = pgTable('staff_sign_in_pauses', {
  emailKey: text('email_key').primaryKey(),
  pausedUntil: timestamp('paused_until', { withTimezone: true }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
});

export type StaffUser = typeof staffUsers.$inferSelect;
export type NewStaffUser = typeof staffUsers.$inferInsert;
export type StaffSession = typeof staffSessions.$inferSelect;
export type NewStaffSession = typeof staffSessions.$inferInsert;
export type StaffRecoveryCode = typeof staffRecoveryCodes.$inferSelect;
