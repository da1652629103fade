import 'server-only';
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../db/client';
import { intakeCodes, intakeDevices, type NewMessage } from '../../db/schema';
import { hitRateLimit, INTAKE_CODE_LIMITS } from '../abuse/rate-limit';
import type { LinkActor } from '../bookings/link-access';
import { env } from '../env';
import { enqueueMessages } from '../messaging/booking-messages';
import { maskEmail } from '../messaging/mask';
import { sealCode } from './intake-crypto';
import { DEVICE_TOKEN, deviceTokenHash, intakeAccessEndsAt, loadIntakeScope, type IntakeScope } from './link-scope';

export { deviceTokenHash };

/**
 * A private link can sit in a shared browser's history, so the intake behind it opens only on a
 * device that proved it reads the holder's own email: a 6-digit code (valid 10 minutes, 5 tries,
 * a few an hour) sent to that holder's address, exchanged for a device token (256 random bits in
 * an httpOnly cookie; only its SHA-256 is stored) bound to the link and valid until the day after
 * the consultation. A reissued or revoked link reaches nothing, so its devices are dead with it.
 *
 * The code itself is stored twice, neither readable: a keyed hash (HAVEN_HASH_SECRET, bound to
 * the code's row) to check guesses, and an envelope (intake-crypto sealCode) that only the email
 * job opens; the envelope is cleared as soon as the code is used, exhausted, replaced or expired.
 */

export const CODE_LIFETIME_MS = 10 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;

export type IntakeGate = { state: 'none' } | { state: 'needs_code'; maskedEmail: string | null } | { state: 'open' };

export type RequestCodeResult = { ok: true; maskedEmail: string } | { ok: false; code: 'rate_limited' | 'no_email' | 'not_found'; retryAfterSeconds?: number };

export type VerifyCodeResult =
  | { ok: true; deviceToken: string; expiresAt: Date }
  | { ok: false; code: 'wrong' | 'expired' | 'too_many_tries' | 'not_found'; attemptsLeft?: number };

function hashSecret(): string {
  return env().HAVEN_HASH_SECRET ?? 'haven-development-only';
}

