/**
 * Overlap detection, pure. Two kinds:
 * - wall-clock hours (weekly rows, extra hours of one date) that share a way to meet;
 * - bookings of one clinician whose blocked ranges (time plus buffers) would intersect.
 */
import type { Modality } from '../scheduling/types';

export type HoursRow = { weekday: number; start: string; end: string; modalities: readonly Modality[] };

export type RuleOverlap = {
  /** Index of the row that starts earlier (on a tie, the one listed first). */
  earlier: number;
  /** Index of the row that starts later: the one a form highlights. */
  later: number;
  /** The ways to meet both rows offer. */
  shared: Modality[];
};

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Every pair of rows on the same weekday that share a modality and whose half-open wall-clock
 * ranges [start, end) intersect. Touching rows (one ends when the next starts) do not overlap.
 * Rows are expected to be valid (start < end, 'HH:MM'); a weekly form has few rows, so pairs
 * are compared directly.
 */
export function findRuleOverlaps(rows: readonly HoursRow[]): RuleOverlap[] {
  const parsed = rows.map((row, index) => ({ index, weekday: row.weekday, start: minutes(row.start), end: minutes(row.end), modalities: row.modalities }));
  const overlaps: RuleOverlap[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const a = parsed[i]!;
    for (let j = i + 1; j < parsed.length; j++) {
      const b = parsed[j]!;
      if (a.weekday !== b.weekday || !(a.start < b.end && b.start < a.end)) continue;
      const shared = a.modalities.filter((m) => b.modalities.includes(m));
      if (shared.length === 0) continue;
      const [earlier, later] = b.start < a.start ? [b, a] : [a, b];
      overlaps.push({ earlier: earlier.index, later: later.index, shared: [...shared].sort() });
    }
  }
  return overlaps.sort((x, y) => x.later - y.later || x.earlier - y.earlier);
}

/** Half-open [from, until) in epoch ms on one clinician's calendar. */
export type CalendarRange<Id extends string = string> = { id: Id; clinicianId: string; from: number; until: number };

/**
 * Every pair of ranges of the same clinician that intersect (touching is fine, as for the
 * exclusion constraint). Sort + sweep: O(n log n + pairs). Each pair is reported once, in
 * start order.
 */
export function findRangeOverlaps<Id extends string>(ranges: readonly CalendarRange<Id>[]): Array<[CalendarRange<Id>, CalendarRange<Id>]> {
  const sorted = ranges
    .filter((r) => r.from < r.until)
    .sort((a, b) => a.clinicianId.localeCompare(b.clinicianId) || a.from - b.from || a.until - b.until || a.id.localeCompare(b.id));
  const pairs: Array<[CalendarRange<Id>, CalendarRange<Id>]> = [];
  let open: CalendarRange<Id>[] = [];
  let clinician: string | null = null;
  for (const range of sorted) {
    if (range.clinicianId !== clinician) {
      clinician = range.clinicianId;
      open = [];
    }
    open = open.filter((o) => o.until > range.from);
    for (const o of open) pairs.push([o, range]);
    open.push(range);
  }
  return pairs;
}
