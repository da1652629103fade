import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { staffSessions } from '../../db/schema';
import { openTestDatabase } from '../../tests/support/test-db';
import { IDLE_TIMEOUT_MS, createStaffSession } from './sessions';
import { addClinician, createAuthPractice, createUser, enrolTotp } from './testing/staff-fixture';

// getServerSession reads the request's cookie through next/headers: stand in for it with what the
// server-side session callback would return for the cookie.
const cookie = vi.hoisted(() => ({ current: null as { userId?: string; sessionId?: string } | null }));
vi.mock('next-auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next-auth')>()),
  getServerSession: vi.fn(async (options: { callbacks: { session: (p: { token: object }) => unknown } }) =>
    cookie.current ? options.callbacks.session({ token: { sub: cookie.current.userId, sessionId: cookie.current.sessionId } }) : null,
  ),
}));

const { getStaffActor, getStaffSession, requireStaffActor } = await import('./session');

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof createAuthPractice>>;

beforeAll(async () => {
  handle = await openTestDatabase();
  fx = await createAuthPractice(handle.db);
});
afterAll(async () => {
  await handle.close();
});
beforeEach(() => {
  cookie.current = null;
});

describe(`getStaffActor on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('is null without a session cookie, and requireStaffActor reads as not found', async () => {
    expect(await getStaffSession()).toEqual({ status: 'signed_out' });
    expect(await getStaffActor()).toBeNull();
    await expect(requireStaffActor()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('returns the actor for a live database session', async () => {
    const user = await createUser(handle.db, { practiceId: fx.practice.id, role: 'front_desk' });
    const { sessionId } = await createStaffSession({ userId: user.id, ip: null });
    cookie.current = { userId: user.id, sessionId };
    expect(await getStaffActor()).toEqual({ kind: 'staff', userId: user.id, role: 'front_desk', practiceId: fx.practice.id, clinicianId: null, sessionId });
    expect(await getStaffSession()).toMatchObject({ status: 'active', displayName: 'Test front_desk' });
  });

  it('is null once the database session has gone idle, and says why', async () => {
    const user = await createUser(handle.db, { practiceId: fx.practice.id, role: 'front_desk' });
    const { sessionId } = await createStaffSession({ userId: user.id, ip: null });
    await handle.db.update(staffSessions).set({ lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS - 1000) }).where(eq(staffSessions.id, sessionId));
    cookie.current = { userId: user.id, sessionId };
    expect(await getStaffSession()).toEqual({ status: 'expired', reason: 'idle' });
    expect(await getStaffActor()).toBeNull();
  });

  it('holds back a clinician who has not set up two-step sign-in, except for enrolment', async () => {
    const clinician = await addClinician(handle.db, fx.practice.id);
    const user = await createUser(handle.db, { practiceId: fx.practice.id, role: 'clinician', clinicianId: clinician.id });
    const { sessionId } = await createStaffSession({ userId: user.id, ip: null });
    cookie.current = { userId: user.id, sessionId };
    expect(await getStaffSession()).toMatchObject({ status: 'enrolment_required', actor: { userId: user.id } });
    expect(await getStaffActor()).toBeNull();
    await enrolTotp(handle.db, user.id, new Date());
    expect(await getStaffActor()).toMatchObject({ userId: user.id, role: 'clinician', clinicianId: clinician.id });
  });

  it('refuses a token whose user does not own the session', async () => {
    const a = await createUser(handle.db, { practiceId: fx.practice.id, role: 'front_desk' });
    const b = await createUser(handle.db, { practiceId: fx.practice.id, role: 'front_desk' });
    const { sessionId } = await createStaffSession({ userId: a.id, ip: null });
    cookie.current = { userId: b.id, sessionId };
    expect(await getStaffActor()).toBeNull();
  });
});
