import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, bookings } from '../../db/schema';
import { seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { loadAvailability } from '../bookings/availability';
import { SLOT_TAKEN_MESSAGE } from '../bookings/commands';
import { getManagedBooking } from '../bookings/queries';
import { findRescheduleSlots, rescheduleAsStaff } from './reschedule';

// The real engine loader, wrapped so one test can slip a booking in between the check and the
// write (the race the exclusion constraint exists for).
vi.mock('../bookings/availability', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../bookings/availability')>();
  return { ...actual, loadAvailability: vi.fn(actual.loadAvailability) };
});

// Thursday 3 December 2026, 09:00 in New York (EST): the practice has just opened.
const NOW = new Date('2026-12-03T14:00:00Z');
const iso = (s: string) => new Date(s).toISOString();
const minutesOf = (slots: { startMinutes: number[] }[]) => slots.flatMap((s) => s.startMinutes.map((m) => new Date(m * 60_000).toISOString()));

let handle: DatabaseHandle;
let world: StaffWorld;

withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const frontDesk = () => world.actors['front desk'];
const startOf = async (bookingId: string) =>
  (await handle.db.select({ startsAt: bookings.startsAt, rescheduleCount: bookings.rescheduleCount }).from(bookings).where(eq(bookings.id, bookingId)))[0]!;
const audits = (bookingId: string) =>
  handle.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, bookingId), eq(auditEvents.action, 'booking.rescheduled')));

