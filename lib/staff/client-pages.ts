import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { practices } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { staleRefusal, type StaleRefusal } from '../concurrency/edit-version';
import { bumpVersion, versionIs } from '../concurrency/versioned-write';
import { clientPagesFormSchema, type ClientPagesFormInput } from '../practice/client-pages-schema';
import { assertStaffCan, auditActorOf, invalidInput, notFound } from './access';
import type { StaffRefusal } from './dto';

/** The wording as saved, with its edit version (what the form is loaded with and a stale save's refusal carries). */
export type ClientPageSettings = ClientPagesFormInput;

const columns = {
  sharedPageTitle: practices.sharedPageTitle,
  crisisLineUs: practices.crisisLineUs,
  crisisLineElsewhere: practices.crisisLineElsewhere,
  version: practices.clientPagesVersion,
};

/** The actor's practice's wording for clients' pages (clinicians: 'practice.edit_client_pages'). One query. */
export async function getClientPageSettings(params: { actor: StaffActor }): Promise<ClientPageSettings> {
  assertStaffCan(params.actor, 'practice.edit_client_pages');
  const db = await getDb();
  const [row] = await db.select(columns).from(practices).where(eq(practices.id, params.actor.practiceId)).limit(1);
  if (!row) throw notFound();
  return row;
}

/**
 * Saves the wording of clients' pages for the actor's own practice. Audited as
 * 'practice.settings_changed' with the names of the fields that changed (not the text). `version`
 * is the edit version the form was loaded at: a stale one saves nothing and answers `stale` with
 * the wording saved now (another tab or clinician saved in between).
 */
export async function updateClientPageSettings(params: {
  actor: StaffActor;
  input: unknown;
  now?: Date;
}): Promise<{ ok: true; settings: ClientPageSettings; changed: boolean } | StaffRefusal | StaleRefusal<ClientPageSettings>> {
  const { actor } = params;
  assertStaffCan(actor, 'practice.edit_client_pages');
  const parsed = clientPagesFormSchema.safeParse(params.input);
  if (!parsed.success) return invalidInput(parsed.error.issues);
  const { version, ...next } = parsed.data;
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select(columns).from(practices).where(eq(practices.id, actor.practiceId)).for('update');
    if (!before) throw notFound();
    if (before.version !== version) return staleRefusal('The wording of clients’ pages', before);
    const changedFields = (Object.keys(next) as (keyof typeof next)[]).filter((k) => before[k] !== next[k]);
    if (changedFields.length === 0) return { ok: true as const, settings: before, changed: false };
    const [updated] = await tx
      .update(practices)
      .set({ ...next, clientPagesVersion: bumpVersion(practices.clientPagesVersion), updatedAt: now })
      .where(and(eq(practices.id, actor.practiceId), versionIs(practices.clientPagesVersion, version)))
      .returning({ version: practices.clientPagesVersion });
    // The row is locked and its version was just compared: no match means the invariant broke.
    if (!updated) throw new Error('The client-page wording version changed under a lock.');
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'practice.settings_changed',
      subjectType: 'practice',
      subjectId: actor.practiceId,
      detail: { changed: changedFields.join(',') },
      at: now,
    });
    return { ok: true as const, settings: { ...next, version: updated.version }, changed: true };
  });
}