/** The keyed hash of a code, bound to its row (a hash copied to another row checks nothing). */
export function codeHashOf(codeId: string, code: string): string {
  return createHmac('sha256', hashSecret()).update(`intake-code:${codeId}:${code}`).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether this device token opens this link's intake now. */
export async function deviceOpens(db: Executor, linkId: string, deviceToken: string | null | undefined, now: Date): Promise<boolean> {
  if (!deviceToken || !DEVICE_TOKEN.test(deviceToken)) return false;
  const [row] = await db
    .select({ id: intakeDevices.id })
    .from(intakeDevices)
    .where(and(eq(intakeDevices.tokenHash, deviceTokenHash(deviceToken)), eq(intakeDevices.linkId, linkId), isNull(intakeDevices.revokedAt), gt(intakeDevices.expiresAt, now)))
    .limit(1);
  return row !== undefined;
}

/** A link that reaches an intake at all: live, the type asks for one, and the consultation is not long past. */
function intakeReachable(scope: IntakeScope | null, now: Date): scope is IntakeScope & { form: NonNullable<IntakeScope['form']> } {
  return scope !== null && scope.form !== null && now.getTime() < intakeAccessEndsAt(scope).getTime();
}

/** What the intake page shows first: nothing to do, the code step, or the intake. */
export async function getIntakeGate(params: { actor: LinkActor; deviceToken?: string | null; now?: Date }): Promise<IntakeGate | null> {
  const now = params.now ?? new Date();
  const db = await getDb();
  const scope = await loadIntakeScope(db, params.actor, { token: params.deviceToken, now });
  if (!scope) return null;
  if (!intakeReachable(scope, now)) return { state: 'none' };
  if (scope.deviceOpens) return { state: 'open' };
  return { state: 'needs_code', maskedEmail: scope.booking.holderEmail ? maskEmail(scope.booking.holderEmail) : null };
}

/**
 * Sends a new code to the holder's own address (the booker's only if they allowed email). Any
 * earlier code of this link stops working. Rate limited per link and per client address; the
 * code row, the message row and its delivery job are written in one transaction.
 */
export async function requestIntakeCode(params: { actor: LinkActor; now?: Date; clientAddress?: string | null }): Promise<RequestCodeResult> {
  const now = params.now ?? new Date();
  const db = await getDb();
  const scope = await loadIntakeScope(db, params.actor);
  if (!intakeReachable(scope, now)) return { ok: false, code: 'not_found' };
  const address = scope.booking.holderEmail;
  if (!address) return { ok: false, code: 'no_email' };

  const hits = [await hitRateLimit(db, INTAKE_CODE_LIMITS.perLink, scope.link.linkId, now)];
  if (params.clientAddress) hits.push(await hitRateLimit(db, INTAKE_CODE_LIMITS.perIp, params.clientAddress, now));
  const refused = hits.filter((h) => !h.allowed);
  if (refused.length > 0) return { ok: false, code: 'rate_limited', retryAfterSeconds: Math.max(...refused.map((h) => h.retryAfterSeconds)) };

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const codeId = crypto.randomUUID();
  await db.transaction(async (tx) => {
    // One live code per link: earlier ones end now (their emails, if not yet sent, are skipped).
    await tx
      .update(intakeCodes)
      .set({ expiresAt: now, codeCiphertext: null })
      .where(and(eq(intakeCodes.linkId, scope.link.linkId), isNull(intakeCodes.usedAt), gt(intakeCodes.expiresAt, now)));
    await tx.insert(intakeCodes).values({
      id: codeId,
      linkId: scope.link.linkId,
      codeHash: codeHashOf(codeId, code),
      codeCiphertext: sealCode(codeId, code),
      expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
      createdAt: now,
    });
    const message: NewMessage = {
      practiceId: scope.booking.practiceId,
      bookingId: scope.booking.id,
      kind: 'intake_code',
      recipient: scope.link.holder,
      linkId: scope.link.linkId,
      intakeCodeId: codeId,
      changedBy: scope.link.holder,
      state: 'queued',
      createdAt: now,
      updatedAt: now,
    };
    await enqueueMessages(tx, [message]);
  });
  return { ok: true, maskedEmail: maskEmail(address) };
}

/**
 * Checks a code against the link's live code (each guess counts, in one statement, so parallel
 * guesses cannot exceed the limit) and, when it matches, remembers this device: the code is used
 * up and its envelope cleared in the same transaction as the device is written.
 */
export async function verifyIntakeCode(params: { actor: LinkActor; code: string; now?: Date }): Promise<VerifyCodeResult> {
  const now = params.now ?? new Date();
  const db = await getDb();
  const scope = await loadIntakeScope(db, params.actor);
  if (!intakeReachable(scope, now)) return { ok: false, code: 'not_found' };
  const linkId = scope.link.linkId;

  const [latest] = await db
    .select({ id: intakeCodes.id, attempts: intakeCodes.attempts, expiresAt: intakeCodes.expiresAt, usedAt: intakeCodes.usedAt })
    .from(intakeCodes)
    .where(eq(intakeCodes.linkId, linkId))
    .orderBy(desc(intakeCodes.createdAt))
    .limit(1);
  if (!latest || latest.usedAt || latest.expiresAt.getTime() <= now.getTime()) return { ok: false, code: 'expired' };
  if (latest.attempts >= CODE_MAX_ATTEMPTS) return { ok: false, code: 'too_many_tries', attemptsLeft: 0 };
  const guess = params.code.replace(/[\s-]/g, '');
  // Not six digits: a typing slip, not a guess (no try used).
  if (!/^\d{6}$/.test(guess)) return { ok: false, code: 'wrong', attemptsLeft: CODE_MAX_ATTEMPTS - latest.attempts };

  return db.transaction(async (tx): Promise<VerifyCodeResult> => {
    const [counted] = await tx
      .update(intakeCodes)
      .set({ attempts: sql`${intakeCodes.attempts} + 1` })
      .where(and(eq(intakeCodes.id, latest.id), isNull(intakeCodes.usedAt), gt(intakeCodes.expiresAt, now), lt(intakeCodes.attempts, CODE_MAX_ATTEMPTS)))
      .returning({ attempts: intakeCodes.attempts, codeHash: intakeCodes.codeHash });
    if (!counted) {
      const [again] = await tx.select({ attempts: intakeCodes.attempts, usedAt: intakeCodes.usedAt }).from(intakeCodes).where(eq(intakeCodes.id, latest.id));
      return again && !again.usedAt && again.attempts >= CODE_MAX_ATTEMPTS ? { ok: false, code: 'too_many_tries', attemptsLeft: 0 } : { ok: false, code: 'expired' };
    }
    if (!sameHex(counted.codeHash, codeHashOf(latest.id, guess))) {
      const attemptsLeft = CODE_MAX_ATTEMPTS - counted.attempts;
      if (attemptsLeft > 0) return { ok: false, code: 'wrong', attemptsLeft };
      await tx.update(intakeCodes).set({ codeCiphertext: null }).where(eq(intakeCodes.id, latest.id));
      return { ok: false, code: 'too_many_tries', attemptsLeft: 0 };
    }
    const used = await tx
      .update(intakeCodes)
      .set({ usedAt: now, codeCiphertext: null })
      .where(and(eq(intakeCodes.id, latest.id), isNull(intakeCodes.usedAt)))
      .returning({ id: intakeCodes.id });
    if (used.length === 0) return { ok: false, code: 'expired' };
    const deviceToken = randomBytes(32).toString('base64url');
    const expiresAt = intakeAccessEndsAt(scope);
    await tx.insert(intakeDevices).values({ linkId, tokenHash: deviceTokenHash(deviceToken), expiresAt, createdAt: now });
    return { ok: true, deviceToken, expiresAt };
  });
}

/** "Leave quickly": this device no longer opens the intake (a new code is needed). */
export async function forgetIntakeDevice(params: { actor: LinkActor; deviceToken?: string | null; now?: Date }): Promise<void> {
  const now = params.now ?? new Date();
  if (!params.deviceToken || !DEVICE_TOKEN.test(params.deviceToken)) return;
  const db = await getDb();
  // Whoever holds the token may end it, even when the link itself is dead by now.
  await db
    .update(intakeDevices)
    .set({ revokedAt: now })
    .where(and(eq(intakeDevices.tokenHash, deviceTokenHash(params.deviceToken)), isNull(intakeDevices.revokedAt)));
}
