import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildInvitation, neutralLocation, VIDEO_LOCATION, type InvitationInput } from './invitation';

/** Parsed with ical.js (a real iCalendar parser): the VCALENDAR and its one VEVENT. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  return { calendar, event: events[0]! };
}

const office = { addressLine1: '200 W 57th St, Suite 1100', addressLine2: '', city: 'New York', region: 'NY', postalCode: '10019' };
const PAGE = `https://haven.example/m/${'A'.repeat(43)}`;

const base: InvitationInput = {
  method: 'REQUEST',
  bookingId: '8a6e0f6e-3f0b-4c1e-9d5e-7f1a2b3c4d5e',
  sequence: 0,
  status: 'confirmed',
  startsAt: new Date('2026-12-01T15:00:00Z'),
  endsAt: new Date('2026-12-01T15:50:00Z'),
  title: 'Appointment',
  location: neutralLocation({ modality: 'in_person', ...office }),
  description: `Your private page: ${PAGE}`,
  url: PAGE,
  organizer: { name: 'Appointments', email: 'hello@practice.example' },
  attendee: { name: 'Jordan Díaz', email: 'jordan@example.com' },
  stampedAt: new Date('2026-11-24T12:00:00Z'),
};

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('buildInvitation', () => {
  it('writes a REQUEST with every property an emailed invitation needs (RFC 5546)', () => {
    const text = buildInvitation({ ...base, sequence: 3 });
    const { calendar, event } = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Haven//Consultations//EN');
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('uid')).toBe(`${base.bookingId}@haven`);
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.getFirstPropertyValue('summary')).toBe('Appointment');
    expect(event.getFirstPropertyValue('location')).toBe('200 W 57th St, Suite 1100, New York NY 10019');
    expect(event.getFirstPropertyValue('description')).toBe(`Your private page: ${PAGE}`);
    expect(event.getFirstPropertyValue('url')).toBe(PAGE);
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
    const stamp = event.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(start.toJSDate().toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(end.toJSDate().toISOString()).toBe('2026-12-01T15:50:00.000Z');
    expect(stamp.toJSDate().toISOString()).toBe('2026-11-24T12:00:00.000Z');
    // UTC, no floating times and no VTIMEZONE.
    expect(start.zone?.tzid).toBe('UTC');
    expect(unfold(text)).toContain('DTSTART:20261201T150000Z\r\n');
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(0);

    const organizer = event.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:hello@practice.example');
    expect(organizer.getParameter('cn')).toBe('Appointments');
    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0]!.getFirstValue()).toLowerCase()).toBe('mailto:jordan@example.com');
    expect(attendees[0]!.getParameter('cn')).toBe('Jordan Díaz');
    expect(attendees[0]!.getParameter('partstat')).toBe('ACCEPTED');
    expect(attendees[0]!.getParameter('rsvp')).toBe('FALSE');
    expect(attendees[0]!.getParameter('role')).toBe('REQ-PARTICIPANT');
  });

  it('writes a CANCEL with the same UID, a higher SEQUENCE and STATUS:CANCELLED', () => {
    const request = parse(buildInvitation({ ...base, sequence: 1 }));
    const { calendar, event } = parse(buildInvitation({ ...base, method: 'CANCEL', status: 'cancelled', sequence: 2 }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.getFirstPropertyValue('uid')).toBe(request.event.getFirstPropertyValue('uid'));
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstProperty('organizer')!.getFirstValue()).toBe('mailto:hello@practice.example');
    expect(event.getAllProperties('attendee')).toHaveLength(1);
  });

  it('writes a PUBLISH download: same UID and SEQUENCE, no attendee, a request TENTATIVE and never CONFIRMED', () => {
    const confirmed = parse(buildInvitation({ ...base, method: 'PUBLISH', sequence: 4 }));
    expect(confirmed.calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(confirmed.event.getFirstPropertyValue('uid')).toBe(`${base.bookingId}@haven`);
    expect(confirmed.event.getFirstPropertyValue('sequence')).toBe(4);
    expect(confirmed.event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(confirmed.event.getAllProperties('attendee')).toHaveLength(0);

    const text = buildInvitation({ ...base, method: 'PUBLISH', status: 'requested', attendee: undefined });
    const requested = parse(text);
    expect(requested.event.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(text).not.toContain('CONFIRMED');

    const cancelled = parse(buildInvitation({ ...base, method: 'PUBLISH', status: 'cancelled', sequence: 5 }));
    expect(cancelled.event.getFirstPropertyValue('status')).toBe('CANCELLED');
    for (const status of ['completed', 'no_show'] as const) {
      expect(parse(buildInvitation({ ...base, method: 'PUBLISH', status })).event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    }
  });

  it('never puts a request in a calendar as confirmed, even as a REQUEST; refuses a REQUEST for a cancelled booking', () => {
    const text = buildInvitation({ ...base, status: 'requested' });
    expect(parse(text).event.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(text).not.toContain('CONFIRMED');
    expect(() => buildInvitation({ ...base, status: 'cancelled' })).toThrow(/CANCEL/);
  });

  it('refuses a REQUEST or CANCEL without an attendee or organizer address, and a PUBLISH without an organizer address has none', () => {
    expect(() => buildInvitation({ ...base, attendee: undefined })).toThrow(/attendee/);
    expect(() => buildInvitation({ ...base, method: 'CANCEL', status: 'cancelled', attendee: undefined })).toThrow(/attendee/);
    expect(() => buildInvitation({ ...base, organizer: { name: 'Appointments', email: '' } })).toThrow(/organizer/);
    const { event } = parse(buildInvitation({ ...base, method: 'PUBLISH', organizer: { name: 'Appointments', email: '' } }));
    expect(event.getAllProperties('organizer')).toHaveLength(0);
    expect(() => buildInvitation({ ...base, sequence: -1 })).toThrow(/sequence/);
    expect(() => buildInvitation({ ...base, endsAt: base.startsAt })).toThrow(/ends after/);
  });

  it('folds long lines at 75 octets (multi-byte characters intact) and ends every line with CRLF', () => {
    const description = `Your private page: ${PAGE}. Ünïcödé — ${'é'.repeat(60)} ${'x'.repeat(120)}`;
    const text = buildInvitation({ ...base, description, organizer: { name: 'Appointments — Ærøskøbing Østergade', email: 'hello@practice.example' } });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(parse(text).event.getFirstPropertyValue('description')).toBe(description);
    expect(parse(text).event.getFirstProperty('organizer')!.getParameter('cn')).toBe('Appointments — Ærøskøbing Østergade');
  });

  it('escapes commas, semicolons, backslashes and line breaks in text, and quotes in names', () => {
    const location = neutralLocation({ modality: 'in_person', addressLine1: '12 Rue de la Paix; Bât. B', addressLine2: 'Floor 3, Door \\2', city: 'Paris', region: '', postalCode: '75002' });
    const text = buildInvitation({
      ...base,
      location,
      description: 'Line one\nLine two, with; punctuation',
      attendee: { name: 'Sam "Sunny" Lee;\r\nX-INJECTED:1', email: 'sam@example.com' },
    });
    const raw = unfold(text);
    expect(raw).toContain('LOCATION:12 Rue de la Paix\\; Bât. B\\, Floor 3\\, Door \\\\2\\, Paris 75002\r\n');
    expect(raw).toContain('DESCRIPTION:Line one\\nLine two\\, with\\; punctuation\r\n');
    // Nothing a name holds can start a property of its own.
    expect(raw.split('\r\n').some((l) => l.startsWith('X-INJECTED'))).toBe(false);
    const { event } = parse(text);
    expect(event.getFirstPropertyValue('location')).toBe('12 Rue de la Paix; Bât. B, Floor 3, Door \\2, Paris 75002');
    expect(event.getFirstPropertyValue('description')).toBe('Line one\nLine two, with; punctuation');
    expect(event.getFirstProperty('attendee')!.getParameter('cn')).toBe('Sam "Sunny" Lee; X-INJECTED:1');
  });

  it('carries no type name, note or clinical word: only the fields it is given', () => {
    const text = buildInvitation({ ...base, location: neutralLocation({ modality: 'video', ...office }) });
    expect(text).not.toMatch(/therapy|couples?|individual|consultation type|sex/i);
    expect(parse(text).event.getFirstPropertyValue('location')).toBe(VIDEO_LOCATION);
  });
});

describe('neutralLocation', () => {
  it('is the office address in person, and no address otherwise', () => {
    expect(neutralLocation({ modality: 'in_person', ...office, addressLine2: 'Floor 11' })).toBe('200 W 57th St, Suite 1100, Floor 11, New York NY 10019');
    expect(neutralLocation({ modality: 'in_person', addressLine1: '', addressLine2: '', city: 'London', region: '', postalCode: 'W1' })).toBe('London W1');
    expect(neutralLocation({ modality: 'video', ...office })).toBe('Video — open your private link');
    expect(neutralLocation({ modality: 'phone', ...office })).toBe('Phone call');
  });
});
