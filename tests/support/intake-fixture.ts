/**
 * An intake in a given state, written straight into the database the way the app writes it
 * (sealed draft or sealed answers + summary, signatures stamped, flagged_at when a safety flag is
 * raised), for tests, benchmarks and e2e set-up. No test runner needed (like test-practice.ts).
 *
 * The booking's consultation type must ask for an intake (`consultation_types.intake_form`): the
 * fixture practice's types have none until a test sets it (`setTypeIntakeForm`).
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { bookings, consultationTypes, intakes } from '../../db/schema';
import { forContext, optionsOf, pruneAnswers, visibleQuestions } from '../../lib/intake/engine';
import { sealAnswers, sealDraft, sealSummary } from '../../lib/intake/intake-crypto';
import { currentQuestionnaire } from '../../lib/intake/questionnaire-versions';
import { intakeContextOf, sentRecord, stampSignatures } from '../../lib/intake/stored-intake';
import type { AnswerValue, Answers, IntakeForm, Questionnaire, QuestionnaireItem, SafetyFlag } from '../../lib/intake/types';

export type SeededIntake = { id: string; questionnaireId: string; flags: SafetyFlag[] };

export async function seedIntake(
  db: Database,
  params: {
    bookingId: string;
    holder: 'primary' | 'partner';
    status: 'in_progress' | 'sent' | 'reviewed';
    answers: Answers;
    now?: Date;
    /** in_progress: the step the draft is on (default 0). */
    step?: number;
    /** reviewed: who reviewed it (a staff user id), optional. */
    reviewedBy?: string | null;
  },
): Promise<SeededIntake> {
  const now = params.now ?? new Date();
  const { practiceId, version, questionnaire: q } = await questionnaireForBooking(db, params.bookingId);
  const answers = pruneAnswers(q, params.answers);
  const signatures = stampSignatures(q, answers, null, now);
  const { stored, summary } = sentRecord(q, answers, signatures);
  const id = crypto.randomUUID();
  const sent = params.status !== 'in_progress';
  await db.insert(intakes).values({
    id,
    practiceId,
    bookingId: params.bookingId,
    holder: params.holder,
    questionnaireId: version.id,
    status: params.status,
    draftCiphertext: sent ? null : sealDraft(id, { answers, step: params.step ?? 0, signatures }),
    draftRevision: 1,
    draftSavedAt: now,
    answersCiphertext: sent ? sealAnswers(id, stored) : null,
    summaryCiphertext: sent ? sealSummary(id, summary) : null,
    submitKey: sent ? crypto.randomUUID() : null,
    submittedAt: sent ? now : null,
    flaggedAt: summary.flags.length > 0 ? now : null,
    reviewedAt: params.status === 'reviewed' ? now : null,
    reviewedBy: params.status === 'reviewed' ? (params.reviewedBy ?? null) : null,
    createdAt: now,
    updatedAt: now,
  });
  return { id, questionnaireId: version.id, flags: summary.flags };
}

/** The questions a booking's intake asks (its practice's current version, for the booking's modality). */
export async function questionnaireForBooking(db: Database, bookingId: string) {
  const [booking] = await db
    .select({ practiceId: bookings.practiceId, form: consultationTypes.intakeForm, modality: consultationTypes.modality })
    .from(bookings)
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .where(eq(bookings.id, bookingId));
  if (!booking) throw new Error(`no booking ${bookingId}`);
  if (!booking.form) throw new Error('the booking’s consultation type has no intake (set consultation_types.intake_form first: setTypeIntakeForm).');
  const version = await currentQuestionnaire(db, { practiceId: booking.practiceId, form: booking.form });
  return { practiceId: booking.practiceId, version, questionnaire: forContext(version.questionnaire, intakeContextOf(booking.modality)) };
}

/** Gives a consultation type an intake (or none): the fixture practice's types start without one. */
export async function setTypeIntakeForm(db: Database, typeId: string, form: IntakeForm | null): Promise<void> {
  await db.update(consultationTypes).set({ intakeForm: form }).where(eq(consultationTypes.id, typeId));
}

/**
 * A complete, valid answer set for a questionnaire (every visible question answered; conditions
 * followed to a fixed point): choices take their first option (or the one in `overrides`),
 * booleans `false`, numbers 0, dates 1 January 1990, free text `text(item)`. Pruned like the app.
 */
export function completeAnswers(
  q: Questionnaire,
  overrides: Answers = {},
  text: (item: QuestionnaireItem) => string = (item) => `Answer to ${item.linkId}`,
): Answers {
  let answers: Record<string, AnswerValue> = { ...overrides };
  for (let round = 0; round < 50; round++) {
    let changed = false;
    for (const item of visibleQuestions(q, answers)) {
      if (item.linkId in answers) continue;
      const value = defaultAnswer(item, text);
      if (value === undefined) continue;
      answers[item.linkId] = value;
      changed = true;
    }
    answers = { ...answers, ...overrides };
    if (!changed) break;
  }
  return pruneAnswers(q, answers);
}

function defaultAnswer(item: QuestionnaireItem, text: (item: QuestionnaireItem) => string): AnswerValue | undefined {
  switch (item.type) {
    case 'boolean':
      return false;
    case 'choice': {
      const first = optionsOf(item)[0]?.code;
      return first === undefined ? undefined : item.repeats ? [first] : first;
    }
    case 'integer':
    case 'decimal':
      return 0;
    case 'date':
      return '1990-01-01';
    case 'string':
    case 'text':
      return text(item);
    default:
      return undefined;
  }
}
