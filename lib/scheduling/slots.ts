/**
 * The slot engine: which start instants a consultation type can be booked at.
 *
 * Pure and deterministic (the clock is `q.now`). The work per query is:
 * 1. per practice-local date in range, merge that date's wall-clock windows and subtract
 *    time off, all as integer minutes of the day;
 * 2. resolve each remaining wall-clock window to UTC instants (a handful of Intl calls per
 *    date, none per candidate);
 * 3. walk the increment grid of each window, checking busy time with a pointer into the
 *    merged, sorted busy ranges and jumping past any busy range that blocks a candidate.
 *
 * `isSlotAvailable` runs the very same code on a one-millisecond range, so the server's
 * re-check cannot disagree with the list the client picked from.
 */
import type { DateOverride, Modality, SlotQuery, SlotRules, WeeklyRule } from './types';
import { localEpochDayOf, toEpochDay, toMinuteOfDay, wallMsToUtc, weekdayOfEpochDay } from './zoned-time';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Half-open [start, end) in minutes since the practice's local midnight (0–1440). */
type WallWindow = { start: number; end: number };
/** Half-open [from, until) in UTC epoch ms. */
type Span = { from: number; until: number };

/** Returns the sorted UTC start instants (epoch ms) bookable for `q.type` with starts in [q.from, q.to). */
export function findAvailableSlots(q: SlotQuery): number[] {
  return collectSlots(q, q.from, q.to);
}

/**
 * Whether `start` is one of `findAvailableSlots(q)`. The server calls this to re-check the
 * start a client chose, with busy ranges read inside the booking transaction.
 */
export function isSlotAvailable(q: SlotQuery, start: number): boolean {
  if (!Number.isFinite(start) || start < q.from || start >= q.to) return false;
  const slots = collectSlots(q, start, start + 1);
  return slots.length === 1 && slots[0] === start;
}

/**
 * Why `start` is not bookable (null when it is), so a refusal can say what happened:
 * - 'past': before `q.now`;
 * - 'too_soon': inside the type's minimum notice;
 * - 'too_far': at or beyond the type's booking horizon;
 * - 'day_full': the practice-local day already holds the type's daily cap;
 * - 'not_open': anything else (outside hours, time off, another booking, off the grid).
 */
export type SlotRefusal = 'past' | 'too_soon' | 'too_far' | 'day_full' | 'not_open';

export function whyUnavailable(q: SlotQuery, start: number): SlotRefusal | null {
  if (isSlotAvailable(q, start)) return null;
  if (!Number.isFinite(start)) return 'not_open';
  if (start < q.now) return 'past';
  if (start < q.now + q.type.minNoticeMinutes * MINUTE_MS) return 'too_soon';
  if (start >= q.now + q.type.horizonDays * DAY_MS) return 'too_far';
  const cap = dailyCapOf(q.type, q.busy);
  if (cap && isDayAtCap(cap, localEpochDayOf(start, q.timeZone), q.timeZone)) return 'day_full';
  return 'not_open';
}

function collectSlots(q: SlotQuery, rangeFrom: number, rangeTo: number): number[] {
  assertUsableType(q.type);
  const { type, timeZone } = q;
  // Notice and horizon are clips on the start instant, like q.from/q.to.
  const lo = Math.max(rangeFrom, q.now + type.minNoticeMinutes * MINUTE_MS);
  const hi = Math.min(rangeTo, q.now + type.horizonDays * DAY_MS);
  if (!(lo < hi)) return [];

  const hours = indexHours(q.rules, q.overrides, type.modality);
  const busy = mergeBusy(q.busy);
  const cap = dailyCapOf(type, q.busy);
  const grid = gridOf(type);

  const slots: number[] = [];
  const lastDay = localEpochDayOf(hi - 1, timeZone);
  for (let day = localEpochDayOf(lo, timeZone); day <= lastDay; day++) {
    const wallWindows = wallWindowsOf(hours, day);
    if (wallWindows.length === 0) continue;
    if (cap && isDayAtCap(cap, day, timeZone)) continue;
    for (const window of resolveWindows(wallWindows, day, timeZone)) {
      pushCandidates(slots, window, grid, busy, lo, hi);
    }
  }
  return slots;
}

