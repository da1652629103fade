import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAvailableSlots } from '../scheduling/slots';
import { MODALITIES, type DateOverride, type Modality, type WeeklyRule } from '../scheduling/types';
import { isCovered, newlyUncovered, type CoverageProbe, type Hours } from './coverage';

const NY = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';
const MINUTE = 60_000;
const DAY = 86_400_000;
const SEED = 20_260_308;

const utc = (iso: string) => Date.parse(iso);
const probe = (startIso: string, endIso: string, modality: Modality = 'video'): CoverageProbe => ({ modality, startsAt: utc(startIso), endsAt: utc(endIso) });
const week = (weekdays: number[], start: string, end: string, modalities: Modality[] = ['video']): WeeklyRule[] =>
  weekdays.map((weekday) => ({ weekday, start, end, modalities }));
const hours = (rules: readonly WeeklyRule[], overrides: readonly DateOverride[] = []): Hours => ({ rules, overrides });

describe('isCovered: the hours, in the practice zone', () => {
  // Monday 9 March 2026 is the first weekday after New York springs forward (EDT, UTC−4).
  const weekdays = hours(week([1, 2, 3, 4, 5], '09:00', '17:00'));

  it('covers a booking inside the hours for its modality only', () => {
    expect(isCovered(NY, weekdays, probe('2026-03-09T13:00:00Z', '2026-03-09T13:50:00Z'))).toBe(true); // 09:00–09:50 EDT
    expect(isCovered(NY, weekdays, probe('2026-03-09T20:10:00Z', '2026-03-09T21:00:00Z'))).toBe(true); // 16:10–17:00
    expect(isCovered(NY, weekdays, probe('2026-03-09T20:30:00Z', '2026-03-09T21:20:00Z'))).toBe(false); // runs past 17:00
    expect(isCovered(NY, weekdays, probe('2026-03-09T12:55:00Z', '2026-03-09T13:50:00Z'))).toBe(false); // starts 08:55
    expect(isCovered(NY, weekdays, probe('2026-03-09T13:00:00Z', '2026-03-09T13:50:00Z', 'phone'))).toBe(false);
    // The same UTC time a week earlier is 08:00 EST: before hours. A fixed offset would get this wrong.
    expect(isCovered(NY, weekdays, probe('2026-03-02T13:00:00Z', '2026-03-02T13:50:00Z'))).toBe(false);
    expect(isCovered(NY, weekdays, probe('2026-03-02T14:00:00Z', '2026-03-02T14:50:00Z'))).toBe(true);
  });

  it('ignores the start-time grid: any time inside the hours is covered', () => {
    expect(isCovered(NY, weekdays, probe('2026-03-09T13:05:00Z', '2026-03-09T13:42:00Z'))).toBe(true);
  });

  it('subtracts time off (whole day or a range; touching is fine) and adds extra hours', () => {
    const booking = probe('2026-03-09T16:30:00Z', '2026-03-09T17:20:00Z'); // 12:30–13:20 EDT
    const off = (start: string | null, end: string | null): DateOverride => ({ date: '2026-03-09', kind: 'time_off', start, end, modalities: [] });
    expect(isCovered(NY, hours(weekdays.rules, [off(null, null)]), booking)).toBe(false);
    expect(isCovered(NY, hours(weekdays.rules, [off('12:00', '13:00')]), booking)).toBe(false);
    expect(isCovered(NY, hours(weekdays.rules, [off('13:20', '14:00')]), booking)).toBe(true);
    // Time off on another date does not matter.
    expect(isCovered(NY, hours(weekdays.rules, [{ ...off(null, null), date: '2026-03-10' }]), booking)).toBe(true);

    const saturday = probe('2026-03-07T15:00:00Z', '2026-03-07T15:50:00Z'); // 10:00 EST
    const extra: DateOverride = { date: '2026-03-07', kind: 'extra_hours', start: '10:00', end: '13:00', modalities: ['video'] };
    expect(isCovered(NY, weekdays, saturday)).toBe(false);
    expect(isCovered(NY, hours(weekdays.rules, [extra]), saturday)).toBe(true);
    expect(isCovered(NY, hours(weekdays.rules, [{ ...extra, modalities: ['phone'] }]), saturday)).toBe(false);
  });

  it('follows the spring-forward gap (Sunday 8 March 2026, 02:00 EST → 03:00 EDT)', () => {
    // 01:00–04:00 wall time is only two real hours that night: 06:00Z–08:00Z.
    const night = hours(week([0], '01:00', '04:00'));
    expect(isCovered(NY, night, probe('2026-03-08T06:00:00Z', '2026-03-08T08:00:00Z'))).toBe(true); // 01:00 EST – 04:00 EDT
    expect(isCovered(NY, night, probe('2026-03-08T07:30:00Z', '2026-03-08T08:30:00Z'))).toBe(false); // until 04:30 EDT
    // Hours wholly inside the gap are no hours at all; an edge in the gap is the jump itself.
    expect(isCovered(NY, hours(week([0], '02:00', '03:00')), probe('2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z'))).toBe(false);
    expect(isCovered(NY, hours(week([0], '02:30', '05:00')), probe('2026-03-08T07:00:00Z', '2026-03-08T07:50:00Z'))).toBe(true);
  });

  it('follows the fall-back repeat (Sunday 1 November 2026, 02:00 EDT → 01:00 EST)', () => {
    const first0100 = probe('2026-11-01T05:00:00Z', '2026-11-01T05:30:00Z'); // 01:00–01:30 EDT
    const second0100 = probe('2026-11-01T06:00:00Z', '2026-11-01T06:30:00Z'); // 01:00–01:30 EST
    // An edge at an ambiguous time is its first occurrence.
    expect(isCovered(NY, hours(week([0], '00:00', '01:30')), first0100)).toBe(true);
    expect(isCovered(NY, hours(week([0], '00:00', '01:30')), second0100)).toBe(false);
    // 00:00–02:00 spans three real hours that night and holds both.
    expect(isCovered(NY, hours(week([0], '00:00', '02:00')), second0100)).toBe(true);
  });

  it('covers a booking across midnight only when both days have hours', () => {
    const late = probe('2026-03-10T03:30:00Z', '2026-03-10T04:30:00Z'); // Mon 23:30 – Tue 00:30 EDT
    expect(isCovered(NY, hours(week([1], '22:00', '24:00')), late)).toBe(false);
    expect(isCovered(NY, hours([...week([1], '22:00', '24:00'), ...week([2], '00:00', '02:00')]), late)).toBe(true);
  });
});

