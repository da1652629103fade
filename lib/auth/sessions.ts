import 'server-only';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { practices, staffSessions, staffUsers } from '../../db/schema';
import { recordAudit } from '../audit/record';
import { twoFactorRequired, type StaffActor } from './actor';
import { keyedHash } from './secrets';

/** Signed out after 15 minutes without a request (enforced here, against `last_seen_at`). */
export const IDLE_TIMEOUT_MS = 15 * 60_000;
/** Signed out 12 hours after signing in, however active (`expires_at`; also the JWT maxAge). */
export const ABSOLUTE_TIMEOUT_MS = 12 * 3_600_000;
/** `last_seen_at` is written at most this often, to spare a write per request. */
export const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

export type SessionExpiry = 'idle' | 'absolute' | 'revoked';

export type TouchResult =
  | {
      status: 'valid';
      actor: StaffActor;
      displayName: string;
      /** Two-step sign-in is required but not set up: only enrolment may proceed. */
      needsTotpEnrolment: boolean;
      /** When this session ends if nothing else happens (idle), and at the latest (absolute). */
      idleExpiresAt: Date;
      absoluteExpiresAt: Date;
    }
  | { status: 'expired'; reason: SessionExpiry };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records a new signed-in browser for a user who just passed `verifyStaffCredentials`. */
export async function createStaffSession(params: { userId: string; ip: string | null; now?: Date }): Promise<{ sessionId: string; expiresAt: Date }> {
  const now = params.now ?? new Date();
  const db = await getDb();
  const expiresAt = new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS);
  const [row] = await db
    .insert(staffSessions)
    .values({
      userId: params.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ipHash: params.ip ? keyedHash('ip', params.ip) : null,
    })
    .returning({ id: staffSessions.id });
  if (!row) throw new Error('Could not create the staff session.');
  return { sessionId: row.id, expiresAt };
}

/**
 * Validates a session on a request and keeps it alive. The actor is built from the database
 * (role, practice, clinician link), so a cookie never grants more than the user has now.
 * Expired: revoked (signed out, signed out everywhere, user disabled, unknown id), absolute
 * (12 h since sign-in) or idle (15 min since the last request).
 */
export async function touchStaffSession(params: { sessionId: string; now?: Date }): Promise<TouchResult> {
  const now = params.now ?? new Date();
  const checked = await checkSession(params.sessionId, now);
  if (checked.result.status === 'expired' || !checked.lastSeenAt) return checked.result;
  const { result } = checked;
  let lastSeenAt = checked.lastSeenAt;
  if (now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_WRITE_INTERVAL_MS) {
    // Conditional, so concurrent requests never move it backwards.
    const db = await getDb();
    await db
      .update(staffSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(staffSessions.id, result.actor.sessionId), lt(staffSessions.lastSeenAt, now)));
    lastSeenAt = now;
  }
  return { ...result, idleExpiresAt: new Date(Math.min(lastSeenAt.getTime() + IDLE_TIMEOUT_MS, result.absoluteExpiresAt.getTime())) };
}

/**
 * Whether a session is still valid, by the same rules as `touchStaffSession` but without keeping
 * it alive: for `/api/auth/session`, which a browser may poll and which must not count as activity.
 */
export async function isStaffSessionLive(params: { sessionId: string; now?: Date }): Promise<boolean> {
  const { result } = await checkSession(params.sessionId, params.now ?? new Date());
  return result.status === 'valid';
}

async function checkSession(sessionId: string, now: Date): Promise<{ result: TouchResult; lastSeenAt?: Date }> {
  if (!UUID.test(sessionId)) return { result: { status: 'expired', reason: 'revoked' } };
  const db = await getDb();
  const [row] = await db
    .select({
      sessionId: staffSessions.id,
      createdAt: staffSessions.createdAt,
      lastSeenAt: staffSessions.lastSeenAt,
      expiresAt: staffSessions.expiresAt,
      revokedAt: staffSessions.revokedAt,
      userId: staffUsers.id,
      role: staffUsers.role,
      practiceId: staffUsers.practiceId,
      clinicianId: staffUsers.clinicianId,
      displayName: staffUsers.displayName,
      totpEnabledAt: staffUsers.totpEnabledAt,
      sessionsValidAfter: staffUsers.sessionsValidAfter,
      disabledAt: staffUsers.disabledAt,
      requireTwoFactorForAll: practices.requireTwoFactorForAll,
    })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .innerJoin(practices, eq(practices.id, staffUsers.practiceId))
    .where(eq(staffSessions.id, sessionId));

  if (!row || row.revokedAt || row.disabledAt || (row.sessionsValidAfter && row.createdAt < row.sessionsValidAfter)) {
    return { result: { status: 'expired', reason: 'revoked' } };
  }
  if (now >= row.expiresAt) return { result: { status: 'expired', reason: 'absolute' } };
  if (now.getTime() - row.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) return { result: { status: 'expired', reason: 'idle' } };
  return {
    lastSeenAt: row.lastSeenAt,
    result: {
      status: 'valid',
      actor: {
        kind: 'staff',
        userId: row.userId,
        role: row.role,
        practiceId: row.practiceId,
        clinicianId: row.clinicianId,
        sessionId: row.sessionId,
      },
      displayName: row.displayName,
      needsTotpEnrolment: !row.totpEnabledAt && twoFactorRequired(row.role, row.requireTwoFactorForAll),
      idleExpiresAt: new Date(Math.min(row.lastSeenAt.getTime() + IDLE_TIMEOUT_MS, row.expiresAt.getTime())),
      absoluteExpiresAt: row.expiresAt,
    },
  };
}

/** Sign out on this browser (next-auth's signOut event calls it with the token's session id). */
export async function revokeStaffSession(params: { sessionId: string; now?: Date }): Promise<void> {
  if (!UUID.test(params.sessionId)) return;
  const now = params.now ?? new Date();
  const db = await getDb();
  const [revoked] = await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.id, params.sessionId), isNull(staffSessions.revokedAt)))
    .returning({ userId: staffSessions.userId });
  if (revoked) {
    await recordAudit(db, {
      actor: { kind: 'staff', id: revoked.userId },
      action: 'staff.signed_out',
      subjectType: 'staff_user',
      subjectId: revoked.userId,
      at: now,
    });
  }
}

/**
 * Sign out everywhere, this browser included: every open session of the actor's user is revoked,
 * and `sessions_valid_after` kills any session created before now (even one racing this call).
 */
export async function revokeAllSessions(params: { actor: StaffActor; now?: Date }): Promise<{ revoked: number }> {
  const now = params.now ?? new Date();
  const db = await getDb();
  const userId = params.actor.userId;
  return db.transaction(async (tx) => {
    await tx.update(staffUsers).set({ sessionsValidAfter: now, updatedAt: now }).where(eq(staffUsers.id, userId));
    const revoked = await tx
      .update(staffSessions)
      .set({ revokedAt: now })
      .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt)))
      .returning({ id: staffSessions.id });
    await recordAudit(tx, {
      actor: { kind: 'staff', id: userId },
      action: 'staff.signed_out_everywhere',
      subjectType: 'staff_user',
      subjectId: userId,
      detail: { sessions: revoked.length },
      at: now,
    });
    return { revoked: revoked.length };
  });
}
