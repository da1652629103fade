/**
 * An iCalendar (RFC 5545) event for "add to calendar". The title is deliberately neutral
 * ("Appointment"): calendars are often shared or shown on lock screens.
 */
export type IcsEvent = {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  title: string;
  location: string;
  description: string;
  stampedAt: Date;
  status: IcsStatus;
};

/** RFC 5545 VEVENT STATUS. A request the practice has not confirmed is TENTATIVE, never CONFIRMED. */
export type IcsStatus = 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';

export function icsStatusOf(status: 'requested' | 'confirmed' | 'cancelled' | 'completed' | 'no_show'): IcsStatus {
  if (status === 'requested') return 'TENTATIVE';
  if (status === 'cancelled') return 'CANCELLED';
  return 'CONFIRMED';
}

function icsInstant(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (continuation lines start with a space). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch, 'utf8') > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function buildIcs(event: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Haven//Consultations//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.status === 'CANCELLED' ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${icsInstant(event.stampedAt)}`,
    `DTSTART:${icsInstant(event.startsAt)}`,
    `DTEND:${icsInstant(event.endsAt)}`,
    `SUMMARY:${escapeText(event.title)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    `STATUS:${event.status}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
