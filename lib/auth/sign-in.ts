import 'server-only';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../db/client';
import { practices, staffRecoveryCodes, staffSignInThrottles, staffUsers, type StaffRole } from '../../db/schema';
import { SIGN_IN_LIMITS, hitRateLimit } from '../abuse/rate-limit';
import { recordAudit } from '../audit/record';
import { dataKeyring } from '../crypto/keyring';
import { twoFactorRequired } from './actor';
import { MAX_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from './password';
import { hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { keyedHash } from './secrets';
import { signInMessage, type SignInFailureReason } from './sign-in-messages';
import { normaliseTotpInput, verifyTotp } from './totp';
import { openTotpSecret } from './totp-secret';

/** Consecutive failures (wrong password or wrong code) that pause sign-in for an email. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;
const MAX_EMAIL_LENGTH = 254;
const MAX_CODE_LENGTH = 32;

export type SignedInStaff = {
  id: string;
  role: StaffRole;
  practiceId: string;
  clinicianId: string | null;
  displayName: string;
};

export type SignInResult =
  | {
      ok: true;
      user: SignedInStaff;
      /** Password accepted, but this user must set up two-step sign-in before anything else. */
      needsTotpEnrolment: boolean;
      /** How many unused recovery codes remain when one was just used (else null). */
      recoveryCodesLeft: number | null;
    }
  | { ok: false; reason: SignInFailureReason; message: string; retryAfterSeconds?: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a staff sign-in: email + password, then the TOTP code (or a recovery code) when the
 * user has two-step sign-in. Server-only; `lib/auth/options.ts` calls it from next-auth's
 * Credentials `authorize`.
 *
 * Existence never leaks:
 * - a wrong password and an unknown (or disabled) email give the same message, and an unknown
 *   email still pays for one argon2 verification (against a dummy hash);
 * - the lockout is per email address, not per account: unknown addresses are counted in
 *   `staff_sign_in_throttles` (keyed hash) by the same rule as accounts in `staff_users`, so
 *   "paused for 15 minutes" appears after the 5th failure either way;
 * - only a correct password reveals that a code is needed.
 *
 * Each attempt is counted before the password is checked (one atomic update), so a burst of
 * parallel guesses gets at most LOCKOUT_THRESHOLD checks. A correct password without a code
 * gives the attempt back; success clears the count. A wrong TOTP or recovery code counts as a
 * failure like a wrong password. Every outcome is audited (never the password or a code).
 */
export async function verifyStaffCredentials(params: {
  email: string;
  password: string;
  code?: string | null;
  ip: string | null;
  now?: Date;
}): Promise<SignInResult> {
  const now = params.now ?? new Date();
  const db = await getDb();
  const email = normaliseEmail(params.email);
  const code = (params.code ?? '').trim();
  const ipHash = params.ip ? keyedHash('ip', params.ip) : null;
  const audit = (outcome: { userId: string | null; ok: boolean; reason: string; extra?: Record<string, string | number | boolean | null> }) =>
    recordAudit(db, {
      actor: { kind: 'staff', id: outcome.ok ? outcome.userId : null },
      action: outcome.ok ? 'staff.sign_in.succeeded' : 'staff.sign_in.failed',
      subjectType: 'staff_user',
      subjectId: outcome.userId,
      detail: { reason: outcome.reason, ipHash, ...outcome.extra },
      at: now,
    });

  if (params.ip) {
    const limit = await hitRateLimit(db, SIGN_IN_LIMITS.perIp, params.ip, now);
    if (!limit.allowed) {
      await audit({ userId: null, ok: false, reason: 'rate_limited' });
      return fail('rate_limited', limit.retryAfterSeconds);
    }
  }

  // Malformed input is refused before any lookup, identically for every address.
  if (!email || email.length > MAX_EMAIL_LENGTH || !params.password || params.password.length > MAX_PASSWORD_LENGTH || code.length > MAX_CODE_LENGTH) {
    await audit({ userId: null, ok: false, reason: 'malformed' });
    return fail('invalid');
  }

  const [account] = await db
    .select({
      id: staffUsers.id,
      role: staffUsers.role,
      practiceId: staffUsers.practiceId,
      clinicianId: staffUsers.clinicianId,
      displayName: staffUsers.displayName,
      passwordHash: staffUsers.passwordHash,
      totpSecretCiphertext: staffUsers.totpSecretCiphertext,
      requireTwoFactorForAll: practices.requireTwoFactorForAll,
    })
    .from(staffUsers)
    .innerJoin(practices, eq(practices.id, staffUsers.practiceId))
    .where(and(eq(staffUsers.email, email), isNull(staffUsers.disabledAt)));

  const counter = account ? accountCounter(db, account.id) : unknownEmailCounter(db, keyedHash('signin-email', email));
  const userId = account?.id ?? null;

  const attempt = await counter.reserve(now);
  if (attempt.lockedUntil && attempt.lockedUntil > now) {
    await audit({ userId, ok: false, reason: 'locked' });
    return fail('locked', secondsUntil(attempt.lockedUntil, now));
  }
  if (attempt.failures > LOCKOUT_THRESHOLD) {
    // A parallel burst went past the threshold before any of it failed: lock without checking.
    await counter.lock(now);
    await audit({ userId, ok: false, reason: 'locked', extra: { lockedNow: true } });
    return fail('locked', LOCKOUT_MS / 1000);
  }

  /** A failed check: locks on the threshold-th failure in a row, else the given reason. */
  const failure = async (reason: 'invalid' | 'totp_invalid'): Promise<SignInResult> => {
    if (attempt.failures >= LOCKOUT_THRESHOLD) {
      await counter.lock(now);
      await audit({ userId, ok: false, reason, extra: { lockedNow: true } });
      return fail('locked', LOCKOUT_MS / 1000);
    }
    await audit({ userId, ok: false, reason });
    return fail(reason);
  };

  if (!account) {
    await verifyAgainstDummy(params.password);
    return failure('invalid');
  }
  if (!(await verifyPassword(account.passwordHash, params.password))) return failure('invalid');

  let recoveryCodesLeft: number | null = null;
  let method = 'password';
  if (account.totpSecretCiphertext) {
    if (!code) {
      await counter.release();
      await audit({ userId, ok: false, reason: 'totp_required' });
      return fail('totp_required');
    }
    const totp = normaliseTotpInput(code);
    if (totp) {
      const secret = openTotpSecret(dataKeyring(), account.id, account.totpSecretCiphertext);
      const step = verifyTotp(secret, totp, now);
      if (step === null || !(await claimTotpStep(db, account.id, step))) return failure('totp_invalid');
      method = 'password+totp';
    } else {
      const recovery = normaliseRecoveryCode(code);
      if (!recovery || !(await consumeRecoveryCode(db, account.id, recovery, now))) return failure('totp_invalid');
      method = 'password+recovery_code';
      recoveryCodesLeft = await countUnusedRecoveryCodes(db, account.id);
    }
  }

  await counter.succeed();
  const needsTotpEnrolment = !account.totpSecretCiphertext && twoFactorRequired(account.role, account.requireTwoFactorForAll);
  await audit({
    userId,
    ok: true,
    reason: 'ok',
    extra: { method, needsTotpEnrolment, ...(recoveryCodesLeft === null ? {} : { recoveryCodesLeft }) },
  });
  return {
    ok: true,
    user: {
      id: account.id,
      role: account.role,
      practiceId: account.practiceId,
      clinicianId: account.clinicianId,
      displayName: account.displayName,
    },
    needsTotpEnrolment,
    recoveryCodesLeft,
  };
}

function fail(reason: SignInFailureReason, retryAfterSeconds?: number): SignInResult {
  const minutesLeft = retryAfterSeconds === undefined ? undefined : Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return {
    ok: false,
    reason,
    message: signInMessage(reason, minutesLeft),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfterSeconds) }),
  };
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/**
 * Consecutive-failure counting for one email. `reserve` counts the attempt (unless locked) and
 * returns the count including it; `release` gives it back (correct password, code still to come);
 * `succeed` clears everything; `lock` starts the pause and resets the count.
 */
