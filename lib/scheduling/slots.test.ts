import { describe, expect, it } from 'vitest';
import { findAvailableSlots, isSlotAvailable, whyUnavailable } from './slots';
import type { BusyRange, DateOverride, Modality, SlotQuery, SlotRules, WeeklyRule } from './types';
import { utcToZoned } from './zoned-time';

/*
 * Fixed clocks and zones only. Calendar used below (America/New_York unless stated):
 * - Mon 2026-01-12 / Tue 01-13 / Sat 01-17 / Mon 01-19: EST, UTC-5.
 * - Sat 2026-03-07 EST; Sun 2026-03-08 spring forward: 02:00 EST -> 03:00 EDT at 07:00Z.
 * - Sun 2026-11-01 fall back: 02:00 EDT -> 01:00 EST at 06:00Z.
 */
const NY = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const SUN = 0;
const MON = 1;
const TUE = 2;
const SAT = 6;

function rule(weekday: number, start: string, end: string, modalities: readonly Modality[] = ['video']): WeeklyRule {
  return { weekday, start, end, modalities };
}

function timeOff(date: string, start: string | null = null, end: string | null = null): DateOverride {
  return { date, kind: 'time_off', start, end, modalities: [] };
}

function extraHours(
  date: string,
  start: string,
  end: string,
  modalities: readonly Modality[] = ['video'],
): DateOverride {
  return { date, kind: 'extra_hours', start, end, modalities };
}

function busy(from: number, until: number, consultationTypeId = 'other-type', startsAt = from): BusyRange {
  return { from, until, startsAt, consultationTypeId };
}

type QueryInput = Partial<Omit<SlotQuery, 'type'>> & { type?: Partial<SlotRules> };

/** A 60-minute video type on an hourly grid with no buffers, notice, cap, or practical horizon. */
function query(input: QueryInput): SlotQuery {
  const { type, ...rest } = input;
  return {
    timeZone: NY,
    rules: [],
    overrides: [],
    busy: [],
    now: Date.UTC(2025, 11, 1),
    from: Date.UTC(2026, 0, 1),
    to: Date.UTC(2027, 0, 1),
    ...rest,
    type: {
      consultationTypeId: 'video-60',
      modality: 'video',
      durationMinutes: 60,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      incrementMinutes: 60,
      minNoticeMinutes: 0,
      horizonDays: 730,
      dailyCap: null,
      ...type,
    },
  };
}

/** 30-minute appointments every 30 minutes. */
const HALF_HOURLY = { durationMinutes: 30, incrementMinutes: 30 };

/** [from, to) covering the NY-local day of 2026-01-12 (EST). */
const MON_JAN_12 = { from: Date.UTC(2026, 0, 12, 5), to: Date.UTC(2026, 0, 13, 5) };
/** The NY-local spring-forward day (23 hours long). */
const SPRING_DAY = { from: Date.UTC(2026, 2, 8, 5), to: Date.UTC(2026, 2, 9, 4) };
/** The NY-local fall-back day (25 hours long). */
const FALL_DAY = { from: Date.UTC(2026, 10, 1, 4), to: Date.UTC(2026, 10, 2, 5) };

function hourly(year: number, month: number, day: number, firstHourUtc: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Date.UTC(year, month, day, firstHourUtc + i));
}

function localTimes(slots: readonly number[], timeZone = NY): string[] {
  return slots.map((slot) => utcToZoned(slot, timeZone).time);
}

