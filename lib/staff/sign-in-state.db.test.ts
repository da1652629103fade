import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents } from '../../db/schema';
import { openTestDatabase } from '../../tests/support/test-db';
import { ACCOUNT_PAUSE_MIN_FAILURES } from '../abuse/sign-in-throttle-rule';
import type { StaffActor } from '../auth/actor';
import { verifyStaffCredentials } from '../auth/sign-in';
import { addClinician, createAuthPractice, createUser, nextIp } from '../auth/testing/staff-fixture';
import { findStaffSignInStates, unlockStaffSignIn } from './sign-in-state';

// Tuesday 1 December 2026, 14:00 UTC. Every test runs on a fixed clock.
const NOW = new Date('2026-12-01T14:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof createAuthPractice>>;
let clinician: StaffActor;
let frontDesk: StaffActor & { email: string; password: string };
let foreignClinician: StaffActor;

const actorOf = (u: { id: string; role: 'clinician' | 'front_desk' }, practiceId: string, clinicianId: string | null): StaffActor => ({
  kind: 'staff',
  userId: u.id,
  role: u.role,
  practiceId,
  clinicianId,
  sessionId: crypto.randomUUID(),
});

beforeAll(async () => {
  handle = await openTestDatabase();
  fx = await createAuthPractice(handle.db);
  const c = await addClinician(handle.db, fx.practice.id);
  const cu = await createUser(handle.db, { practiceId: fx.practice.id, role: 'clinician', clinicianId: c.id });
  clinician = actorOf({ id: cu.id, role: 'clinician' }, fx.practice.id, c.id);
  const du = await createUser(handle.db, { practiceId: fx.practice.id, role: 'front_desk' });
  frontDesk = { ...actorOf({ id: du.id, role: 'front_desk' }, fx.practice.id, null), email: du.email, password: du.password };
  const other = await createAuthPractice(handle.db);
  const oc = await addClinician(handle.db, other.practice.id);
  const ou = await createUser(handle.db, { practiceId: other.practice.id, role: 'clinician', clinicianId: oc.id });
  foreignClinician = actorOf({ id: ou.id, role: 'clinician' }, other.practice.id, oc.id);
});
afterAll(async () => {
  await handle.close();
});

/** Pauses the front desk everywhere: failures from many addresses. */
async function pauseEverywhere() {
  for (let i = 0; i < ACCOUNT_PAUSE_MIN_FAILURES; i++) {
    await verifyStaffCredentials({ email: frontDesk.email, password: `spread ${i}`, ip: nextIp(), now: at(i * 1000) });
  }
}

describe(`staff sign-in state and unlock on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('shows the clinician who is paused, and unlocking lets that person sign in at once (audited)', async () => {
    await pauseEverywhere();
    const now = at(60_000);
    const blocked = await verifyStaffCredentials({ email: frontDesk.email, password: frontDesk.password, ip: nextIp(), now });
    expect(blocked).toMatchObject({ ok: false, reason: 'locked' });

    const states = await findStaffSignInStates({ actor: clinician, now });
    const desk = states.find((s) => s.id === frontDesk.userId);
    expect(desk).toMatchObject({ pausedEverywhere: true, recentFailures: ACCOUNT_PAUSE_MIN_FAILURES, failureAddresses: ACCOUNT_PAUSE_MIN_FAILURES });
    expect(new Date(desk!.pausedUntil!).getTime()).toBe(at((ACCOUNT_PAUSE_MIN_FAILURES - 1) * 1000 + 15 * 60_000).getTime());
    expect(states.find((s) => s.id === clinician.userId)).toMatchObject({ pausedUntil: null, recentFailures: 0 });
    expect(states.map((s) => s.id)).not.toContain(foreignClinician.userId);
    expect(JSON.stringify(states)).not.toMatch(/passwordHash|totp|spread/);

    expect(await unlockStaffSignIn({ actor: clinician, staffUserId: frontDesk.userId, now })).toMatchObject({ ok: true });
    expect((await findStaffSignInStates({ actor: clinician, now })).find((s) => s.id === frontDesk.userId)).toMatchObject({
      pausedUntil: null,
      pausedEverywhere: false,
      recentFailures: 0,
    });
    expect(await verifyStaffCredentials({ email: frontDesk.email, password: frontDesk.password, ip: nextIp(), now })).toMatchObject({ ok: true });

    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, frontDesk.userId), eq(auditEvents.action, 'staff.sign_in.unlocked')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'staff', actorId: clinician.userId });
  });

  it('refuses the front desk and another practice as not found, changing nothing', async () => {
    await pauseEverywhere();
    const now = at(60_000);
    await expect(findStaffSignInStates({ actor: frontDesk, now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(unlockStaffSignIn({ actor: frontDesk, staffUserId: frontDesk.userId, now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(unlockStaffSignIn({ actor: foreignClinician, staffUserId: frontDesk.userId, now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(unlockStaffSignIn({ actor: clinician, staffUserId: 'not-a-uuid', now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(unlockStaffSignIn({ actor: clinician, staffUserId: crypto.randomUUID(), now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await findStaffSignInStates({ actor: clinician, now })).find((s) => s.id === frontDesk.userId)).toMatchObject({ pausedEverywhere: true });
    expect(await verifyStaffCredentials({ email: frontDesk.email, password: frontDesk.password, ip: nextIp(), now })).toMatchObject({ reason: 'locked' });
    await unlockStaffSignIn({ actor: clinician, staffUserId: frontDesk.userId, now });
  });
});
