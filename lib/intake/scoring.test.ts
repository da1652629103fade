import { describe, expect, it } from 'vitest';
import { baseQuestionnaire } from './questionnaires';
import { scoreAuditc, scoreCsi4, scoreGad7, scoreIntake, scorePhq9 } from './scoring';
import type { Answers } from './types';

const individual = baseQuestionnaire('individual');
const couples = baseQuestionnaire('couples');
const FREQUENCY = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];

/** Answers for a run of items from their scores (null = not answered). */
function scored(prefix: string, scores: Array<number | null>, codes: string[]): Record<string, string> {
  const answers: Record<string, string> = {};
  scores.forEach((score, i) => {
    if (score !== null) answers[`${prefix}-${i + 1}`] = codes[score]!;
  });
  return answers;
}
const phq = (...scores: Array<number | null>) => scorePhq9(individual, scored('phq9', scores, FREQUENCY));
const gad = (...scores: Array<number | null>) => scoreGad7(individual, scored('gad7', scores, FREQUENCY));

describe('PHQ-9', () => {
  it.each([
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'Minimal', false],
    [[1, 1, 1, 1, 0, 0, 0, 0, 0], 4, 'Minimal', false],
    [[1, 1, 1, 1, 1, 0, 0, 0, 0], 5, 'Mild', false],
    [[1, 1, 1, 1, 1, 1, 1, 1, 1], 9, 'Mild', false],
    [[2, 1, 1, 1, 1, 1, 1, 1, 1], 10, 'Moderate', true],
    [[2, 2, 2, 2, 2, 1, 1, 1, 1], 14, 'Moderate', true],
    [[2, 2, 2, 2, 2, 2, 1, 1, 1], 15, 'Moderately severe', true],
    [[3, 2, 2, 2, 2, 2, 2, 2, 2], 19, 'Moderately severe', true],
    [[3, 3, 2, 2, 2, 2, 2, 2, 2], 20, 'Severe', true],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3], 27, 'Severe', true],
  ] as const)('%j → %i %s', (scores, total, band, notable) => {
    expect(phq(...scores)).toMatchObject({ total, band, notable, answered: 9, items: 9, max: 27, note: null });
  });

  it('prorates one or two missing items: mean × 9, rounded (.5 up)', () => {
    expect(phq(2, 2, 2, 2, 2, 2, 2, 2, null)).toMatchObject({ total: 18, answered: 8, band: 'Moderately severe', note: '1 item missing: total prorated' });
    expect(phq(1, 1, 1, 1, 1, 1, 1, null, null)).toMatchObject({ total: 9, answered: 7, band: 'Mild', note: '2 items missing: total prorated' });
    expect(phq(1, 0, 0, 0, 0, 0, 0, null, null).total).toBe(1); // 1/7 × 9 = 1.29
    expect(phq(3, 3, 3, 3, 2, 2, 2, null, null).total).toBe(23); // 18/7 × 9 = 23.14
    expect(phq(1, 1, 1, 1, 0, 0, 0, 0, null)).toMatchObject({ total: 5, band: 'Mild' }); // 4/8 × 9 = 4.5 → 5
  });

  it('does not score with three or more missing', () => {
    expect(phq(3, 3, 3, 3, 3, 3, null, null, null)).toMatchObject({
      total: null,
      band: null,
      notable: false,
      answered: 6,
      note: '3 items missing: not scored (at most 2 may be missing)',
    });
    expect(phq(null, null, null, null, null, null, null, null, null)).toMatchObject({ total: null, answered: 0 });
  });
});

describe('GAD-7', () => {
  it.each([
    [[1, 1, 1, 1, 0, 0, 0], 4, 'Minimal', false],
    [[1, 1, 1, 1, 1, 0, 0], 5, 'Mild', false],
    [[2, 2, 1, 1, 1, 1, 1], 9, 'Mild', false],
    [[2, 2, 2, 1, 1, 1, 1], 10, 'Moderate', true],
    [[2, 2, 2, 2, 2, 2, 2], 14, 'Moderate', true],
    [[3, 2, 2, 2, 2, 2, 2], 15, 'Severe', true],
    [[3, 3, 3, 3, 3, 3, 3], 21, 'Severe', true],
  ] as const)('%j → %i %s', (scores, total, band, notable) => {
    expect(gad(...scores)).toMatchObject({ total, band, notable, answered: 7, max: 21, note: null });
  });

  it('prorates one missing item, not two', () => {
    expect(gad(3, 3, 3, 3, 3, 3, null)).toMatchObject({ total: 21, note: '1 item missing: total prorated' });
    expect(gad(1, 1, 1, 1, 1, 0, null).total).toBe(6); // 5/6 × 7 = 5.83
    expect(gad(2, 2, 2, 2, 1, 0, null)).toMatchObject({ total: 11, band: 'Moderate' }); // 9/6 × 7 = 10.5 → 11
    expect(gad(3, 3, 3, 3, 3, null, null)).toMatchObject({ total: null, band: null, note: '2 items missing: not scored (at most 1 may be missing)' });
  });
});

