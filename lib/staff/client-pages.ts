import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { practices } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import type { StaleRefusal } from '../concurrency/edit-version';
import { clientPagesFormSchema, type ClientPagesFormInput } from '../practice/client-pages-schema';
import { assertStaffCan, invalidInput, notFound } from './access';
import { savePracticeFields } from './practice-fields-write';
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
  return savePracticeFields<ClientPageSettings>({ actor, what: 'The wording of clients’ pages', columns, versionKey: 'clientPagesVersion', next, version, now: params.now ?? new Date() });
}
