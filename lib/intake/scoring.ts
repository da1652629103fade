/**
 * Screener scores, computed on the server from stored answers (and shown to the clinician only).
 * Only instruments present in the questionnaire are scored; only visible answers count.
 *
 * Missing items:
 * - PHQ-9: up to 2 of 9 missing → prorated (mean of answered items × 9, rounded to the nearest
 *   integer, .5 up); more → not scored.
 * - GAD-7: up to 1 of 7 missing → prorated the same way (× 7); more → not scored.
 * - AUDIT-C: every asked item is needed; items 2–3 are not asked after "Never" on item 1 and then
 *   count 0. Positive at 4 or more when sex assigned at birth is male, at 3 or more otherwise
 *   (female, intersex, or not given: the more cautious cut-off).
 * - CSI-4: all 4 items needed (a sum whose cut-off, 13.5, sits between possible totals).
 *
 * Bands: PHQ-9 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe;
 * GAD-7 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe (Kroenke 2001, Spitzer 2006).
 * Notable: PHQ-9/GAD-7 moderate or above, AUDIT-C positive, CSI-4 below 13.5.
 */
import { findItem, optionsOf, pruneAnswers } from './engine';
import { AUDITC_NEVER } from './questionnaires/instruments';
import type { Answers, InstrumentId, InstrumentScore, Questionnaire } from './types';

/** LOINC codes of the panels and their total scores (sources: questionnaires/instruments.ts). CSI-4 has none. */
export const INSTRUMENT_LOINC: Record<InstrumentId, { panel: string; total: string } | null> = {
  phq9: { panel: '44249-1', total: '44261-6' },
  gad7: { panel: '69737-5', total: '70274-6' },
  auditc: { panel: '72109-2', total: '75626-2' },
  csi4: null,
};

type Band = { from: number; label: string };

const PHQ9_BANDS: Band[] = [
  { from: 0, label: 'Minimal' },
  { from: 5, label: 'Mild' },
  { from: 10, label: 'Moderate' },
  { from: 15, label: 'Moderately severe' },
  { from: 20, label: 'Severe' },
];
const GAD7_BANDS: Band[] = [
  { from: 0, label: 'Minimal' },
  { from: 5, label: 'Mild' },
  { from: 10, label: 'Moderate' },
  { from: 15, label: 'Severe' },
];
const MODERATE = 10;
const CSI4_CUTOFF = 13.5;

function bandOf(bands: Band[], total: number): string {
  return bands.filter((band) => total >= band.from).at(-1)?.label ?? bands[0]!.label;
}

function linkIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
}

