import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/client';
import { intakeQuestionnaires, practices } from '../../db/schema';
import { EMPTY_CUSTOMIZATION, type IntakeCustomization } from './customization-types';
import { applyCustomization } from './customize';
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

/**
 * A version never changes once written (a change is a new version), so the versions in use are
 * kept in memory by id: autosave does not read and parse the whole questionnaire (~40 kB of JSON)
 * on every save. Bounded; the oldest entry leaves first.
 */
const byId = new Map<string, { practiceId: string; version: QuestionnaireVersion }>();
const CACHED_VERSIONS = 64;

/** The questionnaire version an intake was started on (by id, within its practice). */
export async function questionnaireById(db: Executor, params: { practiceId: string; id: string }): Promise<QuestionnaireVersion | null> {
  const cached = byId.get(params.id);
  if (cached) return cached.practiceId === params.practiceId ? cached.version : null;
  const [row] = await db
    .select({ ...columns, practiceId: intakeQuestionnaires.practiceId })
    .from(intakeQuestionnaires)
    .where(and(eq(intakeQuestionnaires.id, params.id), eq(intakeQuestionnaires.practiceId, params.practiceId)))
    .limit(1);
  if (!row) return null;
  const { practiceId, ...version } = row;
  if (byId.size >= CACHED_VERSIONS) byId.delete(byId.keys().next().value!);
  byId.set(row.id, { practiceId, version });
  return version;
}

/** Another save changed the questionnaire since the caller read it (`expectedVersion`). */
export class StaleQuestionnaireVersionError extends Error {
  constructor(readonly currentVersion: number) {
    super('The intake questionnaire was changed meanwhile.');
  }
}

/**
 * Writes the next version of a practice's questionnaire for a form: the base questionnaire with
 * the customization applied (`applyCustomization`, version string `<base>+p<n>`). Call it inside
 * the transaction that saves the settings (it audits, the caller does).
 *
 * Race-safe: the practice row is locked (FOR NO KEY UPDATE, which does not block bookings'
 * foreign-key locks) so two saves take turns; and should a first-ever `currentQuestionnaire`
 * (which does not lock) write version 1 at the same moment, the insert's conflict is seen and the
 * next number taken. `expectedVersion` (the version the settings form was loaded with; 0 = none
 * yet) refuses a save based on an older version: StaleQuestionnaireVersionError, the transaction
 * rolls back.
 */
export async function createQuestionnaireVersion(
  tx: Transaction,
  params: { practiceId: string; form: IntakeForm; customization: IntakeCustomization; createdBy: string | null; expectedVersion?: number },
): Promise<QuestionnaireVersion> {
  const { practiceId, form, customization, createdBy } = params;
  await tx.execute(sql`select 1 from ${practices} where ${practices.id} = ${practiceId} for no key update`);
  const base = baseQuestionnaire(form);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = (await latest(tx, practiceId, form))?.version ?? 0;
    if (params.expectedVersion !== undefined && params.expectedVersion !== current) throw new StaleQuestionnaireVersionError(current);
    const version = current + 1;
    const [row] = await tx
      .insert(intakeQuestionnaires)
      .values({ practiceId, form, version, questionnaire: applyCustomization(base, customization, version), customization, createdBy })
      .onConflictDoNothing({ target: [intakeQuestionnaires.practiceId, intakeQuestionnaires.form, intakeQuestionnaires.version] })
      .returning(columns);
    if (row) return row;
  }
  throw new Error('createQuestionnaireVersion: could not take the next version number.');
}