describe('AUDIT-C', () => {
  const item1 = ['never', 'monthly-or-less', '2-4-a-month', '2-3-a-week', '4-plus-a-week'];
  const item2 = ['1-2', '3-4', '5-6', '7-9', '10-plus'];
  const item3 = ['never', 'less-than-monthly', 'monthly', 'weekly', 'daily'];
  const audit = (scores: [number | null, number | null, number | null], sex?: string): Answers => {
    const answers: Record<string, string> = {};
    const codes = [item1, item2, item3];
    scores.forEach((score, i) => {
      if (score !== null) answers[`auditc-${i + 1}`] = codes[i]![score]!;
    });
    if (sex) answers['sex-at-birth'] = sex;
    return answers;
  };

  it('is positive at 4 for men', () => {
    expect(scoreAuditc(individual, audit([1, 1, 1], 'male'))).toMatchObject({ total: 3, band: 'Negative screen', notable: false, note: 'Cut-off 4 (male)' });
    expect(scoreAuditc(individual, audit([2, 1, 1], 'male'))).toMatchObject({ total: 4, band: 'Positive screen', notable: true });
  });

  it('is positive at 3 for women and when sex is not given', () => {
    expect(scoreAuditc(individual, audit([1, 1, 0], 'female'))).toMatchObject({ total: 2, notable: false });
    expect(scoreAuditc(individual, audit([1, 1, 1], 'female'))).toMatchObject({ total: 3, notable: true, note: 'Cut-off 3 (female)' });
    expect(scoreAuditc(individual, audit([1, 1, 1]))).toMatchObject({ total: 3, notable: true, note: 'Cut-off 3 (sex not given)' });
    expect(scoreAuditc(individual, audit([1, 1, 1], 'prefer-not-to-say'))).toMatchObject({ notable: true });
    expect(scoreAuditc(individual, audit([1, 1, 1], 'intersex'))).toMatchObject({ notable: true, note: 'Cut-off 3 (intersex)' });
  });

  it('counts items 2–3 as 0 after "Never" (they are not asked), even if answers linger', () => {
    const answers = { ...audit([0, null, null], 'female'), 'auditc-2': '10-plus', 'auditc-3': 'daily' };
    expect(scoreIntake(individual, answers).find((s) => s.instrument === 'auditc')).toMatchObject({
      total: 0,
      answered: 1,
      notable: false,
      note: 'Items 2–3 not asked after "Never": counted 0; Cut-off 3 (female)',
    });
  });

  it('is not scored when an asked item is missing', () => {
    expect(scoreAuditc(individual, audit([2, 2, null], 'male'))).toMatchObject({ total: null, band: null, notable: false, answered: 2 });
    expect(scoreAuditc(individual, audit([null, 2, 2], 'male'))).toMatchObject({ total: null, note: '1 item missing: not scored; Cut-off 4 (male)' });
    expect(scoreAuditc(individual, audit([4, 4, 4], 'male'))).toMatchObject({ total: 12, max: 12 });
  });
});

describe('CSI-4', () => {
  const item1 = ['extremely-unhappy', 'fairly-unhappy', 'a-little-unhappy', 'happy', 'very-happy', 'extremely-happy', 'perfect'];
  const rest = ['not-at-all', 'a-little', 'somewhat', 'mostly', 'almost-completely', 'completely'];
  const csi = (a: number | null, b: number | null, c: number | null, d: number | null) => {
    const answers: Record<string, string> = {};
    if (a !== null) answers['csi4-1'] = item1[a]!;
    [b, c, d].forEach((score, i) => {
      if (score !== null) answers[`csi4-${i + 2}`] = rest[score]!;
    });
    return scoreCsi4(couples, answers);
  };

  it('flags distress below 13.5 (13 yes, 14 no)', () => {
    expect(csi(3, 4, 3, 3)).toMatchObject({ total: 13, notable: true, band: 'Below 13.5: notable relationship distress' });
    expect(csi(3, 4, 4, 3)).toMatchObject({ total: 14, notable: false, band: '13.5 or above: no notable distress' });
    expect(csi(6, 5, 5, 5)).toMatchObject({ total: 21, max: 21 });
    expect(csi(0, 0, 0, 0)).toMatchObject({ total: 0, notable: true });
  });

  it('needs all four items', () => {
    expect(csi(6, 5, 5, null)).toMatchObject({ total: null, band: null, notable: false, answered: 3, note: '1 item missing: not scored (all 4 are needed)' });
  });
});

describe('scoreIntake', () => {
  it('scores only the instruments present', () => {
    expect(scoreIntake(individual, {}).map((s) => s.instrument)).toEqual(['phq9', 'gad7', 'auditc']);
    expect(scoreIntake(couples, {}).map((s) => s.instrument)).toEqual(['phq9', 'gad7', 'auditc', 'csi4']);
    const withoutAlcohol = { ...individual, item: individual.item!.filter((s) => s.linkId !== 'alcohol') };
    expect(scoreIntake(withoutAlcohol, {}).map((s) => s.instrument)).toEqual(['phq9', 'gad7']);
  });

  it('ignores unknown codes (counted as missing)', () => {
    const answers = { ...scored('phq9', [1, 1, 1, 1, 1, 1, 1, 1, null], FREQUENCY), 'phq9-9': 'LA9999-9' };
    expect(scoreIntake(individual, answers)[0]).toMatchObject({ total: 9, answered: 8 });
  });
});