describe('newlyUncovered', () => {
  const bookings = [
    { id: 'fri-1600', ...probe('2026-03-06T21:00:00Z', '2026-03-06T21:50:00Z') }, // Fri 16:00 EST
    { id: 'mon-0900', ...probe('2026-03-09T13:00:00Z', '2026-03-09T13:50:00Z') }, // Mon 09:00 EDT
    { id: 'mon-1600', ...probe('2026-03-09T20:00:00Z', '2026-03-09T20:50:00Z') }, // Mon 16:00 EDT
    { id: 'sat-1000', ...probe('2026-03-07T15:00:00Z', '2026-03-07T15:50:00Z') }, // Sat: already outside
  ];

  it('lists the bookings a new week leaves outside, in a DST-change week', () => {
    const before = hours(week([1, 2, 3, 4, 5], '09:00', '17:00'));
    const after = hours(week([1, 2, 3, 4, 5], '10:00', '17:00'));
    expect(newlyUncovered(NY, before, after, bookings).map((b) => b.id)).toEqual(['mon-0900']);
    const shorter = hours(week([1, 2, 3, 4, 5], '09:00', '16:00'));
    expect(newlyUncovered(NY, before, shorter, bookings).map((b) => b.id)).toEqual(['fri-1600', 'mon-1600']);
    expect(newlyUncovered(NY, before, before, bookings)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
/** 1–14 March 2026 (New York springs forward on the 8th). */
const DATES = Array.from({ length: 14 }, (_, i) => `2026-03-${pad(i + 1)}`);

const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 96 }), fc.integer({ min: 0, max: 96 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ start: hhmm(Math.min(a, b) * 15), end: hhmm(Math.max(a, b) * 15) }));
const ruleArb: fc.Arbitrary<WeeklyRule> = fc
  .record({ weekday: fc.integer({ min: 0, max: 6 }), window: windowArb, modalities: fc.subarray([...MODALITIES], { minLength: 1 }) })
  .map(({ weekday, window, modalities }) => ({ weekday, ...window, modalities }));
const overrideArb: fc.Arbitrary<DateOverride> = fc.oneof(
  fc.record({ date: fc.constantFrom(...DATES), window: windowArb, modalities: fc.subarray([...MODALITIES], { minLength: 1 }) }).map(
    ({ date, window, modalities }): DateOverride => ({ date, kind: 'extra_hours', ...window, modalities }),
  ),
  fc.record({ date: fc.constantFrom(...DATES), window: fc.option(windowArb, { nil: null }) }).map(
    ({ date, window }): DateOverride => ({ date, kind: 'time_off', start: window?.start ?? null, end: window?.end ?? null, modalities: [] }),
  ),
);
const hoursArb = fc.record({ rules: fc.array(ruleArb, { maxLength: 6 }), overrides: fc.array(overrideArb, { maxLength: 4 }) });
const probeArb = fc
  .record({
    startMinute: fc.integer({ min: 0, max: 13 * 1440 }).map((m) => m - (m % 5)),
    length: fc.integer({ min: 1, max: 36 }).map((n) => n * 5),
    modality: fc.constantFrom(...MODALITIES),
  })
  .map(({ startMinute, length, modality }) => {
    const startsAt = Date.UTC(2026, 2, 1, 5) + startMinute * MINUTE;
    return { modality, startsAt, endsAt: startsAt + length * MINUTE };
  });

/** Reference for a fixed-offset zone: open iff a weekly or extra window holds the wall minute, and no time off does. */
function referenceCovered(offsetMinutes: number, h: Hours, p: CoverageProbe): boolean {
  const minute = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const within = (m: number, start: string | null, end: string | null) => m >= minute(start ?? '00:00') && m < minute(end ?? '24:00');
  for (let t = p.startsAt; t < p.endsAt; t += MINUTE) {
    const wall = new Date(t + offsetMinutes * MINUTE);
    const date = wall.toISOString().slice(0, 10);
    const m = wall.getUTCHours() * 60 + wall.getUTCMinutes();
    const open =
      h.rules.some((r) => r.weekday === wall.getUTCDay() && r.modalities.includes(p.modality) && within(m, r.start, r.end)) ||
      h.overrides.some((o) => o.kind === 'extra_hours' && o.date === date && o.modalities.includes(p.modality) && within(m, o.start, o.end));
    const off = h.overrides.some((o) => o.kind === 'time_off' && o.date === date && within(m, o.start, o.end));
    if (!open || off) return false;
  }
  return true;
}

describe('isCovered: properties', () => {
  it('matches a minute-by-minute reference in a fixed-offset zone (Kolkata, UTC+05:30)', () => {
    fc.assert(
      fc.property(hoursArb, fc.array(probeArb, { minLength: 1, maxLength: 5 }), (h, probes) => {
        for (const p of probes) expect(isCovered(KOLKATA, h, p)).toBe(referenceCovered(330, h, p));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('covers every slot the engine offers, across the New York DST change', () => {
    fc.assert(
      fc.property(
        hoursArb,
        fc.constantFrom(...MODALITIES),
        fc.constantFrom(15, 30, 50, 80),
        fc.constantFrom(5, 15, 30, 60),
        (h, modality, duration, increment) => {
          const from = Date.UTC(2026, 2, 1, 5);
          const slots = findAvailableSlots({
            timeZone: NY,
            rules: h.rules,
            overrides: h.overrides,
            busy: [],
            type: {
              consultationTypeId: 't',
              modality,
              durationMinutes: duration,
              bufferBeforeMinutes: 0,
              bufferAfterMinutes: 0,
              incrementMinutes: increment,
              minNoticeMinutes: 0,
              horizonDays: 30,
              dailyCap: null,
            },
            now: from,
            from,
            to: from + 13 * DAY,
          });
          for (const start of slots.filter((_, i) => i % 7 === 0)) {
            expect(isCovered(NY, h, { modality, startsAt: start, endsAt: start + duration * MINUTE })).toBe(true);
          }
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('never uncovers a booking by adding hours, nor covers one by adding time off', () => {
    fc.assert(
      fc.property(hoursArb, overrideArb, ruleArb, fc.array(probeArb, { minLength: 1, maxLength: 5 }), (h, override, rule, probes) => {
        const more: Hours = override.kind === 'extra_hours' ? { rules: [...h.rules, rule], overrides: [...h.overrides, override] } : { rules: [...h.rules, rule], overrides: h.overrides };
        const less: Hours = { rules: h.rules, overrides: [...h.overrides, { ...override, kind: 'time_off', modalities: [] }] };
        for (const p of probes) {
          const base = isCovered(NY, h, p);
          if (base) expect(isCovered(NY, more, p)).toBe(true);
          if (!base) expect(isCovered(NY, less, p)).toBe(false);
        }
        // And so a change that only adds hours orphans nothing.
        expect(newlyUncovered(NY, h, more, probes)).toEqual([]);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