/** The engine would loop forever or emit nonsense on these; schemas should have caught them. */
function assertUsableType(type: SlotRules): void {
  const positive = [type.durationMinutes, type.incrementMinutes];
  const nonNegative = [type.bufferBeforeMinutes, type.bufferAfterMinutes, type.minNoticeMinutes, type.horizonDays];
  if (
    !positive.every((n) => Number.isFinite(n) && n > 0) ||
    !nonNegative.every((n) => Number.isFinite(n) && n >= 0) ||
    (type.dailyCap !== null && !(type.dailyCap >= 0))
  ) {
    throw new RangeError(`Unusable slot rules for consultation type ${type.consultationTypeId}`);
  }
}

// ---------------------------------------------------------------------------
// Wall-clock windows per local date
// ---------------------------------------------------------------------------

type HoursIndex = {
  /** Weekly windows for the modality, by weekday 0–6. */
  weekly: WallWindow[][];
  /** extra_hours for the modality, by epoch day. */
  extra: Map<number, WallWindow[]>;
  /** time_off (any modality: time off removes the clinician, not one channel), by epoch day. */
  off: Map<number, WallWindow[]>;
};

/** Parses every rule and override once per query, keeping only what applies to `modality`. */
function indexHours(rules: readonly WeeklyRule[], overrides: readonly DateOverride[], modality: Modality): HoursIndex {
  const weekly: WallWindow[][] = [[], [], [], [], [], [], []];
  for (const rule of rules) {
    if (!rule.modalities.includes(modality)) continue;
    const window = toWallWindow(rule.start, rule.end);
    if (window) weekly[rule.weekday]?.push(window);
  }
  const extra = new Map<number, WallWindow[]>();
  const off = new Map<number, WallWindow[]>();
  for (const override of overrides) {
    const isOff = override.kind === 'time_off';
    if (!isOff && !override.modalities.includes(modality)) continue;
    // A null edge is the edge of the day, so (null, null) is the whole day.
    const window = toWallWindow(override.start ?? '00:00', override.end ?? '24:00');
    if (!window) continue;
    const byDay = isOff ? off : extra;
    const day = toEpochDay(override.date);
    const list = byDay.get(day);
    if (list) list.push(window);
    else byDay.set(day, [window]);
  }
  return { weekly, extra, off };
}

/** Null for an empty or inverted range: windows never run past midnight. */
function toWallWindow(start: string, end: string): WallWindow | null {
  const window = { start: toMinuteOfDay(start), end: toMinuteOfDay(end) };
  return window.start < window.end ? window : null;
}

/** The date's weekly + extra windows, merged, minus its time off; sorted. */
function wallWindowsOf(hours: HoursIndex, day: number): WallWindow[] {
  const weekly = hours.weekly[weekdayOfEpochDay(day)] ?? [];
  const extra = hours.extra.get(day);
  const open = extra ? [...weekly, ...extra] : weekly;
  if (open.length === 0) return [];
  const merged = mergeWallWindows(open);
  const off = hours.off.get(day);
  return off ? subtractWallWindows(merged, mergeWallWindows(off)) : merged;
}

