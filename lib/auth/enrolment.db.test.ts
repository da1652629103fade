import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, staffRecoveryCodes, staffUsers } from '../../db/schema';
import { openTestDatabase } from '../../tests/support/test-db';
import type { StaffActor } from './actor';
import { confirmTotpEnrolment, startTotpEnrolment } from './enrolment';
import { hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { verifyStaffCredentials } from './sign-in';
import { totpCode } from './totp';
import { openTotpSecret } from './totp-secret';
import { addClinician, createAuthPractice, createUser, nextIp, testKeyring } from './testing/staff-fixture';

const NOW = new Date('2026-12-01T14:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof createAuthPractice>>;

beforeAll(async () => {
  handle = await openTestDatabase();
  fx = await createAuthPractice(handle.db);
});
afterAll(async () => {
  await handle.close();
});

async function newClinician() {
  const clinician = await addClinician(handle.db, fx.practice.id);
  const user = await createUser(handle.db, { practiceId: fx.practice.id, role: 'clinician', clinicianId: clinician.id });
  const actor: StaffActor = { kind: 'staff', userId: user.id, role: 'clinician', practiceId: fx.practice.id, clinicianId: clinician.id, sessionId: crypto.randomUUID() };
  return { user, actor };
}

describe(`two-step sign-in enrolment on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('offers a fresh secret as text, otpauth URI and QR code, storing nothing yet', async () => {
    const { user, actor } = await newClinician();
    const a = await startTotpEnrolment({ actor });
    const b = await startTotpEnrolment({ actor });
    expect(a.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(b.secret).not.toBe(a.secret);
    expect(a.uri).toBe(`otpauth://totp/Haven:${encodeURIComponent(user.email)}?secret=${a.secret}&issuer=Haven&algorithm=SHA1&digits=6&period=30`);
    expect(a.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const [row] = await handle.db.select().from(staffUsers).where(eq(staffUsers.id, user.id));
    expect(row!.totpSecretCiphertext).toBeNull();
  });

  it('refuses a wrong code and keeps nothing', async () => {
    const { user, actor } = await newClinician();
    const { secret } = await startTotpEnrolment({ actor });
    const code = totpCode(secret, NOW);
    const result = await confirmTotpEnrolment({ actor, secret, code: code === '123456' ? '654321' : '123456', now: NOW });
    expect(result).toMatchObject({ ok: false, reason: 'invalid_code' });
    const [row] = await handle.db.select().from(staffUsers).where(eq(staffUsers.id, user.id));
    expect(row!.totpEnabledAt).toBeNull();
  });

  it('stores the secret encrypted and bound to the user, with ten hashed recovery codes shown once', async () => {
    const { user, actor } = await newClinician();
    const { secret } = await startTotpEnrolment({ actor });
    const result = await confirmTotpEnrolment({ actor, secret, code: totpCode(secret, NOW), now: NOW });
    if (!result.ok) throw new Error('expected enrolment to succeed');
    expect(result.recoveryCodes).toHaveLength(10);

    const [row] = await handle.db.select().from(staffUsers).where(eq(staffUsers.id, user.id));
    expect(row!.totpEnabledAt).toEqual(NOW);
    expect(row!.totpSecretCiphertext).toMatch(/^v1\.test1\./);
    expect(row!.totpSecretCiphertext).not.toContain(secret);
    expect(openTotpSecret(testKeyring(), user.id, row!.totpSecretCiphertext!)).toBe(secret);
    // Bound to this user: the same ciphertext does not open as another user's.
    expect(() => openTotpSecret(testKeyring(), crypto.randomUUID(), row!.totpSecretCiphertext!)).toThrow();

    const stored = await handle.db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, user.id));
    expect(stored.map((r) => r.codeHash).sort()).toEqual(result.recoveryCodes.map((c) => hashRecoveryCode(user.id, normaliseRecoveryCode(c)!)).sort());
    expect(JSON.stringify(stored)).not.toContain(result.recoveryCodes[0]!.slice(0, 4) + '-');

    const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id));
    expect(events.map((e) => e.action)).toContain('staff.totp.enrolled');
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('then requires the code at sign-in, and the code used to confirm cannot be replayed', async () => {
    const { user, actor } = await newClinician();
    const signIn = (code: string | null, now: Date) =>
      verifyStaffCredentials({ email: user.email, password: user.password, code, ip: nextIp(), now });
    expect(await signIn(null, NOW)).toMatchObject({ ok: true, needsTotpEnrolment: true });

    const { secret } = await startTotpEnrolment({ actor });
    const confirmCode = totpCode(secret, NOW);
    await confirmTotpEnrolment({ actor, secret, code: confirmCode, now: NOW });
    expect(await signIn(null, at(1000))).toMatchObject({ ok: false, reason: 'totp_required' });
    expect(await signIn(confirmCode, at(1000))).toMatchObject({ ok: false, reason: 'totp_invalid' });
    expect(await signIn(totpCode(secret, at(30_000)), at(30_000))).toMatchObject({ ok: true, needsTotpEnrolment: false });
  });

  it('will not replace an existing setup, and accepts only a full-size secret', async () => {
    const { actor } = await newClinician();
    const { secret } = await startTotpEnrolment({ actor });
    await confirmTotpEnrolment({ actor, secret, code: totpCode(secret, NOW), now: NOW });
    await expect(startTotpEnrolment({ actor })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(confirmTotpEnrolment({ actor, secret, code: totpCode(secret, at(30_000)), now: at(30_000) })).rejects.toMatchObject({ code: 'CONFLICT' });

    const fresh = await newClinician();
    const weak = 'JBSWY3DPEHPK3PXP'; // 10 bytes: not one we generate
    await expect(confirmTotpEnrolment({ actor: fresh.actor, secret: weak, code: totpCode(weak, NOW), now: NOW })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(confirmTotpEnrolment({ actor: fresh.actor, secret: 'not base32!', code: '123456', now: NOW })).rejects.toMatchObject({ code: 'INVALID' });
  });
});
