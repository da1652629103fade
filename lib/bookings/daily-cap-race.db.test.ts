import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookings } from '../../db/schema';
import { addConsultationType, bookingInput } from '../../tests/support/practice-fixture';
import { type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { rescheduleAsStaff } from '../staff/reschedule';
import { bookConsultation, rescheduleBooking } from './commands';

/*
 * The daily cap under concurrency: what the cap counts (one clinician's practice-local day) is
 * serialised by lib/bookings/day-locks for client bookings, client reschedules and staff
 * reschedules. PGlite runs one transaction at a time; PostgreSQL and the Neon driver do not.
 */

// Tuesday 1 December 2026, 09:00 in New York (EST, UTC−5).
const NOW = new Date('2026-12-01T14:00:00Z');
/** A New York wall time on a December 2026 date, as an ISO instant (EST: +5 h). */
const ny = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 11, day, hour + 5, minute)).toISOString();
/** Ten distinct half-hour starts on a December 2026 weekday, 09:00–13:30 New York. */
const tenStartsOn = (day: number) => Array.from({ length: 10 }, (_, i) => ny(day, 9 + Math.floor(i / 2), (i % 2) * 30));

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

let ip = 0;
/** A free 15-minute phone call at most `cap` a day (like the demo's free call), on the world's clinician. */
async function cappedPhoneType(cap: number) {
  return addConsultationType(handle.db, world, {
    slug: `phone-${cap}-${crypto.randomUUID().slice(0, 8)}`,
    title: 'Free phone call',
    durationMinutes: 15,
    modality: 'phone',
    audience: 'individual',
    bookingMode: 'instant',
    minNoticeMinutes: 60,
    horizonDays: 60,
    incrementMinutes: 30,
    dailyCap: cap,
  });
}

function book(typeSlug: string, startsAt: string) {
  return bookConsultation({
    input: bookingInput({ typeSlug, startsAt, clinicianId: world.clinician.id }),
    requester: { ip: `198.51.${100 + Math.floor(++ip / 250)}.${ip % 250}` },
    practiceSlug: world.practice.slug,
    now: NOW,
  });
}

/** Active bookings of a type on a New York date of December 2026. */
async function activeOn(typeId: string, day: number): Promise<number> {
  const rows = await handle.db
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.consultationTypeId, typeId),
        inArray(bookings.status, ['requested', 'confirmed']),
        gte(bookings.startsAt, new Date(ny(day, 0))),
        lt(bookings.startsAt, new Date(ny(day + 1, 0))),
      ),
    );
  return rows.length;
}

function tally(outcomes: string[]): Record<string, number> {
  return outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
}

const outcomeOf = (r: { ok: true } | { ok: false; reason: string; why?: string }) => (r.ok ? 'ok' : (r.why ?? r.reason));

describe(`the daily cap under concurrency on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  // Each test on days of its own (one clinician): Wednesday 2 and Thursday 3 December.
  for (const [cap, day] of [[4, 2], [2, 3]] as const) {
    it(`10 simultaneous bookings of a cap-${cap} type on one day: exactly ${cap}, the others told the day is full`, async () => {
      const type = await cappedPhoneType(cap);
      const results = await Promise.all(tenStartsOn(day).map((startsAt) => book(type.slug, startsAt)));
      const counts = tally(results.map(outcomeOf));
      console.log(`daily cap ${cap}, 10 concurrent bookings (${handle.driver}):`, JSON.stringify(counts));
      expect(counts).toEqual({ ok: cap, day_full: 10 - cap });
      expect(await activeOn(type.id, day)).toBe(cap);
      const refused = results.find((r) => !r.ok);
      expect(refused).toMatchObject({
        reason: 'slot_taken',
        why: 'day_full',
        message: `That day is fully booked for this consultation (at most ${cap} a day). Here are the nearest free times.`,
      });
      // The nearest free times are on other days.
      if (refused && !refused.ok && refused.reason === 'slot_taken') {
        expect(refused.alternatives.length).toBeGreaterThan(0);
        for (const a of refused.alternatives) expect(a.startsAt.slice(0, 10)).not.toBe(`2026-12-0${day}`);
      }
    });
  }

  it('simultaneous client and staff reschedules into a day with one place left: exactly one gets it', async () => {
    const type = await cappedPhoneType(2);
    // One booking already on Friday 4 December (one place left) and six the next week, two a day.
    expect(await book(type.slug, ny(4, 9))).toMatchObject({ ok: true });
    const later = [ny(7, 9), ny(7, 10), ny(8, 9), ny(8, 10), ny(9, 9), ny(9, 10)];
    const moving = [];
    for (const startsAt of later) {
      const booked = await book(type.slug, startsAt);
      if (!booked.ok) throw new Error(`set-up booking refused: ${booked.reason}`);
      moving.push(booked);
    }
    const targets = tenStartsOn(4).slice(2, 8);
    const results = await Promise.all(
      moving.map((b, i) =>
        i % 2 === 0
          ? rescheduleBooking({
              actor: { kind: 'link', token: b.primaryToken },
              input: { startsAt: targets[i]!, clinicianId: world.clinician.id, clientTimeZone: 'Europe/Berlin' },
              now: NOW,
            })
          : rescheduleAsStaff({ actor: world.actors['front desk'], bookingId: b.bookingId, startsAt: targets[i]!, overrideNotice: false, now: NOW }),
      ),
    );
    const counts = tally(results.map(outcomeOf));
    console.log(`daily cap 2 with 1 place left, 6 concurrent reschedules (${handle.driver}):`, JSON.stringify(counts));
    expect(counts).toEqual({ ok: 1, day_full: 5 });
    expect(await activeOn(type.id, 4)).toBe(2);
  });
});