type FailureCounter = {
  reserve(now: Date): Promise<{ failures: number; lockedUntil: Date | null }>;
  release(): Promise<void>;
  succeed(): Promise<void>;
  lock(now: Date): Promise<void>;
};

function accountCounter(db: Executor, userId: string): FailureCounter {
  const t = staffUsers;
  return {
    async reserve(now) {
      const [row] = await db
        .update(t)
        .set({ failedSignIns: sql`case when ${t.lockedUntil} > ${now.toISOString()}::timestamptz then ${t.failedSignIns} else ${t.failedSignIns} + 1 end` })
        .where(eq(t.id, userId))
        .returning({ failures: t.failedSignIns, lockedUntil: t.lockedUntil });
      return row ?? { failures: 1, lockedUntil: null };
    },
    async release() {
      await db.update(t).set({ failedSignIns: sql`greatest(${t.failedSignIns} - 1, 0)` }).where(eq(t.id, userId));
    },
    async succeed() {
      await db.update(t).set({ failedSignIns: 0, lockedUntil: null }).where(eq(t.id, userId));
    },
    async lock(now) {
      await db.update(t).set({ failedSignIns: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) }).where(eq(t.id, userId));
    },
  };
}

function unknownEmailCounter(db: Executor, emailKey: string): FailureCounter {
  const t = staffSignInThrottles;
  return {
    async reserve(now) {
      const [row] = await db
        .insert(t)
        .values({ emailKey, failedSignIns: 1, updatedAt: now })
        .onConflictDoUpdate({
          target: t.emailKey,
          set: {
            failedSignIns: sql`case when ${t.lockedUntil} > ${now.toISOString()}::timestamptz then ${t.failedSignIns} else ${t.failedSignIns} + 1 end`,
            updatedAt: now,
          },
        })
        .returning({ failures: t.failedSignIns, lockedUntil: t.lockedUntil });
      return row ?? { failures: 1, lockedUntil: null };
    },
    async release() {
      // Never reached (an unknown address has no correct password); kept for symmetry.
      await db.update(t).set({ failedSignIns: sql`greatest(${t.failedSignIns} - 1, 0)` }).where(eq(t.emailKey, emailKey));
    },
    async succeed() {
      await db.update(t).set({ failedSignIns: 0, lockedUntil: null }).where(eq(t.emailKey, emailKey));
    },
    async lock(now) {
      await db
        .update(t)
        .set({ failedSignIns: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS), updatedAt: now })
        .where(eq(t.emailKey, emailKey));
    },
  };
}

/** Accepts a TOTP step once: a code seen (or replayed) again within its window is refused. */
async function claimTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const claimed = await db
    .update(staffUsers)
    .set({ totpLastStep: step })
    .where(and(eq(staffUsers.id, userId), or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))))
    .returning({ id: staffUsers.id });
  return claimed.length === 1;
}

/** Marks an unused recovery code used; one statement, so two concurrent uses can't both win. */
async function consumeRecoveryCode(db: Executor, userId: string, normalisedCode: string, now: Date): Promise<boolean> {
  const used = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(staffRecoveryCodes.userId, userId),
        eq(staffRecoveryCodes.codeHash, hashRecoveryCode(userId, normalisedCode)),
        isNull(staffRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: staffRecoveryCodes.id });
  return used.length === 1;
}

async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}
