import 'server-only';
import { and, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { staffSignInFailures, staffSignInPauses } from '../../db/schema';
import { keyedHash } from '../auth/secrets';
import { UNRESOLVED_CLIENT } from './client-address';
import { SIGN_IN_LIMITS, bucketKey } from './rate-limit';
import {
  ACCOUNT_PAUSE_MIN_ADDRESSES, ACCOUNT_PAUSE_MIN_FAILURES, ACCOUNT_PAUSE_MS, ACCOUNT_WINDOW_MS, FAILURE_MEMORY_MS,
  addressPauseMs,
} from './sign-in-throttle-rule';

/**
 * The staff sign-in throttle. Failures count per email *and* client address, so a stranger
 * guessing from one address pauses only that address, never the real person at theirs; only
 * failures from many addresses at once pause the email everywhere (rules in sign-in-throttle-rule.ts).
 *
 * Keyed by email (a keyed hash), not by account, so an unknown email is throttled exactly like a
 * real one. Addresses are stored as the keyed hash the per-address rate limiter uses.
 *
 * An attempt is recorded before its password is checked (`reserve`), so a parallel burst from
 * one address gets at most ADDRESS_FREE_FAILURES checks; a correct password gives the attempt
 * back (`release`), a success clears that address's failures (`succeed`).
 */
export type SignInKeys = { emailKey: string; addressKey: string };

export function signInEmailKey(normalisedEmail: string): string {
  return keyedHash('signin-email', normalisedEmail);
}

export function signInAddressKey(address: string | null): string {
  return bucketKey(SIGN_IN_LIMITS.perIp, address ?? UNRESOLVED_CLIENT);
}

export type Pause = { scope: 'address' | 'account'; until: Date };

export type Reservation = { paused: Pause } | { paused: null; attemptId: string };

export async function reserveSignInAttempt(db: Executor, keys: SignInKeys, now: Date): Promise<Reservation> {
  const accountPause = await activeAccountPause(db, keys.emailKey, now);
  if (accountPause) return { paused: { scope: 'account', until: accountPause } };
  const before = await addressFailures(db, keys, now);
  const earlier = addressPauseUntil(before);
  if (earlier && earlier > now) return { paused: { scope: 'address', until: earlier } };

  const [row] = await db.insert(staffSignInFailures).values({ ...keys, failedAt: now }).returning({ id: staffSignInFailures.id });
  const attemptId = row!.id;
  // A parallel burst: if the attempts recorded alongside this one already make a pause, this one is refused unchecked.
  const others = await addressFailures(db, keys, now, attemptId);
  const burst = addressPauseUntil(others);
  if (burst && burst > now) {
    await releaseSignInAttempt(db, attemptId);
    return { paused: { scope: 'address', until: burst } };
  }
  return { paused: null, attemptId };
}

/** The attempt did not fail (a correct password, the code still to come): it no longer counts. */
export async function releaseSignInAttempt(db: Executor, attemptId: string): Promise<void> {
  await db.delete(staffSignInFailures).where(eq(staffSignInFailures.id, attemptId));
}

/** A success from this address clears this address's failures (never another address's). */
export async function clearAddressFailures(db: Executor, keys: SignInKeys): Promise<void> {
  await db.delete(staffSignInFailures).where(and(eq(staffSignInFailures.emailKey, keys.emailKey), eq(staffSignInFailures.addressKey, keys.addressKey)));
}

/**
 * After a failed check (its attempt stays recorded): the pauses this failure starts. An address
 * pause from ADDRESS_FREE_FAILURES failures on; an account pause when many addresses failed.
 */
export async function pausesAfterFailure(
  db: Executor,
  keys: SignInKeys,
  now: Date,
): Promise<{ address: (Pause & { failures: number }) | null; account: (Pause & { failures: number; addresses: number }) | null }> {
  const pair = await addressFailures(db, keys, now);
  const addressUntil = addressPauseUntil(pair);
  const address = addressUntil && addressUntil > now ? { scope: 'address' as const, until: addressUntil, failures: pair.count } : null;

  const [spread] = await db
    .select({ failures: sql<number>`count(*)::int`, addresses: sql<number>`count(distinct ${staffSignInFailures.addressKey})::int` })
    .from(staffSignInFailures)
    .where(and(eq(staffSignInFailures.emailKey, keys.emailKey), gt(staffSignInFailures.failedAt, new Date(now.getTime() - ACCOUNT_WINDOW_MS))));
  let account = null;
  if (spread && spread.failures >= ACCOUNT_PAUSE_MIN_FAILURES && spread.addresses >= ACCOUNT_PAUSE_MIN_ADDRESSES) {
    const until = new Date(now.getTime() + ACCOUNT_PAUSE_MS);
    // Only the failure that starts the pause reports it (one audit row per pause).
    const started = await db
      .insert(staffSignInPauses)
      .values({ emailKey: keys.emailKey, pausedUntil: until, startedAt: now })
      .onConflictDoUpdate({
        target: staffSignInPauses.emailKey,
        set: { pausedUntil: until, startedAt: now },
        setWhere: sql`${staffSignInPauses.pausedUntil} <= ${now.toISOString()}::timestamptz`,
      })
      .returning({ until: staffSignInPauses.pausedUntil });
    if (started.length === 1) account = { scope: 'account' as const, until, failures: spread.failures, addresses: spread.addresses };
  }
  return { address, account };
}

/** Clears every failure and pause of an email (a clinician's unlock, a new password). */
export async function clearSignInThrottle(db: Executor, emailKey: string): Promise<void> {
  await db.delete(staffSignInFailures).where(eq(staffSignInFailures.emailKey, emailKey));
  await db.delete(staffSignInPauses).where(eq(staffSignInPauses.emailKey, emailKey));
}

/** Sign-in state per email key, for the clinician's staff page. */
export type SignInState = { pausedUntil: Date | null; pausedEverywhere: boolean; recentFailures: number; addresses: number };

export async function signInStates(db: Executor, emailKeys: string[], now: Date): Promise<Map<string, SignInState>> {
  const states = new Map<string, SignInState>(emailKeys.map((k) => [k, { pausedUntil: null, pausedEverywhere: false, recentFailures: 0, addresses: 0 }]));
  if (emailKeys.length === 0) return states;
  const since = new Date(now.getTime() - FAILURE_MEMORY_MS);
  const groups = await db
    .select({
      emailKey: staffSignInFailures.emailKey,
      count: sql<number>`count(*)::int`,
      last: sql<string>`max(${staffSignInFailures.failedAt})`,
    })
    .from(staffSignInFailures)
    .where(and(inArray(staffSignInFailures.emailKey, emailKeys), gt(staffSignInFailures.failedAt, since)))
    .groupBy(staffSignInFailures.emailKey, staffSignInFailures.addressKey);
  for (const g of groups) {
    const state = states.get(g.emailKey)!;
    state.recentFailures += g.count;
    state.addresses += 1;
    const until = addressPauseUntil({ count: g.count, last: new Date(g.last) });
    if (until && until > now && (!state.pausedUntil || until > state.pausedUntil)) state.pausedUntil = until;
  }
  const pauses = await db
    .select({ emailKey: staffSignInPauses.emailKey, until: staffSignInPauses.pausedUntil })
    .from(staffSignInPauses)
    .where(and(inArray(staffSignInPauses.emailKey, emailKeys), gt(staffSignInPauses.pausedUntil, now)));
  for (const p of pauses) {
    const state = states.get(p.emailKey)!;
    state.pausedEverywhere = true;
    if (!state.pausedUntil || p.until > state.pausedUntil) state.pausedUntil = p.until;
  }
  return states;
}

// ---- internals ---------------------------------------------------------------------------------

type PairFailures = { count: number; last: Date | null };

async function addressFailures(db: Executor, keys: SignInKeys, now: Date, excludeId?: string): Promise<PairFailures> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, last: sql<string | null>`max(${staffSignInFailures.failedAt})` })
    .from(staffSignInFailures)
    .where(
      and(
        eq(staffSignInFailures.emailKey, keys.emailKey),
        eq(staffSignInFailures.addressKey, keys.addressKey),
        gt(staffSignInFailures.failedAt, new Date(now.getTime() - FAILURE_MEMORY_MS)),
        excludeId ? ne(staffSignInFailures.id, excludeId) : undefined,
      ),
    );
  return { count: row?.count ?? 0, last: row?.last ? new Date(row.last) : null };
}

function addressPauseUntil(failures: PairFailures): Date | null {
  const ms = addressPauseMs(failures.count);
  return ms > 0 && failures.last ? new Date(failures.last.getTime() + ms) : null;
}

async function activeAccountPause(db: Executor, emailKey: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ until: staffSignInPauses.pausedUntil })
    .from(staffSignInPauses)
    .where(and(eq(staffSignInPauses.emailKey, emailKey), gt(staffSignInPauses.pausedUntil, now)));
  return row?.until ?? null;
}