/** The ordinal of the stored answer to an item, or null when unanswered (or not a known code). */
function ordinalAnswer(q: Questionnaire, answers: Answers, linkId: string): number | null {
  const item = findItem(q, linkId);
  const code = answers[linkId];
  if (!item || typeof code !== 'string') return null;
  return optionsOf(item).find((option) => option.code === code)?.ordinal ?? null;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Sum with proration: mean × items when at most `maxMissing` are missing, else null. */
function proratedTotal(scores: Array<number | null>, maxMissing: number): { total: number | null; answered: number; note: string | null } {
  const given = scores.filter((score): score is number => score !== null);
  const missing = scores.length - given.length;
  const sum = given.reduce((a, b) => a + b, 0);
  if (missing === 0) return { total: sum, answered: given.length, note: null };
  if (missing > maxMissing || given.length === 0) {
    return { total: null, answered: given.length, note: `${plural(missing, 'item')} missing: not scored (at most ${maxMissing} may be missing)` };
  }
  return { total: Math.round((sum / given.length) * scores.length), answered: given.length, note: `${plural(missing, 'item')} missing: total prorated` };
}

function severityScore(q: Questionnaire, answers: Answers, spec: { id: 'phq9' | 'gad7'; label: string; items: number; maxMissing: number; bands: Band[] }): InstrumentScore {
  const scores = linkIds(spec.id, spec.items).map((linkId) => ordinalAnswer(q, answers, linkId));
  const { total, answered, note } = proratedTotal(scores, spec.maxMissing);
  return {
    instrument: spec.id,
    label: spec.label,
    total,
    max: spec.items * 3,
    answered,
    items: spec.items,
    band: total === null ? null : bandOf(spec.bands, total),
    notable: total !== null && total >= MODERATE,
    note,
  };
}

export function scorePhq9(q: Questionnaire, answers: Answers): InstrumentScore {
  return severityScore(q, answers, { id: 'phq9', label: 'PHQ-9 (depression)', items: 9, maxMissing: 2, bands: PHQ9_BANDS });
}

export function scoreGad7(q: Questionnaire, answers: Answers): InstrumentScore {
  return severityScore(q, answers, { id: 'gad7', label: 'GAD-7 (anxiety)', items: 7, maxMissing: 1, bands: GAD7_BANDS });
}

/** AUDIT-C cut-off: 4 for men, 3 for women and whenever sex is not given. */
export function auditcCutoff(answers: Answers): { cutoff: number; because: string } {
  const sex = answers['sex-at-birth'];
  if (sex === 'male') return { cutoff: 4, because: 'male' };
  if (sex === 'female') return { cutoff: 3, because: 'female' };
  return { cutoff: 3, because: sex === 'intersex' ? 'intersex' : 'sex not given' };
}

export function scoreAuditc(q: Questionnaire, answers: Answers): InstrumentScore {
  const neverDrinks = answers['auditc-1'] === AUDITC_NEVER;
  const scores = linkIds('auditc', 3).map((linkId) => ordinalAnswer(q, answers, linkId));
  const counted = neverDrinks ? [scores[0]!, 0, 0] : scores;
  const answered = scores.filter((score) => score !== null).length;
  const missing = counted.filter((score) => score === null).length;
  const { cutoff, because } = auditcCutoff(answers);
  const notes = [neverDrinks ? 'Items 2–3 not asked after "Never": counted 0' : null, `Cut-off ${cutoff} (${because})`];
  if (missing > 0) notes.unshift(`${plural(missing, 'item')} missing: not scored`);
  const total = missing > 0 ? null : counted.reduce<number>((a, b) => a + (b ?? 0), 0);
  return {
    instrument: 'auditc',
    label: 'AUDIT-C (alcohol)',
    total,
    max: 12,
    answered,
    items: 3,
    band: total === null ? null : total >= cutoff ? 'Positive screen' : 'Negative screen',
    notable: total !== null && total >= cutoff,
    note: notes.filter(Boolean).join('; '),
  };
}

export function scoreCsi4(q: Questionnaire, answers: Answers): InstrumentScore {
  const scores = linkIds('csi4', 4).map((linkId) => ordinalAnswer(q, answers, linkId));
  const given = scores.filter((score): score is number => score !== null);
  const missing = scores.length - given.length;
  const total = missing === 0 ? given.reduce((a, b) => a + b, 0) : null;
  const distressed = total !== null && total < CSI4_CUTOFF;
  return {
    instrument: 'csi4',
    label: 'CSI-4 (relationship satisfaction)',
    total,
    max: 21,
    answered: given.length,
    items: 4,
    band: total === null ? null : distressed ? 'Below 13.5: notable relationship distress' : '13.5 or above: no notable distress',
    notable: distressed,
    note: missing === 0 ? null : `${plural(missing, 'item')} missing: not scored (all 4 are needed)`,
  };
}

const SCORERS: ReadonlyArray<{ firstItem: string; score: (q: Questionnaire, answers: Answers) => InstrumentScore }> = [
  { firstItem: 'phq9-1', score: scorePhq9 },
  { firstItem: 'gad7-1', score: scoreGad7 },
  { firstItem: 'auditc-1', score: scoreAuditc },
  { firstItem: 'csi4-1', score: scoreCsi4 },
];

/** The scores of every instrument the questionnaire contains, from its visible answers. */
export function scoreIntake(q: Questionnaire, answers: Answers): InstrumentScore[] {
  const kept = pruneAnswers(q, answers);
  return SCORERS.filter((scorer) => findItem(q, scorer.firstItem)).map((scorer) => scorer.score(q, kept));
}
