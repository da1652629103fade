import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, bookingLinks, bookings } from '../../db/schema';
import { seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { hashLinkToken, newLinkToken } from '../bookings/link-tokens';
import { getManagedBooking } from '../bookings/queries';
import { cancelTextAssociatedData } from '../bookings/cancellation-text';
import { decryptText, parseKeyring } from '../crypto/envelope';
import { TEST_DATA_KEYS } from '../../tests/support/test-env';
import { getBookingForStaff } from './booking-detail';
import { cancelAsStaff, reissueClientLink, setBookingStatus } from './staff-commands';

// Tuesday 1 December 2026, 09:00 in New York.
const NOW = new Date('2026-12-01T14:00:00Z');
const HOUR = 3_600_000;

let handle: DatabaseHandle;
let world: StaffWorld;

withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const frontDesk = () => world.actors['front desk'];
const rowOf = async (id: string) =>
  (await handle.db
    .select({ status: bookings.status, cancelledBy: bookings.cancelledBy, declined: bookings.declined, text: bookings.cancelTextCiphertext })
    .from(bookings)
    .where(eq(bookings.id, id)))[0]!;
const auditsOf = (id: string, action: string) => handle.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, action)));
const managed = (token: string, now = NOW) => getManagedBooking({ actor: { kind: 'link', token }, now });

describe(`cancel as staff on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('cancels with a reason even inside the client cutoff, and frees the time', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-02T15:00:00Z') }); // 25 hours away
    const lateNow = new Date(b.startsAt.getTime() - HOUR);

    expect(await cancelAsStaff({ actor: frontDesk(), bookingId: b.id, reason: '  ', now: lateNow })).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: { reason: 'Please give a reason for cancelling.' },
    });
    expect(await cancelAsStaff({ actor: frontDesk(), bookingId: b.id, reason: 'Clinician unwell', now: lateNow })).toEqual({ ok: true, status: 'cancelled', told: expect.any(Array) });
    const row = await rowOf(b.id);
    expect(row).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', declined: false });
    expect(row.text).not.toContain('unwell');
    expect(decryptText(parseKeyring(TEST_DATA_KEYS), row.text!, cancelTextAssociatedData('practice', b.id))).toBe('Clinician unwell');
    // A practice cancellation reads as one; its internal reason is for staff (the front desk included), not the client's page.
    expect(await managed(b.primaryToken, lateNow)).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', cancellation: 'practice', declineMessage: null, canChange: false });
    expect(await getBookingForStaff({ actor: frontDesk(), bookingId: b.id, now: lateNow })).toMatchObject({ cancellation: 'practice', cancelReason: 'Clinician unwell' });

    const [audit] = await auditsOf(b.id, 'booking.cancelled');
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: frontDesk().userId, detail: { by: 'staff', from: 'confirmed' } });
    expect(JSON.stringify(audit)).not.toContain('unwell');

    // The database lets another booking take the time (the exclusion constraint no longer covers it).
    await expect(seedBooking(handle.db, world, { startsAt: b.startsAt })).resolves.toMatchObject({ startsAt: b.startsAt });
    // Cancelling again is a clear refusal.
    expect(await cancelAsStaff({ actor: frontDesk(), bookingId: b.id, reason: 'again', now: lateNow })).toMatchObject({ ok: false, reason: 'closed' });
  });
});

describe(`completed / no-show on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('can only be marked once the start time has passed', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-03T15:00:00Z') });
    const early = await setBookingStatus({ actor: frontDesk(), bookingId: b.id, status: 'no_show', now: new Date(b.startsAt.getTime() - 60_000) });
    expect(early).toMatchObject({ ok: false, reason: 'too_early', message: expect.stringMatching(/once its start time has passed/) });
    expect((await rowOf(b.id)).status).toBe('confirmed');

    expect(await setBookingStatus({ actor: frontDesk(), bookingId: b.id, status: 'no_show', now: b.startsAt })).toEqual({ ok: true, status: 'no_show' });
    // A mistake can be corrected; marking the same status again changes nothing.
    const after = new Date(b.startsAt.getTime() + 2 * HOUR);
    expect(await setBookingStatus({ actor: world.actors['own clinician'], bookingId: b.id, status: 'completed', now: after })).toEqual({ ok: true, status: 'completed' });
    expect(await setBookingStatus({ actor: frontDesk(), bookingId: b.id, status: 'completed', now: after })).toEqual({ ok: true, status: 'completed' });
    expect((await rowOf(b.id)).status).toBe('completed');
    const audits = await auditsOf(b.id, 'booking.status_set');
    expect(audits.map((a) => a.detail).sort((x, y) => String(x.to).localeCompare(String(y.to)))).toEqual([
      { from: 'no_show', to: 'completed' },
      { from: 'confirmed', to: 'no_show' },
    ]);
  });

  it('refuses requests that were never approved, cancelled bookings and unknown statuses', async () => {
    const later = new Date('2026-12-20T00:00:00Z');
    const request = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-03T18:00:00Z'), typeSlug: 'couple-request' });
    const cancelled = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-03T20:00:00Z'), status: 'cancelled' });
    const ok = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-04T15:00:00Z') });
    expect(await setBookingStatus({ actor: frontDesk(), bookingId: request.id, status: 'completed', now: later })).toMatchObject({ ok: false, reason: 'closed' });
    expect(await setBookingStatus({ actor: frontDesk(), bookingId: cancelled.id, status: 'no_show', now: later })).toMatchObject({ ok: false, reason: 'closed' });
    const bogus = await setBookingStatus({ actor: frontDesk(), bookingId: ok.id, status: 'confirmed' as 'completed', now: later });
    expect(bogus).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { status: 'Please choose completed or no-show.' } });
    expect((await rowOf(ok.id)).status).toBe('confirmed');
  });
});

