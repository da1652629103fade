import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { countQueries } from '../../db/query-counter';
import { seedBooking, slotAllocator, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { findSchedule, SEARCH_LIMIT, searchBookings } from './schedule-queries';

let handle: DatabaseHandle;
let world: StaffWorld;

withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const HOUR = 3_600_000;

describe(`findSchedule on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  // The week of Monday 7 December 2026 (New York).
  const weekFrom = new Date('2026-12-07T05:00:00Z');
  const weekTo = new Date('2026-12-14T05:00:00Z');

  it('lists the week across all clinicians in ONE query, with what the schedule shows', async () => {
    const db = handle.db;
    const solo = await seedBooking(db, world, { startsAt: new Date('2026-12-07T15:00:00Z'), clientName: 'Avery Stone' });
    const couple = await seedBooking(db, world, { startsAt: new Date('2026-12-08T16:00:00Z'), typeSlug: 'couple-video', clientName: 'Sam Lake' });
    const colleague = await seedBooking(db, world, { startsAt: new Date('2026-12-08T16:00:00Z'), clinicianId: world.otherClinician.id, clientName: 'Jo Field' });
    const request = await seedBooking(db, world, { startsAt: new Date('2026-12-09T18:00:00Z'), typeSlug: 'couple-request', clientName: 'Kai Moss' });
    const cancelled = await seedBooking(db, world, { startsAt: new Date('2026-12-10T15:00:00Z'), status: 'cancelled' });
    // Outside the week, and another practice's booking inside it: neither appears.
    await seedBooking(db, world, { startsAt: new Date('2026-12-14T15:00:00Z') });
    await seedBooking(db, world.elsewhere, { startsAt: new Date('2026-12-07T15:00:00Z') });

    for (const actor of [world.actors['front desk'], world.actors['own clinician'], world.actors['other clinician']]) {
      const { result, queries } = await countQueries(() => findSchedule({ actor, from: weekFrom, to: weekTo }));
      expect(queries).toBe(1);
      expect(result.practice).toEqual({ name: world.practice.name, timeZone: 'America/New_York' });
      expect(result.from).toBe(weekFrom.toISOString());
      // By start, then clinician name ("Dr. Other…" before "Dr. Test") for the same start.
      expect(result.entries.map((e) => e.id)).toEqual([solo.id, colleague.id, couple.id, request.id]);
    }

    const { entries } = await findSchedule({ actor: world.actors['front desk'], from: weekFrom, to: weekTo });
    expect(entries.find((e) => e.id === couple.id)).toEqual({
      id: couple.id,
      reference: couple.id.slice(0, 8).toUpperCase(),
      status: 'confirmed',
      startsAt: '2026-12-08T16:00:00.000Z',
      endsAt: '2026-12-08T17:20:00.000Z',
      clientTimeZone: 'Europe/Berlin',
      clientName: 'Sam Lake',
      partnerName: 'Riley Partner',
      clinician: { id: world.clinician.id, displayName: world.clinician.displayName },
      type: { title: 'Couples (video)', modality: 'video', durationMinutes: 80, audience: 'couple', bookingMode: 'instant' },
    });
    expect(entries.find((e) => e.id === request.id)).toMatchObject({ status: 'requested', type: { modality: 'in_person', bookingMode: 'request' } });
    expect(entries.find((e) => e.id === colleague.id)?.clinician.id).toBe(world.otherClinician.id);

    const withCancelled = await findSchedule({ actor: world.actors['front desk'], from: weekFrom, to: weekTo, includeCancelled: true });
    expect(withCancelled.entries.find((e) => e.id === cancelled.id)?.status).toBe('cancelled');

    const oneClinician = await findSchedule({ actor: world.actors['front desk'], from: weekFrom, to: weekTo, clinicianId: world.otherClinician.id });
    expect(oneClinician.entries.map((e) => e.id)).toEqual([colleague.id]);
  });

  it('includes a consultation that overlaps the edge of the range', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-15T15:00:00Z') });
    const from = new Date(b.startsAt.getTime() + 30 * 60_000); // halfway through
    const { entries } = await findSchedule({ actor: world.actors['front desk'], from, to: new Date(from.getTime() + HOUR) });
    expect(entries.map((e) => e.id)).toEqual([b.id]);
    const after = await findSchedule({ actor: world.actors['front desk'], from: new Date(b.startsAt.getTime() + 50 * 60_000), to: new Date(b.startsAt.getTime() + 2 * HOUR) });
    expect(after.entries.map((e) => e.id)).not.toContain(b.id);
  });

  it('returns the zone for an empty range, still in one query', async () => {
    const { result, queries } = await countQueries(() =>
      findSchedule({ actor: world.actors['front desk'], from: '2027-06-01T00:00:00Z', to: '2027-06-08T00:00:00Z' }),
    );
    expect(queries).toBe(1);
    expect(result).toMatchObject({ practice: { timeZone: 'America/New_York' }, entries: [] });
  });

  it('refuses a backwards or too-long range with a clear message', async () => {
    const actor = world.actors['front desk'];
    await expect(findSchedule({ actor, from: weekTo, to: weekFrom })).rejects.toMatchObject({ code: 'INVALID', message: 'The end must be after the start.' });
    await expect(findSchedule({ actor, from: weekFrom, to: new Date(weekFrom.getTime() + 70 * 24 * HOUR) })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/at most 62 days/),
    });
    await expect(findSchedule({ actor, from: 'yesterday', to: weekTo })).rejects.toMatchObject({ code: 'INVALID' });
  });
});

describe(`searchBookings on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  const slots = slotAllocator('2027-01-04');

  it('finds by name or email, case-insensitively, and by phone digits in any format', async () => {
    const db = handle.db;
    const b = await seedBooking(db, world, { startsAt: slots(), clientName: 'Morgan Okafor', clientEmail: 'morgan.okafor@example.org', clientPhone: '(917) 555-0142' });
    const couple = await seedBooking(db, world, { startsAt: slots(), typeSlug: 'couple-video', clientName: 'Dana Quill' });
    const fd = world.actors['front desk'];
    for (const query of ['morgan', 'OKAFOR', 'gan oka', 'morgan.okafor@EXAMPLE', '917 555 0142', '9175550142', '917-555-0142', '555-0142']) {
      const hits = await searchBookings({ actor: fd, query });
      expect(hits.map((h) => h.id), query).toContain(b.id);
    }
    const [hit] = await searchBookings({ actor: fd, query: 'Morgan Okafor' });
    expect(hit).toMatchObject({ id: b.id, clientEmail: 'morgan.okafor@example.org', clientPhone: '(917) 555-0142' });
    // The partner of a couple can be found too.
    expect((await searchBookings({ actor: fd, query: 'riley partner' })).map((h) => h.id)).toContain(couple.id);
    // Two digits are too few to match phones (they would match almost everyone).
    expect((await searchBookings({ actor: fd, query: '42' })).map((h) => h.id)).not.toContain(b.id);
  });

  it('treats %, _ and \\ as plain characters', async () => {
    const db = handle.db;
    const underscore = await seedBooking(db, world, { startsAt: slots(), clientName: 'Ann_Lee Wildcard' });
    const lookalike = await seedBooking(db, world, { startsAt: slots(), clientName: 'AnnXLee Wildcard' });
    const fd = world.actors['front desk'];
    const ids = (await searchBookings({ actor: fd, query: 'n_L' })).map((h) => h.id);
    expect(ids).toContain(underscore.id);
    expect(ids).not.toContain(lookalike.id);
    expect(await searchBookings({ actor: fd, query: '%%' })).toEqual([]);
    expect(await searchBookings({ actor: fd, query: '\\%' })).toEqual([]);
  });

  it('returns at most 25, the latest appointment first, only from the actor\'s practice', async () => {
    const db = handle.db;
    const surname = `Zyx${crypto.randomUUID().slice(0, 6)}`;
    const made = [];
    for (let i = 0; i < SEARCH_LIMIT + 2; i++) made.push(await seedBooking(db, world, { startsAt: slots(), clientName: `Pat ${surname}` }));
    await seedBooking(db, world.elsewhere, { startsAt: slots(), clientName: `Pat ${surname}` });
    const hits = await searchBookings({ actor: world.actors['own clinician'], query: surname.toLowerCase() });
    expect(hits).toHaveLength(SEARCH_LIMIT);
    const expectedIds = [...made].sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime()).slice(0, SEARCH_LIMIT).map((b) => b.id);
    expect(hits.map((h) => h.id)).toEqual(expectedIds);
    expect(await searchBookings({ actor: world.actors['other practice'], query: surname })).toHaveLength(1);
  });

  it('asks for at least two characters', async () => {
    await expect(searchBookings({ actor: world.actors['front desk'], query: ' a ' })).rejects.toMatchObject({ code: 'INVALID' });
  });
});
