import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { intakeQuestionnaires } from '../../db/schema';
import { EMPTY_CUSTOMIZATION, type IntakeCustomization } from './customization-types';
import { baseQuestionnaire } from './questionnaires';
import type { IntakeForm, Questionnaire } from './types';

/**
 * The versions of a practice's questionnaires (one line per form: individual, couples). Version 1
 * is Haven's base questionnaire, written the first time anybody needs it; every change to the
 * practice's intake settings writes the next version. An intake keeps the id of the version it
 * was started on, so what a person answered always renders against the questions they saw.
 */
export type QuestionnaireVersion = { id: string; version: number; questionnaire: Questionnaire; customization: IntakeCustomization };

const columns = {
  id: intakeQuestionnaires.id,
  version: intakeQuestionnaires.version,
  questionnaire: intakeQuestionnaires.questionnaire,
  customization: intakeQuestionnaires.customization,
};

async function latest(db: Executor, practiceId: string, form: IntakeForm): Promise<QuestionnaireVersion | null> {
  const [row] = await db
    .select(columns)
    .from(intakeQuestionnaires)
    .where(and(eq(intakeQuestionnaires.practiceId, practiceId), eq(intakeQuestionnaires.form, form)))
    .orderBy(desc(intakeQuestionnaires.version))
    .limit(1);
  return row ?? null;
}

/**
 * The practice's current questionnaire for a form, writing version 1 (the base questionnaire, no
 * customization) when there is none yet. Race-safe: two first callers at once both insert version
 * 1 with ON CONFLICT DO NOTHING (the unique (practice, form, version) index decides; on a server
 * the second waits for the first to commit), then both read the latest.
 */
export async function currentQuestionnaire(db: Executor, params: { practiceId: string; form: IntakeForm }): Promise<QuestionnaireVersion> {
  const found = await latest(db, params.practiceId, params.form);
  if (found) return found;
  await db
    .insert(intakeQuestionnaires)
    .values({ practiceId: params.practiceId, form: params.form, version: 1, questionnaire: baseQuestionnaire(params.form), customization: EMPTY_CUSTOMIZATION })
    .onConflictDoNothing({ target: [intakeQuestionnaires.practiceId, intakeQuestionnaires.form, intakeQuestionnaires.version] });
  const written = await latest(db, params.practiceId, params.form);
  if (!written) throw new Error('currentQuestionnaire: the first version was not written.');
  return written;
}

/** The questionnaire version an intake was started on (by id, within its practice). */
export async function questionnaireById(db: Executor, params: { practiceId: string; id: string }): Promise<QuestionnaireVersion | null> {
  const [row] = await db
    .select(columns)
    .from(intakeQuestionnaires)
    .where(and(eq(intakeQuestionnaires.id, params.id), eq(intakeQuestionnaires.practiceId, params.practiceId)))
    .limit(1);
  return row ?? null;
}
