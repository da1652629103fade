import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookingLinks, bookings, consultationTypes } from '../../db/schema';
import { countQueries } from '../../db/query-counter';
import { addConsultationType, bookingInput, type TestPractice, withTestPractice } from '../../tests/support/practice-fixture';
import { TEST_DATA_KEYS } from '../../tests/support/test-env';
import { decryptText, parseKeyring } from '../crypto/envelope';
import { EXCLUSION_VIOLATION, sqlStateOf } from '../errors';
import { bookConsultation, cancelBooking, noteAssociatedData, rescheduleBooking } from './commands';
import { findOpenSlots, findOpenSlotsForReschedule, getManagedBooking, buildBookingIcs } from './queries';
import { hashLinkToken } from './link-tokens';

// Tuesday 1 December 2026, 09:00 in New York (EST, UTC−5).
const NOW = new Date('2026-12-01T14:00:00Z');
// Wednesday 2 December 2026, 10:00 and 11:00 in New York.
const WED_10 = '2026-12-02T15:00:00.000Z';
const WED_11 = '2026-12-02T16:00:00.000Z';
const requester = { ip: '203.0.113.7' };

let handle: DatabaseHandle;
let fx: TestPractice;
withTestPractice((h, practice) => {
  handle = h;
  fx = practice;
});

let ipCounter = 0;
/** Each call from its own IP unless one is given, so the per-IP limit only bites where tested. */
function book(overrides: Parameters<typeof bookingInput>[0], now = NOW, ip = `203.0.113.${++ipCounter}`) {
  return bookConsultation({ input: bookingInput(overrides), requester: { ip }, practiceSlug: fx.practice.slug, now });
}
const at = (typeSlug: string, startsAt: string) => ({ typeSlug, startsAt, clinicianId: fx.clinician.id });

