import 'server-only';
import { getDb, type Executor } from '../../db/client';
import { bookings } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { bookableUntil, loadAvailability, openSlotsOf, slotSearchRange, type AvailabilityContext } from './availability';
import { changeCutoffOf, clientChangeRefusal } from './change-policy';
import type { ManagedBooking, OpenSlots } from './dto';
import { openCancelText } from './cancel-text-crypto';
import { cancellationKindOf } from './cancellation-text';
import { buildInvitation, neutralLocation } from '../calendar/invitation';
import { resolveLink, type LinkActor, type ResolvedLink } from './link-access';
import { toAddress, toPublicType } from './mappers';

/**
 * Free times for a consultation type from now to the end of its booking horizon (at most
 * `days`). One query to the database, then the pure slot engine. Null when no such active type exists.
 */
export async function findOpenSlots(params: {
  typeSlug: string;
  practiceSlug?: string;
  now?: Date;
  days?: number;
}): Promise<OpenSlots | null> {
  const now = params.now ?? new Date();
  const ctx = await loadAvailability(await getDb(), { typeSlug: params.typeSlug, practiceSlug: params.practiceSlug, ...slotSearchRange(now, params.days) });
  return ctx ? toOpenSlots(ctx, now) : null;
}

function toOpenSlots(ctx: AvailabilityContext, now: Date): OpenSlots {
  return {
    practice: { name: ctx.practice.name, timeZone: ctx.practice.timeZone, address: toAddress(ctx.practice), phone: ctx.practice.phone },
    type: toPublicType(ctx.type),
    rangeStart: new Date(ctx.from).toISOString(),
    rangeEnd: bookableUntil(ctx, now).toISOString(),
    slots: openSlotsOf(ctx, now),
  };
}

/** The booking behind a link, with what the private page needs. Two queries. */
async function loadLinkedBooking(db: Executor, link: ResolvedLink) {
  return db.query.bookings.findFirst({
    where: eq(bookings.id, link.bookingId),
    columns: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      clientTimeZone: true,
      clientName: true,
      partnerName: true,
      cancelledAt: true,
      cancelledBy: true,
      declined: true,
      cancelTextCiphertext: true,
      clinicianId: true,
      calendarSequence: true,
    },
    with: {
      consultationType: true,
      practice: true,
      clinician: { columns: { displayName: true } },
    },
  });
}

export async function getManagedBooking(params: { actor: LinkActor; now?: Date }): Promise<ManagedBooking | null> {
  const db = await getDb();
  const link = await resolveLink(db, params.actor);
  if (!link) return null;
  const b = await loadLinkedBooking(db, link);
  if (!b) return null;
  const now = params.now ?? new Date();
  const cutoffHours = b.practice.clientChangeCutoffHours;
  const cancellation = b.status === 'cancelled' ? cancellationKindOf(b) : null;
  return {
    holder: link.holder,
    reference: b.id.slice(0, 8).toUpperCase(),
    status: b.status,
    type: toPublicType(b.consultationType),
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    clientTimeZone: b.clientTimeZone,
    holderTimeZone: link.timeZone,
    clientName: b.clientName,
    partnerName: b.partnerName,
    clinicianName: b.clinician.displayName,
    practice: {
      name: b.practice.name,
      timeZone: b.practice.timeZone,
      address: toAddress(b.practice),
      phone: b.practice.phone,
      email: b.practice.email,
    },
    canChange: clientChangeRefusal(b, cutoffHours, now) === null,
    changeCutoffAt: changeCutoffOf(b.startsAt, cutoffHours).toISOString(),
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    cancelledBy: b.cancelledBy,
    cancellation,
    // Only the decline message is written for the client; a client's own reason and the practice's internal reason stay with staff.
    declineMessage: cancellation === 'declined' ? openCancelText('declined', b.id, b.cancelTextCiphertext) : null,
  };
}

/**
 * Free times to move a linked booking to: same type, same clinician, its own time not counted
 * as busy. Null when the link is dead or the booking can no longer be changed online.
 */
export async function findOpenSlotsForReschedule(params: { actor: LinkActor; now?: Date }): Promise<OpenSlots | null> {
  const db = await getDb();
  const link = await resolveLink(db, params.actor);
  if (!link) return null;
  const b = await loadLinkedBooking(db, link);
  const now = params.now ?? new Date();
  if (!b || clientChangeRefusal(b, b.practice.clientChangeCutoffHours, now)) return null;
  const ctx = await loadAvailability(db, {
    typeSlug: b.consultationType.slug,
    practiceSlug: b.practice.slug,
    ...slotSearchRange(now),
    clinicianId: b.clinicianId,
    excludeBookingId: b.id,
    includeInactiveType: true,
  });
  return ctx ? toOpenSlots(ctx, now) : null;
}

/**
 * "Add to calendar" (lib/calendar/invitation.ts, PUBLISH): the booking's UID and calendar
 * SEQUENCE, so the file agrees with the emailed invitations; the practice's neutral word as the
 * title, the office address or "Video — open your private link", no type name, no note. A request
 * that is not confirmed yet is TENTATIVE (the page offers the file only once confirmed); a
 * cancelled booking's file is CANCELLED. The private link itself is not written into the file:
 * calendars are shared and synced further than the link should travel.
 */
export async function buildBookingIcs(params: { actor: LinkActor; now?: Date }): Promise<string | null> {
  const db = await getDb();
  const link = await resolveLink(db, params.actor);
  if (!link) return null;
  const b = await loadLinkedBooking(db, link);
  if (!b) return null;
  const p = b.practice;
  return buildInvitation({
    method: 'PUBLISH',
    bookingId: b.id,
    sequence: b.calendarSequence,
    status: b.status,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    title: p.sharedPageTitle,
    location: neutralLocation({ ...p, modality: b.consultationType.modality }),
    description: p.phone ? `To change this appointment, use your private link or call ${p.phone}.` : 'To change this appointment, use your private link.',
    organizer: { name: p.emailSenderName, email: p.email },
    stampedAt: params.now ?? new Date(),
  });
}
