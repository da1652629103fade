import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookingLinks, bookings } from '../../db/schema';
import { seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { hashLinkToken } from './link-tokens';
import { rescheduleBooking } from './commands';
import { buildBookingIcs, getManagedBooking } from './queries';

// Tuesday 1 December 2026, 09:00 in New York; seeded bookings start from Thursday 3 December.
const NOW = new Date('2026-12-01T14:00:00Z');

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const link = (token: string) => ({ kind: 'link' as const, token });

describe(`what each private link shows, on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it("keeps each partner's own zone: the partner who moves it keeps theirs, the other partner keeps theirs", async () => {
    const b = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-video' });
    await handle.db.update(bookings).set({ clientTimeZone: 'Australia/Lord_Howe' }).where(eq(bookings.id, b.id));
    await handle.db.update(bookingLinks).set({ timeZone: 'Australia/Lord_Howe' }).where(eq(bookingLinks.tokenHash, hashLinkToken(b.primaryToken)));

    // Before the partner has picked anything, their zone is unknown: the page detects it (never partner A's).
    expect(await getManagedBooking({ actor: link(b.partnerToken!), now: NOW })).toMatchObject({ holder: 'partner', holderTimeZone: null });

    const target = world.slots();
    expect(
      await rescheduleBooking({
        actor: link(b.partnerToken!),
        input: { startsAt: target.toISOString(), clinicianId: world.clinician.id, clientTimeZone: 'Europe/London' },
        now: NOW,
      }),
    ).toEqual({ ok: true });

    expect(await getManagedBooking({ actor: link(b.partnerToken!), now: NOW })).toMatchObject({ startsAt: target.toISOString(), holderTimeZone: 'Europe/London' });
    expect(await getManagedBooking({ actor: link(b.primaryToken), now: NOW })).toMatchObject({ startsAt: target.toISOString(), holderTimeZone: 'Australia/Lord_Howe' });
    // The booking's own client zone (what staff see beside the practice time) stays as booked.
    const [row] = await handle.db.select({ zone: bookings.clientTimeZone }).from(bookings).where(eq(bookings.id, b.id));
    expect(row?.zone).toBe('Australia/Lord_Howe');
  });

  it('ignores a zone that is not an IANA name, and still moves the booking', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: world.slots() });
    const target = world.slots();
    const input = { startsAt: target.toISOString(), clinicianId: world.clinician.id, clientTimeZone: '+05:30' };
    expect(await rescheduleBooking({ actor: link(b.primaryToken), input, now: NOW })).toEqual({ ok: true });
    expect(await getManagedBooking({ actor: link(b.primaryToken), now: NOW })).toMatchObject({ startsAt: target.toISOString(), holderTimeZone: 'Europe/Berlin' });
  });

  it('gives a request that is not confirmed a TENTATIVE calendar file, a confirmed one CONFIRMED', async () => {
    const requested = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-request' });
    const requestedIcs = await buildBookingIcs({ actor: link(requested.primaryToken), now: NOW });
    expect(requestedIcs).toContain('STATUS:TENTATIVE\r\n');
    expect(requestedIcs).not.toContain('CONFIRMED');

    const confirmed = await seedBooking(handle.db, world, { startsAt: world.slots() });
    expect(await buildBookingIcs({ actor: link(confirmed.primaryToken), now: NOW })).toContain('STATUS:CONFIRMED\r\n');
  });

  it('gives the download the booking\'s UID and calendar SEQUENCE, the practice\'s word and a neutral place, for either partner', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-video' });
    await handle.db.update(bookings).set({ calendarSequence: 3 }).where(eq(bookings.id, b.id));
    for (const token of [b.primaryToken, b.partnerToken!]) {
      const calendar = new ICAL.Component(ICAL.parse((await buildBookingIcs({ actor: link(token), now: NOW }))!));
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      const event = calendar.getFirstSubcomponent('vevent')!;
      expect(event.getFirstPropertyValue('uid')).toBe(`${b.id}@haven`);
      expect(event.getFirstPropertyValue('sequence')).toBe(3);
      expect(event.getFirstPropertyValue('summary')).toBe('Appointment');
      expect(event.getFirstPropertyValue('location')).toBe('Video — open your private link');
      expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate()).toEqual(b.startsAt);
      expect(event.getAllProperties('attendee')).toHaveLength(0);
      expect(calendar.toString()).not.toMatch(/couple|individual|therapy|CLIENT-NOTE/i);
    }
  });
});
