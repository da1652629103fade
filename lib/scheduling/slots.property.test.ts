import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAvailableSlots, isSlotAvailable } from './slots';
import { MODALITIES, type BusyRange, type DateOverride, type SlotQuery, type WeeklyRule } from './types';
import { utcToZoned, zonedTimeToUtc } from './zoned-time';

/*
 * Property tests of the slot engine in America/New_York around DST changes, against an
 * independent reference model: wall-clock availability as a 1440-minute mask, and time-zone
 * facts from a brute-force scan of Intl's `longOffset` names (no code shared with
 * zoned-time.ts). Seeds are fixed so a failure reproduces; fast-check prints the
 * counterexample and the path to shrink it.
 */

const NY = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SEED = 20_260_308;
const NUM_RUNS = 200;
const CLIENT_ZONES = ['Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Kiritimati'] as const;

// ---------------------------------------------------------------------------
// Oracle: offsets from `timeZoneName: 'longOffset'`, calendar maths from Date's UTC getters
// ---------------------------------------------------------------------------

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function oracleOffsetMinutes(ms: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match) throw new Error(`unexpected longOffset ${name}`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The wall clock at `ms` as (epoch day, minute of day). */
function oracleLocal(ms: number, timeZone = NY): { day: number; minute: number } {
  const wall = ms + oracleOffsetMinutes(ms, timeZone) * MINUTE;
  const day = Math.floor(wall / DAY);
  return { day, minute: Math.floor((wall - day * DAY) / MINUTE) };
}

function oracleWallString(ms: number, timeZone: string): string {
  return new Date(ms + oracleOffsetMinutes(ms, timeZone) * MINUTE).toISOString().slice(0, 16);
}

/** Every whole-minute instant whose NY wall clock falls on `day`, in time order (memoized). */
const timelines = new Map<number, Array<{ instant: number; minute: number }>>();
function timelineOf(day: number): Array<{ instant: number; minute: number }> {
  let timeline = timelines.get(day);
  if (!timeline) {
    timeline = [];
    for (let instant = day * DAY - 16 * HOUR; instant < (day + 1) * DAY + 16 * HOUR; instant += MINUTE) {
      const local = oracleLocal(instant);
      if (local.day === day) timeline.push({ instant, minute: local.minute });
    }
    timelines.set(day, timeline);
  }
  return timeline;
}

/** The first instant at which the NY clock reads `day` + `minute` or later. */
function firstInstantAtOrAfter(day: number, minute: number): number {
  const hit = minute < 1_440 ? timelineOf(day).find((entry) => entry.minute >= minute) : undefined;
  if (hit) return hit.instant;
  const next = timelineOf(day + 1)[0];
  if (!next) throw new Error(`no instants on day ${day + 1}`);
  return next.instant;
}

/** Whether the NY wall reading at `ms` was already shown earlier (the second pass of a fall-back hour). */
function isRepeatedWallTime(ms: number): boolean {
  const drop = oracleOffsetMinutes(ms - 3 * HOUR, NY) - oracleOffsetMinutes(ms, NY);
  return drop > 0 && oracleWallString(ms - drop * MINUTE, NY) === oracleWallString(ms, NY);
}

// ---------------------------------------------------------------------------
// Reference model
// ---------------------------------------------------------------------------

function minuteOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function dateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Minute-by-minute availability of `day` for the query's modality. */
function availabilityMask(q: SlotQuery, day: number): boolean[] {
  const mask = new Array<boolean>(1_440).fill(false);
  const paint = (start: string | null, end: string | null, value: boolean) => {
    for (let m = start === null ? 0 : minuteOf(start); m < (end === null ? 1_440 : minuteOf(end)); m++) mask[m] = value;
  };
  const weekday = new Date(day * DAY).getUTCDay();
  const date = dateOfDay(day);
  for (const rule of q.rules) {
    if (rule.weekday === weekday && rule.modalities.includes(q.type.modality)) paint(rule.start, rule.end, true);
  }
  for (const o of q.overrides) {
    const isExtra = o.kind === 'extra_hours' && o.modalities.includes(q.type.modality);
    if (o.date === date && isExtra) paint(o.start, o.end, true);
  }
  for (const o of q.overrides) if (o.date === date && o.kind === 'time_off') paint(o.start, o.end, false);
  return mask;
}

/** Maximal runs of available minutes as UTC spans (adjacent ones joined), for `day`. */
function referenceSpans(q: SlotQuery, day: number): Array<{ from: number; until: number }> {
  const mask = availabilityMask(q, day);
  const spans: Array<{ from: number; until: number }> = [];
  let m = 0;
  while (m < 1_440) {
    if (!mask[m]) {
      m++;
      continue;
    }
    const start = m;
    while (m < 1_440 && mask[m]) m++;
    const from = firstInstantAtOrAfter(day, start);
    const until = firstInstantAtOrAfter(day, m);
    const last = spans[spans.length - 1];
    if (from >= until) continue;
    if (last && from <= last.until) last.until = Math.max(last.until, until);
    else spans.push({ from, until });
  }
  return spans;
}

function overlapsBusy(q: SlotQuery, start: number): boolean {
  const { durationMinutes, bufferBeforeMinutes, bufferAfterMinutes } = q.type;
  const blockedFrom = start - bufferBeforeMinutes * MINUTE;
  const blockedUntil = start + (durationMinutes + bufferAfterMinutes) * MINUTE;
  return q.busy.some((b) => b.from < b.until && b.from < blockedUntil && b.until > blockedFrom);
}

function bookingsOfTypeOn(q: SlotQuery, day: number): number {
  return q.busy.filter((b) => b.consultationTypeId === q.type.consultationTypeId && oracleLocal(b.startsAt).day === day)
    .length;
}

function referenceSlots(q: SlotQuery): number[] {
  const { type } = q;
  const lo = Math.max(q.from, q.now + type.minNoticeMinutes * MINUTE);
  const hi = Math.min(q.to, q.now + type.horizonDays * DAY);
  if (lo >= hi) return [];
  const slots: number[] = [];
  for (let day = oracleLocal(lo).day - 1; day <= oracleLocal(hi).day + 1; day++) {
    if (type.dailyCap !== null && bookingsOfTypeOn(q, day) >= type.dailyCap) continue;
    for (const span of referenceSpans(q, day)) {
      for (let s = span.from; s + type.durationMinutes * MINUTE <= span.until; s += type.incrementMinutes * MINUTE) {
        if (s >= lo && s < hi && !overlapsBusy(q, s)) slots.push(s);
      }
    }
  }
  return slots;
}

// ---------------------------------------------------------------------------
// Generators: NY weeks around DST changes (and Lord Howe's, for the client-zone checks)
// ---------------------------------------------------------------------------

const BASES = [
  Date.UTC(2026, 2, 8), // NY spring forward
  Date.UTC(2026, 10, 1), // NY fall back
  Date.UTC(2026, 3, 4), // Lord Howe falls back 30 minutes at 15:00Z
  Date.UTC(2026, 9, 3), // Lord Howe springs forward 30 minutes at 15:30Z
];

function timeOf(minute: number): string {
  if (minute === 1_440) return '24:00';
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** A wall-clock [start, end) on a 5-minute grid; often in the small hours where DST happens. */
const wallRangeArb = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 287 }), fc.integer({ min: 0, max: 48 })),
    fc.integer({ min: 1, max: 144 }),
  )
  .map(([startStep, lengthSteps]) => ({
    start: timeOf(startStep * 5),
    end: timeOf(Math.min(288, startStep + lengthSteps) * 5),
  }));

const modalitiesArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant([...MODALITIES]) },
  { weight: 3, arbitrary: fc.subarray([...MODALITIES], { minLength: 1 }) },
);

const ruleArb: fc.Arbitrary<WeeklyRule> = fc
  .record({
    weekday: fc.oneof(fc.constant(0), fc.constant(6), fc.integer({ min: 0, max: 6 })),
    range: wallRangeArb,
    modalities: modalitiesArb,
  })
  .map(({ weekday, range, modalities }) => ({ weekday, ...range, modalities }));

function overrideArb(base: number): fc.Arbitrary<DateOverride> {
  return fc
    .record({
      dayOffset: fc.integer({ min: -2, max: 5 }),
      kind: fc.constantFrom('time_off' as const, 'extra_hours' as const),
      range: fc.option(wallRangeArb, { nil: null, freq: 4 }),
      modalities: modalitiesArb,
    })
    .map(({ dayOffset, kind, range, modalities }) => ({
      date: new Date(base + dayOffset * DAY).toISOString().slice(0, 10),
      kind,
      start: range?.start ?? null,
      end: range?.end ?? null,
      modalities,
    }));
}

function busyArb(base: number): fc.Arbitrary<BusyRange> {
  return fc
    .record({
      startStep: fc.integer({ min: (-2 * DAY) / (5 * MINUTE), max: (6 * DAY) / (5 * MINUTE) }),
      lengthMinutes: fc.integer({ min: 5, max: 240 }),
      leadMinutes: fc.integer({ min: 0, max: 30 }),
      consultationTypeId: fc.constantFrom('main', 'other'),
    })
    .map(({ startStep, lengthMinutes, leadMinutes, consultationTypeId }) => {
      const from = base + startStep * 5 * MINUTE;
      return { from, until: from + lengthMinutes * MINUTE, startsAt: from + leadMinutes * MINUTE, consultationTypeId };
    });
}

