import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { staffUsers } from '../../db/schema';
import { DEMO_CLINICIAN_CREDENTIALS, DEMO_FRONT_DESK_CREDENTIALS, DEMO_TOTP_SECRET, seedDemoStaff } from '../../db/seed-staff';
import { openTestDatabase } from '../../tests/support/test-db';
import { sqlStateOf } from '../errors';
import { DemoPasswordInUseError, assertNoDemoPasswords } from './demo-guard';
import { verifyStaffCredentials } from './sign-in';
import { createStaffSession, touchStaffSession } from './sessions';
import { createStaffUser, setStaffPassword } from './staff-users';
import { totpCode } from './totp';
import { addClinician, createAuthPractice, nextIp, testKeyring } from './testing/staff-fixture';

const NOW = new Date('2026-12-01T14:00:00Z');
const CHECK_VIOLATION = '23514';
const expectSqlState = async (query: PromiseLike<unknown>, state: string) =>
  expect(sqlStateOf(await Promise.resolve(query).then(() => null, (e: unknown) => e))).toBe(state);
const DEMO_EMAILS = [DEMO_CLINICIAN_CREDENTIALS.email, DEMO_FRONT_DESK_CREDENTIALS.email];

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof createAuthPractice>>;

beforeAll(async () => {
  handle = await openTestDatabase();
  fx = await createAuthPractice(handle.db);
});
afterAll(async () => {
  await handle.close();
});

describe(`staff users on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('creates a user with a lower-cased email and an argon2id hash', async () => {
    const email = `New.Person-${crypto.randomUUID().slice(0, 8)}@Example.TEST`;
    const user = await createStaffUser(handle.db, {
      practiceId: fx.practice.id,
      email,
      displayName: 'New Person',
      role: 'front_desk',
      password: 'a long enough password',
    });
    const [row] = await handle.db.select().from(staffUsers).where(eq(staffUsers.id, user.id));
    expect(row!.email).toBe(email.toLowerCase());
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses short passwords, bad role links, foreign clinicians and duplicates with clear messages', async () => {
    const base = { practiceId: fx.practice.id, displayName: 'X', password: 'a long enough password' };
    const email = () => `dup-${crypto.randomUUID().slice(0, 8)}@example.test`;
    await expect(createStaffUser(handle.db, { ...base, email: email(), role: 'front_desk', password: 'short' })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('at least 12 characters'),
    });
    await expect(createStaffUser(handle.db, { ...base, email: email(), role: 'clinician' })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('--clinician-id'),
    });
    await expect(createStaffUser(handle.db, { ...base, email: email(), role: 'front_desk', clinicianId: fx.clinician.id })).rejects.toMatchObject({ code: 'INVALID' });
    const elsewhere = await createAuthPractice(handle.db);
    await expect(createStaffUser(handle.db, { ...base, email: email(), role: 'clinician', clinicianId: elsewhere.clinician.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const taken = email();
    await createStaffUser(handle.db, { ...base, email: taken, role: 'front_desk' });
    await expect(createStaffUser(handle.db, { ...base, email: taken.toUpperCase(), role: 'front_desk' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const clinician = await addClinician(handle.db, fx.practice.id);
    await createStaffUser(handle.db, { ...base, email: email(), role: 'clinician', clinicianId: clinician.id });
    await expect(createStaffUser(handle.db, { ...base, email: email(), role: 'clinician', clinicianId: clinician.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('the database enforces the role/clinician link and lower-case emails too', async () => {
    const row = { practiceId: fx.practice.id, displayName: 'Raw', passwordHash: 'x' };
    await expectSqlState(
      handle.db.insert(staffUsers).values({ ...row, email: `raw-${crypto.randomUUID()}@example.test`, role: 'clinician', clinicianId: null }),
      CHECK_VIOLATION,
    );
    await expectSqlState(
      handle.db.insert(staffUsers).values({ ...row, email: `Raw-${crypto.randomUUID()}@example.test`, role: 'front_desk' }),
      CHECK_VIOLATION,
    );
    await expectSqlState(
      handle.db.insert(staffUsers).values({ ...row, email: `raw-${crypto.randomUUID()}@example.test`, role: 'front_desk', totpEnabledAt: NOW }),
      CHECK_VIOLATION,
    );
  });

  it('sets a new password: the old one stops working and open sessions end', async () => {
    const email = `reset-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const user = await createStaffUser(handle.db, { practiceId: fx.practice.id, email, displayName: 'Reset Me', role: 'front_desk', password: 'the old password' });
    const { sessionId } = await createStaffSession({ userId: user.id, ip: null, now: NOW });
    const later = new Date(NOW.getTime() + 60_000);

    expect(await setStaffPassword(handle.db, { email: email.toUpperCase(), password: 'a brand new password', now: later })).toBe(true);
    const signIn = (password: string) => verifyStaffCredentials({ email, password, ip: nextIp(), now: later });
    expect(await signIn('the old password')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await signIn('a brand new password')).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await touchStaffSession({ sessionId, now: later })).toEqual({ status: 'expired', reason: 'revoked' });

    expect(await setStaffPassword(handle.db, { email: `nobody-${crypto.randomUUID()}@example.test`, password: 'a brand new password' })).toBe(false);
    await expect(setStaffPassword(handle.db, { email, password: 'short' })).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('at least 12') });
  });
});

