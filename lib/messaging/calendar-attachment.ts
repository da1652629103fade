import { buildInvitation, neutralLocation } from '../calendar/invitation';
import type { LoadedMessage } from './message-view';

/** Client messages whose booking a calendar should hold (as it is now) or drop. */
const INVITING = new Set(['booking_confirmed', 'request_approved', 'booking_rescheduled']);

/**
 * The invitation an email carries (RFC 5546), built from the booking as it is when the message is
 * sent, with its current SEQUENCE, so a calendar always ends on the latest state whatever order
 * messages arrive in: REQUEST with a confirmation, an approval or a move of a booking that is
 * confirmed; CANCEL with a cancellation. A request that is only pending is never put in a calendar,
 * a reminder carries none (the event is there already), and the practice's notices carry none (the
 * clinician's calendar feed holds the schedule). Like the page's download, the file holds no link:
 * calendars are shared and synced further than a private link should travel.
 */
export function calendarAttachment(message: LoadedMessage, fallbackOrganizer: string, now: Date): { method: 'REQUEST' | 'CANCEL'; content: string } | null {
  const c = message.calendar;
  const attendee = c.attendee;
  if (message.recipient === 'practice' || !attendee) return null;
  const method = INVITING.has(message.kind) && c.status === 'confirmed' ? 'REQUEST' : message.kind === 'booking_cancelled' && c.status === 'cancelled' ? 'CANCEL' : null;
  if (!method) return null;
  const phone = message.view.practice.phone;
  const content = buildInvitation({
    method,
    bookingId: c.bookingId,
    sequence: c.sequence,
    status: c.status,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    title: message.view.word,
    location: neutralLocation({ ...c.address, modality: message.view.modality }),
    description: phone ? `To change this appointment, use your private link or call ${phone}.` : 'To change this appointment, use your private link.',
    organizer: { name: c.organizer.name, email: c.organizer.email || fallbackOrganizer },
    attendee,
    stampedAt: now,
  });
  return { method, content };
}
