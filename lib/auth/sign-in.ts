import 'server-only';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../db/client';
import { practices, staffRecoveryCodes, staffUsers, type StaffRole } from '../../db/schema';
import { SIGN_IN_LIMITS, hitRateLimit } from '../abuse/rate-limit';
import {
  clearAddressFailures,
  pausesAfterFailure,
  releaseSignInAttempt,
  reserveSignInAttempt,
  signInAddressKey,
  signInEmailKey,
} from '../abuse/sign-in-throttle';
import { recordAudit } from '../audit/record';
import { dataKeyring } from '../crypto/keyring';
import { twoFactorRequired } from './actor';
import { MAX_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from './password';
import { hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { keyedHash } from './secrets';
import { signInMessage, type SignInFailureReason } from './sign-in-messages';
import { normaliseTotpInput, verifyTotp } from './totp';
import { openTotpSecret } from './totp-secret';

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
 * - failures are counted per email (not per account) and client address
 *   (lib/abuse/sign-in-throttle.ts), so an unknown email pauses exactly like a real one;
 * - only a correct password reveals that a code is needed.
 *
 * A stranger can't lock a person out: repeated failures pause only the address they come from
 * (growing pauses); the email is paused everywhere only for failures from many addresses. Each
 * attempt is recorded before the password is checked, so a parallel burst from one address gets
 * only a few checks. A correct password without a code gives the attempt back; success clears
 * that address's failures. A wrong TOTP or recovery code counts as a
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

  const userId = account?.id ?? null;
  const keys = { emailKey: signInEmailKey(email), addressKey: signInAddressKey(params.ip) };

  const attempt = await reserveSignInAttempt(db, keys, now);
  if (attempt.paused) {
    await audit({ userId, ok: false, reason: 'locked', extra: { pause: attempt.paused.scope } });
    return fail('locked', secondsUntil(attempt.paused.until, now));
  }

  /** A failed check: counts against this email and address, and says so when it starts a pause. */
  const failure = async (reason: 'invalid' | 'totp_invalid'): Promise<SignInResult> => {
    await audit({ userId, ok: false, reason });
    const pauses = await pausesAfterFailure(db, keys, now);
    const started: Array<{ scope: string; until: Date; failures: number; where: Record<string, string | number> } | null> = [
      pauses.address && { ...pauses.address, where: { addressKey: keys.addressKey } },
      pauses.account && { ...pauses.account, where: { addresses: pauses.account.addresses } },
    ];
    for (const pause of started) {
      if (!pause) continue;
      await recordAudit(db, {
        actor: { kind: 'system', id: null },
        action: 'staff.sign_in.paused',
        subjectType: 'staff_user',
        subjectId: userId,
        detail: {
          scope: pause.scope,
          minutes: Math.round((pause.until.getTime() - now.getTime()) / 60_000),
          failures: pause.failures,
          ...pause.where,
        },
        at: now,
      });
    }
    const until = [pauses.address?.until, pauses.account?.until].filter((d): d is Date => d !== undefined).sort((x, y) => y.getTime() - x.getTime())[0];
    return until ? fail('locked', secondsUntil(until, now)) : fail(reason);
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
      await releaseSignInAttempt(db, attempt.attemptId);
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

  await clearAddressFailures(db, keys);
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