/** Sorts and unions overlapping or touching windows (touching ones form one window). */
function mergeWallWindows(windows: readonly WallWindow[]): WallWindow[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const merged: WallWindow[] = [];
  for (const window of sorted) {
    const last = merged[merged.length - 1];
    if (last && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else merged.push({ ...window });
  }
  return merged;
}

/** `open` minus `off`; both sorted and disjoint. */
function subtractWallWindows(open: readonly WallWindow[], off: readonly WallWindow[]): WallWindow[] {
  const result: WallWindow[] = [];
  for (const window of open) {
    let start = window.start;
    for (const hole of off) {
      if (hole.end <= start) continue;
      if (hole.start >= window.end) break;
      if (hole.start > start) result.push({ start, end: hole.start });
      start = Math.max(start, hole.end);
    }
    if (start < window.end) result.push({ start, end: window.end });
  }
  return result;
}

/**
 * Wall-clock windows of `day` as UTC spans. Each edge is the first instant at which the
 * practice clock reads that time or later ('transition' gap resolution), so:
 * - a window is exactly the real time its wall-clock range spans (8 h for 09:00–17:00 on a
 *   normal DST-change day; 01:00–04:00 is 2 h on spring-forward and 4 h on fall-back);
 * - an edge inside the spring-forward gap is the jump itself (02:30 -> 03:00 EDT), so a
 *   range wholly inside the gap is empty and ranges adjacent in wall time stay adjacent;
 * - an ambiguous edge is its first occurrence.
 * Spans that became adjacent (time off inside a gap removes no real time) are re-merged.
 */
function resolveWindows(windows: readonly WallWindow[], day: number, timeZone: string): Span[] {
  const spans: Span[] = [];
  const midnight = day * DAY_MS;
  for (const window of windows) {
    const from = wallMsToUtc(midnight + window.start * MINUTE_MS, timeZone, 'transition');
    const until = wallMsToUtc(midnight + window.end * MINUTE_MS, timeZone, 'transition');
    if (from >= until) continue;
    const last = spans[spans.length - 1];
    if (last && from <= last.until) last.until = Math.max(last.until, until);
    else spans.push({ from, until });
  }
  return spans;
}

// ---------------------------------------------------------------------------
// Daily cap
// ---------------------------------------------------------------------------

type DailyCap = {
  limit: number;
  /** startsAt of this type's busy entries, ascending. */
  starts: number[];
};

function dailyCapOf(type: SlotRules, busy: SlotQuery['busy']): DailyCap | null {
  if (type.dailyCap === null) return null;
  const starts: number[] = [];
  for (const range of busy) if (range.consultationTypeId === type.consultationTypeId) starts.push(range.startsAt);
  return { limit: type.dailyCap, starts: starts.sort((a, b) => a - b) };
}

/** Whether the type already has `limit` bookings starting on the practice-local date `day`. */
function isDayAtCap(cap: DailyCap, day: number, timeZone: string): boolean {
  // The local date of an instant is `day` exactly when it lies in [first instant of day, first instant of day+1).
  const dayStart = wallMsToUtc(day * DAY_MS, timeZone, 'transition');
  const nextDayStart = wallMsToUtc((day + 1) * DAY_MS, timeZone, 'transition');
  const count = lowerBound(cap.starts, nextDayStart) - lowerBound(cap.starts, dayStart);
  return count >= cap.limit;
}

/** Index of the first element >= value in an ascending array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------
// Candidates and busy time
// ---------------------------------------------------------------------------

/** The type's geometry in ms. */
type Grid = { step: number; span: number; before: number; after: number };

function gridOf(type: SlotRules): Grid {
  return {
    step: type.incrementMinutes * MINUTE_MS,
    span: type.durationMinutes * MINUTE_MS,
    before: type.bufferBeforeMinutes * MINUTE_MS,
    after: type.bufferAfterMinutes * MINUTE_MS,
  };
}

/** Busy ranges sorted by start and unioned, so "does X overlap busy time" is one comparison. */
function mergeBusy(busy: SlotQuery['busy']): Span[] {
  const sorted = busy
    .filter((range) => range.from < range.until)
    .map((range) => ({ from: range.from, until: range.until }))
    .sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.until) last.until = Math.max(last.until, range.until);
    else merged.push(range);
  }
  return merged;
}

/** Index of the first busy span that ends after `instant` (the only one that can overlap from there on). */
function firstBusyEndingAfter(busy: readonly Span[], instant: number): number {
  let lo = 0;
  let hi = busy.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((busy[mid]?.until ?? Infinity) <= instant) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Appends the free grid points of one window: starts window.from + k*step with
 * [start, start+span) inside the window, start in [lo, hi), and the blocked range
 * [start-before, start+span+after) touching but not overlapping busy time.
 */
function pushCandidates(
  slots: number[],
  window: Span,
  grid: Grid,
  busy: readonly Span[],
  lo: number,
  hi: number,
): void {
  const lastStart = Math.min(window.until - grid.span, hi - 1);
  let k = lo > window.from ? Math.ceil((lo - window.from) / grid.step) : 0;
  let start = window.from + k * grid.step;
  if (start > lastStart) return;

  // Blocked ranges only move forward within a window, so one pointer serves all candidates.
  let b = firstBusyEndingAfter(busy, start - grid.before);
  while (start <= lastStart) {
    const blockedFrom = start - grid.before;
    while (b < busy.length && (busy[b]?.until ?? Infinity) <= blockedFrom) b++;
    const next = busy[b];
    if (next && next.from < start + grid.span + grid.after) {
      // Blocked: jump to the first grid point whose blocked range starts at or after this busy end.
      k = Math.max(k + 1, Math.ceil((next.until + grid.before - window.from) / grid.step));
    } else {
      slots.push(start);
      k++;
    }
    start = window.from + k * grid.step;
  }
}