describe('findAvailableSlots: weekly rules', () => {
  it('offers the grid of a plain day', () => {
    const slots = findAvailableSlots(query({ ...MON_JAN_12, rules: [rule(MON, '09:00', '12:00')] }));
    expect(slots).toEqual([Date.UTC(2026, 0, 12, 14), Date.UTC(2026, 0, 12, 15), Date.UTC(2026, 0, 12, 16)]);
  });

  it("only uses the date's weekday", () => {
    expect(findAvailableSlots(query({ ...MON_JAN_12, rules: [rule(TUE, '09:00', '12:00')] }))).toEqual([]);
  });

  it('merges overlapping rules into one window (an appointment may span both)', () => {
    const slots = findAvailableSlots(
      query({
        ...MON_JAN_12,
        rules: [rule(MON, '09:00', '12:00'), rule(MON, '11:00', '13:00')],
        type: { durationMinutes: 240 },
      }),
    );
    expect(slots).toEqual([Date.UTC(2026, 0, 12, 14)]);
  });

  it('ignores empty, inverted and out-of-range rules', () => {
    const q = query({
      ...MON_JAN_12,
      rules: [rule(MON, '12:00', '09:00'), rule(MON, '10:00', '10:00'), rule(8, '09:00', '12:00')],
    });
    expect(findAvailableSlots(q)).toEqual([]);
  });

  it('filters rules by modality', () => {
    const rules = [rule(MON, '09:00', '10:00', ['in_person']), rule(MON, '13:00', '14:00', ['video', 'in_person'])];
    const forModality = (modality: Modality) => findAvailableSlots(query({ ...MON_JAN_12, rules, type: { modality } }));
    expect(forModality('video')).toEqual([Date.UTC(2026, 0, 12, 18)]);
    expect(forModality('in_person')).toEqual([Date.UTC(2026, 0, 12, 14), Date.UTC(2026, 0, 12, 18)]);
    expect(forModality('phone')).toEqual([]);
  });

  it('resolves wall-clock rules in the practice zone', () => {
    const slots = findAvailableSlots(
      query({
        timeZone: 'Asia/Kolkata',
        rules: [rule(SUN, '09:00', '10:00')],
        from: Date.UTC(2026, 2, 7, 18, 30),
        to: Date.UTC(2026, 2, 8, 18, 30),
      }),
    );
    expect(slots).toEqual([Date.UTC(2026, 2, 8, 3, 30)]);
  });
});

