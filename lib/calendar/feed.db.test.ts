import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, bookings, clinicians } from '../../db/schema';
import { CLIENT_NOTE, seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { AppError } from '../errors';
import { rescheduleAsStaff } from '../staff/reschedule';
import { cancelAsStaff } from '../staff/staff-commands';
import { buildCalendarFeed, createCalendarFeed, getCalendarFeedSettings, revokeCalendarFeed, setCalendarFeedShowsNames } from './feed';

// Tuesday 1 December 2026, 09:00 in New York. Seeded bookings start from Thursday 3 December.
const NOW = new Date('2026-12-01T14:00:00Z');
const DAY = 86_400_000;

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const own = () => world.actors['own clinician'];
const ownFeed = () => ({ actor: own(), clinicianId: world.clinician.id });
const tokenOf = (url: string) => /\/api\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(url)![1]!;

/** The feed behind a token, parsed with ical.js: its events by booking id. */
async function feedEvents(token: string, now = NOW) {
  const text = await buildCalendarFeed({ token, now });
  if (text === null) return null;
  const calendar = new ICAL.Component(ICAL.parse(text));
  const byBooking = new Map<string, ICAL.Component>();
  for (const event of calendar.getAllSubcomponents('vevent')) byBooking.set(String(event.getFirstPropertyValue('uid')).replace(/@haven$/, ''), event);
  return { text, calendar, byBooking };
}

async function auditsFor(clinicianId: string) {
  return handle.db
    .select({ action: auditEvents.action, actorId: auditEvents.actorId, detail: auditEvents.detail, occurredAt: auditEvents.occurredAt })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, 'clinician'), eq(auditEvents.subjectId, clinicianId)))
    .orderBy(auditEvents.occurredAt, auditEvents.id);
}

