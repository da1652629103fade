import 'server-only';
import { eq } from 'drizzle-orm';
import { cache } from 'react';
import { getDb } from '../../db/client';
import { practices } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { assertStaffCan, auditActorOf, notFound } from './access';

export type StaffPractice = { name: string; timeZone: string; requireTwoFactorForAll: boolean };

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
    .select({ name: practices.name, timeZone: practices.timeZone, requireTwoFactorForAll: practices.requireTwoFactorForAll })
    .from(practices)
    .where(eq(practices.id, practiceId))
    .limit(1);
  return row ?? null;
});

/**
 * Two-step sign-in for everyone in the practice (clinicians always need it). Turning it on takes
 * effect on each person's next request: a signed-in front desk without an authenticator is sent
 * to set one up before anything else (lib/auth/sessions.ts). Clinicians only; audited as
 * 'practice.settings_changed' when the rule actually changes.
 */
export async function setTwoFactorForAll(params: { actor: StaffActor; required: boolean; now?: Date }): Promise<{ ok: true; requireTwoFactorForAll: boolean; changed: boolean }> {
  const { actor } = params;
  assertStaffCan(actor, 'practice.edit_security');
  const required = params.required === true;
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ value: practices.requireTwoFactorForAll })
      .from(practices)
      .where(eq(practices.id, actor.practiceId))
      .for('update');
    if (!before) throw notFound();
    if (before.value === required) return { ok: true as const, requireTwoFactorForAll: required, changed: false };
    await tx.update(practices).set({ requireTwoFactorForAll: required, updatedAt: now }).where(eq(practices.id, actor.practiceId));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'practice.settings_changed',
      subjectType: 'practice',
      subjectId: actor.practiceId,
      detail: { requireTwoFactorForAll: required },
      at: now,
    });
    return { ok: true as const, requireTwoFactorForAll: required, changed: true };
  });
}
