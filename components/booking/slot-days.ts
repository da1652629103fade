/**
 * Turns the data layer's open slots (epoch minutes per clinician) into calendar days and weeks in
 * the viewer's time zone. Pure; used by the slot picker and by the details page's alternatives.
 */
import type { ClinicianSlots, SlotOption } from '@/lib/bookings/dto';
import { addDaysToDate, localDateOf, utcToZoned, weekdayOfDate } from '@/lib/scheduling/zoned-time';

export type Slot = { ms: number; clinicianId: string };

/** Every distinct start time, earliest first; when clinicians share a time the first one offering it gets it. */
export function mergeSlots(slots: readonly ClinicianSlots[]): Slot[] {
  const byStart = new Map<number, string>();
  for (const clinician of slots) {
    for (const minutes of clinician.startMinutes) {
      if (!byStart.has(minutes)) byStart.set(minutes, clinician.clinicianId);
    }
  }
  return [...byStart.entries()].sort((a, b) => a[0] - b[0]).map(([minutes, clinicianId]) => ({ ms: minutes * 60_000, clinicianId }));
}

export function countSlots(slots: readonly ClinicianSlots[]): number {
  return slots.reduce((n, c) => n + c.startMinutes.length, 0);
}

/** Whether a clinician offers exactly this start. */
export function hasSlot(slots: readonly ClinicianSlots[], clinicianId: string, ms: number): boolean {
  const minutes = ms / 60_000;
  return slots.some((c) => c.clinicianId === clinicianId && c.startMinutes.includes(minutes));
}

/** The `count` free starts nearest to `ms` (either side), earliest first. */
export function nearestSlotOptions(slots: readonly ClinicianSlots[], ms: number, count = 4): SlotOption[] {
  return mergeSlots(slots)
    .filter((s) => s.ms !== ms)
    .sort((a, b) => Math.abs(a.ms - ms) - Math.abs(b.ms - ms))
    .slice(0, count)
    .sort((a, b) => a.ms - b.ms)
    .map((s) => ({ startsAt: new Date(s.ms).toISOString(), clinicianId: s.clinicianId }));
}

/** Slots grouped by their calendar date in `timeZone` ('YYYY-MM-DD' → slots, earliest first). */
export function groupByLocalDate(slots: readonly Slot[], timeZone: string): Map<string, Slot[]> {
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const date = utcToZoned(slot.ms, timeZone).date;
    const list = days.get(date);
    if (list) list.push(slot);
    else days.set(date, [slot]);
  }
  return days;
}

/** Sunday-to-Saturday weeks covering [first, last] (inclusive calendar dates). */
export function calendarWeeks(first: string, last: string): string[][] {
  const weeks: string[][] = [];
  let day = addDaysToDate(first, -weekdayOfDate(first));
  while (day <= last) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDaysToDate(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** The calendar dates, in `timeZone`, of the searched range [rangeStart, rangeEnd). */
export function rangeDates(rangeStartMs: number, rangeEndMs: number, timeZone: string): { first: string; last: string } {
  return { first: localDateOf(rangeStartMs, timeZone), last: localDateOf(Math.max(rangeStartMs, rangeEndMs - 1), timeZone) };
}

export type DayPart = 'Morning' | 'Afternoon' | 'Evening';

export function dayPartOf(ms: number, timeZone: string): DayPart {
  const hour = Number(utcToZoned(ms, timeZone).time.slice(0, 2));
  return hour < 12 ? 'Morning' : hour < 17 ? 'Afternoon' : 'Evening';
}