describe(`booking on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('lists 60 days of open times in at most two database round-trips', async () => {
    const { result, queries } = await countQueries(() => findOpenSlots({ typeSlug: 'solo-video', practiceSlug: fx.practice.slug, now: NOW }));
    expect(queries).toBeLessThanOrEqual(2);
    expect(result).not.toBeNull();
    const starts = result!.slots[0]!.startMinutes;
    // Weekdays 09:00–17:00 with a 50-minute session on a 30-minute grid: 15 starts a day.
    expect(starts.length).toBeGreaterThan(15 * 35);
    // First start honours the 60-minute notice: 10:00 New York on the first day.
    expect(new Date(starts[0]! * 60_000).toISOString()).toBe('2026-12-01T15:00:00.000Z');
  });

  it("honours a type's horizon up to 365 days, still in at most two database round-trips", async () => {
    const yearAhead = await addConsultationType(handle.db, fx, {
      slug: 'year-ahead',
      title: 'Individual (video), a year ahead',
      durationMinutes: 50,
      modality: 'video',
      audience: 'individual',
      minNoticeMinutes: 60,
      horizonDays: 365,
      incrementMinutes: 30,
    });
    const { result, queries } = await countQueries(() => findOpenSlots({ typeSlug: yearAhead.slug, practiceSlug: fx.practice.slug, now: NOW }));
    expect(queries).toBeLessThanOrEqual(2);
    const starts = result!.slots[0]!.startMinutes.map((m) => m * 60_000);
    const horizonEnd = NOW.getTime() + 365 * 86_400_000;
    expect(result!.rangeEnd).toBe(new Date(horizonEnd).toISOString());
    // The last open start is in the last week before the horizon (a weekday 09:00–17:00), none after it.
    expect(Math.max(...starts)).toBeLessThan(horizonEnd);
    expect(Math.max(...starts)).toBeGreaterThan(horizonEnd - 7 * 86_400_000);
    expect(starts.length).toBeGreaterThan(15 * 250);

    // A 90-day type lists 90 days (it used to stop at 60); a 60-day type still ends at 60.
    await handle.db.update(consultationTypes).set({ horizonDays: 90 }).where(eq(consultationTypes.id, yearAhead.id));
    const ninety = await findOpenSlots({ typeSlug: yearAhead.slug, practiceSlug: fx.practice.slug, now: NOW });
    expect(Math.max(...ninety!.slots[0]!.startMinutes) * 60_000).toBeGreaterThan(NOW.getTime() + 85 * 86_400_000);
    const sixty = await findOpenSlots({ typeSlug: 'solo-video', practiceSlug: fx.practice.slug, now: NOW });
    expect(sixty!.rangeEnd).toBe(new Date(NOW.getTime() + 60 * 86_400_000).toISOString());
  });

  it('books an instant individual consultation as confirmed with a private link', async () => {
    const result = await book({ ...at('solo-video', WED_10), note: 'I feel anxious about intimacy' });
    expect(result).toMatchObject({ ok: true, status: 'confirmed', replayed: false, partnerToken: null });
    if (!result.ok) return;
    expect(result.primaryToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const managed = await getManagedBooking({ actor: { kind: 'link', token: result.primaryToken }, now: NOW });
    expect(managed).toMatchObject({ holder: 'primary', status: 'confirmed', startsAt: WED_10, clientTimeZone: 'Europe/Berlin', canChange: true });
    expect(JSON.stringify(managed)).not.toContain('anxious');

    // The token is stored only as its hash; the note only as ciphertext bound to the booking.
    const [row] = await handle.db.select().from(bookings).where(eq(bookings.id, result.bookingId));
    const links = await handle.db.select().from(bookingLinks).where(eq(bookingLinks.bookingId, result.bookingId));
    expect(JSON.stringify(links)).not.toContain(result.primaryToken);
    expect(links.map((l) => l.tokenHash)).toContain(hashLinkToken(result.primaryToken));
    expect(row!.clientNoteCiphertext).not.toContain('anxious');
    expect(decryptText(parseKeyring(TEST_DATA_KEYS), row!.clientNoteCiphertext!, noteAssociatedData(row!.id))).toBe('I feel anxious about intimacy');

    // The booked time (and its 10-minute buffer) is gone from the list.
    const open = await findOpenSlots({ typeSlug: 'solo-video', practiceSlug: fx.practice.slug, now: NOW });
    const startsIso = open!.slots[0]!.startMinutes.map((m) => new Date(m * 60_000).toISOString());
    expect(startsIso).not.toContain(WED_10);
    expect(startsIso).not.toContain('2026-12-02T14:30:00.000Z'); // 09:30 would overlap
    expect(startsIso).toContain(WED_11); // 11:00 starts exactly when the buffer ends
  });

  it('the database itself refuses an overlapping booking (exclusion constraint)', async () => {
    const result = await book(at('solo-video', '2026-12-03T15:00:00.000Z'));
    expect(result.ok).toBe(true);
    const [existing] = await handle.db.select().from(bookings).where(eq(bookings.id, (result as { bookingId: string }).bookingId));
    const clash = handle.db.insert(bookings).values({
      ...existing!,
      id: crypto.randomUUID(),
      idempotencyKey: crypto.randomUUID(),
      blocked: { from: new Date('2026-12-03T15:30:00Z'), until: new Date('2026-12-03T16:30:00Z') },
    });
    const err = await clash.then(() => null, (e: unknown) => e);
    expect(sqlStateOf(err)).toBe(EXCLUSION_VIOLATION);
  });

  it('returns the same booking when the same form is submitted again', async () => {
    const input = bookingInput(at('solo-video', '2026-12-04T15:00:00.000Z'));
    const first = await bookConsultation({ input, requester, practiceSlug: fx.practice.slug, now: NOW });
    const second = await bookConsultation({ input, requester, practiceSlug: fx.practice.slug, now: NOW });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.bookingId).toBe(first.bookingId);
    expect(second.replayed).toBe(true);
    // Both links open the one booking.
    const a = await getManagedBooking({ actor: { kind: 'link', token: first.primaryToken }, now: NOW });
    const b = await getManagedBooking({ actor: { kind: 'link', token: second.primaryToken }, now: NOW });
    expect(a?.reference).toBe(b?.reference);
    const [n] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(bookings).where(eq(bookings.idempotencyKey, input.idempotencyKey));
    expect(n!.n).toBe(1);
  });

  it('gives each partner of a couple their own link to the same booking', async () => {
    const result = await book({ ...at('couple-video', '2026-12-07T15:00:00.000Z'), partnerName: 'Riley', partnerEmail: 'riley@example.com' });
    expect(result).toMatchObject({ ok: true, status: 'confirmed' });
    if (!result.ok) return;
    expect(result.partnerToken).toBeTruthy();
    const mine = await getManagedBooking({ actor: { kind: 'link', token: result.primaryToken }, now: NOW });
    const theirs = await getManagedBooking({ actor: { kind: 'link', token: result.partnerToken! }, now: NOW });
    expect(mine?.holder).toBe('primary');
    expect(theirs?.holder).toBe('partner');
    expect(theirs?.reference).toBe(mine?.reference);
    expect(theirs?.partnerName).toBe('Riley');
  });

  it('requires the partner for couples, with specific field errors', async () => {
    const result = await book(at('couple-video', '2026-12-07T19:00:00.000Z'));
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    if (result.ok || result.reason !== 'invalid') return;
    expect(result.fieldErrors?.partnerName).toMatch(/partner's name/);
    expect(result.fieldErrors?.partnerEmail).toMatch(/partner's email/);
  });

  it('creates a requested booking for request-mode types, which still holds the time', async () => {
    const result = await book({ ...at('couple-request', '2026-12-08T15:00:00.000Z'), partnerName: 'Kai', partnerEmail: 'kai@example.com' });
    expect(result).toMatchObject({ ok: true, status: 'requested' });
    const clash = await book(at('solo-video', '2026-12-08T15:30:00.000Z'));
    expect(clash).toMatchObject({ ok: false, reason: 'slot_taken' });
  });

  it('refuses a time that is not offered and suggests the nearest free ones', async () => {
    // 08:00 New York is before hours; 10:15 is off the 30-minute grid; a Saturday has no hours.
    for (const startsAt of ['2026-12-09T13:00:00.000Z', '2026-12-09T15:15:00.000Z', '2026-12-05T15:00:00.000Z']) {
      const result = await book(at('solo-video', startsAt));
      expect(result).toMatchObject({ ok: false, reason: 'slot_taken' });
      if (result.ok || result.reason !== 'slot_taken') continue;
      expect(result.alternatives.length).toBeGreaterThan(0);
    }
    // Inside the minimum notice (now + 60 minutes).
    expect(await book(at('solo-video', '2026-12-01T14:30:00.000Z'))).toMatchObject({ ok: false, reason: 'slot_taken' });
  });

  it('refuses honeypot submissions and unknown types with a clear message, not an error', async () => {
    expect(await book({ ...at('solo-video', WED_11), website: 'http://spam.example' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await book(at('no-such-type', WED_11))).toMatchObject({ ok: false, reason: 'type_unavailable' });
  });

  it('allows at most 3 open bookings per email', async () => {
    const email = `limit-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const days = ['2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17'];
    const results = [];
    for (const day of days) results.push(await book({ ...at('solo-video', `${day}T15:00:00.000Z`), email }, NOW, `198.51.100.${days.indexOf(day)}`));
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    expect(results[3]).toMatchObject({ ok: false, reason: 'too_many_open' });
    expect((results[3] as { message: string }).message).toMatch(/3 upcoming consultations/);
  });

  it('rate-limits booking attempts per IP address', async () => {
    const ip = '192.0.2.55';
    const results = [];
    for (let i = 0; i < 11; i++) {
      results.push(await book(at('solo-video', `2026-12-2${i % 2 === 0 ? 1 : 2}T${String(14 + (i >> 1)).padStart(2, '0')}:00:00.000Z`), NOW, ip));
    }
    expect(results.slice(0, 10).some((r) => !r.ok && r.reason === 'rate_limited')).toBe(false);
    expect(results[10]).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect((results[10] as { message: string }).message).toMatch(/try again in \d+ minutes?/);
  });

  it('reschedules under the same rules and refuses within the cutoff', async () => {
    const booked = await book(at('solo-video', '2026-12-10T15:00:00.000Z'));
    if (!booked.ok) throw new Error('setup failed');
    const actor = { kind: 'link' as const, token: booked.primaryToken };
    // The booking's own time is offered again when moving it.
    const options = await findOpenSlotsForReschedule({ actor, now: NOW });
    const optionIsos = options!.slots[0]!.startMinutes.map((m) => new Date(m * 60_000).toISOString());
    expect(optionIsos).toContain('2026-12-10T15:00:00.000Z');

    const moved = await rescheduleBooking({ actor, input: { startsAt: '2026-12-10T18:00:00.000Z', clinicianId: fx.clinician.id, clientTimeZone: 'Europe/Berlin' }, now: NOW });
    expect(moved).toEqual({ ok: true });
    expect((await getManagedBooking({ actor, now: NOW }))?.startsAt).toBe('2026-12-10T18:00:00.000Z');

    const lateNow = new Date('2026-12-09T19:00:00Z'); // 23 hours before the new start
    const late = await rescheduleBooking({ actor, input: { startsAt: '2026-12-11T15:00:00.000Z', clinicianId: fx.clinician.id, clientTimeZone: 'Europe/Berlin' }, now: lateNow });
    expect(late).toMatchObject({ ok: false, reason: 'too_late' });
    expect((await getManagedBooking({ actor, now: lateNow }))?.canChange).toBe(false);
  });

  it('cancels from the link, frees the time, and the link can no longer change anything', async () => {
    const booked = await book(at('solo-video', '2026-12-11T15:00:00.000Z'));
    if (!booked.ok) throw new Error('setup failed');
    const actor = { kind: 'link' as const, token: booked.primaryToken };
    expect(await cancelBooking({ actor, input: { reason: 'Found another time' }, now: NOW })).toEqual({ ok: true });
    const managed = await getManagedBooking({ actor, now: NOW });
    expect(managed).toMatchObject({ status: 'cancelled', canChange: false, cancelledBy: 'client' });
    expect(await findOpenSlotsForReschedule({ actor, now: NOW })).toBeNull();
    expect(await rescheduleBooking({ actor, input: { startsAt: '2026-12-11T17:00:00.000Z', clinicianId: fx.clinician.id, clientTimeZone: 'UTC' }, now: NOW })).toMatchObject({ ok: false, reason: 'closed' });
    expect(await cancelBooking({ actor, input: {}, now: NOW })).toMatchObject({ ok: false, reason: 'closed' });
    // The freed time can be booked again.
    expect(await book(at('solo-video', '2026-12-11T15:00:00.000Z'))).toMatchObject({ ok: true });
  });

  it('treats unknown, malformed and revoked links alike', async () => {
    const booked = await book(at('solo-video', '2026-12-18T15:00:00.000Z'));
    if (!booked.ok) throw new Error('setup failed');
    await handle.db.update(bookingLinks).set({ revokedAt: NOW }).where(eq(bookingLinks.tokenHash, hashLinkToken(booked.primaryToken)));
    for (const token of [booked.primaryToken, 'x'.repeat(43), 'short', '../../etc']) {
      expect(await getManagedBooking({ actor: { kind: 'link', token } })).toBeNull();
      expect(await cancelBooking({ actor: { kind: 'link', token }, input: {} })).toMatchObject({ ok: false, reason: 'not_found' });
    }
  });

  it('builds a neutral calendar file for a link', async () => {
    const booked = await book(at('solo-video', '2026-12-18T18:00:00.000Z'));
    if (!booked.ok) throw new Error('setup failed');
    const ics = await buildBookingIcs({ actor: { kind: 'link', token: booked.primaryToken }, now: NOW });
    expect(ics).toContain('SUMMARY:Appointment');
    expect(ics).toContain('DTSTART:20261218T180000Z');
    expect(ics).not.toMatch(/therapy|sex|couple|individual/i);
  });
});
