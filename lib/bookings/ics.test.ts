import { describe, expect, it } from 'vitest';
import { buildIcs, icsStatusOf } from './ics';

describe('buildIcs', () => {
  const base = {
    uid: 'b1@haven',
    startsAt: new Date('2026-12-01T15:00:00Z'),
    endsAt: new Date('2026-12-01T15:50:00Z'),
    title: 'Appointment',
    location: '200 W 57th St, Suite 1100; New York',
    description: '',
    stampedAt: new Date('2026-11-24T12:00:00Z'),
    status: 'CONFIRMED' as const,
  };

  it('writes UTC instants, CRLF line ends and escaped text', () => {
    const ics = buildIcs(base);
    expect(ics).toContain('DTSTART:20261201T150000Z\r\n');
    expect(ics).toContain('DTEND:20261201T155000Z\r\n');
    expect(ics).toContain('LOCATION:200 W 57th St\\, Suite 1100\\; New York\r\n');
    expect(ics).toContain('SUMMARY:Appointment\r\n');
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });

  it('folds long lines and marks cancellations', () => {
    const ics = buildIcs({ ...base, status: 'CANCELLED', description: 'x'.repeat(200) });
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:' + 'x'.repeat(200));
  });

  it('marks a request that is not confirmed yet as tentative, never confirmed', () => {
    expect(icsStatusOf('requested')).toBe('TENTATIVE');
    expect(icsStatusOf('confirmed')).toBe('CONFIRMED');
    expect(icsStatusOf('cancelled')).toBe('CANCELLED');
    const ics = buildIcs({ ...base, status: icsStatusOf('requested') });
    expect(ics).toContain('STATUS:TENTATIVE\r\n');
    expect(ics).not.toContain('CONFIRMED');
    expect(ics).toContain('METHOD:PUBLISH');
  });
});