const queryArb: fc.Arbitrary<SlotQuery> = fc.constantFrom(...BASES).chain((base) =>
  fc.record({
    timeZone: fc.constant(NY),
    rules: fc.array(ruleArb, { minLength: 2, maxLength: 7 }),
    overrides: fc.array(overrideArb(base), { maxLength: 5 }),
    busy: fc.array(busyArb(base), { maxLength: 25 }),
    type: fc.record({
      consultationTypeId: fc.constant('main'),
      modality: fc.constantFrom(...MODALITIES),
      durationMinutes: fc.constantFrom(15, 30, 45, 50, 60, 90, 120),
      bufferBeforeMinutes: fc.constantFrom(0, 5, 10, 15, 30),
      bufferAfterMinutes: fc.constantFrom(0, 5, 10, 15, 30),
      incrementMinutes: fc.constantFrom(5, 10, 15, 20, 30, 45, 60),
      minNoticeMinutes: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 0, max: 2 * 24 * 60 }),
      ),
      horizonDays: fc.oneof(
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) },
        { weight: 3, arbitrary: fc.integer({ min: 4, max: 14 }) },
      ),
      dailyCap: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    }),
    now: fc.integer({ min: -4 * 24 * 60, max: 12 * 60 }).map((minutes) => base + minutes * MINUTE),
    from: fc.integer({ min: -2 * 24 * 60, max: 24 * 60 }).map((minutes) => base + minutes * MINUTE),
    to: fc.oneof(
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 24 * 60 }) },
      { weight: 3, arbitrary: fc.integer({ min: 24 * 60, max: 6 * 24 * 60 }) },
    ),
  }).map((q) => ({ ...q, to: q.from + q.to * MINUTE })),
);

const options = { numRuns: NUM_RUNS, seed: SEED };

/** Within 3 hours of a NY offset change. */
function isInNewYorkTransitionHours(slot: number): boolean {
  return [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)].some((change) => Math.abs(slot - change) < 3 * HOUR);
}
const TIMEOUT_MS = 120_000;

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

