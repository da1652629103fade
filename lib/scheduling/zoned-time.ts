/**
 * Wall-clock <-> UTC conversions for IANA zones, built only on `Intl.DateTimeFormat`.
 *
 * The slot engine calls these a few times per calendar day of a query, so they are written
 * for speed: one cached formatter per zone, `format()` + a regex instead of the ~5x slower
 * `formatToParts()`, and calendar arithmetic done on integers (no Date objects).
 *
 * Vocabulary used below:
 * - "instant": UTC epoch milliseconds.
 * - "wall ms": a wall-clock reading encoded as if it were UTC epoch ms (so
 *   2026-03-08 02:30 is `Date.UTC(2026, 2, 8, 2, 30)`). Subtracting a zone offset from a
 *   wall ms gives a candidate instant.
 * - "epoch day": days since 1970-01-01, the integer form of a LocalDate.
 */
import type { LocalDate, LocalTime } from './types';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1_440;

// ---------------------------------------------------------------------------
// Calendar arithmetic on epoch days (proleptic Gregorian, no Date objects)
// ---------------------------------------------------------------------------

/**
 * Epoch day of a civil date (Howard Hinnant's days_from_civil). Used instead of `Date.UTC`,
 * which maps years 0–99 to 1900–1999.
 */
function epochDayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of `epochDayFromCivil` (Hinnant's civil_from_days). */
function civilFromEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** Parses 'YYYY-MM-DD' strictly (the day must exist) into an epoch day. Throws RangeError otherwise. */
export function toEpochDay(date: LocalDate): number {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const epochDay = epochDayFromCivil(year, month, day);
    // Round-tripping rejects 2026-02-30 and month 13 without a month-length table.
    const back = civilFromEpochDay(epochDay);
    if (back.year === year && back.month === month && back.day === day) return epochDay;
  }
  throw new RangeError(`Invalid LocalDate ${JSON.stringify(date)} (expected an existing YYYY-MM-DD)`);
}

/** Formats an epoch day as 'YYYY-MM-DD'. */
export function fromEpochDay(epochDay: number): LocalDate {
  const { year, month, day } = civilFromEpochDay(epochDay);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Parses 'HH:MM' (00:00–23:59, or exactly '24:00' meaning the end of the day) into minutes
 * since midnight (0–1440). Throws RangeError otherwise.
 */
export function toMinuteOfDay(time: LocalTime): number {
  const match = LOCAL_TIME_PATTERN.exec(time);
  if (match) {
    const hours = Number(match[1]);
    const minutes = Number(match[2]);
    if (hours < 24 && minutes < 60) return hours * 60 + minutes;
    if (hours === 24 && minutes === 0) return MINUTES_PER_DAY;
  }
  throw new RangeError(`Invalid LocalTime ${JSON.stringify(time)} (expected HH:MM, or 24:00)`);
}

/** Adds (or with a negative count, subtracts) calendar days. */
export function addDaysToDate(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** 0 = Sunday … 6 = Saturday, like `Date#getUTCDay`. */
export function weekdayOfEpochDay(epochDay: number): number {
  // 1970-01-01 was a Thursday (4). The double modulo keeps pre-1970 days non-negative.
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** 0 = Sunday … 6 = Saturday, like `Date#getUTCDay`. */
export function weekdayOfDate(date: LocalDate): number {
  return weekdayOfEpochDay(toEpochDay(date));
}

/** The wall ms of a local date and time ('24:00' rolls over to the next day's midnight). */
export function toWallMs(date: LocalDate, time: LocalTime): number {
  return toEpochDay(date) * DAY_MS + toMinuteOfDay(time) * MINUTE_MS;
}

// ---------------------------------------------------------------------------
// Cached formatters
// ---------------------------------------------------------------------------

/**
 * Zone names can come from clients, and Intl accepts any casing of a zone name, so the
 * caches are bounded: past this size they start over rather than grow without limit.
 */
const MAX_CACHED_FORMATTERS = 500;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= MAX_CACHED_FORMATTERS) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * One numeric formatter per zone. `hourCycle: 'h23'` matters: `hour12: false` renders
 * midnight as "24" in some ICU versions.
 */
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    remember(wallClockFormatters, timeZone, formatter);
  }
  return formatter;
}