describe(`staff reschedule on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('moves a booking like a client would when notice is not overridden', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-08T15:00:00Z') });
    const result = await rescheduleAsStaff({ actor: frontDesk(), bookingId: b.id, startsAt: '2026-12-08T18:30:00Z', overrideNotice: false, now: NOW });
    expect(result).toEqual({ ok: true, startsAt: iso('2026-12-08T18:30:00Z'), endsAt: iso('2026-12-08T19:20:00Z'), told: expect.any(Array) });
    expect(await startOf(b.id)).toEqual({ startsAt: new Date('2026-12-08T18:30:00Z'), rescheduleCount: 1 });
    // The client's private link shows the new time.
    expect((await getManagedBooking({ actor: { kind: 'link', token: b.primaryToken }, now: NOW }))?.startsAt).toBe(iso('2026-12-08T18:30:00Z'));
    const [audit] = await audits(b.id);
    expect(audit).toMatchObject({
      actorKind: 'staff',
      actorId: frontDesk().userId,
      detail: { by: 'staff', from: iso('2026-12-08T15:00:00Z'), to: iso('2026-12-08T18:30:00Z'), overrideNotice: false },
    });
  });

  it('overrides the client cutoff and the minimum notice only when asked', async () => {
    // This afternoon's consultation, moved to 09:30 this morning (30 minutes away; notice is 60).
    const b = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-03T20:00:00Z') });
    const target = '2026-12-03T14:30:00.000Z';

    const refused = await rescheduleAsStaff({ actor: frontDesk(), bookingId: b.id, startsAt: target, overrideNotice: false, now: NOW });
    expect(refused).toMatchObject({ ok: false, reason: 'too_late', message: expect.stringMatching(/override notice/) });
    expect(await findRescheduleSlots({ actor: frontDesk(), bookingId: b.id, overrideNotice: false, now: NOW })).toMatchObject({ ok: false, reason: 'too_late' });

    const options = await findRescheduleSlots({ actor: frontDesk(), bookingId: b.id, overrideNotice: true, now: NOW });
    if (!options.ok) throw new Error('expected slots');
    expect(options).toMatchObject({
      overrideNotice: true,
      timeZone: 'America/New_York',
      type: { durationMinutes: 50 },
      // The type's 60-minute notice, and the practice's 24-hour cutoff before 15:00 EST.
      noticeEndsAt: iso('2026-12-03T15:00:00Z'),
      clientCutoffAt: iso('2026-12-02T20:00:00Z'),
    });
    const offered = minutesOf(options.slots);
    expect(offered[0]).toBe(iso('2026-12-03T14:00:00Z')); // right now is bookable with notice overridden
    expect(offered).toContain(target);
    expect(offered).toContain(iso('2026-12-03T20:00:00Z')); // its own time is not busy

    const moved = await rescheduleAsStaff({ actor: frontDesk(), bookingId: b.id, startsAt: target, overrideNotice: true, now: NOW });
    expect(moved).toMatchObject({ ok: true, startsAt: target });
    const [audit] = await audits(b.id);
    expect(audit?.detail).toMatchObject({ overrideNotice: true });
  });

  it('never moves a booking into the past or outside hours, even with the override', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-04T15:00:00Z') });
    for (const startsAt of ['2026-12-02T15:00:00Z', '2026-12-03T13:00:00Z', '2026-12-04T23:00:00Z', '2026-12-05T15:00:00Z', '2026-12-04T15:10:00Z']) {
      const result = await rescheduleAsStaff({ actor: frontDesk(), bookingId: b.id, startsAt, overrideNotice: true, now: NOW });
      expect(result, startsAt).toMatchObject({ ok: false, reason: 'slot_taken' });
      if (result.ok || result.reason !== 'slot_taken') continue;
      expect(result.alternatives.length).toBeGreaterThan(0);
      for (const alt of result.alternatives) expect(new Date(alt.startsAt).getTime()).toBeGreaterThanOrEqual(NOW.getTime());
    }
    expect((await startOf(b.id)).startsAt).toEqual(new Date('2026-12-04T15:00:00Z'));
  });

  it('refuses an overlap with another booking, offering the nearest free times', async () => {
    const other = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-07T16:00:00Z') });
    const b = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-07T19:00:00Z') });
    // 16:30 overlaps the other booking (16:00–17:00 with its buffer).
    const result = await rescheduleAsStaff({ actor: frontDesk(), bookingId: b.id, startsAt: '2026-12-07T16:30:00Z', overrideNotice: true, now: NOW });
    expect(result).toMatchObject({ ok: false, reason: 'slot_taken' });
    if (result.ok || result.reason !== 'slot_taken') return;
    const alternatives = result.alternatives.map((a) => a.startsAt);
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives).not.toContain(iso('2026-12-07T16:00:00Z'));
    expect(alternatives).not.toContain(iso('2026-12-07T16:30:00Z'));
    expect(alternatives).toContain(iso('2026-12-07T17:00:00Z'));
    expect((await startOf(b.id)).startsAt).toEqual(new Date('2026-12-07T19:00:00Z'));
    expect((await startOf(other.id)).startsAt).toEqual(new Date('2026-12-07T16:00:00Z'));
  });

  it('a booking that lands between the check and the write wins: the move is refused as taken', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-09T15:00:00Z') });
    const target = new Date('2026-12-09T18:00:00Z');
    const real = (await vi.importActual<typeof import('../bookings/availability')>('../bookings/availability')).loadAvailability;
    let intruder: string | undefined;
    vi.mocked(loadAvailability).mockImplementationOnce(async (db, params) => {
      const ctx = await real(db, params); // the engine sees the target as free…
      intruder = (await seedBooking(handle.db, world, { startsAt: target })).id; // …then someone books it
      return ctx;
    });

    const result = await rescheduleAsStaff({ actor: frontDesk(), bookingId: b.id, startsAt: target.toISOString(), overrideNotice: true, now: NOW });
    expect(intruder).toBeDefined();
    expect(result).toMatchObject({ ok: false, reason: 'slot_taken', message: SLOT_TAKEN_MESSAGE });
    if (result.ok || result.reason !== 'slot_taken') return;
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(result.alternatives.map((a) => a.startsAt)).not.toContain(target.toISOString());
    // Nothing moved, nothing audited.
    expect((await startOf(b.id)).startsAt).toEqual(new Date('2026-12-09T15:00:00Z'));
    expect(await audits(b.id)).toHaveLength(0);
  });

  it('refuses to move a cancelled or finished consultation, and checks the new time', async () => {
    const cancelled = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-10T15:00:00Z'), status: 'cancelled' });
    expect(await rescheduleAsStaff({ actor: frontDesk(), bookingId: cancelled.id, startsAt: '2026-12-10T18:00:00Z', overrideNotice: true, now: NOW })).toMatchObject({
      ok: false,
      reason: 'closed',
    });
    const b = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-10T18:00:00Z') });
    expect(await rescheduleAsStaff({ actor: frontDesk(), bookingId: b.id, startsAt: 'tomorrow at ten', overrideNotice: false, now: NOW })).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: { startsAt: 'Please choose a new time.' },
    });
  });
});
