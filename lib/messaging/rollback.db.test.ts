import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookings, messages } from '../../db/schema';
import { bookingInput, type TestPractice, withTestPractice } from '../../tests/support/practice-fixture';
import { bookConsultation, cancelBooking } from '../bookings/commands';
import { rowsOf } from '../../tests/support/db-helpers';

/*
 * A booking change that rolls back enqueues nothing, on each driver. The failure is real and comes
 * as late as it can: a deferred constraint trigger on `messages` (for this test's practice only)
 * raises at COMMIT, after the command wrote its booking, its message rows and their jobs through
 * notifyBookingChange. Afterwards there is no booking, no message row and not one more job row.
 */

const NOW = new Date('2026-12-01T14:00:00Z');

let handle: DatabaseHandle;
let fx: TestPractice;
withTestPractice((h, practice) => {
  handle = h;
  fx = practice;
});

const jobCount = async () => rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from pgboss.job`))[0]!.n;
const jobsFor = async (ids: string[]) =>
  ids.length === 0
    ? 0
    : rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from pgboss.job where data->>'messageId' in ${sql.raw(`('${ids.join("','")}')`)}`))[0]!.n;

/** The command threw our trigger's error (drizzle wraps it as the `cause` of "Failed query: commit" on the server drivers). */
async function failsAtCommit(run: Promise<unknown>): Promise<void> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  const chain: string[] = [];
  for (let e = err as { message?: string; cause?: unknown } | null; e; e = e.cause as typeof e) chain.push(e.message ?? '');
  expect(chain.join(' | ')).toMatch(/the change fails at commit/);
}

/** From now on, any transaction that writes a message for this practice fails at COMMIT. */
async function failCommitsWithMessages(practiceId: string): Promise<() => Promise<void>> {
  const fn = sql.identifier(`haven_test_fail_${practiceId.replace(/-/g, '')}`);
  await handle.db.execute(sql`create function ${fn}() returns trigger language plpgsql as $$ begin raise exception 'test: the change fails at commit'; end $$`);
  await handle.db.execute(
    sql`create constraint trigger ${fn} after insert on messages deferrable initially deferred for each row when (new.practice_id = ${sql.raw(`'${practiceId}'`)}::uuid) execute function ${fn}()`,
  );
  return async () => {
    await handle.db.execute(sql`drop trigger ${fn} on messages`);
    await handle.db.execute(sql`drop function ${fn}()`);
  };
}

describe(`a rolled-back booking change on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('leaves no booking, no message and no job; the earlier booking keeps its messages and reminder', async () => {
    // A booking that commits: its messages and jobs exist.
    const kept = await bookConsultation({
      input: bookingInput({ typeSlug: 'couple-video', startsAt: '2026-12-03T15:00:00.000Z', clinicianId: fx.clinician.id, partnerName: 'Sam Partner', partnerEmail: 'sam@example.com' }),
      requester: { ip: '192.0.2.70' },
      practiceSlug: fx.practice.slug,
      now: NOW,
    });
    expect(kept.ok).toBe(true);
    if (!kept.ok) return;
    const keptMessages = await handle.db.select({ id: messages.id, state: messages.state, kind: messages.kind }).from(messages).where(eq(messages.bookingId, kept.bookingId));
    expect(keptMessages).toHaveLength(5);
    expect(await jobsFor(keptMessages.map((m) => m.id))).toBe(5);

    const jobsBefore = await jobCount();
    const messagesBefore = await handle.db.select({ id: messages.id }).from(messages).where(eq(messages.practiceId, fx.practice.id));
    const restore = await failCommitsWithMessages(fx.practice.id);
    try {
      // A new booking fails at commit, after notifyBookingChange wrote its five messages and jobs.
      const input = bookingInput({ typeSlug: 'couple-video', startsAt: '2026-12-04T15:00:00.000Z', clinicianId: fx.clinician.id, partnerName: 'Alex Partner', partnerEmail: 'alex@example.com' });
      await failsAtCommit(bookConsultation({ input, requester: { ip: '192.0.2.71' }, practiceSlug: fx.practice.slug, now: NOW }));
      expect(await handle.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.clientEmail, input.email))).toEqual([]);

      // A cancellation by private link fails the same way: the booking stays, its reminders stay queued.
      await failsAtCommit(cancelBooking({ actor: { kind: 'link', token: kept.primaryToken }, input: { reason: 'Something came up' }, now: NOW }));
      const [still] = await handle.db.select({ status: bookings.status, sequence: bookings.calendarSequence }).from(bookings).where(eq(bookings.id, kept.bookingId));
      expect(still).toEqual({ status: 'confirmed', sequence: 1 });
      const reminders = await handle.db.select({ state: messages.state }).from(messages).where(and(eq(messages.bookingId, kept.bookingId), eq(messages.kind, 'reminder')));
      expect(reminders).toEqual([{ state: 'queued' }, { state: 'queued' }]);

      // Not one message row and not one job more than before (no other writer runs meanwhile).
      expect(await handle.db.select({ id: messages.id }).from(messages).where(eq(messages.practiceId, fx.practice.id))).toHaveLength(messagesBefore.length);
      expect(await jobCount()).toBe(jobsBefore);
      // The connection is fine afterwards (PGlite: nothing left waiting).
      await handle.db.execute(sql`select 1`);
    } finally {
      await restore();
    }
    // And once the fault is gone, the same cancellation commits with its messages and jobs.
    expect(await cancelBooking({ actor: { kind: 'link', token: kept.primaryToken }, input: {}, now: NOW })).toEqual({ ok: true });
    const after = await handle.db.select({ id: messages.id, kind: messages.kind }).from(messages).where(and(eq(messages.bookingId, kept.bookingId), eq(messages.kind, 'booking_cancelled')));
    expect(after).toHaveLength(2);
    expect(await jobsFor(after.map((m) => m.id))).toBe(2);
  });
});
