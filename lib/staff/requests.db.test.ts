import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, bookings } from '../../db/schema';
import { bookingInput } from '../../tests/support/practice-fixture';
import { seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { bookConsultation } from '../bookings/commands';
import { getManagedBooking } from '../bookings/queries';
import { cancelTextAssociatedData } from '../bookings/cancellation-text';
import { decryptText, parseKeyring } from '../crypto/envelope';
import { TEST_DATA_KEYS } from '../../tests/support/test-env';
import { getBookingForStaff } from './booking-detail';
import { approveRequest, declineRequest, findPendingRequests } from './requests';

// Tuesday 1 December 2026, 09:00 in New York.
const NOW = new Date('2026-12-01T14:00:00Z');

let handle: DatabaseHandle;
let world: StaffWorld;
let ip = 0;

withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const clinician = () => world.actors['own clinician'];
const bookAt = (startsAt: Date) =>
  bookConsultation({
    input: bookingInput({ typeSlug: 'solo-video', startsAt: startsAt.toISOString(), clinicianId: world.clinician.id }),
    requester: { ip: `198.51.100.${++ip}` },
    practiceSlug: world.practice.slug,
    now: NOW,
  });
const auditsOf = (bookingId: string, action: string) =>
  handle.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, bookingId), eq(auditEvents.action, action)));

describe(`requests queue on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('lists the clinician\'s own open requests, soonest first, and nothing else', async () => {
    const db = handle.db;
    const later = await seedBooking(db, world, { startsAt: new Date('2026-12-10T16:00:00Z'), typeSlug: 'couple-request', createdAt: new Date('2026-11-29T10:00:00Z') });
    const sooner = await seedBooking(db, world, { startsAt: new Date('2026-12-09T16:00:00Z'), typeSlug: 'couple-request' });
    const past = await seedBooking(db, world, { startsAt: new Date('2026-11-30T16:00:00Z'), typeSlug: 'couple-request' });
    await seedBooking(db, world, { startsAt: new Date('2026-12-11T16:00:00Z') }); // confirmed: not a request
    await seedBooking(db, world, { startsAt: new Date('2026-12-12T16:00:00Z'), typeSlug: 'couple-request', clinicianId: world.otherClinician.id });

    const queue = await findPendingRequests({ actor: clinician(), now: NOW });
    expect(queue.map((r) => r.id)).toEqual([past.id, sooner.id, later.id]);
    expect(queue.find((r) => r.id === later.id)).toMatchObject({
      status: 'requested',
      requestedAt: '2026-11-29T10:00:00.000Z',
      isPast: false,
      partnerName: 'Riley Partner',
      type: { bookingMode: 'request', modality: 'in_person' },
    });
    expect(queue.find((r) => r.id === past.id)?.isPast).toBe(true);
    // The colleague sees only their own request.
    expect((await findPendingRequests({ actor: world.actors['other clinician'], now: NOW })).map((r) => r.clientName)).toHaveLength(1);
  });

  it('holds the slot while the request is open, then approving confirms it', async () => {
    const request = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-14T15:00:00Z'), typeSlug: 'couple-request' });
    // Nobody can book over an open request: the engine refuses, and so does the database.
    expect(await bookAt(new Date('2026-12-14T15:00:00Z'))).toMatchObject({ ok: false, reason: 'slot_taken' });
    expect(await bookAt(new Date('2026-12-14T16:00:00Z'))).toMatchObject({ ok: false, reason: 'slot_taken' }); // inside its 80 minutes

    expect(await approveRequest({ actor: clinician(), bookingId: request.id, now: NOW })).toEqual({ ok: true, status: 'confirmed', told: expect.any(Array) });
    expect(await getManagedBooking({ actor: { kind: 'link', token: request.primaryToken }, now: NOW })).toMatchObject({ status: 'confirmed' });
    const [audit] = await auditsOf(request.id, 'booking.request_approved');
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: clinician().userId, subjectType: 'booking' });
    expect((await findPendingRequests({ actor: clinician(), now: NOW })).map((r) => r.id)).not.toContain(request.id);

    // Answering twice: a clear refusal, no second audit row.
    expect(await approveRequest({ actor: clinician(), bookingId: request.id, now: NOW })).toMatchObject({ ok: false, reason: 'already_decided' });
    expect(await declineRequest({ actor: clinician(), bookingId: request.id, message: 'No', now: NOW })).toMatchObject({ ok: false, reason: 'already_decided' });
    expect(await auditsOf(request.id, 'booking.request_approved')).toHaveLength(1);
  });

  it('cannot approve a request whose time has passed', async () => {
    const request = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-15T15:00:00Z'), typeSlug: 'couple-request' });
    const result = await approveRequest({ actor: clinician(), bookingId: request.id, now: new Date('2026-12-15T15:00:00Z') });
    expect(result).toMatchObject({ ok: false, reason: 'too_late', message: expect.stringMatching(/decline/) });
  });

  it('declining cancels with the message as the reason and frees the slot', async () => {
    const request = await seedBooking(handle.db, world, { startsAt: new Date('2026-12-16T15:00:00Z'), typeSlug: 'couple-request' });
    const message = 'I am not taking new couples this month. Please try Dr. Lee.';

    const empty = await declineRequest({ actor: clinician(), bookingId: request.id, message: '   ', now: NOW });
    expect(empty).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { message: 'Please write a short message to the client.' } });

    expect(await declineRequest({ actor: clinician(), bookingId: request.id, message, now: NOW })).toEqual({ ok: true, status: 'cancelled', told: expect.any(Array) });
    const [row] = await handle.db
      .select({ status: bookings.status, cancelledBy: bookings.cancelledBy, declined: bookings.declined, cancelledAt: bookings.cancelledAt, text: bookings.cancelTextCiphertext })
      .from(bookings)
      .where(eq(bookings.id, request.id));
    expect(row).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', declined: true, cancelledAt: NOW });
    // The column holds an envelope, never the message; it opens only as this booking's decline message.
    expect(row?.text).toMatch(/^v1\.test1\./);
    expect(row?.text).not.toContain('couples');
    expect(decryptText(parseKeyring(TEST_DATA_KEYS), row!.text!, cancelTextAssociatedData('declined', request.id))).toBe(message);
    expect(() => decryptText(parseKeyring(TEST_DATA_KEYS), row!.text!, cancelTextAssociatedData('practice', request.id))).toThrow();
    // Both link holders are told it was declined, with the message; the front desk only that it was declined.
    for (const token of [request.primaryToken, request.partnerToken!]) {
      expect(await getManagedBooking({ actor: { kind: 'link', token }, now: NOW })).toMatchObject({
        status: 'cancelled',
        cancellation: 'declined',
        declineMessage: message,
      });
    }
    expect(await getBookingForStaff({ actor: world.actors['front desk'], bookingId: request.id, now: NOW })).toMatchObject({
      cancellation: 'declined',
      cancelReason: null,
    });
    expect(await getBookingForStaff({ actor: clinician(), bookingId: request.id, now: NOW })).toMatchObject({
      cancellation: 'declined',
      cancelReason: message,
    });

    // The message is not in the audit log.
    const [audit] = await auditsOf(request.id, 'booking.request_declined');
    expect(audit?.actorId).toBe(clinician().userId);
    expect(JSON.stringify(audit)).not.toContain('couples this month');

    // The time is free again.
    expect(await bookAt(new Date('2026-12-16T15:00:00Z'))).toMatchObject({ ok: true, status: 'confirmed' });
  });
});
