import 'server-only';
import { and, eq } from 'drizzle-orm';
import { cache } from 'react';
import { getDb } from '../../db/client';
import { practices } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { editVersionSchema, staleRefusal, type StaleRefusal } from '../concurrency/edit-version';
import { bumpVersion, versionIs } from '../concurrency/versioned-write';
import { assertStaffCan, auditActorOf, notFound } from './access';

export type StaffPractice = {
  name: string;
  timeZone: string;
  requireTwoFactorForAll: boolean;
  /** The settings' edit version (lib/concurrency/edit-version.ts): a settings form sends it back. */
  settingsVersion: number;
};

/**
 * The signed-in person's own practice: its name, the IANA zone that staff pages render days
 * and times in (and read typed dates in), and its sign-in rule. Any staff role; one primary-key lookup.
 */
export async function getStaffPractice(params: { actor: StaffActor }): Promise<StaffPractice> {
  assertStaffCan(params.actor, 'schedule.read');
  const row = await loadPractice(params.actor.practiceId);
  if (!row) throw notFound();
  return row;
}

/** Once per request (React `cache`): the staff layout and a page both ask for it. */
const loadPractice = cache(async (practiceId: string): Promise<StaffPractice | null> => {
  const db = await getDb();
  const [row] = await db
    .select({
      name: practices.name,
      timeZone: practices.timeZone,
      requireTwoFactorForAll: practices.requireTwoFactorForAll,
      settingsVersion: practices.settingsVersion,
    })
    .from(practices)
    .where(eq(practices.id, practiceId))
    .limit(1);
  return row ?? null;
});

/** The practice's settings as saved now: what a stale settings save's refusal carries. */
export type SavedPracticeSettings = { settingsVersion: number; requireTwoFactorForAll: boolean };

export type SetTwoFactorForAllResult =
  | { ok: true; requireTwoFactorForAll: boolean; changed: boolean; settingsVersion: number }
  | InvalidRefusal
  | StaleRefusal<SavedPracticeSettings>;

type InvalidRefusal = { ok: false; reason: 'invalid'; message: string; fieldErrors: Record<string, string> };

/**
 * Two-step sign-in for everyone in the practice (clinicians always need it). Turning it on takes
 * effect on each person's next request: a signed-in front desk without an authenticator is sent
 * to set one up before anything else (lib/auth/sessions.ts). Clinicians only; audited as
 * 'practice.settings_changed' when the rule actually changes. `version` is the practice's settings
 * version the form was loaded at: a stale one changes nothing and answers `stale` with the saved rule.
 */
export async function setTwoFactorForAll(params: { actor: StaffActor; required: boolean; version: number; now?: Date }): Promise<SetTwoFactorForAllResult> {
  const { actor } = params;
  assertStaffCan(actor, 'practice.edit_security');
  const required = params.required === true;
  const version = editVersionSchema.safeParse(params.version);
  if (!version.success) {
    return { ok: false, reason: 'invalid', message: 'Please reload the page.', fieldErrors: { version: version.error.issues[0]?.message ?? 'Please reload the page.' } };
  }
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx): Promise<SetTwoFactorForAllResult> => {
    const [before] = await tx
      .select({ value: practices.requireTwoFactorForAll, settingsVersion: practices.settingsVersion })
      .from(practices)
      .where(eq(practices.id, actor.practiceId))
      .for('update');
    if (!before) throw notFound();
    if (before.settingsVersion !== version.data) {
      return staleRefusal('The practice’s settings', { settingsVersion: before.settingsVersion, requireTwoFactorForAll: before.value });
    }
    if (before.value === required) return { ok: true, requireTwoFactorForAll: required, changed: false, settingsVersion: before.settingsVersion };
    const [updated] = await tx
      .update(practices)
      .set({ requireTwoFactorForAll: required, updatedAt: now, settingsVersion: bumpVersion(practices.settingsVersion) })
      .where(and(eq(practices.id, actor.practiceId), versionIs(practices.settingsVersion, version.data)))
      .returning({ settingsVersion: practices.settingsVersion });
    // The row is locked and its version was just compared: no match means the invariant broke.
    if (!updated) throw new Error('The practice settings version changed under a lock.');
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'practice.settings_changed',
      subjectType: 'practice',
      subjectId: actor.practiceId,
      detail: { requireTwoFactorForAll: required },
      at: now,
    });
    return { ok: true, requireTwoFactorForAll: required, changed: true, settingsVersion: updated.settingsVersion };
  });
}
