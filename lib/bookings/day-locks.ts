import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { localDateOf } from '../scheduling/zoned-time';

/**
 * Serialises writers of one clinician's practice-local day: what a daily cap counts.
 *
 * The exclusion constraint settles overlaps, but a daily cap is a count over rows that do not
 * overlap, so two transactions can each count 3 of 4 and both insert. Holding a transaction-level
 * advisory lock per (clinician, practice-local date) while re-checking and writing makes the
 * count and the write one step. Every path that puts a booking on a day takes it: a client
 * booking, a client reschedule and a staff reschedule (through `recheckInTransaction`).
 *
 * A reschedule touches two days (the one it leaves and the one it enters); locks are taken in
 * one fixed order (sorted keys) so two moves between the same days cannot deadlock. Released at
 * commit or rollback. PGlite runs one transaction at a time, so there it is only a no-op wait.
 */
export async function lockClinicianDays(
  tx: Executor,
  params: { clinicianId: string; timeZone: string; instants: readonly Date[] },
): Promise<void> {
  const keys = [...new Set(params.instants.map((at) => `${params.clinicianId}:${localDateOf(at.getTime(), params.timeZone)}`))].sort();
  for (const key of keys) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('haven:clinician-day'), hashtext(${key}))`);
  }
}
