import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { Modality } from '../scheduling/types';

/**
 * Calendar files for one booking (RFC 5545 / RFC 5546), built with ical-generator: the emailed
 * invitation (REQUEST), its cancellation (CANCEL) and the private page's download (PUBLISH).
 *
 * Every version of one booking carries the same UID (`<booking id>@haven`) and the booking's
 * `calendar_sequence`, which the messaging code raises on every change a calendar should follow
 * (confirmed, moved, cancelled): a calendar app that has the event replaces it with the higher
 * SEQUENCE, or removes it on a CANCEL. Times are written in UTC (no VTIMEZONE to get wrong).
 *
 * What a calendar shows is seen on lock screens and shared calendars: the title is the practice's
 * neutral word, the location an address or "Video — open your private link". Never the
 * consultation type's name, a note or a reason: the input has no field for them.
 *
 * Pure: no database, no environment.
 */

export type InvitationMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export type InvitationInput = {
  method: InvitationMethod;
  /** UID = `${bookingId}@haven` (stable across every change). */
  bookingId: string;
  /** bookings.calendar_sequence */
  sequence: number;
  status: 'requested' | 'confirmed' | 'cancelled' | 'completed' | 'no_show';
  /** Written as UTC. */
  startsAt: Date;
  endsAt: Date;
  /** The practice's neutral word ("Appointment"). */
  title: string;
  /** From neutralLocation(). */
  location: string;
  /** e.g. "Your private page: <url>" — the caller decides. */
  description: string;
  /** The private link page. */
  url?: string;
  organizer: { name: string; email: string };
  /** Required for REQUEST/CANCEL (RFC 5546); not written in a PUBLISH. */
  attendee?: { name: string; email: string };
  stampedAt: Date;
};

export const PRODUCT_ID = { company: 'Haven', product: 'Consultations', language: 'EN' } as const;

/** The event's UID: the same in every invitation, cancellation, download and feed entry of one booking. */
export function eventUid(bookingId: string): string {
  return `${bookingId}@haven`;
}

/**
 * STATUS of the event. A request the practice has not confirmed is TENTATIVE — never CONFIRMED;
 * completed and no-show consultations did take their place in the calendar (CONFIRMED, in the past).
 */
export function eventStatusOf(status: InvitationInput['status']): ICalEventStatus {
  if (status === 'requested') return ICalEventStatus.TENTATIVE;
  if (status === 'cancelled') return ICalEventStatus.CANCELLED;
  return ICalEventStatus.CONFIRMED;
}

/** A display name as a calendar parameter may carry it: one line, no control characters. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function assertValid(input: InvitationInput): void {
  if (!Number.isInteger(input.sequence) || input.sequence < 0) throw new Error('sequence must be a whole number ≥ 0');
  if (!(input.endsAt.getTime() > input.startsAt.getTime())) throw new Error('an event ends after it starts');
  if (input.method !== 'PUBLISH') {
    if (!input.organizer.email) throw new Error(`a ${input.method} needs the organizer's email (RFC 5546)`);
    if (!input.attendee?.email) throw new Error(`a ${input.method} needs the attendee (RFC 5546)`);
  }
  if (input.method === 'REQUEST' && input.status === 'cancelled') {
    // A cancelled booking is a CANCEL: an invitation for it would put it back in the calendar.
    throw new Error('a cancelled booking is sent as a CANCEL, not a REQUEST');
  }
}

/**
 * One booking as an iCalendar object (CRLF line ends, lines folded at 75 octets).
 *
 * - REQUEST: `METHOD:REQUEST`, `STATUS:CONFIRMED` (TENTATIVE while the booking is only a request:
 *   never confirmed before the practice confirms it; a cancelled booking is refused — send a CANCEL),
 *   ORGANIZER (the practice) and ATTENDEE (this
 *   person) with `PARTSTAT=ACCEPTED;RSVP=FALSE`. The client chose the time themselves, so the
 *   booking is already accepted: calendar apps then file the event straight away (Gmail, Apple
 *   Calendar, Outlook) instead of showing Accept/Decline buttons whose replies would go to the
 *   practice's mailbox and change nothing (a "Decline" in a calendar app would not cancel the
 *   booking — the private link does that).
 * - CANCEL: `METHOD:CANCEL`, `STATUS:CANCELLED`, same UID and ORGANIZER/ATTENDEE: the app removes it.
 * - PUBLISH (the private page's download): same UID and SEQUENCE, ORGANIZER when there is an
 *   address, no ATTENDEE; STATUS follows the booking (a request is TENTATIVE, a cancelled booking
 *   CANCELLED, so importing it again after a cancellation removes or strikes it).
 */
export function buildInvitation(input: InvitationInput): string {
  assertValid(input);
  const calendar = ical({ prodId: PRODUCT_ID, method: ICalCalendarMethod[input.method] });
  const status = input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : eventStatusOf(input.status);
  const organizer = input.organizer.email ? { name: oneLine(input.organizer.name) || input.organizer.email, email: oneLine(input.organizer.email) } : null;
  calendar.createEvent({
    id: eventUid(input.bookingId),
    sequence: input.sequence,
    stamp: input.stampedAt,
    start: input.startsAt,
    end: input.endsAt,
    summary: input.title,
    location: input.location || null,
    description: input.description || null,
    url: input.url ?? null,
    organizer,
    attendees:
      input.method === 'PUBLISH' || !input.attendee
        ? []
        : [
            {
              name: oneLine(input.attendee.name) || undefined,
              email: oneLine(input.attendee.email),
              role: ICalAttendeeRole.REQ,
              status: ICalAttendeeStatus.ACCEPTED,
              rsvp: false,
            },
          ],
    status,
  });
  return serialize(calendar);
}

/** ical-generator ends the last line without CRLF; RFC 5545 ends every content line with one. */
export function serialize(calendar: ICalCalendar): string {
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

export type LocationInput = {
  modality: Modality;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
};

export const VIDEO_LOCATION = 'Video — open your private link';
export const PHONE_LOCATION = 'Phone call';

/**
 * Where the consultation happens, without saying what it is: the office address for in person
 * ("200 W 57th St, Suite 1100, New York NY 10019"), "Video — open your private link" for video
 * (the room link itself is on the private page, never in a calendar), "Phone call" for phone.
 */
export function neutralLocation(p: LocationInput): string {
  switch (p.modality) {
    case 'in_person':
      return [p.addressLine1, p.addressLine2, [p.city, p.region, p.postalCode].map((s) => s.trim()).filter(Boolean).join(' ')]
        .map((s) => oneLine(s))
        .filter(Boolean)
        .join(', ');
    case 'video':
      return VIDEO_LOCATION;
    case 'phone':
      return PHONE_LOCATION;
  }
}
