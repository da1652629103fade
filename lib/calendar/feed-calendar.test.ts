import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildFeedCalendar, feedEventTitle, initialsOf, type FeedEntry } from './feed-calendar';

const address = { addressLine1: '200 W 57th St', addressLine2: 'Suite 1100', city: 'New York', region: 'NY', postalCode: '10019' };
const entry = (over: Partial<FeedEntry> = {}): FeedEntry => ({
  bookingId: crypto.randomUUID(),
  sequence: 0,
  status: 'confirmed',
  startsAt: new Date('2026-12-03T14:00:00Z'),
  endsAt: new Date('2026-12-03T14:50:00Z'),
  updatedAt: new Date('2026-11-20T12:00:00Z'),
  clientName: 'Jordan Díaz',
  partnerName: null,
  modality: 'video',
  url: 'https://haven.example/clinician/bookings/x',
  ...over,
});

describe('initialsOf / feedEventTitle', () => {
  it('keeps the first letter of the first and last word, upper-cased, accents intact', () => {
    expect(initialsOf('Jordan Díaz')).toBe('J. D.');
    expect(initialsOf('  mary ann   lee ')).toBe('M. L.');
    expect(initialsOf('Cher')).toBe('C.');
    expect(initialsOf('Émile Zola')).toBe('É. Z.');
    expect(initialsOf('(Sam) O’Neil')).toBe('S. O.');
    expect(initialsOf('')).toBe('');
  });

  it('is the practice word and initials; couples both; names only when chosen; a request says so', () => {
    expect(feedEventTitle('Appointment', entry(), false)).toBe('Appointment · J. D.');
    expect(feedEventTitle('Appointment', entry({ partnerName: 'Kim Lee' }), false)).toBe('Appointment · J. D. & K. L.');
    expect(feedEventTitle('Session', entry({ partnerName: 'Kim  Lee' }), true)).toBe('Session · Jordan Díaz & Kim Lee');
    expect(feedEventTitle('Appointment', entry({ status: 'requested' }), false)).toBe('Appointment · J. D. (request)');
  });
});

describe('buildFeedCalendar', () => {
  it('parses as iCalendar: one event per booking with its UID, SEQUENCE, status, place and nothing else', () => {
    const confirmed = entry({ sequence: 2, partnerName: 'Kim Lee' });
    const requested = entry({ status: 'requested', modality: 'in_person', startsAt: new Date('2026-12-04T15:00:00Z'), endsAt: new Date('2026-12-04T16:20:00Z') });
    const past = entry({ status: 'no_show', startsAt: new Date('2026-11-10T15:00:00Z'), endsAt: new Date('2026-11-10T15:50:00Z') });
    const text = buildFeedCalendar({ title: 'Appointment', showsNames: false, address, entries: [confirmed, requested, past], stampedAt: new Date('2026-12-01T14:00:00Z') });
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Haven');
    const events = calendar.getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual([confirmed, requested, past].map((e) => `${e.bookingId}@haven`));
    const [a, b, c] = events;
    expect(a!.getFirstPropertyValue('summary')).toBe('Appointment · J. D. & K. L.');
    expect(a!.getFirstPropertyValue('sequence')).toBe(2);
    expect(a!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(a!.getFirstPropertyValue('location')).toBe('Video');
    expect(a!.getFirstPropertyValue('class')).toBe('PRIVATE');
    expect((a!.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate()).toEqual(confirmed.startsAt);
    expect(b!.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(b!.getFirstPropertyValue('location')).toBe('200 W 57th St, Suite 1100, New York NY 10019');
    expect(c!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    for (const e of events) {
      expect(e.getAllProperties('attendee')).toHaveLength(0);
      expect(e.getAllProperties('organizer')).toHaveLength(0);
    }
    expect(text).not.toMatch(/Jordan|Kim|Díaz/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('is a valid, empty calendar when there is nothing to show', () => {
    const calendar = new ICAL.Component(ICAL.parse(buildFeedCalendar({ title: 'Appointment', showsNames: false, address, entries: [], stampedAt: new Date() })));
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(0);
  });
});
