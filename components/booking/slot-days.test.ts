import { describe, expect, it } from 'vitest';
import { canonicalZone, formatFee, formatLocalDate, formatTime, plainSpaces, zoneLabel } from './format';
import { calendarWeeks, dayPartOf, groupByLocalDate, hasSlot, mergeSlots, nearestSlotOptions, rangeDates } from './slot-days';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const minutes = (iso: string) => Date.parse(iso) / 60_000;

describe('mergeSlots', () => {
  it('dedupes shared starts (first clinician wins) and sorts', () => {
    const merged = mergeSlots([
      { clinicianId: A, startMinutes: [minutes('2026-12-01T15:00:00Z'), minutes('2026-12-01T14:00:00Z')] },
      { clinicianId: B, startMinutes: [minutes('2026-12-01T15:00:00Z'), minutes('2026-12-01T16:00:00Z')] },
    ]);
    expect(merged.map((s) => [new Date(s.ms).toISOString(), s.clinicianId])).toEqual([
      ['2026-12-01T14:00:00.000Z', A],
      ['2026-12-01T15:00:00.000Z', A],
      ['2026-12-01T16:00:00.000Z', B],
    ]);
  });
});

describe('groupByLocalDate', () => {
  it('puts the same instant on different calendar days in different zones', () => {
    const slots = mergeSlots([{ clinicianId: A, startMinutes: [minutes('2026-12-02T03:30:00Z')] }]);
    expect([...groupByLocalDate(slots, 'America/New_York').keys()]).toEqual(['2026-12-01']);
    expect([...groupByLocalDate(slots, 'Asia/Kolkata').keys()]).toEqual(['2026-12-02']);
    expect([...groupByLocalDate(slots, 'Pacific/Kiritimati').keys()]).toEqual(['2026-12-02']);
  });

  it('keeps times in order across the New York fall-back change', () => {
    // 2026-11-01: 01:30 EDT (05:30Z) and 01:30 EST (06:30Z) are both on Nov 1.
    const slots = mergeSlots([{ clinicianId: A, startMinutes: [minutes('2026-11-01T06:30:00Z'), minutes('2026-11-01T05:30:00Z')] }]);
    const day = groupByLocalDate(slots, 'America/New_York').get('2026-11-01') ?? [];
    expect(day.map((s) => formatTime(s.ms, 'America/New_York', 'en-US'))).toEqual(['1:30 AM', '1:30 AM']);
    expect(day[0]!.ms).toBeLessThan(day[1]!.ms);
  });
});

describe('calendarWeeks', () => {
  it('covers the range with Sunday-to-Saturday weeks', () => {
    const weeks = calendarWeeks('2026-11-24', '2026-12-06');
    expect(weeks.map((w) => [w[0], w[6]])).toEqual([
      ['2026-11-22', '2026-11-28'],
      ['2026-11-29', '2026-12-05'],
      ['2026-12-06', '2026-12-12'],
    ]);
  });

  it('gives one week for a range inside a week', () => {
    expect(calendarWeeks('2026-11-22', '2026-11-22')).toHaveLength(1);
  });
});

describe('rangeDates', () => {
  it('reads the searched range in the viewer zone (end exclusive)', () => {
    const start = Date.parse('2026-11-24T23:30:00Z');
    const end = Date.parse('2026-11-26T00:00:00Z');
    expect(rangeDates(start, end, 'UTC')).toEqual({ first: '2026-11-24', last: '2026-11-25' });
    expect(rangeDates(start, end, 'Asia/Tokyo')).toEqual({ first: '2026-11-25', last: '2026-11-26' });
  });
});

describe('nearestSlotOptions / hasSlot', () => {
  const slots = [
    { clinicianId: A, startMinutes: [minutes('2026-12-01T14:00:00Z'), minutes('2026-12-01T18:00:00Z'), minutes('2026-12-03T14:00:00Z')] },
    { clinicianId: B, startMinutes: [minutes('2026-12-01T15:30:00Z')] },
  ];

  it('offers the nearest free times either side, earliest first, never the taken one', () => {
    const taken = Date.parse('2026-12-01T15:00:00Z');
    expect(nearestSlotOptions(slots, taken, 3)).toEqual([
      { startsAt: '2026-12-01T14:00:00.000Z', clinicianId: A },
      { startsAt: '2026-12-01T15:30:00.000Z', clinicianId: B },
      { startsAt: '2026-12-01T18:00:00.000Z', clinicianId: A },
    ]);
    expect(nearestSlotOptions(slots, Date.parse('2026-12-01T14:00:00Z'), 10).map((o) => o.startsAt)).not.toContain(
      '2026-12-01T14:00:00.000Z',
    );
  });

  it('checks a clinician offers an exact start', () => {
    expect(hasSlot(slots, B, Date.parse('2026-12-01T15:30:00Z'))).toBe(true);
    expect(hasSlot(slots, A, Date.parse('2026-12-01T15:30:00Z'))).toBe(false);
  });
});

describe('format helpers', () => {
  it('prints fees plainly', () => {
    expect(formatFee(0)).toBe('Free');
    expect(formatFee(20000)).toBe('$200');
    expect(formatFee(12550)).toBe('$125.50');
  });

  it('uses plain spaces before AM/PM, so names match "9:00 AM"', () => {
    expect(formatTime(Date.parse('2026-12-01T14:00:00Z'), 'America/New_York', 'en-US')).toBe('9:00 AM');
    expect(plainSpaces('9:00\u202fAM')).toBe('9:00 AM');
  });

  it('formats calendar dates without a zone shift', () => {
    expect(formatLocalDate('2026-12-01', { weekday: 'long', month: 'long', day: 'numeric' }, 'en-US')).toBe('Tuesday, December 1');
  });

  it('maps legacy zone names and labels zones in plain words', () => {
    expect(canonicalZone('Asia/Calcutta', () => true)).toBe('Asia/Kolkata');
    expect(canonicalZone('Europe/Kiev', () => false)).toBe('Europe/Kiev');
    expect(zoneLabel('America/Chicago')).toBe('Chicago (Central time)');
    expect(zoneLabel('America/Mexico_City')).toBe('Mexico City');
  });

  it('sorts times into parts of the day in the viewer zone', () => {
    const ms = Date.parse('2026-12-01T17:00:00Z');
    expect(dayPartOf(ms, 'America/New_York')).toBe('Afternoon');
    expect(dayPartOf(ms, 'America/Los_Angeles')).toBe('Morning');
    expect(dayPartOf(ms, 'Europe/London')).toBe('Evening');
  });
});
