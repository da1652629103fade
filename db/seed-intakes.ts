import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from './client';
import { bookings, consultationTypes, intakeQuestionnaires, intakes } from './schema';
import type { Keyring } from '../lib/crypto/envelope';
import { EMPTY_CUSTOMIZATION } from '../lib/intake/customization-types';
import { forContext, pruneAnswers } from '../lib/intake/engine';
import { sealIntakeJson } from '../lib/intake/intake-sealing';
import { baseQuestionnaire } from '../lib/intake/questionnaires';
import { intakeContextOf, sentRecord, stampSignatures } from '../lib/intake/stored-intake';
import type { Answers, IntakeForm, SafetyFlag } from '../lib/intake/types';

/**
 * Intakes written straight into the database as the app writes them (sealed draft, or sealed
 * answers and summary with signatures stamped, `flagged_at` when a safety flag is raised), with a
 * given keyring: for the demo seed (run by tsx, outside the app) and the e2e suite's set-up. The
 * data-layer tests use tests/support/intake-fixture.ts (the app's own sealing).
 */

/** The practice's current questionnaire version for a form, writing version 1 (the base questionnaire) when there is none. */
export async function questionnaireVersionFor(db: Executor, practiceId: string, form: IntakeForm) {
  const latest = () =>
    db
      .select({ id: intakeQuestionnaires.id, questionnaire: intakeQuestionnaires.questionnaire })
      .from(intakeQuestionnaires)
      .where(and(eq(intakeQuestionnaires.practiceId, practiceId), eq(intakeQuestionnaires.form, form)))
      .orderBy(desc(intakeQuestionnaires.version))
      .limit(1);
  const [found] = await latest();
  if (found) return found;
  await db
    .insert(intakeQuestionnaires)
    .values({ practiceId, form, version: 1, questionnaire: baseQuestionnaire(form), customization: EMPTY_CUSTOMIZATION })
    .onConflictDoNothing({ target: [intakeQuestionnaires.practiceId, intakeQuestionnaires.form, intakeQuestionnaires.version] });
  const [written] = await latest();
  if (!written) throw new Error('seed: the first questionnaire version was not written');
  return written;
}

export async function insertIntake(
  db: Executor,
  params: {
    keyring: Keyring;
    bookingId: string;
    holder: 'primary' | 'partner';
    status: 'in_progress' | 'sent' | 'reviewed';
    answers: Answers;
    /** When it was last saved / sent. */
    at: Date;
    reviewedBy?: string | null;
  },
): Promise<{ id: string; flags: SafetyFlag[] }> {
  const { keyring, at } = params;
  const [booking] = await db
    .select({ practiceId: bookings.practiceId, form: consultationTypes.intakeForm, modality: consultationTypes.modality })
    .from(bookings)
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .where(eq(bookings.id, params.bookingId));
  if (!booking?.form) throw new Error(`seed: booking ${params.bookingId} asks no intake`);
  const version = await questionnaireVersionFor(db, booking.practiceId, booking.form);
  const q = forContext(version.questionnaire, intakeContextOf(booking.modality));
  const answers = pruneAnswers(q, params.answers);
  const signatures = stampSignatures(q, answers, null, at);
  const { stored, summary } = sentRecord(q, answers, signatures);
  const id = crypto.randomUUID();
  const sent = params.status !== 'in_progress';
  await db.insert(intakes).values({
    id,
    practiceId: booking.practiceId,
    bookingId: params.bookingId,
    holder: params.holder,
    questionnaireId: version.id,
    status: params.status,
    draftCiphertext: sent ? null : sealIntakeJson(keyring, 'draft', id, { answers, step: 0, signatures }),
    draftRevision: 1,
    draftSavedAt: at,
    answersCiphertext: sent ? sealIntakeJson(keyring, 'answers', id, stored) : null,
    summaryCiphertext: sent ? sealIntakeJson(keyring, 'summary', id, summary) : null,
    submitKey: sent ? crypto.randomUUID() : null,
    submittedAt: sent ? at : null,
    flaggedAt: summary.flags.length > 0 ? at : null,
    reviewedAt: params.status === 'reviewed' ? at : null,
    reviewedBy: params.status === 'reviewed' ? (params.reviewedBy ?? null) : null,
    createdAt: at,
    updatedAt: at,
  });
  return { id, flags: summary.flags };
}

const scale = (n: number) => ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'][n]!;
/** PHQ-9 item by item (0–3 each), GAD-7 likewise. */
export const phq9Answers = (items: number[]): Answers => Object.fromEntries(items.map((v, i) => [`phq9-${i + 1}`, scale(v)]));
export const gad7Answers = (items: number[]): Answers => Object.fromEntries(items.map((v, i) => [`gad7-${i + 1}`, scale(v)]));