describe('findAvailableSlots: DST days in New York', () => {
  it('keeps a 09:00–17:00 rule at 8 real hours on the spring-forward day', () => {
    const slots = findAvailableSlots(query({ ...SPRING_DAY, rules: [rule(SUN, '09:00', '17:00')] }));
    expect(slots).toEqual(hourly(2026, 2, 8, 13, 8)); // 09:00 EDT = 13:00Z … 16:00 EDT
  });

  it('keeps a 09:00–17:00 rule at 8 real hours on the fall-back day', () => {
    const slots = findAvailableSlots(query({ ...FALL_DAY, rules: [rule(SUN, '09:00', '17:00')] }));
    expect(slots).toEqual(hourly(2026, 10, 1, 14, 8)); // 09:00 EST = 14:00Z … 16:00 EST
  });

  it('gives a rule spanning the spring-forward gap only the real time it spans (01:00–04:00 = 2 h)', () => {
    const slots = findAvailableSlots(
      query({ ...SPRING_DAY, rules: [rule(SUN, '01:00', '04:00')], type: HALF_HOURLY }),
    );
    expect(slots).toEqual([
      Date.UTC(2026, 2, 8, 6, 0),
      Date.UTC(2026, 2, 8, 6, 30),
      Date.UTC(2026, 2, 8, 7, 0),
      Date.UTC(2026, 2, 8, 7, 30),
    ]);
    expect(localTimes(slots)).toEqual(['01:00', '01:30', '03:00', '03:30']);
  });

  it('lets an appointment straddle the gap (01:00 EST to 03:00 EDT is one real hour)', () => {
    const slots = findAvailableSlots(query({ ...SPRING_DAY, rules: [rule(SUN, '01:00', '04:00')] }));
    expect(slots).toEqual([Date.UTC(2026, 2, 8, 6), Date.UTC(2026, 2, 8, 7)]);
  });

  it('starts a window whose edge falls in the gap at the jump (02:30 -> 03:00 EDT)', () => {
    const slots = findAvailableSlots(
      query({ ...SPRING_DAY, rules: [rule(SUN, '02:30', '04:00')], type: HALF_HOURLY }),
    );
    expect(slots).toEqual([Date.UTC(2026, 2, 8, 7, 0), Date.UTC(2026, 2, 8, 7, 30)]);
  });

  it('offers nothing for a rule that lies wholly inside the gap', () => {
    const slots = findAvailableSlots(
      query({
        ...SPRING_DAY,
        rules: [rule(SUN, '02:00', '03:00')],
        type: { durationMinutes: 15, incrementMinutes: 15 },
      }),
    );
    expect(slots).toEqual([]);
  });

  it('removes no time for time off inside the gap', () => {
    const slots = findAvailableSlots(
      query({
        ...SPRING_DAY,
        rules: [rule(SUN, '00:00', '05:00')],
        overrides: [timeOff('2026-03-08', '02:00', '03:00')],
        type: { durationMinutes: 120 },
      }),
    );
    // Window 00:00 EST (05:00Z) to 05:00 EDT (09:00Z), unbroken.
    expect(slots).toEqual(hourly(2026, 2, 8, 5, 3));
  });

  it('gives a rule spanning the fall-back overlap all the real time it spans (00:00–03:00 = 4 h)', () => {
    const slots = findAvailableSlots(query({ ...FALL_DAY, rules: [rule(SUN, '00:00', '03:00')] }));
    expect(slots).toEqual(hourly(2026, 10, 1, 4, 4));
    expect(slots.map((slot) => utcToZoned(slot, NY).offsetMinutes)).toEqual([-240, -240, -300, -300]);
    expect(localTimes(slots)).toEqual(['00:00', '01:00', '01:00', '02:00']);
  });

  it('starts a window at the first occurrence of an ambiguous time', () => {
    const slots = findAvailableSlots(
      query({ ...FALL_DAY, rules: [rule(SUN, '01:30', '02:00')], type: HALF_HOURLY }),
    );
    // 01:30 EDT (05:30Z) until 02:00 EST (07:00Z).
    expect(slots).toEqual([Date.UTC(2026, 10, 1, 5, 30), Date.UTC(2026, 10, 1, 6, 0), Date.UTC(2026, 10, 1, 6, 30)]);
  });

  it("ends a '24:00' rule at the next local midnight", () => {
    const satBeforeSpring = findAvailableSlots(
      query({ from: Date.UTC(2026, 2, 7, 5), to: Date.UTC(2026, 2, 8, 5), rules: [rule(SAT, '22:00', '24:00')] }),
    );
    expect(satBeforeSpring).toEqual([Date.UTC(2026, 2, 8, 3), Date.UTC(2026, 2, 8, 4)]);
    const fallDay = findAvailableSlots(query({ ...FALL_DAY, rules: [rule(SUN, '22:00', '24:00')] }));
    expect(fallDay).toEqual([Date.UTC(2026, 10, 2, 3), Date.UTC(2026, 10, 2, 4)]);
  });

  it('never lets an appointment run past local midnight into the next date', () => {
    const slots = findAvailableSlots(
      query({
        from: Date.UTC(2026, 2, 7, 5),
        to: Date.UTC(2026, 2, 9, 4),
        rules: [rule(SAT, '23:00', '24:00'), rule(SUN, '00:00', '01:00')],
        type: { durationMinutes: 90, incrementMinutes: 30 },
      }),
    );
    expect(slots).toEqual([]);
  });
});

