import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { staffUsers, type StaffRole } from '../../db/schema';
import { clearSignInThrottle, signInEmailKey, signInStates } from '../abuse/sign-in-throttle';
import type { StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { assertStaffCan, auditActorOf, isUuid, notFound } from './access';

export type StaffSignInState = {
  id: string;
  displayName: string;
  email: string;
  role: StaffRole;
  /** When sign-in works again (ISO), if it is paused from any address now. */
  pausedUntil: string | null;
  /** Paused from every address (failures from many addresses), not only from some. */
  pausedEverywhere: boolean;
  /** Failed attempts remembered (the last 24 hours, since the last success from each address). */
  recentFailures: number;
  /** How many addresses those failures came from. */
  failureAddresses: number;
};

/**
 * The practice's staff with their sign-in state, for the clinician's staff page. Clinicians of the
 * practice only ('staff.manage_sign_in'); the front desk and other practices get NOT_FOUND.
 * Never an address or a password: failures are counted, addresses only as a number.
 */
export async function findStaffSignInStates(params: { actor: StaffActor; now?: Date }): Promise<StaffSignInState[]> {
  const { actor } = params;
  assertStaffCan(actor, 'staff.manage_sign_in');
  const now = params.now ?? new Date();
  const db = await getDb();
  const people = await db
    .select({ id: staffUsers.id, displayName: staffUsers.displayName, email: staffUsers.email, role: staffUsers.role })
    .from(staffUsers)
    .where(and(eq(staffUsers.practiceId, actor.practiceId), isNull(staffUsers.disabledAt)))
    .orderBy(asc(staffUsers.displayName), asc(staffUsers.id));
  const keys = new Map(people.map((p) => [p.id, signInEmailKey(p.email)]));
  const states = await signInStates(db, [...keys.values()], now);
  return people.map((p) => {
    const state = states.get(keys.get(p.id)!)!;
    return {
      ...p,
      pausedUntil: state.pausedUntil?.toISOString() ?? null,
      pausedEverywhere: state.pausedEverywhere,
      recentFailures: state.recentFailures,
      failureAddresses: state.addresses,
    };
  });
}

/**
 * Clears a staff member's failed sign-ins and pauses (from every address), so they can sign in
 * at once. Clinicians of the same practice only; anyone else, or an unknown id, gets NOT_FOUND.
 * Audited as `staff.sign_in.unlocked` in the same transaction.
 */
export async function unlockStaffSignIn(params: { actor: StaffActor; staffUserId: unknown; now?: Date }): Promise<{ ok: true; displayName: string }> {
  const { actor, staffUserId } = params;
  assertStaffCan(actor, 'staff.manage_sign_in');
  if (!isUuid(staffUserId)) throw notFound();
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: staffUsers.id, email: staffUsers.email, displayName: staffUsers.displayName })
      .from(staffUsers)
      .where(and(eq(staffUsers.id, staffUserId), eq(staffUsers.practiceId, actor.practiceId), isNull(staffUsers.disabledAt)))
      .limit(1);
    if (!person) throw notFound();
    await clearSignInThrottle(tx, signInEmailKey(person.email));
    await recordAudit(tx, { actor: auditActorOf(actor), action: 'staff.sign_in.unlocked', subjectType: 'staff_user', subjectId: person.id, at: now });
    return { ok: true as const, displayName: person.displayName };
  });
}