describe(`demo staff and the production guard on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('seeds a demo clinician (two-step ready with the documented secret) and a demo front desk, once', async () => {
    // The server database is shared by the run's test files: start from no demo users.
    await handle.db.delete(staffUsers).where(inArray(staffUsers.email, DEMO_EMAILS));
    const seeded = await seedDemoStaff(handle.db, { practiceId: fx.practice.id, clinicianId: fx.clinician.id, now: NOW, keyring: testKeyring() });
    expect(seeded.clinicianUserId).toBeTruthy();
    expect(seeded.frontDeskUserId).toBeTruthy();
    expect(await seedDemoStaff(handle.db, { practiceId: fx.practice.id, clinicianId: fx.clinician.id, now: NOW })).toEqual({
      clinicianUserId: null,
      frontDeskUserId: null,
    });

    const signIn = (email: string, password: string, code: string | null) => verifyStaffCredentials({ email, password, code, ip: nextIp(), now: NOW });
    const clinician = await signIn(DEMO_CLINICIAN_CREDENTIALS.email, DEMO_CLINICIAN_CREDENTIALS.password, totpCode(DEMO_TOTP_SECRET, NOW));
    expect(clinician).toMatchObject({ ok: true, needsTotpEnrolment: false, user: { role: 'clinician', clinicianId: fx.clinician.id } });
    const frontDesk = await signIn(DEMO_FRONT_DESK_CREDENTIALS.email, DEMO_FRONT_DESK_CREDENTIALS.password, null);
    expect(frontDesk).toMatchObject({ ok: true, needsTotpEnrolment: false, user: { role: 'front_desk' } });
  });

  it('refuses to start while an enabled user has a demo password, and names the accounts', async () => {
    const err = await assertNoDemoPasswords(handle.db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DemoPasswordInUseError);
    for (const email of DEMO_EMAILS) expect((err as Error).message).toContain(email);
    expect((err as Error).message).not.toContain(DEMO_CLINICIAN_CREDENTIALS.password);

    await handle.db.update(staffUsers).set({ disabledAt: NOW }).where(inArray(staffUsers.email, DEMO_EMAILS));
    await expect(assertNoDemoPasswords(handle.db)).resolves.toBeUndefined();
    // A renamed account keeps being caught by its password.
    const renamed = `renamed-${crypto.randomUUID()}@example.test`;
    await handle.db.update(staffUsers).set({ disabledAt: null, email: renamed }).where(eq(staffUsers.email, DEMO_FRONT_DESK_CREDENTIALS.email));
    await expect(assertNoDemoPasswords(handle.db)).rejects.toThrow(renamed);
    await handle.db.update(staffUsers).set({ disabledAt: NOW }).where(eq(staffUsers.email, renamed));
  });
});
