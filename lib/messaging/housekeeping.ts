import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { ALL_RATE_LIMITS } from '../abuse/rate-limit';
import { FAILURE_MEMORY_MS } from '../abuse/sign-in-throttle-rule';
import { DRAFT_LIFETIME_MS } from '../drafts/schemas';

/**
 * Hourly pruning of rows that no rule reads any more (a scheduled job on the queue, ./worker.ts;
 * or the cron route). Each table is pruned in bounded batches (a short statement each, never one
 * long lock over a big backlog), at most MAX_BATCHES per table per run: the rest waits for the
 * next hour. Idempotent: a second run right after deletes nothing. pg-boss prunes its own job
 * rows (queue `deleteAfterSeconds`, during maintenance), so job rows are not touched here.
 */

const DAY_MS = 24 * 3_600_000;
const BATCH = 1_000;
const MAX_BATCHES = 50;

/** The longest window any rate limit counts in: a counter whose window ended before this is read by nothing. */
const LONGEST_RATE_WINDOW_MS = Math.max(...ALL_RATE_LIMITS.map((l) => l.windowSeconds)) * 1000;
/** A session ended (expired or revoked) this long ago is gone for good: "signed out" answers need it no longer. */
const ENDED_SESSION_KEEP_MS = DAY_MS;
/** The development mailbox shows a week. */
const MAILBOX_KEEP_MS = 7 * DAY_MS;

export type HousekeepingCounts = {
  rateLimitCounters: number;
  staffDrafts: number;
  staffSessions: number;
  staffSignInFailures: number;
  staffSignInPauses: number;
  devMailbox: number;
  intakeCodes: number;
  intakeDevices: number;
};

export async function runHousekeeping(db: Database, now: Date = new Date()): Promise<HousekeepingCounts> {
  const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
  return {
    // A counter's window is [window_start, window_start + its length): over once it started more than the longest length ago.
    rateLimitCounters: await prune(db, 'rate_limit_counters', sql`window_start < ${at(LONGEST_RATE_WINDOW_MS)}::timestamptz`),
    // Never restored after DRAFT_LIFETIME_MS (lib/drafts): clinical text kept no longer than needed.
    staffDrafts: await prune(db, 'staff_drafts', sql`saved_at < ${at(DRAFT_LIFETIME_MS)}::timestamptz`),
    staffSessions: await prune(
      db,
      'staff_sessions',
      sql`(expires_at < ${at(ENDED_SESSION_KEEP_MS)}::timestamptz or revoked_at < ${at(ENDED_SESSION_KEEP_MS)}::timestamptz)`,
    ),
    // A failure counts towards a pause for FAILURE_MEMORY_MS (the longest window of the throttle's rules, sign-in-throttle-rule.ts).
    staffSignInFailures: await prune(db, 'staff_sign_in_failures', sql`failed_at < ${at(FAILURE_MEMORY_MS)}::timestamptz`),
    // An account pause that has ended is read by nothing (a new one replaces an ended one anyway).
    staffSignInPauses: await prune(db, 'staff_sign_in_pauses', sql`paused_until <= ${now.toISOString()}::timestamptz`),
    devMailbox: await prune(db, 'dev_mailbox', sql`delivered_at < ${at(MAILBOX_KEEP_MS)}::timestamptz`),
    // An intake code is checked for 10 minutes (lib/intake/device-access.ts); a day later nothing reads it.
    intakeCodes: await forgetExpiredCodes(db, now).then(() => prune(db, 'intake_codes', sql`expires_at < ${at(INTAKE_CODE_KEEP_MS)}::timestamptz`)),
    // A device past its consultation, or forgotten ("Leave quickly") a day ago, opens nothing.
    intakeDevices: await prune(db, 'intake_devices', sql`(expires_at < ${now.toISOString()}::timestamptz or revoked_at < ${at(DAY_MS)}::timestamptz)`),
  };
}

/** A code kept since it expired (a day, for the counts) does not keep its sealed copy (normally cleared when its email went). */
const INTAKE_CODE_KEEP_MS = DAY_MS;

async function forgetExpiredCodes(db: Database, now: Date): Promise<void> {
  await db.execute(sql`update intake_codes set code_ciphertext = null where code_ciphertext is not null and (used_at is not null or expires_at <= ${now.toISOString()}::timestamptz)`);
}

async function prune(db: Database, table: string, where: SQL): Promise<number> {
  const name = sql.identifier(table);
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const result = await db.execute(
      sql`with gone as (delete from ${name} where ctid in (select ctid from ${name} where ${where} limit ${BATCH}) returning 1) select count(*)::int as n from gone`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ n: number }>;
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < BATCH) break;
  }
  return total;
}