describe('findAvailableSlots properties (America/New_York around DST changes)', () => {
  it(
    'returns exactly the slots of the reference model, sorted and unique',
    () => {
      let nonEmpty = 0;
      let inDstSmallHours = 0;
      fc.assert(
        fc.property(queryArb, (q) => {
          const slots = findAvailableSlots(q);
          if (slots.length > 0) nonEmpty++;
          if (slots.some(isInNewYorkTransitionHours)) inDstSmallHours++;
          for (let i = 1; i < slots.length; i++) expect(slots[i]).toBeGreaterThan(slots[i - 1] ?? Infinity);
          expect(slots).toEqual(referenceSlots(q));
        }),
        options,
      );
      // The generator is not vacuous, and it does reach the hours around the NY changes.
      expect(nonEmpty).toBeGreaterThan(NUM_RUNS / 3);
      expect(inDstSmallHours).toBeGreaterThan(10);
    },
    TIMEOUT_MS,
  );

  it(
    'every slot respects busy time with buffers, notice, horizon, range and the daily cap',
    () => {
      fc.assert(
        fc.property(queryArb, (q) => {
          const { type } = q;
          for (const s of findAvailableSlots(q)) {
            expect(s).toBeGreaterThanOrEqual(q.from);
            expect(s).toBeLessThan(q.to);
            expect(s).toBeGreaterThanOrEqual(q.now + type.minNoticeMinutes * MINUTE);
            expect(s).toBeLessThan(q.now + type.horizonDays * DAY);
            expect(overlapsBusy(q, s)).toBe(false);
            if (type.dailyCap !== null) expect(bookingsOfTypeOn(q, oracleLocal(s).day)).toBeLessThan(type.dailyCap);
          }
        }),
        options,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'every slot lies inside rule/extra-hours wall-clock bounds, outside time off, on the increment grid',
    () => {
      fc.assert(
        fc.property(queryArb, (q) => {
          const { type } = q;
          const spansByDay = new Map<number, Array<{ from: number; until: number }>>();
          for (const s of findAvailableSlots(q)) {
            const { day, minute } = oracleLocal(s);
            // The practice-local start time is within an open wall-clock range of that date
            // (a start in the repeated fall-back hour may read earlier than the range start:
            // its window began at the first pass of that reading).
            const mask = availabilityMask(q, day);
            expect(mask[minute] || isRepeatedWallTime(s)).toBe(true);
            // The whole appointment is on that local date and inside one real-time window,
            // on the grid counted from that window's start.
            const end = s + type.durationMinutes * MINUTE;
            const spans = spansByDay.get(day) ?? referenceSpans(q, day);
            spansByDay.set(day, spans);
            const span = spans.find((w) => w.from <= s && end <= w.until);
            expect(span).toBeDefined();
            if (!span) continue;
            expect((s - span.from) % (type.incrementMinutes * MINUTE)).toBe(0);
            // Every 5 minutes (all wall times and offsets here change on 5-minute marks) and the last minute.
            const probes = Array.from({ length: Math.ceil((end - s) / (5 * MINUTE)) }, (_, i) => s + i * 5 * MINUTE);
            for (const t of [...probes, end - MINUTE]) {
              const local = oracleLocal(t);
              expect(local.day).toBe(day);
              expect(mask[local.minute] || isRepeatedWallTime(t)).toBe(true);
            }
          }
        }),
        options,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'isSlotAvailable agrees with findAvailableSlots',
    () => {
      fc.assert(
        fc.property(queryArb, fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 20 }), (q, probes) => {
          const slots = findAvailableSlots(q);
          const listed = new Set(slots);
          for (const s of slots) {
            expect(isSlotAvailable(q, s)).toBe(true);
            expect(isSlotAvailable(q, s + 1)).toBe(false); // never on a minute grid
            expect(isSlotAvailable(q, s + MINUTE)).toBe(listed.has(s + MINUTE));
            expect(isSlotAvailable(q, s - 5 * MINUTE)).toBe(listed.has(s - 5 * MINUTE));
          }
          // Random 5-minute points across (and a little beyond) the queried range.
          const span = Math.max(q.to - q.from, 0) + 2 * HOUR;
          for (const probe of probes) {
            const t = q.from - HOUR + Math.floor(((probe / 100_000) * span) / (5 * MINUTE)) * 5 * MINUTE;
            expect(isSlotAvailable(q, t)).toBe(listed.has(t));
          }
        }),
        options,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'slots render in client zones and convert back to the same instant',
    () => {
      const seen = { slots: 0, ambiguous: 0 };
      fc.assert(
        fc.property(queryArb, (q) => {
          for (const s of findAvailableSlots(q)) {
            seen.slots++;
            for (const zone of CLIENT_ZONES) {
              const shown = utcToZoned(s, zone);
              expect(`${shown.date}T${shown.time}`).toBe(oracleWallString(s, zone));
              expect(shown.offsetMinutes).toBe(oracleOffsetMinutes(s, zone));
              const back = zonedTimeToUtc(shown.date, shown.time, zone);
              // Another instant showing the same wall time exists only in a fall-back overlap.
              const twin = [-120, -60, -30, 30, 60, 120]
                .map((minutes) => s + minutes * MINUTE)
                .find((other) => oracleWallString(other, zone) === oracleWallString(s, zone));
              if (twin === undefined) {
                expect(back).toBe(s);
              } else {
                seen.ambiguous++;
                expect(back).toBe(Math.min(s, twin));
              }
            }
          }
        }),
        options,
      );
      expect(seen.slots).toBeGreaterThan(0);
      expect(seen.ambiguous).toBeGreaterThan(0); // Lord Howe's repeated half hour was exercised
    },
    TIMEOUT_MS,
  );
});
