import 'server-only';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { staffDrafts } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { decryptText, encryptText } from '../crypto/envelope';
import { dataKeyring } from '../crypto/keyring';
import { AppError } from '../errors';
import { DRAFT_LIFETIME_MS, draftKeySchema, draftValuesSchema, saveDraftSchema, type DraftValues } from './schemas';

/**
 * Unsaved form drafts of staff (db/schema/staff-drafts.ts). A draft belongs to the person who
 * typed it and no one else: every function scopes by the actor's user id, and the envelope's
 * associated data binds the ciphertext to that user and form, so a row copied elsewhere won't open.
 */

export type StaffDraftDto = { values: DraftValues; savedAt: string };

/** Associated data binding a draft to its user and form (exported for key rotation, lib/crypto/encrypted-columns.ts). */
export const staffDraftAssociatedData = (userId: string, formKey: string) => `staff-draft:${userId}:${formKey}`;
const associatedData = staffDraftAssociatedData;

function invalid(message: string): AppError {
  return new AppError('INVALID', message);
}

/** Keeps (or replaces) the person's draft of one form. */
export async function saveStaffDraft(params: { actor: StaffActor; formKey: string; values: unknown; now?: Date }): Promise<{ savedAt: string }> {
  const parsed = saveDraftSchema.safeParse({ formKey: params.formKey, values: params.values });
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? 'This draft could not be kept.');
  const { formKey, values } = parsed.data;
  const savedAt = params.now ?? new Date();
  const ciphertext = encryptText(dataKeyring(), JSON.stringify(values), associatedData(params.actor.userId, formKey));
  const db = await getDb();
  await db
    .insert(staffDrafts)
    .values({ userId: params.actor.userId, formKey, valuesCiphertext: ciphertext, savedAt })
    .onConflictDoUpdate({ target: [staffDrafts.userId, staffDrafts.formKey], set: { valuesCiphertext: ciphertext, savedAt } });
  return { savedAt: savedAt.toISOString() };
}

/**
 * The person's draft of one form, if there is one worth restoring: not older than a sign-in can
 * last, and not older than the record's last save (`supersededAt`: the form was saved after the
 * draft, e.g. in another tab). A draft that is not worth restoring is deleted.
 */
export async function getStaffDraft(params: {
  actor: StaffActor;
  formKey: string;
  supersededAt?: Date | string | null;
  now?: Date;
}): Promise<StaffDraftDto | null> {
  const formKey = draftKeySchema.safeParse(params.formKey);
  if (!formKey.success) return null;
  const now = params.now ?? new Date();
  const db = await getDb();
  const where = and(eq(staffDrafts.userId, params.actor.userId), eq(staffDrafts.formKey, formKey.data));
  const [row] = await db.select({ ciphertext: staffDrafts.valuesCiphertext, savedAt: staffDrafts.savedAt }).from(staffDrafts).where(where).limit(1);
  if (!row) return null;
  const superseded = params.supersededAt ? new Date(params.supersededAt).getTime() : null;
  const stale = row.savedAt.getTime() < now.getTime() - DRAFT_LIFETIME_MS || (superseded !== null && row.savedAt.getTime() <= superseded);
  if (stale) {
    await db.delete(staffDrafts).where(and(where, lt(staffDrafts.savedAt, new Date(row.savedAt.getTime() + 1))));
    return null;
  }
  const values = draftValuesSchema.safeParse(JSON.parse(decryptText(dataKeyring(), row.ciphertext, associatedData(params.actor.userId, formKey.data))));
  return values.success ? { values: values.data, savedAt: row.savedAt.toISOString() } : null;
}

/**
 * The person's drafts of several forms at once (a list page: one query), by form key; only those
 * worth restoring — fresher than a sign-in can last. Stale ones are left for `getStaffDraft` and
 * the clean-up to delete.
 */
export async function findStaffDrafts(params: { actor: StaffActor; formKeys: readonly string[]; now?: Date }): Promise<Map<string, StaffDraftDto>> {
  const keys = params.formKeys.filter((key) => draftKeySchema.safeParse(key).success);
  const found = new Map<string, StaffDraftDto>();
  if (keys.length === 0) return found;
  const now = params.now ?? new Date();
  const db = await getDb();
  const rows = await db
    .select({ formKey: staffDrafts.formKey, ciphertext: staffDrafts.valuesCiphertext, savedAt: staffDrafts.savedAt })
    .from(staffDrafts)
    .where(and(eq(staffDrafts.userId, params.actor.userId), inArray(staffDrafts.formKey, keys)));
  for (const row of rows) {
    if (row.savedAt.getTime() < now.getTime() - DRAFT_LIFETIME_MS) continue;
    const values = draftValuesSchema.safeParse(JSON.parse(decryptText(dataKeyring(), row.ciphertext, associatedData(params.actor.userId, row.formKey))));
    if (values.success) found.set(row.formKey, { values: values.data, savedAt: row.savedAt.toISOString() });
  }
  return found;
}

/** Forgets the person's draft of one form (saved for real, or thrown away). */
export async function discardStaffDraft(params: { actor: StaffActor; formKey: string }): Promise<void> {
  const formKey = draftKeySchema.safeParse(params.formKey);
  if (!formKey.success) return;
  const db = await getDb();
  await db.delete(staffDrafts).where(and(eq(staffDrafts.userId, params.actor.userId), eq(staffDrafts.formKey, formKey.data)));
}