describe(`reissuing a private link on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('revokes every live link of that holder and returns a new one once', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-07T15:00:00Z'), typeSlug: 'couple-video' });
    // A second live primary link, as a replayed form submission leaves.
    const replayToken = newLinkToken();
    await handle.db.insert(bookingLinks).values({ bookingId: b.id, holder: 'primary', tokenHash: hashLinkToken(replayToken) });

    const result = await reissueClientLink({ actor: frontDesk(), bookingId: b.id, holder: 'primary', now: NOW });
    if (!result.ok) throw new Error(result.message);
    expect(result.holder).toBe('primary');
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.path).toBe(`/m/${result.token}`);

    // The old links are dead, the new one works, the partner's is untouched.
    expect(await managed(b.primaryToken)).toBeNull();
    expect(await managed(replayToken)).toBeNull();
    expect(await managed(result.token)).toMatchObject({ holder: 'primary', reference: b.id.slice(0, 8).toUpperCase() });
    expect(await managed(b.partnerToken!)).toMatchObject({ holder: 'partner' });

    // Only the hash is stored; the audit row never holds the token.
    const links = await handle.db.select().from(bookingLinks).where(eq(bookingLinks.bookingId, b.id));
    expect(JSON.stringify(links)).not.toContain(result.token);
    expect(links.filter((l) => l.revokedAt === null).map((l) => l.holder).sort()).toEqual(['partner', 'primary']);
    const [audit] = await auditsOf(b.id, 'booking.link_reissued');
    expect(audit).toMatchObject({ actorId: frontDesk().userId, detail: { holder: 'primary', revokedLinks: 2 } });
    expect(JSON.stringify(audit)).not.toContain(result.token);
    expect(JSON.stringify(audit)).not.toContain(hashLinkToken(result.token));
  });

  it('reissues the partner\'s link of a couple, and refuses one for a booking without a partner', async () => {
    const couple = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-08T15:00:00Z'), typeSlug: 'couple-video' });
    const partner = await reissueClientLink({ actor: world.actors['other clinician'], bookingId: couple.id, holder: 'partner', now: NOW });
    if (!partner.ok) throw new Error(partner.message);
    expect(await managed(couple.partnerToken!)).toBeNull();
    expect(await managed(partner.token)).toMatchObject({ holder: 'partner' });
    expect(await managed(couple.primaryToken)).toMatchObject({ holder: 'primary' });

    const solo = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-08T18:00:00Z') });
    expect(await reissueClientLink({ actor: frontDesk(), bookingId: solo.id, holder: 'partner', now: NOW })).toMatchObject({ ok: false, reason: 'no_partner' });
    expect(await managed(solo.primaryToken)).not.toBeNull();
  });
});
