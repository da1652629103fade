import ical, { ICalCalendarMethod, ICalEventClass } from 'ical-generator';
import type { Modality } from '../scheduling/types';
import { eventStatusOf, eventUid, neutralLocation, PRODUCT_ID, serialize, type LocationInput } from './invitation';

/**
 * The clinician's calendar feed as iCalendar (pure: lib/calendar/feed.ts loads the rows).
 *
 * Each booking is one event with the same UID and SEQUENCE as the client's invitations. A request
 * is TENTATIVE (and says "(request)" in its title, since several calendar apps show no difference),
 * a confirmed booking CONFIRMED, completed and no-show consultations stay as past events.
 * Cancelled bookings are left out: a subscribed calendar replaces its copy with each fetch, so an
 * event missing from the feed disappears, whereas a STATUS:CANCELLED event is still drawn as a
 * normal, busy event by some apps (Google Calendar among them).
 *
 * Titles are the practice's neutral word and the clients' initials ("Appointment · J. D.",
 * couples "J. D. & K. L."), full names only when the clinician turned them on; never the type's
 * name, a note or a reason. Events are CLASS:PRIVATE so a calendar shared onwards shows "busy".
 */

/** Bookings from this many days back … */
export const FEED_PAST_DAYS = 30;
/** … to this many days ahead. */
export const FEED_FUTURE_DAYS = 365;
/** How often calendar apps are asked to fetch again (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 15 * 60;

export type FeedEntry = {
  bookingId: string;
  sequence: number;
  status: 'requested' | 'confirmed' | 'completed' | 'no_show';
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
  clientName: string;
  partnerName: string | null;
  modality: Modality;
  /** The booking's staff page (sign-in required). */
  url: string;
};

export type FeedInput = {
  /** The practice's neutral word. */
  title: string;
  showsNames: boolean;
  address: Omit<LocationInput, 'modality'>;
  entries: FeedEntry[];
  stampedAt: Date;
};

/** "Jordan Díaz" → "J. D."; one word → "J."; first and last word only ("Mary Ann Lee" → "M. L."). */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .map((word) => word.match(/\p{L}\p{M}*/u)?.[0])
    .filter((letter): letter is string => Boolean(letter));
  if (words.length === 0) return '';
  const picked = words.length === 1 ? [words[0]!] : [words[0]!, words[words.length - 1]!];
  return picked.map((letter) => `${letter.toLocaleUpperCase()}.`).join(' ');
}

/** "Appointment · J. D. & K. L." (or the full names when the clinician chose them). */
export function feedEventTitle(title: string, entry: Pick<FeedEntry, 'clientName' | 'partnerName' | 'status'>, showsNames: boolean): string {
  const people = [entry.clientName, entry.partnerName ?? '']
    .map((name) => (showsNames ? name.replace(/\s+/g, ' ').trim() : initialsOf(name)))
    .filter(Boolean)
    .join(' & ');
  return `${title}${people ? ` · ${people}` : ''}${entry.status === 'requested' ? ' (request)' : ''}`;
}

export function buildFeedCalendar(input: FeedInput): string {
  const calendar = ical({
    prodId: PRODUCT_ID,
    method: ICalCalendarMethod.PUBLISH,
    name: 'Haven',
    ttl: FEED_REFRESH_SECONDS,
  });
  for (const entry of input.entries) {
    calendar.createEvent({
      id: eventUid(entry.bookingId),
      sequence: entry.sequence,
      stamp: input.stampedAt,
      lastModified: entry.updatedAt,
      start: entry.startsAt,
      end: entry.endsAt,
      summary: feedEventTitle(input.title, entry, input.showsNames),
      // The clinician's own calendar: "Video" (the client-facing wording points at the client's private page).
      location: entry.modality === 'video' ? 'Video' : neutralLocation({ ...input.address, modality: entry.modality }),
      description: `Details in Haven (sign-in required): ${entry.url}`,
      url: entry.url,
      status: eventStatusOf(entry.status),
      class: ICalEventClass.PRIVATE,
    });
  }
  return serialize(calendar);
}