describe('findAvailableSlots: overrides', () => {
  const weekdays = [rule(MON, '09:00', '12:00')];
  const twoMondays = { from: Date.UTC(2026, 0, 12, 5), to: Date.UTC(2026, 0, 20, 5) };

  it('drops a whole day of time off (null start and end)', () => {
    const slots = findAvailableSlots(
      query({ ...twoMondays, rules: weekdays, overrides: [timeOff('2026-01-12')] }),
    );
    expect(slots).toEqual(hourly(2026, 0, 19, 14, 3));
  });

  it('applies time off whatever modalities it lists', () => {
    const off: DateOverride = { ...timeOff('2026-01-12'), modalities: ['in_person'] };
    const slots = findAvailableSlots(query({ ...MON_JAN_12, rules: weekdays, overrides: [off] }));
    expect(slots).toEqual([]);
  });

  it('splits a window around partial time off and restarts the grid after it', () => {
    const slots = findAvailableSlots(
      query({
        ...MON_JAN_12,
        rules: [rule(MON, '09:00', '17:00')],
        overrides: [timeOff('2026-01-12', '12:00', '12:30')],
      }),
    );
    expect(localTimes(slots)).toEqual(['09:00', '10:00', '11:00', '12:30', '13:30', '14:30', '15:30']);
    expect(slots[3]).toBe(Date.UTC(2026, 0, 12, 17, 30));
  });

  it('reads one null edge of time off as the edge of the day', () => {
    const slots = findAvailableSlots(
      query({ ...MON_JAN_12, rules: [rule(MON, '09:00', '17:00')], overrides: [timeOff('2026-01-12', null, '11:00')] }),
    );
    expect(localTimes(slots)).toEqual(['11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
  });

  it('adds extra hours on a day without rules, for the listed modalities only', () => {
    const saturday = { from: Date.UTC(2026, 0, 17, 5), to: Date.UTC(2026, 0, 18, 5) };
    const overrides = [extraHours('2026-01-17', '10:00', '12:00', ['video'])];
    expect(findAvailableSlots(query({ ...saturday, overrides }))).toEqual([
      Date.UTC(2026, 0, 17, 15),
      Date.UTC(2026, 0, 17, 16),
    ]);
    expect(findAvailableSlots(query({ ...saturday, overrides, type: { modality: 'in_person' } }))).toEqual([]);
  });

  it('merges extra hours with an adjacent rule into one window', () => {
    const slots = findAvailableSlots(
      query({
        ...MON_JAN_12,
        rules: weekdays,
        overrides: [extraHours('2026-01-12', '12:00', '14:00')],
        type: { durationMinutes: 90, incrementMinutes: 30 },
      }),
    );
    expect(localTimes(slots)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30']);
  });

  it('lets time off win over extra hours on the same date', () => {
    const slots = findAvailableSlots(
      query({
        from: Date.UTC(2026, 0, 17, 5),
        to: Date.UTC(2026, 0, 18, 5),
        overrides: [extraHours('2026-01-17', '10:00', '12:00'), timeOff('2026-01-17', '09:00', '11:00')],
      }),
    );
    expect(slots).toEqual([Date.UTC(2026, 0, 17, 16)]);
  });
});

describe('findAvailableSlots: busy time and buffers', () => {
  // 45-minute type with 15-minute buffers on a 15-minute grid; busy 11:00–12:00 local (16:00–17:00Z).
  const base = query({
    ...MON_JAN_12,
    rules: [rule(MON, '09:00', '14:00')],
    busy: [busy(Date.UTC(2026, 0, 12, 16), Date.UTC(2026, 0, 12, 17))],
    type: { durationMinutes: 45, bufferBeforeMinutes: 15, bufferAfterMinutes: 15, incrementMinutes: 15 },
  });

  it('allows blocked ranges that touch busy time and refuses ones that overlap it', () => {
    expect(localTimes(findAvailableSlots(base))).toEqual([
      '09:00',
      '09:15',
      '09:30',
      '09:45',
      '10:00', // 09:45–11:00 blocked: touches 11:00
      '12:15', // 12:00–13:15 blocked: touches 12:00
      '12:30',
      '12:45',
      '13:00',
      '13:15', // ends 14:00
    ]);
  });

  it('refuses the grid points next to the ones that touch', () => {
    expect(isSlotAvailable(base, Date.UTC(2026, 0, 12, 15, 0))).toBe(true); // 10:00
    expect(isSlotAvailable(base, Date.UTC(2026, 0, 12, 15, 15))).toBe(false); // 10:15: after-buffer overlaps
    expect(isSlotAvailable(base, Date.UTC(2026, 0, 12, 17, 0))).toBe(false); // 12:00: before-buffer overlaps
    expect(isSlotAvailable(base, Date.UTC(2026, 0, 12, 17, 15))).toBe(true); // 12:15
  });

  it('handles unsorted, overlapping and empty busy ranges', () => {
    const scattered = query({
      ...base,
      busy: [
        busy(Date.UTC(2026, 0, 12, 16, 30), Date.UTC(2026, 0, 12, 17)),
        busy(Date.UTC(2026, 0, 12, 16), Date.UTC(2026, 0, 12, 16, 40)),
        busy(Date.UTC(2026, 0, 12, 14), Date.UTC(2026, 0, 12, 14)), // empty: ignored
        busy(Date.UTC(2026, 0, 12, 16, 10), Date.UTC(2026, 0, 12, 16, 20)),
      ],
      type: base.type,
    });
    expect(findAvailableSlots(scattered)).toEqual(findAvailableSlots(base));
  });

  it('is blocked by busy time that covers the whole window', () => {
    const q = query({ ...base, busy: [busy(Date.UTC(2026, 0, 12, 0), Date.UTC(2026, 0, 13, 0))], type: base.type });
    expect(findAvailableSlots(q)).toEqual([]);
  });
});

describe('findAvailableSlots: notice, horizon, range', () => {
  const day = { ...MON_JAN_12, rules: [rule(MON, '09:00', '17:00')] };

  it('requires start >= now + min notice', () => {
    const withNow = (now: number) => findAvailableSlots(query({ ...day, now, type: { minNoticeMinutes: 120 } }));
    const late = withNow(Date.UTC(2026, 0, 12, 14, 10));
    expect(late[0]).toBe(Date.UTC(2026, 0, 12, 17)); // 16:00Z is 10 minutes short
    const exact = withNow(Date.UTC(2026, 0, 12, 14));
    expect(exact[0]).toBe(Date.UTC(2026, 0, 12, 16));
  });

  it('requires start < now + horizon days', () => {
    const q = query({
      from: Date.UTC(2026, 0, 12, 5),
      to: Date.UTC(2026, 0, 30),
      rules: [rule(MON, '09:00', '17:00')],
      now: Date.UTC(2026, 0, 11, 15),
      type: { horizonDays: 1 },
    });
    expect(findAvailableSlots(q)).toEqual([Date.UTC(2026, 0, 12, 14)]); // 15:00Z = now + 24 h is out
    expect(findAvailableSlots({ ...q, type: { ...q.type, horizonDays: 0 } })).toEqual([]);
  });

  it('clips starts to [from, to) without moving the grid', () => {
    const slots = findAvailableSlots(
      query({
        ...day,
        from: Date.UTC(2026, 0, 12, 14, 10), // 09:10
        to: Date.UTC(2026, 0, 12, 15, 45), // 10:45
        type: { durationMinutes: 30, incrementMinutes: 30 },
      }),
    );
    // 09:30 is the first grid point after `from`; 10:30 starts before `to` and may end after it.
    expect(localTimes(slots)).toEqual(['09:30', '10:00', '10:30']);
  });

  it('returns nothing for an empty or inverted range', () => {
    const instant = Date.UTC(2026, 0, 12, 16);
    expect(findAvailableSlots(query({ ...day, from: instant, to: instant }))).toEqual([]);
    expect(findAvailableSlots(query({ ...day, from: Date.UTC(2026, 0, 13), to: Date.UTC(2026, 0, 12) }))).toEqual([]);
  });
});

describe('findAvailableSlots: daily cap', () => {
  const rules = [rule(MON, '09:00', '12:00'), rule(TUE, '09:00', '12:00')];
  const mondayAndTuesday = { from: Date.UTC(2026, 0, 12, 5), to: Date.UTC(2026, 0, 14, 5) };
  // Bookings outside working hours, so only the cap (not overlap) can remove slots.
  const bookings = [
    busy(Date.UTC(2026, 0, 12, 12), Date.UTC(2026, 0, 12, 13), 'video-60'), // Mon 07:00 local
    busy(Date.UTC(2026, 0, 13, 4, 30), Date.UTC(2026, 0, 13, 5, 30), 'video-60'), // Mon 23:30 local (Tue in UTC)
    busy(Date.UTC(2026, 0, 13, 12), Date.UTC(2026, 0, 13, 12, 30), 'other-type'), // Tue 07:00 local
    busy(Date.UTC(2026, 0, 13, 12, 30), Date.UTC(2026, 0, 13, 13), 'other-type'),
    busy(Date.UTC(2026, 0, 13, 13), Date.UTC(2026, 0, 13, 13, 30), 'other-type'),
  ];
  const capped = (dailyCap: number | null) =>
    findAvailableSlots(query({ ...mondayAndTuesday, rules, busy: bookings, type: { dailyCap } }));
  const monday = hourly(2026, 0, 12, 14, 3);
  const tuesday = hourly(2026, 0, 13, 14, 3);

  it('closes a practice-local date that has reached the cap for this type', () => {
    expect(capped(2)).toEqual(tuesday); // other types' bookings on Tuesday do not count
  });

  it('opens the date while below the cap', () => {
    expect(capped(3)).toEqual([...monday, ...tuesday]);
    expect(capped(null)).toEqual([...monday, ...tuesday]);
  });

  it('closes every date with a cap of 0', () => {
    expect(capped(0)).toEqual([]);
  });
});

describe('whyUnavailable', () => {
  // Monday 2026-01-12 09:00–12:00 New York (14:00Z–17:00Z); now is Monday 08:00 local.
  const base = query({
    from: Date.UTC(2026, 0, 5),
    to: Date.UTC(2026, 1, 20),
    now: Date.UTC(2026, 0, 12, 13),
    rules: [rule(MON, '09:00', '12:00')],
    type: { minNoticeMinutes: 120, horizonDays: 14, dailyCap: 2 },
  });

  it('is null for a bookable start', () => {
    expect(whyUnavailable(base, Date.UTC(2026, 0, 12, 15))).toBeNull();
  });

  it('names the past, the notice window and the horizon', () => {
    expect(whyUnavailable(base, Date.UTC(2026, 0, 12, 12))).toBe('past');
    expect(whyUnavailable(base, Date.UTC(2026, 0, 12, 14))).toBe('too_soon'); // 09:00 is 1 h away, notice is 2 h
    expect(whyUnavailable(base, Date.UTC(2026, 0, 26, 14))).toBe('too_far'); // exactly 14 days + 1 h ahead
    expect(whyUnavailable(base, Date.UTC(2026, 0, 19, 14))).toBeNull(); // a week ahead is fine
  });

  it('says the day is full only when the daily cap is reached on that practice-local date', () => {
    const two = [
      busy(Date.UTC(2026, 0, 19, 14), Date.UTC(2026, 0, 19, 15), 'video-60'),
      busy(Date.UTC(2026, 0, 19, 15), Date.UTC(2026, 0, 19, 16), 'video-60'),
    ];
    expect(whyUnavailable({ ...base, busy: two }, Date.UTC(2026, 0, 19, 16))).toBe('day_full');
    expect(whyUnavailable({ ...base, busy: two.slice(0, 1) }, Date.UTC(2026, 0, 19, 14))).toBe('not_open'); // taken, day not full
    expect(whyUnavailable({ ...base, busy: two.slice(0, 1) }, Date.UTC(2026, 0, 19, 15))).toBeNull();
  });

  it('calls anything else not open (outside hours, off the grid, unparseable)', () => {
    expect(whyUnavailable(base, Date.UTC(2026, 0, 13, 15))).toBe('not_open'); // Tuesday: no hours
    expect(whyUnavailable(base, Date.UTC(2026, 0, 19, 15, 10))).toBe('not_open');
    expect(whyUnavailable(base, Number.NaN)).toBe('not_open');
  });
});

describe('findAvailableSlots: increments', () => {
  it('steps from the window start by the increment while the appointment fits', () => {
    const slots = findAvailableSlots(
      query({
        ...MON_JAN_12,
        rules: [rule(MON, '09:00', '11:00')],
        type: { durationMinutes: 50, incrementMinutes: 20 },
      }),
    );
    expect(localTimes(slots)).toEqual(['09:00', '09:20', '09:40', '10:00']);
  });

  it('anchors the grid to an off-hour window start', () => {
    const slots = findAvailableSlots(
      query({ ...MON_JAN_12, rules: [rule(MON, '09:10', '11:00')], type: HALF_HOURLY }),
    );
    expect(localTimes(slots)).toEqual(['09:10', '09:40', '10:10']);
  });
});

describe('isSlotAvailable', () => {
  const q = query({
    ...MON_JAN_12,
    rules: [rule(MON, '09:00', '17:00')],
    busy: [busy(Date.UTC(2026, 0, 12, 17), Date.UTC(2026, 0, 12, 18))],
    now: Date.UTC(2026, 0, 12, 13),
    type: {
      durationMinutes: 50,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 10,
      incrementMinutes: 15,
      minNoticeMinutes: 90,
    },
  });
  const slots = findAvailableSlots(q);

  it('is true for every listed slot', () => {
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) expect(isSlotAvailable(q, slot)).toBe(true);
  });

  it('is false for off-grid, busy, too-soon, out-of-range and non-finite starts', () => {
    const first = slots[0] ?? Number.NaN;
    expect(isSlotAvailable(q, first + MINUTE)).toBe(false);
    expect(isSlotAvailable(q, first + 1)).toBe(false);
    expect(isSlotAvailable(q, Date.UTC(2026, 0, 12, 17))).toBe(false); // busy
    expect(isSlotAvailable(q, Date.UTC(2026, 0, 12, 14))).toBe(false); // within the 90-minute notice
    expect(isSlotAvailable({ ...q, to: first }, first)).toBe(false);
    expect(isSlotAvailable({ ...q, from: first + 1 }, first)).toBe(false);
    expect(isSlotAvailable(q, Number.NaN)).toBe(false);
    expect(isSlotAvailable(q, Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('agrees with findAvailableSlots on every grid point of the day', () => {
    const listed = new Set(slots);
    for (let t = MON_JAN_12.from; t < MON_JAN_12.to; t += 5 * MINUTE) {
      expect(isSlotAvailable(q, t)).toBe(listed.has(t));
    }
  });
});

describe('findAvailableSlots: invalid type rules', () => {
  it('throws instead of looping on a non-positive increment or duration', () => {
    const day = { ...MON_JAN_12, rules: [rule(MON, '09:00', '12:00')] };
    expect(() => findAvailableSlots(query({ ...day, type: { incrementMinutes: 0 } }))).toThrow(RangeError);
    expect(() => findAvailableSlots(query({ ...day, type: { durationMinutes: -5 } }))).toThrow(RangeError);
    expect(() => findAvailableSlots(query({ ...day, type: { bufferAfterMinutes: Number.NaN } }))).toThrow(RangeError);
  });

  it('throws on malformed wall-clock times', () => {
    expect(() => findAvailableSlots(query({ ...MON_JAN_12, rules: [rule(MON, '9:00', '12:00')] }))).toThrow(RangeError);
  });
});

// Keep the unit tests honest about their calendar assumptions.
describe('test calendar', () => {
  it('has the DST transitions where the comments say', () => {
    expect(utcToZoned(Date.UTC(2026, 2, 8, 7) - 1, NY).offsetMinutes).toBe(-300);
    expect(utcToZoned(Date.UTC(2026, 2, 8, 7), NY).offsetMinutes).toBe(-240);
    expect(utcToZoned(Date.UTC(2026, 10, 1, 6) - 1, NY).offsetMinutes).toBe(-240);
    expect(utcToZoned(Date.UTC(2026, 10, 1, 6), NY).offsetMinutes).toBe(-300);
    expect(new Date(Date.UTC(2026, 0, 12)).getUTCDay()).toBe(MON);
    expect(SPRING_DAY.to - SPRING_DAY.from).toBe(23 * HOUR);
    expect(FALL_DAY.to - FALL_DAY.from).toBe(25 * HOUR);
  });
});
