import { fromEpochDay, toEpochDay } from '../scheduling/zoned-time';
import type { LocalDate } from '../scheduling/types';

/**
 * Which days a staff schedule (/clinician, /desk) shows: a week of practice-local dates from a
 * first day carried in the URL as `?date=YYYY-MM-DD` (today in the practice's zone without one),
 * with the previous / next week and today to move to. Pure: the pages and their tests share it.
 */

/** Days shown at a time: the first day and the 7 after it (today and the week ahead, as before). */
export const SCHEDULE_DAYS = 8;
/** Previous / next move by one week. */
export const SCHEDULE_STEP_DAYS = 7;

const DAY_MS = 86_400_000;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2199;

export type ScheduleDateParam = { ok: true; date: LocalDate | null } | { ok: false; message: string };

/**
 * Reads `?date=`: absent or empty → null (today); an existing YYYY-MM-DD in 2000–2199 → that
 * date; anything else → a message that says what to type (the page shows it beside the picker).
 */
export function parseScheduleDate(raw: string | string[] | undefined): ScheduleDateParam {
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  if (value === '') return { ok: true, date: null };
  let epochDay: number;
  try {
    epochDay = toEpochDay(value);
  } catch {
    return { ok: false, message: 'That isn’t a date we can show. Please pick a day with the date picker, or type it as YYYY-MM-DD.' };
  }
  const year = Number(value.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    return { ok: false, message: `Please choose a date from ${FIRST_YEAR} to ${LAST_YEAR}.` };
  }
  return { ok: true, date: fromEpochDay(epochDay) };
}

/**
 * The instants to load for a schedule starting at `date` (or today, with none): every practice-local
 * day of the window lies inside, whatever the zone (offsets are within −12 h … +14 h of UTC), so one
 * query loads it before the practice's zone is known; the view keeps only the window's days.
 */
export function scheduleFetchRange(date: LocalDate | null, now: number): { from: Date; to: Date } {
  const firstUtcDay = date === null ? Math.floor(now / DAY_MS) : toEpochDay(date);
  return { from: new Date((firstUtcDay - 2) * DAY_MS), to: new Date((firstUtcDay + SCHEDULE_DAYS + 2) * DAY_MS) };
}

export type ScheduleWindow = {
  /** The practice-local date today. */
  today: LocalDate;
  /** The window's days in order, the first day first. */
  days: LocalDate[];
  first: LocalDate;
  last: LocalDate;
  previous: LocalDate;
  next: LocalDate;
  /** True when today is one of the days shown. */
  includesToday: boolean;
};

/** "Today" / "Yesterday" / "Tomorrow" for those practice-local dates, else null: day headings start with it. */
export function relativeDayName(date: LocalDate, today: LocalDate): 'Today' | 'Yesterday' | 'Tomorrow' | null {
  const difference = toEpochDay(date) - toEpochDay(today);
  return difference === 0 ? 'Today' : difference === -1 ? 'Yesterday' : difference === 1 ? 'Tomorrow' : null;
}

/** The window's days once the practice's zone is known (`today` is the practice-local date of now). */
export function scheduleWindow(date: LocalDate | null, today: LocalDate): ScheduleWindow {
  const first = toEpochDay(date ?? today);
  const days = Array.from({ length: SCHEDULE_DAYS }, (_, i) => fromEpochDay(first + i));
  return {
    today,
    days,
    first: days[0]!,
    last: days[days.length - 1]!,
    previous: fromEpochDay(first - SCHEDULE_STEP_DAYS),
    next: fromEpochDay(first + SCHEDULE_STEP_DAYS),
    includesToday: days.includes(today),
  };
}

/** A schedule page's address for a first day (today's is the bare path). */
export function scheduleHref(path: string, date: LocalDate | null, today: LocalDate): string {
  return date === null || date === today ? path : `${path}?date=${date}`;
}
