import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staffUsers } from './staff';

/**
 * What a staff member typed but had not saved yet (issue 3: "re-authenticating after a timeout
 * returns the person to where they were, with nothing lost"). Staff forms autosave here while
 * the person types; after an idle sign-out and signing in again, the page restores it.
 *
 * One row per person and form (`form_key`, e.g. `clinical-notes:<booking id>`), readable only by
 * that person (lib/drafts). The values are an AES-256-GCM envelope whose associated data binds
 * them to the user and the form: drafts can hold clinical notes, so they are encrypted like them.
 * Drafts older than a sign-in can last (12 hours) are never restored, and are deleted when found.
 */
export const staffDrafts = pgTable(
  'staff_drafts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    formKey: text('form_key').notNull(),
    valuesCiphertext: text('values_ciphertext').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.formKey] }),
    index('staff_drafts_saved_at_idx').on(t.savedAt),
    check('staff_drafts_form_key_shape', sql`${t.formKey} ~ '^[a-z][a-z0-9-]{0,39}:[0-9a-z-]{1,80}$'`),
  ],
);

export type StaffDraft = typeof staffDrafts.$inferSelect;
