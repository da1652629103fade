import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookings } from '../../db/schema';
import { bookingInput } from '../../tests/support/practice-fixture';
import { type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { rescheduleAsStaff } from '../staff/reschedule';
import { bookConsultation, rescheduleBooking } from './commands';

/*
 * A refused time says what happened: too soon (inside the notice), too far ahead (beyond the
 * horizon), or an invalid value — not "just taken", and never a server error.
 * The fixture's types: 60 minutes' notice, a 60-day horizon, Mon–Fri 09:00–17:00 New York.
 */

// Tuesday 1 December 2026, 09:00 in New York (EST, UTC−5).
const NOW = new Date('2026-12-01T14:00:00Z');
const DAY = 86_400_000;
const HORIZON_END = NOW.getTime() + 60 * DAY;

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

let ip = 0;
const book = (startsAt: string) =>
  bookConsultation({
    input: bookingInput({ typeSlug: 'solo-video', startsAt, clinicianId: world.clinician.id }),
    requester: { ip: `192.0.2.${++ip}` },
    practiceSlug: world.practice.slug,
    now: NOW,
  });

describe(`refusals say what happened on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('a time inside the notice window is "too soon", with the first times after it', async () => {
    const result = await book('2026-12-01T14:30:00.000Z'); // 09:30, 30 minutes away
    expect(result).toMatchObject({
      ok: false,
      reason: 'slot_taken',
      why: 'too_soon',
      message: "That time is too soon: bookings need 1 hour's notice. Here are the nearest free times.",
    });
    if (result.ok || result.reason !== 'slot_taken') return;
    expect(result.alternatives.length).toBeGreaterThan(0);
    for (const a of result.alternatives) expect(Date.parse(a.startsAt)).toBeGreaterThanOrEqual(NOW.getTime() + 3_600_000);
  });

  it('a time beyond the horizon is "too far ahead", with the latest bookable times', async () => {
    const result = await book('2027-03-01T15:00:00.000Z'); // a Monday 10:00, 90 days ahead
    expect(result).toMatchObject({
      ok: false,
      reason: 'slot_taken',
      why: 'too_far',
      message: 'That time is too far ahead: bookings open up to 60 days ahead. Here are the latest free times.',
    });
    if (result.ok || result.reason !== 'slot_taken') return;
    expect(result.alternatives.length).toBeGreaterThan(0);
    for (const a of result.alternatives) {
      expect(Date.parse(a.startsAt)).toBeLessThan(HORIZON_END);
      expect(Date.parse(a.startsAt)).toBeGreaterThan(HORIZON_END - 14 * DAY);
    }
  });

  it('a start in year 9999, or one that is not a time, is an invalid field, not a server error', async () => {
    for (const startsAt of ['9999-12-31T15:00:00.000Z', '2026-02-31T15:00:00Z', 'next tuesday']) {
      const result = await book(startsAt);
      expect(result, startsAt).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { startsAt: 'Please choose a time.' } });
    }
  });

  it('a client reschedule says the same', async () => {
    const booked = await book('2026-12-09T15:00:00.000Z');
    if (!booked.ok) throw new Error('set-up booking refused');
    const move = (startsAt: string) =>
      rescheduleBooking({
        actor: { kind: 'link', token: booked.primaryToken },
        input: { startsAt, clinicianId: world.clinician.id, clientTimeZone: 'Europe/Berlin' },
        now: NOW,
      });
    expect(await move('2027-03-01T15:00:00.000Z')).toMatchObject({ ok: false, reason: 'slot_taken', why: 'too_far', message: expect.stringMatching(/up to 60 days ahead/) });
    expect(await move('2026-12-01T14:30:00.000Z')).toMatchObject({ ok: false, reason: 'slot_taken', why: 'too_soon', message: expect.stringMatching(/1 hour's notice/) });
    expect(await move('9999-12-31T15:00:00.000Z')).toMatchObject({ ok: false, reason: 'invalid' });
    const [row] = await handle.db.select({ startsAt: bookings.startsAt }).from(bookings).where(eq(bookings.id, booked.bookingId));
    expect(row!.startsAt.toISOString()).toBe('2026-12-09T15:00:00.000Z');
  });

  it('a staff reschedule says the same (and the override only lifts the notice)', async () => {
    const booked = await book('2026-12-10T15:00:00.000Z');
    if (!booked.ok) throw new Error('set-up booking refused');
    const move = (startsAt: string, overrideNotice = false) =>
      rescheduleAsStaff({ actor: world.actors['front desk'], bookingId: booked.bookingId, startsAt, overrideNotice, now: NOW });
    expect(await move('2027-03-01T15:00:00.000Z')).toMatchObject({ ok: false, reason: 'slot_taken', why: 'too_far', message: expect.stringMatching(/up to 60 days ahead/) });
    expect(await move('2026-12-01T14:30:00.000Z')).toMatchObject({ ok: false, reason: 'slot_taken', why: 'too_soon', message: expect.stringMatching(/1 hour's notice/) });
    expect(await move('2026-12-01T13:30:00.000Z', true)).toMatchObject({ ok: false, reason: 'slot_taken', why: 'past', message: expect.stringMatching(/already passed/) });
    await expect(move('9999-12-31T15:00:00.000Z')).resolves.toMatchObject({ ok: false, reason: 'invalid' });
  });
});
