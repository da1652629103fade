import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  formatInZone,
  fromEpochDay,
  isValidTimeZone,
  localDateOf,
  toEpochDay,
  toMinuteOfDay,
  utcToZoned,
  wallClockBoundaryToUtc,
  weekdayOfDate,
  zonedTimeToUtc,
} from './zoned-time';

const NY = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SEED = 20_260_308;

// ---------------------------------------------------------------------------
// Independent oracle: offsets from Intl's `longOffset` time-zone name ("GMT-04:00"),
// calendar fields from Date's UTC getters. Shares no code with zoned-time.ts.
// ---------------------------------------------------------------------------

const oracleFormatters = new Map<string, Intl.DateTimeFormat>();

function oracleOffsetMinutes(ms: number, timeZone: string): number {
  let formatter = oracleFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    oracleFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match) throw new Error(`unexpected longOffset ${name}`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** 'YYYY-MM-DDTHH:MM' of the zone's wall clock at `ms`. */
function oracleWall(ms: number, timeZone: string): string {
  return new Date(ms + oracleOffsetMinutes(ms, timeZone) * MINUTE).toISOString().slice(0, 16);
}

/** Every instant (to the minute) whose wall clock reads `date`T`time`, by trying each offset the zone uses. */
function oracleInstantsOf(date: string, time: string, timeZone: string): number[] {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const offsets = new Set<number>();
  for (let probe = wall - 3 * DAY; probe <= wall + 3 * DAY; probe += 6 * HOUR) {
    offsets.add(oracleOffsetMinutes(probe, timeZone));
  }
  const target = `${date}T${time}`;
  return [...offsets]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => oracleWall(instant, timeZone) === target)
    .sort((a, b) => a - b);
}

const ZONES = [
  NY,
  'Australia/Lord_Howe', // 30-minute DST
  'Europe/London',
  'America/Santiago', // changes at midnight: 2026-09-06 00:00 does not exist
  'Pacific/Chatham', // +12:45 / +13:45
  'America/Havana', // changes at midnight too
  'Africa/Casablanca', // Ramadan changes
  'Asia/Kolkata', // +05:30, no DST
  'Pacific/Kiritimati', // +14
] as const;

/** 2026 offset changes of the zones above (found by scanning with the oracle), to aim the generators at. */
const TRANSITIONS_2026: ReadonlyArray<readonly [string, number]> = [
  [NY, Date.UTC(2026, 2, 8, 7)],
  [NY, Date.UTC(2026, 10, 1, 6)],
  ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
  ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30)],
  ['Europe/London', Date.UTC(2026, 2, 29, 1)],
  ['Europe/London', Date.UTC(2026, 9, 25, 1)],
  ['America/Santiago', Date.UTC(2026, 3, 5, 3)],
  ['America/Santiago', Date.UTC(2026, 8, 6, 4)],
  ['Pacific/Chatham', Date.UTC(2026, 3, 4, 14)],
  ['Pacific/Chatham', Date.UTC(2026, 8, 26, 14)],
  ['America/Havana', Date.UTC(2026, 2, 8, 5)],
  ['America/Havana', Date.UTC(2026, 10, 1, 5)],
  ['Africa/Casablanca', Date.UTC(2026, 1, 15, 2)],
  ['Africa/Casablanca', Date.UTC(2026, 2, 22, 2)],
];

/**
 * A zone and an instant: mostly within a few hours of one of that zone's 2026 transitions
 * (±2.5 h, so gaps and overlaps are hit often), otherwise anywhere in 1971–2037.
 */
const zonedInstantArb = fc.oneof(
  { weight: 3, arbitrary: fc
    .tuple(fc.constantFrom(...TRANSITIONS_2026), fc.integer({ min: -150, max: 150 }))
    .map(([[zone, transition], minutes]) => ({ zone, instant: transition + minutes * MINUTE })) },
  { weight: 1, arbitrary: fc
    .tuple(
      fc.constantFrom(...ZONES),
      fc.integer({ min: Date.UTC(1971, 0, 1) / MINUTE, max: Date.UTC(2037, 11, 31) / MINUTE }),
    )
    .map(([zone, minutes]) => ({ zone, instant: minutes * MINUTE })) },
);

