/**
 * What the server keeps of an intake, computed the same way by autosave, by send and by the test
 * fixture (tests/support/intake-fixture.ts): signatures stamped, the sent record, its summary.
 * Pure: no database, no keys.
 */
import { allItems, isAnswered, isSignature } from './engine';
import { scoreIntake } from './scoring';
import { safetyFlagsOf } from './safety';
import type { Answers, IntakeContext, IntakeSummary, Questionnaire, Signature, StoredAnswers } from './types';

/**
 * The signatures of these answers. A signature keeps its time while its typed name is unchanged;
 * a name that first appears or changes is stamped now, on this questionnaire version; a signature
 * whose answer is gone (cleared, or its question hidden) is dropped.
 */
export function stampSignatures(
  q: Questionnaire,
  answers: Answers,
  previous: { answers: Answers; signatures: Readonly<Record<string, Signature>> } | null,
  now: Date,
): Record<string, Signature> {
  const out: Record<string, Signature> = {};
  for (const { item } of allItems(q)) {
    if (!isSignature(item)) continue;
    const value = answers[item.linkId];
    if (!isAnswered(value)) continue;
    const before = previous?.signatures[item.linkId];
    const unchanged = before && previous?.answers[item.linkId] === value;
    out[item.linkId] = unchanged ? before : { signedAt: now.toISOString(), questionnaireVersion: q.version ?? '' };
  }
  return out;
}

/** The record of a sent intake and its server-side summary (scores and flags). */
export function sentRecord(q: Questionnaire, answers: Answers, signatures: Readonly<Record<string, Signature>>): { stored: StoredAnswers; summary: IntakeSummary } {
  return {
    stored: { answers, signatures },
    summary: { scores: scoreIntake(q, answers), flags: safetyFlagsOf(q, answers) },
  };
}

/** The booking facts that decide which items apply: telehealth items only for video. */
export function intakeContextOf(modality: 'video' | 'in_person' | 'phone'): IntakeContext {
  return { modality: modality === 'video' ? 'video' : 'in_person' };
}
