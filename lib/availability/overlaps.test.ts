import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODALITIES, type Modality } from '../scheduling/types';
import { findRangeOverlaps, findRuleOverlaps, type CalendarRange, type HoursRow } from './overlaps';

const SEED = 20_261_101;
const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** Rows on a 5-minute grid over two weekdays, so collisions are common. */
const rowArb: fc.Arbitrary<HoursRow> = fc
  .record({
    weekday: fc.integer({ min: 0, max: 1 }),
    a: fc.integer({ min: 0, max: 288 }),
    b: fc.integer({ min: 0, max: 288 }),
    modalities: fc.subarray([...MODALITIES], { minLength: 1 }),
  })
  .filter(({ a, b }) => a !== b)
  .map(({ weekday, a, b, modalities }) => ({ weekday, start: hhmm(Math.min(a, b) * 5), end: hhmm(Math.max(a, b) * 5), modalities }));

/** Reference: a minute-by-minute mask per (weekday, modality); two rows overlap iff some cell is claimed by both. */
function bruteForcePairs(rows: readonly HoursRow[]): Set<string> {
  const minute = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const owners = new Map<string, number[]>();
  rows.forEach((row, index) => {
    for (const m of row.modalities) {
      for (let t = minute(row.start); t < minute(row.end); t++) {
        const key = `${row.weekday}/${m}/${t}`;
        const list = owners.get(key) ?? [];
        list.push(index);
        owners.set(key, list);
      }
    }
  });
  const pairs = new Set<string>();
  for (const list of owners.values()) {
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) pairs.add(`${Math.min(list[i]!, list[j]!)}-${Math.max(list[i]!, list[j]!)}`);
  }
  return pairs;
}

const pairKeys = (overlaps: ReturnType<typeof findRuleOverlaps>) => new Set(overlaps.map((o) => `${Math.min(o.earlier, o.later)}-${Math.max(o.earlier, o.later)}`));

describe('findRuleOverlaps', () => {
  it('names the later-starting row and the shared ways to meet', () => {
    const rows: HoursRow[] = [
      { weekday: 1, start: '11:00', end: '14:00', modalities: ['phone', 'video'] },
      { weekday: 1, start: '09:00', end: '12:00', modalities: ['in_person', 'video', 'phone'] },
      { weekday: 1, start: '14:00', end: '15:00', modalities: ['video'] },
    ];
    expect(findRuleOverlaps(rows)).toEqual([{ earlier: 1, later: 0, shared: ['phone', 'video'] }]);
  });

  it('agrees with a minute-by-minute reference on random weeks', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 8 }), (rows) => {
        expect(pairKeys(findRuleOverlaps(rows))).toEqual(bruteForcePairs(rows));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 8 }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows.map((_, i) => i), { minLength: rows.length, maxLength: rows.length }))),
        ([rows, order]) => {
          const shuffled = order.map((i) => rows[i]!);
          const back = (o: { earlier: number; later: number }) => `${Math.min(order[o.earlier]!, order[o.later]!)}-${Math.max(order[o.earlier]!, order[o.later]!)}`;
          expect(new Set(findRuleOverlaps(shuffled).map(back))).toEqual(pairKeys(findRuleOverlaps(rows)));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('always marks a row that starts no earlier than the other', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 8 }), (rows) => {
        for (const o of findRuleOverlaps(rows)) {
          expect(rows[o.later]!.start >= rows[o.earlier]!.start).toBe(true);
          expect(o.shared.length).toBeGreaterThan(0);
          for (const m of o.shared as Modality[]) {
            expect(rows[o.later]!.modalities).toContain(m);
            expect(rows[o.earlier]!.modalities).toContain(m);
          }
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('findRangeOverlaps', () => {
  const rangeArb = fc
    .record({ id: fc.uuid(), clinicianId: fc.constantFrom('a', 'b'), from: fc.integer({ min: 0, max: 100 }), length: fc.integer({ min: 1, max: 20 }) })
    .map(({ id, clinicianId, from, length }): CalendarRange => ({ id, clinicianId, from, until: from + length }));

  it('treats touching ranges as free and separates clinicians', () => {
    const r = (id: string, clinicianId: string, from: number, until: number): CalendarRange => ({ id, clinicianId, from, until });
    expect(findRangeOverlaps([r('1', 'a', 0, 10), r('2', 'a', 10, 20), r('3', 'b', 5, 15)])).toEqual([]);
    expect(findRangeOverlaps([r('1', 'a', 0, 10), r('2', 'a', 9, 20)]).map(([x, y]) => [x.id, y.id])).toEqual([['1', '2']]);
  });

  it('finds exactly the intersecting pairs of one clinician', () => {
    fc.assert(
      fc.property(fc.uniqueArray(rangeArb, { maxLength: 25, selector: (r) => r.id }), (ranges) => {
        const expected = new Set<string>();
        for (let i = 0; i < ranges.length; i++) {
          for (let j = i + 1; j < ranges.length; j++) {
            const [x, y] = [ranges[i]!, ranges[j]!];
            if (x.clinicianId === y.clinicianId && x.from < y.until && y.from < x.until) expected.add([x.id, y.id].sort().join('|'));
          }
        }
        const found = findRangeOverlaps(ranges).map(([x, y]) => [x.id, y.id].sort().join('|'));
        expect(found.length).toBe(new Set(found).size);
        expect(new Set(found)).toEqual(expected);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