describe('zonedTimeToUtc', () => {
  it('converts ordinary winter and summer times in New York', () => {
    expect(zonedTimeToUtc('2026-01-15', '09:00', NY)).toBe(Date.UTC(2026, 0, 15, 14, 0));
    expect(zonedTimeToUtc('2026-07-01', '09:00', NY)).toBe(Date.UTC(2026, 6, 1, 13, 0));
  });

  it('moves a skipped spring-forward time past the gap by the gap length', () => {
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z).
    expect(zonedTimeToUtc('2026-03-08', '01:59', NY)).toBe(Date.UTC(2026, 2, 8, 6, 59));
    expect(zonedTimeToUtc('2026-03-08', '02:00', NY)).toBe(Date.UTC(2026, 2, 8, 7, 0)); // 03:00 EDT
    expect(zonedTimeToUtc('2026-03-08', '02:30', NY)).toBe(Date.UTC(2026, 2, 8, 7, 30)); // 03:30 EDT
    expect(zonedTimeToUtc('2026-03-08', '03:00', NY)).toBe(Date.UTC(2026, 2, 8, 7, 0));
    expect(zonedTimeToUtc('2026-03-08', '03:30', NY)).toBe(Date.UTC(2026, 2, 8, 7, 30));
  });

  it('picks the earlier instant of an ambiguous fall-back time', () => {
    // 2026-11-01: 02:00 EDT falls back to 01:00 EST (06:00Z); 01:00–01:59 happen twice.
    expect(zonedTimeToUtc('2026-11-01', '00:59', NY)).toBe(Date.UTC(2026, 10, 1, 4, 59));
    expect(zonedTimeToUtc('2026-11-01', '01:00', NY)).toBe(Date.UTC(2026, 10, 1, 5, 0)); // EDT, not 06:00Z
    expect(zonedTimeToUtc('2026-11-01', '01:30', NY)).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(zonedTimeToUtc('2026-11-01', '02:00', NY)).toBe(Date.UTC(2026, 10, 1, 7, 0)); // EST
  });

  it("treats '24:00' as the next day's midnight, across month ends and DST days", () => {
    expect(zonedTimeToUtc('2026-01-31', '24:00', NY)).toBe(zonedTimeToUtc('2026-02-01', '00:00', NY));
    expect(zonedTimeToUtc('2026-03-07', '24:00', NY)).toBe(Date.UTC(2026, 2, 8, 5, 0));
    expect(zonedTimeToUtc('2026-11-01', '24:00', NY)).toBe(Date.UTC(2026, 10, 2, 5, 0));
  });

  it('handles half-hour and far-east zones, and a 30-minute DST gap', () => {
    expect(zonedTimeToUtc('2026-03-08', '09:00', 'Asia/Kolkata')).toBe(Date.UTC(2026, 2, 8, 3, 30));
    expect(zonedTimeToUtc('2026-03-08', '09:00', 'Pacific/Kiritimati')).toBe(Date.UTC(2026, 2, 7, 19, 0));
    // Lord Howe 2026-10-04: 02:00 (+10:30) jumps to 02:30 (+11:00) at 15:30Z on the 3rd.
    expect(zonedTimeToUtc('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe(Date.UTC(2026, 9, 3, 15, 45));
    // Lord Howe 2026-04-05: 02:00 (+11:00) falls back to 01:30 (+10:30); 01:45 is ambiguous.
    expect(zonedTimeToUtc('2026-04-05', '01:45', 'Australia/Lord_Howe')).toBe(Date.UTC(2026, 3, 4, 14, 45));
  });

  it('resolves a midnight that does not exist (Santiago spring-forward)', () => {
    // 2026-09-06 00:00 (-04:00) jumps to 01:00 (-03:00) at 04:00Z: shifting by the 1-hour
    // gap and the transition instant coincide.
    expect(zonedTimeToUtc('2026-09-06', '00:00', 'America/Santiago')).toBe(Date.UTC(2026, 8, 6, 4, 0));
    expect(zonedTimeToUtc('2026-09-06', '00:30', 'America/Santiago')).toBe(Date.UTC(2026, 8, 6, 4, 30));
    expect(wallClockBoundaryToUtc('2026-09-06', '00:00', 'America/Santiago')).toBe(Date.UTC(2026, 8, 6, 4, 0));
    expect(localDateOf(Date.UTC(2026, 8, 6, 4, 0), 'America/Santiago')).toBe('2026-09-06');
  });

  it('rejects malformed or impossible dates and times', () => {
    expect(() => zonedTimeToUtc('2026-02-30', '09:00', NY)).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-13-01', '09:00', NY)).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-3-8', '09:00', NY)).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-03-08', '9:00', NY)).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-03-08', '24:30', NY)).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-03-08', '12:60', NY)).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-03-08', '09:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('agrees with a brute-force oracle for random wall times, gaps and overlaps included', () => {
    const seen = { gaps: 0, overlaps: 0 };
    fc.assert(
      fc.property(zonedInstantArb, fc.integer({ min: -90, max: 90 }), ({ zone, instant }, shift) => {
        // A wall time near a transition (shifted so that some land in gaps).
        const wall = new Date(Date.parse(`${oracleWall(instant, zone)}:00Z`) + shift * MINUTE).toISOString();
        const date = wall.slice(0, 10);
        const time = wall.slice(11, 16);
        const result = zonedTimeToUtc(date, time, zone);
        const boundary = wallClockBoundaryToUtc(date, time, zone);
        const real = oracleInstantsOf(date, time, zone);
        if (real.length > 1) seen.overlaps++;
        if (real.length > 0) {
          expect(result).toBe(real[0]); // the only or the earlier instant
          expect(boundary).toBe(real[0]);
          return;
        }
        // Skipped: the clock after the gap reads the wall time plus the gap length…
        seen.gaps++;
        const gapMinutes = oracleOffsetMinutes(result, zone) - oracleOffsetMinutes(result - DAY, zone);
        expect(gapMinutes).toBeGreaterThan(0);
        const shifted = new Date(Date.parse(`${date}T${time}:00Z`) + gapMinutes * MINUTE).toISOString().slice(0, 16);
        expect(oracleWall(result, zone)).toBe(shifted);
        // …and the boundary is the transition itself: the offset changes exactly there.
        expect(oracleOffsetMinutes(boundary - 1_000, zone)).not.toBe(oracleOffsetMinutes(boundary, zone));
        expect(oracleWall(boundary, zone) > `${date}T${time}`).toBe(true);
        expect(oracleWall(boundary - MINUTE, zone) < `${date}T${time}`).toBe(true);
      }),
      { numRuns: 400, seed: SEED },
    );
    // The generator is aimed at transitions; make sure it actually exercised both cases.
    expect(seen.gaps).toBeGreaterThan(10);
    expect(seen.overlaps).toBeGreaterThan(10);
  });
});