/** True when `Intl` knows the zone (IANA names, case-insensitively, as the runtime accepts them). */
export function isValidTimeZone(timeZone: string): boolean {
  if (wallClockFormatters.has(timeZone)) return true;
  if (timeZone.trim() === '') return false;
  // Node 24's Intl also takes bare UTC offsets ("+05:30"); a zone must be an IANA name.
  if (/^[+\-\u2212]/.test(timeZone.trim())) return false;
  try {
    wallClockFormatter(timeZone);
    return true;
  } catch {
    return false; // Intl throws RangeError for unknown zones
  }
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/** `Intl.DateTimeFormat(locale, { ...opts, timeZone }).format(ms)`, with the formatter cached. */
export function formatInZone(
  ms: number,
  timeZone: string,
  opts: Intl.DateTimeFormatOptions,
  locale = 'en-US',
): string {
  const key = `${locale}\u0000${timeZone}\u0000${JSON.stringify(opts)}`;
  let formatter = displayFormatters.get(key);
  if (!formatter) {
    formatter = remember(displayFormatters, key, new Intl.DateTimeFormat(locale, { ...opts, timeZone }));
  }
  return formatter.format(ms);
}

// ---------------------------------------------------------------------------
// UTC -> wall clock
// ---------------------------------------------------------------------------

/** en-US numeric output is "MM/DD/YYYY, HH:MM:SS"; the separators are matched loosely. */
const WALL_CLOCK_OUTPUT = /^(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)$/;

/** The wall clock at `ms`, truncated to the second, as wall ms. */
function wallMsAt(ms: number, timeZone: string): number {
  const text = wallClockFormatter(timeZone).format(ms);
  const match = WALL_CLOCK_OUTPUT.exec(text);
  if (!match) throw new Error(`Unexpected Intl output ${JSON.stringify(text)} for ${timeZone}`);
  const epochDay = epochDayFromCivil(Number(match[3]), Number(match[1]), Number(match[2]));
  return epochDay * DAY_MS + Number(match[4]) * 3_600_000 + Number(match[5]) * MINUTE_MS + Number(match[6]) * 1_000;
}

/**
 * The zone's UTC offset at an instant, in ms (wall = instant + offset). Whole seconds:
 * Intl renders seconds, and every tzdb offset is a whole number of seconds.
 */
function offsetMsAt(ms: number, timeZone: string): number {
  const wholeSecond = Math.floor(ms / 1_000) * 1_000;
  return wallMsAt(wholeSecond, timeZone) - wholeSecond;
}

export type ZonedParts = {
  date: LocalDate;
  /** 'HH:MM'; seconds are dropped. */
  time: LocalTime;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** UTC offset in minutes (e.g. -240 for EDT, 330 for India); may be fractional only for pre-1900 LMT. */
  offsetMinutes: number;
};

export function utcToZoned(ms: number, timeZone: string): ZonedParts {
  const wholeSecond = Math.floor(ms / 1_000) * 1_000;
  const wall = wallMsAt(wholeSecond, timeZone);
  const epochDay = Math.floor(wall / DAY_MS);
  const minuteOfDay = Math.floor((wall - epochDay * DAY_MS) / MINUTE_MS);
  return {
    date: fromEpochDay(epochDay),
    time: `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`,
    weekday: weekdayOfEpochDay(epochDay),
    offsetMinutes: (wall - wholeSecond) / MINUTE_MS,
  };
}

/** The epoch day of the zone's calendar date at an instant. */
export function localEpochDayOf(ms: number, timeZone: string): number {
  return Math.floor(wallMsAt(ms, timeZone) / DAY_MS);
}

/** The zone's calendar date at an instant. */
export function localDateOf(ms: number, timeZone: string): LocalDate {
  return fromEpochDay(localEpochDayOf(ms, timeZone));
}

// ---------------------------------------------------------------------------
// Wall clock -> UTC
// ---------------------------------------------------------------------------

/**
 * What to do with a wall time that the clock skips (spring-forward gap):
 * - 'shift': the instant the clock shows after the gap, i.e. moved forward by the gap's
 *   length (02:30 on the NY spring-forward day -> 03:30 EDT). Like Temporal's 'compatible'.
 * - 'transition': the transition instant itself (02:30 -> 03:00 EDT): the first instant
 *   at which the clock reads the given wall time *or later*. The slot engine uses this for
 *   window edges so that [start, end) wall-clock ranges map to the real instants whose
 *   clock reading lies in them, and adjacent ranges stay adjacent across a gap.
 * Ambiguous wall times (fall-back overlap) always resolve to the earlier instant.
 */
export type GapResolution = 'shift' | 'transition';

/**
 * Converts a wall ms to an instant. Looks at the offsets one day either side of the wall
 * time (like the Temporal polyfill): if they agree there is no transition nearby and the
 * answer is one subtraction. This assumes a zone never changes offset twice within ~2 days,
 * which holds for every tzdb zone in the range this app deals with.
 */
export function wallMsToUtc(wallMs: number, timeZone: string, inGap: GapResolution = 'shift'): number {
  const offsetBefore = offsetMsAt(wallMs - DAY_MS, timeZone);
  const offsetAfter = offsetMsAt(wallMs + DAY_MS, timeZone);
  if (offsetBefore === offsetAfter) return wallMs - offsetBefore;

  const withBefore = wallMs - offsetBefore;
  const withAfter = wallMs - offsetAfter;
  const beforeIsReal = offsetMsAt(withBefore, timeZone) === offsetBefore;
  const afterIsReal = offsetMsAt(withAfter, timeZone) === offsetAfter;
  if (beforeIsReal && afterIsReal) return Math.min(withBefore, withAfter); // overlap: earlier
  if (beforeIsReal) return withBefore;
  if (afterIsReal) return withAfter;

  // In a gap. The old offset applied past the transition lands after the gap by its length.
  if (inGap === 'shift') return withBefore;
  return findTransition(withAfter, withBefore, offsetAfter, timeZone);
}

/**
 * The first instant in (lo, hi] whose offset is `offsetAfter`, given that `lo` is before the
 * transition and `hi` after it. Bisects to the second: only runs for a wall time inside a
 * gap, a couple of times a year.
 */
function findTransition(lo: number, hi: number, offsetAfter: number, timeZone: string): number {
  let before = Math.floor(lo / 1_000);
  let after = Math.ceil(hi / 1_000);
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (offsetMsAt(mid * 1_000, timeZone) === offsetAfter) after = mid;
    else before = mid;
  }
  return after * 1_000;
}

/**
 * The instant of a wall-clock date and time in a zone. `time` may be '24:00' (the next day's
 * 00:00). A skipped time (spring-forward gap) gives the instant the clock shows after the
 * gap (02:30 -> 03:30 EDT); an ambiguous time (fall-back) gives the earlier instant.
 */
export function zonedTimeToUtc(date: LocalDate, time: LocalTime, timeZone: string): number {
  return wallMsToUtc(toWallMs(date, time), timeZone, 'shift');
}

/**
 * The first instant at which the zone's clock reads `date time` or later. Equal to
 * `zonedTimeToUtc` except inside a gap, where it is the transition instant
 * (02:30 on the NY spring-forward day -> 03:00 EDT). Use it for the edges of wall-clock ranges.
 */
export function wallClockBoundaryToUtc(date: LocalDate, time: LocalTime, timeZone: string): number {
  return wallMsToUtc(toWallMs(date, time), timeZone, 'transition');
}