describe(`the clinician's calendar feed on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it("serves the clinician's own bookings in the window, with initials, TENTATIVE requests, past consultations, and nothing of anyone else", async () => {
    expect(await getCalendarFeedSettings(ownFeed())).toEqual({ enabled: false, showsNames: false, title: 'Appointment' });
    const issued = await createCalendarFeed({ ...ownFeed(), now: NOW });
    expect(issued.replaced).toBe(false);
    expect(issued.url).toMatch(/^https?:\/\/[^/]+\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = tokenOf(issued.url);
    expect(await getCalendarFeedSettings(ownFeed())).toEqual({ enabled: true, showsNames: false, title: 'Appointment' });
    // Only the hash is stored.
    const [row] = await handle.db.select({ hash: clinicians.calendarFeedTokenHash }).from(clinicians).where(eq(clinicians.id, world.clinician.id));
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.hash).not.toContain(token);

    const confirmed = await seedBooking(handle.db, world, { startsAt: world.slots(), clientName: 'Jordan Díaz' });
    const couple = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-request', clientName: 'Alex Morgan' });
    const completed = await seedBooking(handle.db, world, { startsAt: new Date(NOW.getTime() - 10 * DAY), status: 'completed', clientName: 'Pat Quinn' });
    const tooOld = await seedBooking(handle.db, world, { startsAt: new Date(NOW.getTime() - 31 * DAY), status: 'completed' });
    const tooFar = await seedBooking(handle.db, world, { startsAt: new Date(NOW.getTime() + 366 * DAY) });
    const cancelled = await seedBooking(handle.db, world, { startsAt: world.slots(), status: 'cancelled' });
    const colleagues = await seedBooking(handle.db, world, { startsAt: world.slots(), clinicianId: world.otherClinician.id, clientName: 'Colleague Client' });
    const elsewhere = await seedBooking(handle.db, world.elsewhere, { startsAt: world.slots(), clientName: 'Faraway Client' });

    const feed = (await feedEvents(token))!;
    expect([...feed.byBooking.keys()].sort()).toEqual([confirmed.id, couple.id, completed.id].sort());
    const c = feed.byBooking.get(confirmed.id)!;
    expect(c.getFirstPropertyValue('summary')).toBe('Appointment · J. D.');
    expect(c.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(c.getFirstPropertyValue('sequence')).toBe(0);
    expect(c.getFirstPropertyValue('location')).toBe('Video');
    expect((c.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate()).toEqual(confirmed.startsAt);
    const r = feed.byBooking.get(couple.id)!;
    expect(r.getFirstPropertyValue('summary')).toBe('Appointment · A. M. & R. P. (request)');
    expect(r.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(feed.byBooking.get(completed.id)!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    // No names, no type names, no note, no contact details, nobody else's bookings.
    for (const word of ['Jordan', 'Morgan', 'Riley', 'Couples', 'Individual', CLIENT_NOTE, '@example.com', '555-0199', 'Colleague', 'Faraway', tooOld.id, tooFar.id, cancelled.id, colleagues.id, elsewhere.id]) {
      expect(feed.text).not.toContain(word);
    }

    const audits = await auditsFor(world.clinician.id);
    expect(audits.map((a) => a.action)).toEqual(['calendar_feed.created']);
    expect(audits[0]!.actorId).toBe(own().userId);
    expect(JSON.stringify(audits)).not.toContain(token);
  });

  it('shows full names once the clinician turns them on, and initials again when turned off (each audited)', async () => {
    const { url } = await createCalendarFeed({ ...ownFeed(), now: NOW });
    const token = tokenOf(url);
    const b = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-video', clientName: 'Sam Lee' });
    expect(await setCalendarFeedShowsNames({ ...ownFeed(), showsNames: true, now: new Date(NOW.getTime() + 10 * 60_000) })).toEqual({ showsNames: true, changed: true });
    expect((await feedEvents(token))!.byBooking.get(b.id)!.getFirstPropertyValue('summary')).toBe('Appointment · Sam Lee & Riley Partner');
    expect(await setCalendarFeedShowsNames({ ...ownFeed(), showsNames: true })).toEqual({ showsNames: true, changed: false });
    expect(await setCalendarFeedShowsNames({ ...ownFeed(), showsNames: false, now: new Date(NOW.getTime() + 11 * 60_000) })).toEqual({ showsNames: false, changed: true });
    expect((await feedEvents(token))!.byBooking.get(b.id)!.getFirstPropertyValue('summary')).toBe('Appointment · S. L. & R. P.');
    const changes = (await auditsFor(world.clinician.id)).filter((a) => a.action === 'calendar_feed.names_changed');
    expect(changes.map((a) => a.detail)).toEqual([{ showsNames: true }, { showsNames: false }]);
  });

  it('follows a reschedule and a cancellation, with the booking\'s calendar SEQUENCE', async () => {
    const token = tokenOf((await createCalendarFeed({ ...ownFeed(), now: NOW })).url);
    const b = await seedBooking(handle.db, world, { startsAt: world.slots() });
    const target = world.slots();
    expect(await rescheduleAsStaff({ actor: world.actors['front desk'], bookingId: b.id, startsAt: target.toISOString(), overrideNotice: false, now: NOW })).toMatchObject({ ok: true });
    const [moved] = await handle.db.select({ sequence: bookings.calendarSequence }).from(bookings).where(eq(bookings.id, b.id));
    let event = (await feedEvents(token))!.byBooking.get(b.id)!;
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate()).toEqual(target);
    expect(event.getFirstPropertyValue('sequence')).toBe(moved!.sequence);
    // The messaging code raises the sequence with every change a calendar should follow: the feed carries it.
    await handle.db.update(bookings).set({ calendarSequence: moved!.sequence + 1 }).where(eq(bookings.id, b.id));
    event = (await feedEvents(token))!.byBooking.get(b.id)!;
    expect(event.getFirstPropertyValue('sequence')).toBe(moved!.sequence + 1);

    expect(await cancelAsStaff({ actor: own(), bookingId: b.id, reason: 'Clinician unwell', now: NOW })).toMatchObject({ ok: true });
    const after = (await feedEvents(token))!;
    expect(after.byBooking.has(b.id)).toBe(false);
    expect(after.text).not.toContain('unwell');
  });

  it('stops the old address at once when a new one is made, and every address when turned off', async () => {
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
    await revokeCalendarFeed({ ...ownFeed(), now: at(1) });
    const first = tokenOf((await createCalendarFeed({ ...ownFeed(), now: at(2) })).url);
    const second = await createCalendarFeed({ ...ownFeed(), now: at(3) });
    expect(second.replaced).toBe(true);
    expect(await buildCalendarFeed({ token: first, now: NOW })).toBeNull();
    expect(await buildCalendarFeed({ token: tokenOf(second.url), now: NOW })).not.toBeNull();

    expect(await revokeCalendarFeed({ ...ownFeed(), now: at(4) })).toEqual({ revoked: true });
    expect(await buildCalendarFeed({ token: tokenOf(second.url), now: NOW })).toBeNull();
    expect(await getCalendarFeedSettings(ownFeed())).toMatchObject({ enabled: false });
    expect(await revokeCalendarFeed({ ...ownFeed(), now: at(5) })).toEqual({ revoked: false });
    const actions = (await auditsFor(world.clinician.id)).filter((a) => a.occurredAt > NOW && a.occurredAt <= at(5)).map((a) => a.action);
    expect(actions).toEqual(['calendar_feed.revoked', 'calendar_feed.created', 'calendar_feed.regenerated', 'calendar_feed.revoked']);
  });

  it('stops serving a clinician who is no longer active, and serves them again if reactivated', async () => {
    const live = tokenOf((await createCalendarFeed({ ...ownFeed(), now: new Date(NOW.getTime() + 6 * 60_000) })).url);
    expect(await buildCalendarFeed({ token: live, now: NOW })).not.toBeNull();
    await handle.db.update(clinicians).set({ active: false }).where(eq(clinicians.id, world.clinician.id));
    try {
      expect(await buildCalendarFeed({ token: live, now: NOW })).toBeNull();
    } finally {
      await handle.db.update(clinicians).set({ active: true }).where(eq(clinicians.id, world.clinician.id));
    }
    expect(await buildCalendarFeed({ token: live, now: NOW })).not.toBeNull();
  });

  it('answers null for unknown and malformed tokens alike', async () => {
    for (const token of ['A'.repeat(43), 'short', '../../etc/passwd', 'A'.repeat(42) + '=', '', 'A'.repeat(44)]) {
      expect(await buildCalendarFeed({ token, now: NOW })).toBeNull();
    }
  });

  it("lets nobody but the clinician touch their feed: a colleague, the front desk and another practice get not found, and nothing changes", async () => {
    await createCalendarFeed({ ...ownFeed(), now: NOW });
    const [before] = await handle.db.select().from(clinicians).where(eq(clinicians.id, world.clinician.id));
    const auditCount = (await auditsFor(world.clinician.id)).length;
    for (const name of ['other clinician', 'front desk', 'other practice'] as const) {
      const actor = world.actors[name];
      const calls = [
        () => getCalendarFeedSettings({ actor, clinicianId: world.clinician.id }),
        () => createCalendarFeed({ actor, clinicianId: world.clinician.id }),
        () => revokeCalendarFeed({ actor, clinicianId: world.clinician.id }),
        () => setCalendarFeedShowsNames({ actor, clinicianId: world.clinician.id, showsNames: true }),
      ];
      for (const call of calls) {
        const error = await call().then(() => null, (e: unknown) => e);
        expect(error, name).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('NOT_FOUND');
      }
    }
    for (const clinicianId of ['not-a-uuid', crypto.randomUUID()]) {
      await expect(createCalendarFeed({ actor: own(), clinicianId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const [after] = await handle.db.select().from(clinicians).where(eq(clinicians.id, world.clinician.id));
    expect(after).toEqual(before);
    expect((await auditsFor(world.clinician.id)).length).toBe(auditCount);
  });
});
