/**
 * Slot engine benchmark: `npx tsx bench/slots.bench.ts` (or `npm run bench`).
 *
 * One clinician in America/New_York, a 60-day query that crosses the spring-forward change,
 * 300 busy ranges, a 50-minute type with 10-minute buffers on a 15-minute grid; and a 365-day
 * query (the longest booking horizon) with 1,800 busy ranges, both DST changes and a new year.
 * Target: median <= 2 ms per findAvailableSlots call over 60 days.
 */
import { performance } from 'node:perf_hooks';
import { findAvailableSlots, isSlotAvailable } from '../lib/scheduling/slots';
import type { BusyRange, DateOverride, Modality, SlotQuery, WeeklyRule } from '../lib/scheduling/types';
import { zonedTimeToUtc } from '../lib/scheduling/zoned-time';

const TIME_ZONE = 'America/New_York';
const MINUTE = 60_000;
const DAY = 86_400_000;
const WARMUP_CALLS = 200;
const MEASURED_CALLS = 1_000;

const NOW = Date.UTC(2026, 1, 16, 14, 0); // Mon 2026-02-16 09:00 EST
const FROM = NOW;
const TO = NOW + 60 * DAY; // through mid-April: includes 2026-03-08 (spring forward)
const TO_YEAR = NOW + 365 * DAY; // the longest horizon: both DST changes of 2026 and into 2027

const rules: WeeklyRule[] = [
  { weekday: 1, start: '09:00', end: '17:00', modalities: ['video'] },
  { weekday: 3, start: '09:00', end: '17:00', modalities: ['video'] },
  { weekday: 5, start: '09:00', end: '17:00', modalities: ['video'] },
  { weekday: 2, start: '10:00', end: '18:00', modalities: ['in_person'] },
  { weekday: 4, start: '10:00', end: '18:00', modalities: ['in_person'] },
];

const overrides: DateOverride[] = [
  { date: '2026-02-27', kind: 'time_off', start: null, end: null, modalities: [] },
  { date: '2026-03-11', kind: 'time_off', start: '12:00', end: '17:00', modalities: [] },
  { date: '2026-03-24', kind: 'time_off', start: null, end: null, modalities: [] },
  { date: '2026-04-03', kind: 'time_off', start: '09:00', end: '11:30', modalities: [] },
  { date: '2026-03-14', kind: 'extra_hours', start: '10:00', end: '14:00', modalities: ['video', 'in_person'] },
];

/** Deterministic PRNG (mulberry32) so every run measures the same calendar. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Existing bookings (50 min, 10-min buffers) at random quarter hours of weekday business hours within `days`. */
function makeBusy(count: number, days = 60): BusyRange[] {
  const random = prng(20260216);
  const busy: BusyRange[] = [];
  while (busy.length < count) {
    const day = new Date(NOW + Math.floor(random() * days) * DAY);
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const date = day.toISOString().slice(0, 10);
    const quarter = Math.floor(random() * 32); // 09:00 .. 16:45
    const hh = String(9 + Math.floor(quarter / 4)).padStart(2, '0');
    const time = `${hh}:${String((quarter % 4) * 15).padStart(2, '0')}`;
    const startsAt = zonedTimeToUtc(date, time, TIME_ZONE);
    busy.push({
      from: startsAt - 10 * MINUTE,
      until: startsAt + 60 * MINUTE,
      startsAt,
      consultationTypeId: random() < 0.5 ? 'video-50' : 'in-person-50',
    });
  }
  return busy;
}

function queryFor(modality: Modality, consultationTypeId: string, dailyCap: number | null, year = false): SlotQuery {
  return {
    timeZone: TIME_ZONE,
    rules,
    overrides,
    busy: year ? busyYear : busy,
    type: {
      consultationTypeId,
      modality,
      durationMinutes: 50,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 10,
      incrementMinutes: 15,
      minNoticeMinutes: 24 * 60,
      horizonDays: year ? 365 : 90,
      dailyCap,
    },
    now: NOW,
    from: FROM,
    to: year ? TO_YEAR : TO,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function measure(label: string, q: SlotQuery): void {
  let slotCount = 0;
  for (let i = 0; i < WARMUP_CALLS; i++) slotCount = findAvailableSlots(q).length;

  const samples: number[] = [];
  for (let i = 0; i < MEASURED_CALLS; i++) {
    const started = performance.now();
    slotCount = findAvailableSlots(q).length;
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
  const fmt = (ms: number) => ms.toFixed(3).padStart(7);
  console.log(
    `${label.padEnd(34)} median ${fmt(percentile(samples, 50))} ms  p95 ${fmt(percentile(samples, 95))} ms  ` +
      `mean ${fmt(mean)} ms  slots ${slotCount}  (${MEASURED_CALLS} calls)`,
  );
}

/** The server's re-check of one chosen start: should be far cheaper than a full listing. */
function measureRecheck(label: string, q: SlotQuery): void {
  const slots = findAvailableSlots(q);
  const chosen = slots[Math.floor(slots.length / 2)];
  if (chosen === undefined) throw new Error('no slot to re-check');
  if (!isSlotAvailable(q, chosen)) throw new Error('isSlotAvailable disagrees with findAvailableSlots');
  for (let i = 0; i < WARMUP_CALLS; i++) isSlotAvailable(q, chosen);
  const started = performance.now();
  for (let i = 0; i < MEASURED_CALLS; i++) isSlotAvailable(q, chosen);
  const mean = (performance.now() - started) / MEASURED_CALLS;
  console.log(`${label.padEnd(34)} mean ${mean.toFixed(3).padStart(7)} ms`);
}

const busy = makeBusy(300);
const busyYear = makeBusy(1_800, 365);

console.log(`node ${process.version}, ${busy.length} busy ranges, 60-day range from ${new Date(FROM).toISOString()}`);
measure('video (Mon/Wed/Fri), no cap', queryFor('video', 'video-50', null));
measure('in person (Tue/Thu), cap 4/day', queryFor('in_person', 'in-person-50', 4));
measureRecheck('isSlotAvailable (video)', queryFor('video', 'video-50', null));
console.log(`365-day range (the longest horizon), ${busyYear.length} busy ranges`);
measure('365 days video, no cap', queryFor('video', 'video-50', null, true));
measure('365 days in person, cap 4/day', queryFor('in_person', 'in-person-50', 4, true));
measureRecheck('isSlotAvailable (365 days, video)', queryFor('video', 'video-50', null, true));
