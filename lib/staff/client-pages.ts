import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { practices } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { clientPageSettingsSchema, type ClientPageSettingsInput } from '../practice/client-pages-schema';
import { assertStaffCan, auditActorOf, invalidInput, notFound } from './access';
import type { StaffRefusal } from './dto';

export type ClientPageSettings = ClientPageSettingsInput;

const columns = {
  sharedPageTitle: practices.sharedPageTitle,
  crisisLineUs: practices.crisisLineUs,
  crisisLineElsewhere: practices.crisisLineElsewhere,
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
 * 'practice.settings_changed' with the names of the fields that changed (not the text).
 */
export async function updateClientPageSettings(params: {
  actor: StaffActor;
  input: unknown;
  now?: Date;
}): Promise<{ ok: true; settings: ClientPageSettings; changed: boolean } | StaffRefusal> {
  const { actor } = params;
  assertStaffCan(actor, 'practice.edit_client_pages');
  const parsed = clientPageSettingsSchema.safeParse(params.input);
  if (!parsed.success) return invalidInput(parsed.error.issues);
  const next = parsed.data;
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select(columns).from(practices).where(eq(practices.id, actor.practiceId)).for('update');
    if (!before) throw notFound();
    const changedFields = (Object.keys(next) as (keyof ClientPageSettings)[]).filter((k) => before[k] !== next[k]);
    if (changedFields.length === 0) return { ok: true as const, settings: next, changed: false };
    await tx.update(practices).set({ ...next, updatedAt: now }).where(eq(practices.id, actor.practiceId));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'practice.settings_changed',
      subjectType: 'practice',
      subjectId: actor.practiceId,
      detail: { changed: changedFields.join(',') },
      at: now,
    });
    return { ok: true as const, settings: next, changed: true };
  });
}