describe('wallClockBoundaryToUtc', () => {
  it('is the transition instant inside a gap and zonedTimeToUtc elsewhere', () => {
    expect(wallClockBoundaryToUtc('2026-03-08', '02:00', NY)).toBe(Date.UTC(2026, 2, 8, 7, 0));
    expect(wallClockBoundaryToUtc('2026-03-08', '02:30', NY)).toBe(Date.UTC(2026, 2, 8, 7, 0));
    expect(wallClockBoundaryToUtc('2026-03-08', '02:59', NY)).toBe(Date.UTC(2026, 2, 8, 7, 0));
    expect(wallClockBoundaryToUtc('2026-03-08', '03:15', NY)).toBe(Date.UTC(2026, 2, 8, 7, 15));
    expect(wallClockBoundaryToUtc('2026-11-01', '01:30', NY)).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(wallClockBoundaryToUtc('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe(Date.UTC(2026, 9, 3, 15, 30));
  });
});

describe('utcToZoned', () => {
  it('reads date, time, weekday and offset', () => {
    expect(utcToZoned(Date.UTC(2026, 2, 8, 7, 30), NY)).toEqual({
      date: '2026-03-08',
      time: '03:30',
      weekday: 0,
      offsetMinutes: -240,
    });
    expect(utcToZoned(Date.UTC(2026, 2, 8, 6, 59, 59, 999), NY)).toEqual({
      date: '2026-03-08',
      time: '01:59',
      weekday: 0,
      offsetMinutes: -300,
    });
    expect(utcToZoned(Date.UTC(2026, 10, 1, 6, 30), NY)).toMatchObject({ time: '01:30', offsetMinutes: -300 });
    expect(utcToZoned(Date.UTC(2026, 10, 1, 5, 30), NY)).toMatchObject({ time: '01:30', offsetMinutes: -240 });
    expect(utcToZoned(Date.UTC(2026, 2, 7, 20, 0), 'Asia/Kolkata')).toEqual({
      date: '2026-03-08',
      time: '01:30',
      weekday: 0,
      offsetMinutes: 330,
    });
    expect(utcToZoned(Date.UTC(2026, 2, 7, 10, 0), 'Pacific/Kiritimati')).toEqual({
      date: '2026-03-08',
      time: '00:00',
      weekday: 0,
      offsetMinutes: 840,
    });
    expect(utcToZoned(Date.UTC(2026, 0, 1, 0, 0), 'Pacific/Chatham')).toMatchObject({
      time: '13:45',
      offsetMinutes: 825,
    });
  });

  it('renders midnight as 00:00, never 24:00', () => {
    expect(utcToZoned(Date.UTC(2026, 0, 1, 5, 0), NY)).toMatchObject({ date: '2026-01-01', time: '00:00' });
  });

  it('matches the longOffset oracle for random instants and zones', () => {
    fc.assert(
      fc.property(zonedInstantArb, fc.integer({ min: 0, max: 59_999 }), ({ zone, instant }, jitter) => {
        const ms = instant + jitter;
        const zoned = utcToZoned(ms, zone);
        const wall = oracleWall(ms, zone);
        expect(zoned.offsetMinutes).toBe(oracleOffsetMinutes(ms, zone));
        expect(`${zoned.date}T${zoned.time}`).toBe(wall);
        expect(zoned.weekday).toBe(new Date(`${zoned.date}T00:00:00Z`).getUTCDay());
        expect(localDateOf(ms, zone)).toBe(zoned.date);
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('round-trips through zonedTimeToUtc unless the wall time is ambiguous (then the earlier instant)', () => {
    fc.assert(
      fc.property(zonedInstantArb, ({ zone, instant }) => {
        const zoned = utcToZoned(instant, zone);
        const back = zonedTimeToUtc(zoned.date, zoned.time, zone);
        const occurrences = oracleInstantsOf(zoned.date, zoned.time, zone);
        expect(occurrences).toContain(instant);
        expect(back).toBe(occurrences[0]);
        if (occurrences.length === 1) expect(back).toBe(instant);
      }),
      { numRuns: 400, seed: SEED },
    );
  });
});

describe('calendar helpers', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDaysToDate('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysToDate('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDaysToDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDaysToDate('2026-03-08', 0)).toBe('2026-03-08');
    expect(addDaysToDate('2026-03-08', 365)).toBe('2027-03-08');
  });

  it('computes weekdays like Date#getUTCDay', () => {
    expect(weekdayOfDate('2026-03-08')).toBe(0);
    expect(weekdayOfDate('2026-11-01')).toBe(0);
    expect(weekdayOfDate('2000-02-29')).toBe(2);
    expect(weekdayOfDate('1969-12-31')).toBe(3);
  });

  it('agrees with Date for random dates (including years below 100)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (epochDay) => {
        const date = fromEpochDay(epochDay);
        const viaDate = new Date(epochDay * DAY);
        expect(date).toBe(viaDate.toISOString().slice(0, 10));
        expect(toEpochDay(date)).toBe(epochDay);
        expect(weekdayOfDate(date)).toBe(viaDate.getUTCDay());
        expect(addDaysToDate(date, 40)).toBe(new Date((epochDay + 40) * DAY).toISOString().slice(0, 10));
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('parses times to minutes of the day, with 24:00 as 1440', () => {
    expect(toMinuteOfDay('00:00')).toBe(0);
    expect(toMinuteOfDay('09:15')).toBe(555);
    expect(toMinuteOfDay('23:59')).toBe(1439);
    expect(toMinuteOfDay('24:00')).toBe(1440);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones and rejects anything else', () => {
    expect(isValidTimeZone(NY)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Australia/Lord_Howe')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(' ')).toBe(false);
    expect(isValidTimeZone('+05:30')).toBe(false);
  });

  it('keeps working when many distinct zone spellings overflow the formatter cache', () => {
    const spellings = Array.from({ length: 1_200 }, (_, i) =>
      [...'america/new_york'].map((c, j) => ((i >> j) & 1 ? c.toUpperCase() : c)).join(''),
    );
    for (const zone of spellings) expect(isValidTimeZone(zone)).toBe(true);
    expect(zonedTimeToUtc('2026-03-08', '02:30', spellings[777] ?? NY)).toBe(Date.UTC(2026, 2, 8, 7, 30));
  });
});

describe('formatInZone', () => {
  it('formats in the given zone with the given options', () => {
    const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    const instant = Date.UTC(2026, 2, 8, 7, 30);
    expect(formatInZone(instant, NY, opts)).toBe('03:30');
    expect(formatInZone(instant, NY, opts)).toBe('03:30'); // cached formatter
    expect(formatInZone(instant, 'Asia/Kolkata', opts)).toBe('13:00');
    expect(formatInZone(instant, NY, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA')).toBe(
      '2026-03-08',
    );
  });

  it('ignores a timeZone inside opts in favour of the argument', () => {
    const instant = Date.UTC(2026, 2, 8, 7, 30);
    expect(formatInZone(instant, NY, { timeZone: 'UTC', hour: '2-digit', hourCycle: 'h23' })).toBe('03');
  });
});
