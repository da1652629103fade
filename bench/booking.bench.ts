/**
 * Booking benchmark: `npx tsx bench/booking.bench.ts` (or `npm run bench:booking`).
 *
 * The server work of one public booking (bookConsultation: validation, availability, the
 * transaction with its locks, re-check, insert, links, audit — and, since issue 8, the messages
 * and their delivery jobs written in that same transaction), 150 bookings one after another on
 * distinct free times of one clinician, individual and couple types alternating; on the embedded
 * PGlite and, when one answers at BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * a fresh PostgreSQL database. Then the cost of writing a booking's messages alone
 * (notifyBookingChange for a new couple booking: 5 message rows and 5 jobs) in its own transaction.
 * Prints numbers; not a timed test. Runs unchanged on commits from before messaging (the
 * messages part is skipped there), which is how the before/after numbers in the README were taken.
 */
import { performance } from 'node:perf_hooks';
import { exitOnError, onPgliteAndPostgres, percentile, type Open } from './support/harness';

const BOOKINGS = 150;
const WARMUP = 10;
const NOW = new Date('2026-12-01T14:00:00Z'); // Tue 09:00 in New York

function stats(samples: number[]): string {
  const at = (p: number) => percentile(samples, p);
  return `median ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms (n=${samples.length})`;
}

/** Free starts: weekdays 09:00, 11:00, 13:00 and 15:00 New York (an 80-minute couple type fits between), from tomorrow (the fixture's hours). */
function starts(count: number): string[] {
  const out: string[] = [];
  for (let day = 1; out.length < count; day++) {
    const d = new Date(NOW.getTime() + day * 86_400_000);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
    for (let hour = 14; hour <= 20 && out.length < count; hour += 2) out.push(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour)).toISOString());
  }
  return out;
}

async function run(label: string, open: Open) {
  const { useDatabaseForTests } = await import('../db/client');
  const { migrateDatabase } = await import('../db/migrator');
  const { createTestPractice, bookingInput } = await import('../tests/support/test-practice');
  const { bookConsultation } = await import('../lib/bookings/commands');
  const handle = await open();
  await migrateDatabase(handle);
  useDatabaseForTests(handle);
  const fx = await createTestPractice(handle.db, { maxOpenBookingsPerEmail: 1000 });
  await handle.db.update((await import('../db/schema')).consultationTypes).set({ horizonDays: 120 });
  const times: number[] = [];
  const ids: string[] = [];
  const slots = starts(BOOKINGS + WARMUP);
  for (const [i, startsAt] of slots.entries()) {
    const couple = i % 2 === 1;
    const input = bookingInput({
      typeSlug: couple ? 'couple-video' : 'solo-video',
      startsAt,
      clinicianId: fx.clinician.id,
      ...(couple ? { partnerName: 'Sam Partner', partnerEmail: `partner${i}@example.com` } : {}),
    });
    const t = performance.now();
    const result = await bookConsultation({ input, requester: { ip: null }, practiceSlug: fx.practice.slug, now: NOW });
    const ms = performance.now() - t;
    if (!result.ok) throw new Error(`booking ${i} refused: ${result.reason}`);
    if (i >= WARMUP) times.push(ms);
    ids.push(result.bookingId);
  }
  console.log(`${label}: bookConsultation ${stats(times)}`);

  const messaging = await import('../lib/messaging/booking-messages').catch(() => null);
  if (messaging) {
    const enqueueTimes: number[] = [];
    for (const bookingId of ids.filter((_, i) => i % 2 === 1)) {
      const t = performance.now();
      await handle.db.transaction((tx) => messaging.notifyBookingChange(tx, { bookingId, change: { event: 'booked' }, now: NOW }));
      enqueueTimes.push(performance.now() - t);
    }
    console.log(`${label}: a couple booking's messages (5 rows + 5 jobs, own transaction) ${stats(enqueueTimes.slice(5))}`);
  }
  await handle.close();
}

onPgliteAndPostgres(run).catch(exitOnError);
