import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, staffUsers } from '../../db/schema';
import { openTestDatabase } from '../../tests/support/test-db';
import { SIGN_IN_LIMITS } from '../abuse/rate-limit';
import { INVALID_CREDENTIALS_MESSAGE } from './sign-in-messages';
import { ACCOUNT_PAUSE_MIN_ADDRESSES, ACCOUNT_PAUSE_MIN_FAILURES, ACCOUNT_PAUSE_MS, ADDRESS_FREE_FAILURES, addressPauseMs } from '../abuse/sign-in-throttle-rule';
import { verifyStaffCredentials } from './sign-in';
import { totpCode } from './totp';
import { addClinician, createAuthPractice, createUser, enrolTotp, nextIp } from './testing/staff-fixture';

// Tuesday 1 December 2026, 14:00 UTC. Every test runs on a fixed clock.
const NOW = new Date('2026-12-01T14:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const MINUTE = 60_000;

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
async function enrolledClinician() {
  const user = await createUser(handle.db, { practiceId: fx.practice.id, role: 'clinician', clinicianId: await addClinicianId() });
  return { ...user, ...(await enrolTotp(handle.db, user.id, NOW)) };
}
const addClinicianId = async () => (await addClinician(handle.db, fx.practice.id)).id;
const signIn = (p: { email: string; password: string; code?: string; ip?: string; now?: Date }) =>
  verifyStaffCredentials({ email: p.email, password: p.password, code: p.code ?? null, ip: p.ip ?? nextIp(), now: p.now ?? NOW });

describe(`staff sign-in on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('signs in a front-desk user with email and password (email case and spaces ignored)', async () => {
    const user = await frontDesk();
    const result = await signIn({ email: `  ${user.email.toUpperCase()} `, password: user.password });
    expect(result).toEqual({
      ok: true,
      user: { id: user.id, role: 'front_desk', practiceId: fx.practice.id, clinicianId: null, displayName: 'Test front_desk' },
      needsTotpEnrolment: false,
      recoveryCodesLeft: null,
    });
    const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id));
    expect(events.map((e) => e.action)).toContain('staff.sign_in.succeeded');
    expect(JSON.stringify(events)).not.toContain(user.password);
  });

  it('gives a wrong password, an unknown email and a disabled account the identical answer', async () => {
    const user = await frontDesk();
    const disabled = await frontDesk();
    await handle.db.update(staffUsers).set({ disabledAt: NOW }).where(eq(staffUsers.id, disabled.id));
    const wrongPassword = await signIn({ email: user.email, password: 'not the password' });
    const unknownEmail = await signIn({ email: `nobody-${crypto.randomUUID()}@example.test`, password: 'not the password' });
    const disabledAccount = await signIn({ email: disabled.email, password: disabled.password });
    const expected = { ok: false, reason: 'invalid', message: INVALID_CREDENTIALS_MESSAGE };
    expect(wrongPassword).toEqual(expected);
    expect(unknownEmail).toEqual(expected);
    expect(disabledAccount).toEqual(expected);
  });

  it(`pauses one address after ${ADDRESS_FREE_FAILURES} failures, doubling per further failure, says for how long, then lets the right password in`, async () => {
    const user = await frontDesk();
    const ip = nextIp();
    for (let i = 1; i < ADDRESS_FREE_FAILURES; i++) {
      expect(await signIn({ email: user.email, password: `wrong ${i}`, ip, now: at(i * 1000) })).toMatchObject({ reason: 'invalid' });
    }
    const third = await signIn({ email: user.email, password: 'wrong 3', ip, now: at(3000) });
    expect(third).toEqual({
      ok: false,
      reason: 'locked',
      message: 'Too many unsuccessful attempts, so sign-in for this email is paused. Please try again in 1 minute.',
      retryAfterSeconds: 60,
    });
    // Even the right password is refused while paused, without being checked.
    expect(await signIn({ email: user.email, password: user.password, ip, now: at(3000 + 30_000) })).toMatchObject({ reason: 'locked' });
    // The next failure doubles the pause: 2, then 4 minutes.
    expect(await signIn({ email: user.email, password: 'wrong 4', ip, now: at(3000 + MINUTE) })).toMatchObject({ reason: 'locked', retryAfterSeconds: 120 });
    expect(await signIn({ email: user.email, password: 'wrong 5', ip, now: at(3000 + 3 * MINUTE) })).toMatchObject({ reason: 'locked', retryAfterSeconds: 240 });
    expect(await signIn({ email: user.email, password: user.password, ip, now: at(3000 + 6 * MINUTE) })).toMatchObject({
      reason: 'locked',
      message: expect.stringContaining('in 1 minute.'),
    });
    expect(await signIn({ email: user.email, password: user.password, ip, now: at(3000 + 7 * MINUTE) })).toMatchObject({ ok: true });
    // A success clears this address's count.
    expect(await signIn({ email: user.email, password: 'again', ip, now: at(3000 + 8 * MINUTE) })).toMatchObject({ reason: 'invalid' });
  });

  it('caps the growing pause at an hour', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 30].map((n) => addressPauseMs(n) / MINUTE)).toEqual([0, 0, 1, 2, 4, 32, 60, 60]);
  });

  it('a stranger hammering from address B cannot lock out the person signing in from address A', async () => {
    const user = await frontDesk();
    const home = nextIp();
    const stranger = nextIp();
    const strangerResults = [];
    for (let i = 0; i < 12; i++) {
      strangerResults.push(await signIn({ email: user.email, password: `guess ${i}`, ip: stranger, now: at(i * 10 * MINUTE) }));
    }
    expect(strangerResults.filter((r) => !r.ok && r.reason === 'locked').length).toBeGreaterThan(0);
    // The person mistypes once, then gets in, while the stranger's address is paused.
    const end = at(111 * MINUTE); // the stranger's 8th failure (80 min) paused their address for 32 minutes
    expect(await signIn({ email: user.email, password: 'typo', ip: home, now: end })).toMatchObject({ reason: 'invalid' });
    expect(await signIn({ email: user.email, password: user.password, ip: home, now: end })).toMatchObject({ ok: true });
    expect(await signIn({ email: user.email, password: user.password, ip: stranger, now: end })).toMatchObject({ reason: 'locked' });
    // The pauses are in the audit log, with the address only as its keyed hash.
    const paused = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.action, 'staff.sign_in.paused')));
    expect(paused.length).toBeGreaterThan(0);
    expect(paused[0]?.detail).toMatchObject({ scope: 'address', addressKey: expect.stringMatching(/^signin:ip:/) });
    expect(JSON.stringify(paused)).not.toContain(stranger);
    expect(JSON.stringify(paused)).not.toContain('guess');
  });

  it(`pauses the email everywhere for failures from many addresses (${ACCOUNT_PAUSE_MIN_FAILURES} from ${ACCOUNT_PAUSE_MIN_ADDRESSES}+ in 15 minutes)`, async () => {
    const user = await frontDesk();
    const addresses = Array.from({ length: 10 }, () => nextIp());
    const results = [];
    for (let i = 0; i < ACCOUNT_PAUSE_MIN_FAILURES; i++) {
      results.push(await signIn({ email: user.email, password: `spread ${i}`, ip: addresses[i % addresses.length], now: at(i * 1000) }));
    }
    expect(results.slice(0, -1).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results.at(-1)).toMatchObject({ reason: 'locked', retryAfterSeconds: ACCOUNT_PAUSE_MS / 1000 });
    // Now even a fresh address with the right password waits…
    expect(await signIn({ email: user.email, password: user.password, now: at(20_000 + 14 * MINUTE) })).toMatchObject({ reason: 'locked' });
    // …until the pause ends.
    expect(await signIn({ email: user.email, password: user.password, now: at(20_000 + 15 * MINUTE) })).toMatchObject({ ok: true });
    const paused = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.action, 'staff.sign_in.paused')));
    expect(paused.map((e) => e.detail)).toEqual([expect.objectContaining({ scope: 'account', minutes: 15, failures: 20, addresses: 10 })]);
  });

  it('pauses an unknown email exactly like a real one, so the pause reveals nothing', async () => {
    const user = await frontDesk();
    const ghost = `ghost-${crypto.randomUUID()}@example.test`;
    const ip = nextIp();
    const real: unknown[] = [];
    const fake: unknown[] = [];
    for (let i = 1; i <= ADDRESS_FREE_FAILURES + 2; i++) {
      real.push(await signIn({ email: user.email, password: 'nope', ip, now: at(i * 1000) }));
      fake.push(await signIn({ email: ghost, password: 'nope', ip, now: at(i * 1000) }));
    }
    expect(fake).toEqual(real);
    expect(real.at(-1)).toMatchObject({ reason: 'locked' });
    const later = at(7 * MINUTE);
    expect(await signIn({ email: ghost, password: 'nope', ip, now: later })).toEqual(await signIn({ email: user.email, password: 'nope', ip, now: later }));
  });

  it('a success clears the failure count', async () => {
    const user = await frontDesk();
    const ip = nextIp();
    for (let i = 1; i < ADDRESS_FREE_FAILURES; i++) await signIn({ email: user.email, password: 'nope', ip, now: at(i) });
    expect(await signIn({ email: user.email, password: user.password, ip, now: at(10) })).toMatchObject({ ok: true });
    for (let i = 1; i < ADDRESS_FREE_FAILURES; i++) {
      expect(await signIn({ email: user.email, password: 'nope', ip, now: at(10 + i) })).toMatchObject({ reason: 'invalid' });
    }
  });

  it('checks only a few of a parallel burst of guesses from one address; the rest are refused unchecked', async () => {
    const user = await frontDesk();
    const ip = nextIp();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn({ email: user.email, password: `burst ${i}`, ip })));
    const reasons = results.map((r) => (r.ok ? 'ok' : r.reason));
    expect(reasons.filter((r) => r === 'invalid').length).toBeLessThanOrEqual(ADDRESS_FREE_FAILURES - 1);
    expect(reasons.filter((r) => r === 'locked').length).toBeGreaterThanOrEqual(10 - (ADDRESS_FREE_FAILURES - 1));
    // At most ADDRESS_FREE_FAILURES passwords were checked (each check that fails is audited as 'invalid').
    const checked = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.action, 'staff.sign_in.failed')));
    expect(checked.filter((e) => e.detail.reason === 'invalid').length).toBeLessThanOrEqual(ADDRESS_FREE_FAILURES);
  });

  it('limits attempts per IP address across emails', async () => {
    const ip = nextIp();
    const results = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perIp.limit; i++) {
      results.push(await signIn({ email: `spray-${i}-${crypto.randomUUID()}@example.test`, password: 'Winter2026!', ip }));
    }
    expect(results.slice(0, -1).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'rate_limited', message: expect.stringContaining('from your network') });
    // Another address is unaffected.
    const user = await frontDesk();
    expect(await signIn({ email: user.email, password: user.password })).toMatchObject({ ok: true });
  });

  describe('two-step sign-in', () => {
    it('asks for the code only after the right password, and accepts the current code', async () => {
      const user = await enrolledClinician();
      expect(await signIn({ email: user.email, password: 'wrong' })).toMatchObject({ reason: 'invalid' });
      expect(await signIn({ email: user.email, password: user.password })).toMatchObject({ ok: false, reason: 'totp_required' });
      const ok = await signIn({ email: user.email, password: user.password, code: totpCode(user.secret, NOW) });
      expect(ok).toMatchObject({ ok: true, needsTotpEnrolment: false, user: { id: user.id, role: 'clinician', clinicianId: expect.any(String) } });
    });

    it('refuses a wrong code, and the same code a second time (replay)', async () => {
      const user = await enrolledClinician();
      const code = totpCode(user.secret, NOW);
      const wrong = code === '000000' ? '111111' : '000000';
      expect(await signIn({ email: user.email, password: user.password, code: wrong })).toMatchObject({ ok: false, reason: 'totp_invalid' });
      expect(await signIn({ email: user.email, password: user.password, code })).toMatchObject({ ok: true });
      expect(await signIn({ email: user.email, password: user.password, code, now: at(5000) })).toMatchObject({ ok: false, reason: 'totp_invalid' });
      // The next 30-second step's code works.
      expect(await signIn({ email: user.email, password: user.password, code: totpCode(user.secret, at(30_000)), now: at(30_000) })).toMatchObject({ ok: true });
    });

    it('accepts a code from one step either side of the server clock, not two', async () => {
      const user = await enrolledClinician();
      expect(await signIn({ email: user.email, password: user.password, code: totpCode(user.secret, at(-30_000)) })).toMatchObject({ ok: true });
      expect(await signIn({ email: user.email, password: user.password, code: totpCode(user.secret, at(90_000)), now: at(30_000) })).toMatchObject({
        reason: 'totp_invalid',
      });
    });

    it('accepts a recovery code once, in any case and spacing', async () => {
      const user = await enrolledClinician();
      const code = user.recoveryCodes[3]!;
      const first = await signIn({ email: user.email, password: user.password, code: ` ${code.toUpperCase().replace(/-/g, ' ')} ` });
      expect(first).toMatchObject({ ok: true, recoveryCodesLeft: 9 });
      expect(await signIn({ email: user.email, password: user.password, code })).toMatchObject({ ok: false, reason: 'totp_invalid' });
      // Another user's code is no good either.
      const other = await enrolledClinician();
      expect(await signIn({ email: user.email, password: user.password, code: other.recoveryCodes[0]! })).toMatchObject({ reason: 'totp_invalid' });
      const events = await handle.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.action, 'staff.sign_in.succeeded')));
      expect(events[0]?.detail).toMatchObject({ method: 'password+recovery_code', recoveryCodesLeft: 9 });
      expect(JSON.stringify(events)).not.toContain(code);
    });

    it('counts wrong codes towards the pause; a right password alone does not', async () => {
      const user = await enrolledClinician();
      const ip = nextIp();
      for (let i = 0; i < 10; i++) {
        expect(await signIn({ email: user.email, password: user.password, ip, now: at(i) })).toMatchObject({ reason: 'totp_required' });
      }
      for (let i = 1; i < ADDRESS_FREE_FAILURES; i++) {
        expect(await signIn({ email: user.email, password: user.password, code: 'zzzz-zzzz-zzzz', ip, now: at(100 + i) })).toMatchObject({ reason: 'totp_invalid' });
      }
      expect(await signIn({ email: user.email, password: user.password, code: 'zzzz-zzzz-zzzz', ip, now: at(200) })).toMatchObject({ reason: 'locked' });
      expect(await signIn({ email: user.email, password: user.password, code: totpCode(user.secret, at(300)), ip, now: at(300) })).toMatchObject({ reason: 'locked' });
    });

    it('lets a clinician without two-step sign-in in only to set it up', async () => {
      const user = await createUser(handle.db, { practiceId: fx.practice.id, role: 'clinician', clinicianId: await addClinicianId() });
      expect(await signIn({ email: user.email, password: user.password })).toMatchObject({ ok: true, needsTotpEnrolment: true });
    });

    it('requires it of the front desk too when the practice says so', async () => {
      const strict = await createAuthPractice(handle.db, { requireTwoFactorForAll: true });
      const user = await createUser(handle.db, { practiceId: strict.practice.id, role: 'front_desk' });
      expect(await signIn({ email: user.email, password: user.password })).toMatchObject({ ok: true, needsTotpEnrolment: true });
      const enrolled = await enrolTotp(handle.db, user.id, NOW);
      expect(await signIn({ email: user.email, password: user.password })).toMatchObject({ reason: 'totp_required' });
      expect(await signIn({ email: user.email, password: user.password, code: totpCode(enrolled.secret, NOW) })).toMatchObject({
        ok: true,
        needsTotpEnrolment: false,
      });
    });
  });

  it('audits every outcome without passwords or codes', async () => {
    const user = await enrolledClinician();
    const code = totpCode(user.secret, NOW);
    await signIn({ email: user.email, password: 'a-wrong-password' });
    await signIn({ email: user.email, password: user.password });
    await signIn({ email: user.email, password: user.password, code });
    const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id));
    const signIns = events.filter((e) => e.action.startsWith('staff.sign_in'));
    expect(signIns.map((e) => [e.action, e.detail.reason])).toEqual(
      expect.arrayContaining([
        ['staff.sign_in.failed', 'invalid'],
        ['staff.sign_in.failed', 'totp_required'],
        ['staff.sign_in.succeeded', 'ok'],
      ]),
    );
    const text = JSON.stringify(signIns);
    for (const secret of ['a-wrong-password', user.password, code, user.secret]) expect(text).not.toContain(secret);
  });
});
