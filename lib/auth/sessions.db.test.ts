import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, staffSessions, staffUsers } from '../../db/schema';
import { openTestDatabase } from '../../tests/support/test-db';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, createStaffSession, revokeAllSessions, revokeStaffSession, touchStaffSession } from './sessions';
import { addClinician, createAuthPractice, createUser } from './testing/staff-fixture';

const NOW = new Date('2026-12-01T14:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof createAuthPractice>>;

beforeAll(async () => {
  handle = await openTestDatabase();
  fx = await createAuthPractice(handle.db);
});
afterAll(async () => {
  await handle.close();
});

const frontDesk = () => createUser(handle.db, { practiceId: fx.practice.id, role: 'front_desk' });
const lastSeen = async (sessionId: string) =>
  (await handle.db.select({ t: staffSessions.lastSeenAt }).from(staffSessions).where(eq(staffSessions.id, sessionId)))[0]!.t;

describe(`staff sessions on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('builds the actor from the database, with both deadlines', async () => {
    const user = await frontDesk();
    const { sessionId, expiresAt } = await createStaffSession({ userId: user.id, ip: '203.0.113.9', now: NOW });
    expect(expiresAt).toEqual(at(ABSOLUTE_TIMEOUT_MS));
    const touched = await touchStaffSession({ sessionId, now: at(MINUTE) });
    expect(touched).toEqual({
      status: 'valid',
      actor: { kind: 'staff', userId: user.id, role: 'front_desk', practiceId: fx.practice.id, clinicianId: null, sessionId },
      displayName: 'Test front_desk',
      needsTotpEnrolment: false,
      idleExpiresAt: at(MINUTE + IDLE_TIMEOUT_MS),
      absoluteExpiresAt: at(ABSOLUTE_TIMEOUT_MS),
    });
    const [row] = await handle.db.select().from(staffSessions).where(eq(staffSessions.id, sessionId));
    expect(row!.ipHash).toBeTruthy();
    expect(row!.ipHash).not.toContain('203.0.113');
  });

  it('ends after 15 minutes without a request', async () => {
    const user = await frontDesk();
    const { sessionId } = await createStaffSession({ userId: user.id, ip: null, now: NOW });
    expect(await touchStaffSession({ sessionId, now: at(IDLE_TIMEOUT_MS - 1000) })).toMatchObject({ status: 'valid' });
    // That request counted as activity: 15 minutes from it, not from sign-in.
    expect(await touchStaffSession({ sessionId, now: at(2 * IDLE_TIMEOUT_MS - 2000) })).toMatchObject({ status: 'valid' });
    expect(await touchStaffSession({ sessionId, now: at(3 * IDLE_TIMEOUT_MS) })).toEqual({ status: 'expired', reason: 'idle' });
    // And stays ended: a late request does not revive it.
    expect(await touchStaffSession({ sessionId, now: at(3 * IDLE_TIMEOUT_MS + 1000) })).toEqual({ status: 'expired', reason: 'idle' });
  });

  it('writes last-seen at most once a minute, and never backwards', async () => {
    const user = await frontDesk();
    const { sessionId } = await createStaffSession({ userId: user.id, ip: null, now: NOW });
    await touchStaffSession({ sessionId, now: at(30_000) });
    expect(await lastSeen(sessionId)).toEqual(NOW);
    const touched = await touchStaffSession({ sessionId, now: at(59_000) });
    expect(touched).toMatchObject({ status: 'valid', idleExpiresAt: at(IDLE_TIMEOUT_MS) });
    await touchStaffSession({ sessionId, now: at(61_000) });
    expect(await lastSeen(sessionId)).toEqual(at(61_000));
    // A request stamped earlier (another instance's clock) leaves it alone.
    await handle.db.update(staffSessions).set({ lastSeenAt: at(5 * MINUTE) }).where(eq(staffSessions.id, sessionId));
    await touchStaffSession({ sessionId, now: at(4 * MINUTE) });
    expect(await lastSeen(sessionId)).toEqual(at(5 * MINUTE));
  });

  it('ends 12 hours after sign-in however active', async () => {
    const user = await frontDesk();
    const { sessionId } = await createStaffSession({ userId: user.id, ip: null, now: NOW });
    for (let t = 10 * MINUTE; t < ABSOLUTE_TIMEOUT_MS; t += 10 * MINUTE) {
      expect(await touchStaffSession({ sessionId, now: at(t) })).toMatchObject({ status: 'valid' });
    }
    const last = await touchStaffSession({ sessionId, now: at(ABSOLUTE_TIMEOUT_MS - 5 * MINUTE) });
    // Close to the end, the idle deadline is capped by the absolute one.
    expect(last).toMatchObject({ status: 'valid', idleExpiresAt: at(ABSOLUTE_TIMEOUT_MS) });
    expect(await touchStaffSession({ sessionId, now: at(ABSOLUTE_TIMEOUT_MS) })).toEqual({ status: 'expired', reason: 'absolute' });
  });

  it('signs out one browser', async () => {
    const user = await frontDesk();
    const a = await createStaffSession({ userId: user.id, ip: null, now: NOW });
    const b = await createStaffSession({ userId: user.id, ip: null, now: NOW });
    await revokeStaffSession({ sessionId: a.sessionId, now: at(MINUTE) });
    expect(await touchStaffSession({ sessionId: a.sessionId, now: at(2 * MINUTE) })).toEqual({ status: 'expired', reason: 'revoked' });
    expect(await touchStaffSession({ sessionId: b.sessionId, now: at(2 * MINUTE) })).toMatchObject({ status: 'valid' });
  });

  it('signs out everywhere, and a new sign-in afterwards works', async () => {
    const user = await frontDesk();
    const other = await frontDesk();
    const sessions = await Promise.all([1, 2, 3].map(() => createStaffSession({ userId: user.id, ip: null, now: NOW })));
    const bystander = await createStaffSession({ userId: other.id, ip: null, now: NOW });
    const current = await touchStaffSession({ sessionId: sessions[0]!.sessionId, now: at(MINUTE) });
    if (current.status !== 'valid') throw new Error('expected a valid session');

    expect(await revokeAllSessions({ actor: current.actor, now: at(2 * MINUTE) })).toEqual({ revoked: 3 });
    for (const s of sessions) {
      expect(await touchStaffSession({ sessionId: s.sessionId, now: at(3 * MINUTE) })).toEqual({ status: 'expired', reason: 'revoked' });
    }
    expect(await touchStaffSession({ sessionId: bystander.sessionId, now: at(3 * MINUTE) })).toMatchObject({ status: 'valid' });
    const fresh = await createStaffSession({ userId: user.id, ip: null, now: at(4 * MINUTE) });
    expect(await touchStaffSession({ sessionId: fresh.sessionId, now: at(5 * MINUTE) })).toMatchObject({ status: 'valid' });
    const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id));
    expect(events.find((e) => e.action === 'staff.signed_out_everywhere')?.detail).toEqual({ sessions: 3 });
  });

  it('a session that escaped revocation is still dead if it began before "sign out everywhere"', async () => {
    const user = await frontDesk();
    const { sessionId } = await createStaffSession({ userId: user.id, ip: null, now: NOW });
    await handle.db.update(staffUsers).set({ sessionsValidAfter: at(MINUTE) }).where(eq(staffUsers.id, user.id));
    expect(await touchStaffSession({ sessionId, now: at(2 * MINUTE) })).toEqual({ status: 'expired', reason: 'revoked' });
  });

  it('ends the sessions of a disabled user, and treats unknown or malformed ids as revoked', async () => {
    const user = await frontDesk();
    const { sessionId } = await createStaffSession({ userId: user.id, ip: null, now: NOW });
    await handle.db.update(staffUsers).set({ disabledAt: at(MINUTE) }).where(eq(staffUsers.id, user.id));
    expect(await touchStaffSession({ sessionId, now: at(2 * MINUTE) })).toEqual({ status: 'expired', reason: 'revoked' });
    expect(await touchStaffSession({ sessionId: crypto.randomUUID(), now: NOW })).toEqual({ status: 'expired', reason: 'revoked' });
    expect(await touchStaffSession({ sessionId: "x' or 1=1 --", now: NOW })).toEqual({ status: 'expired', reason: 'revoked' });
  });

  it('reflects the current role and two-step requirement, not what was true at sign-in', async () => {
    const clinicianId = (await addClinician(handle.db, fx.practice.id)).id;
    const user = await createUser(handle.db, { practiceId: fx.practice.id, role: 'clinician', clinicianId });
    const { sessionId } = await createStaffSession({ userId: user.id, ip: null, now: NOW });
    expect(await touchStaffSession({ sessionId, now: NOW })).toMatchObject({
      status: 'valid',
      needsTotpEnrolment: true,
      actor: { role: 'clinician', clinicianId },
    });
    await handle.db.update(staffUsers).set({ role: 'front_desk', clinicianId: null }).where(eq(staffUsers.id, user.id));
    expect(await touchStaffSession({ sessionId, now: NOW })).toMatchObject({ needsTotpEnrolment: false, actor: { role: 'front_desk', clinicianId: null } });
  });
});
