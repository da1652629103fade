import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { consultationTypes, intakeQuestionnaires, intakes, staffUsers } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { staleRefusal, type StaleRefusal } from '../concurrency/edit-version';
import type { Modality } from '../scheduling/types';
import { assertStaffCan, auditActorOf, invalidInput, isUuid, notFound } from '../staff/access';
import type { StaffRefusal } from '../staff/dto';
import type { IntakeCustomization } from './customization-types';
import { customizableSectionsOf, customizationSchemaFor } from './customize';
import { baseQuestionnaire, optionalSectionsOf } from './questionnaires';
import { createQuestionnaireVersion, currentQuestionnaire, StaleQuestionnaireVersionError } from './questionnaire-versions';
import { INTAKE_FORMS, type IntakeForm } from './types';

/**
 * The practice's intake settings ('practice.edit_intake': its clinicians): which questionnaire
 * each consultation type asks (individual, couples or none), and per questionnaire the optional
 * sections turned off and the practice's own questions. Every saved change to a questionnaire
 * writes a new version (lib/intake/questionnaire-versions.ts); an intake keeps the version it was
 * started on. Audited by what changed, never by the questions' text.
 */

export type IntakeVersionSummary = {
  version: number;
  /** The questionnaire's version string ("2026.1+p3"). */
  questionnaireVersion: string;
  createdAt: string;
  createdByName: string | null;
  sectionsOff: number;
  questions: number;
  /** Intakes started on this version. */
  intakes: number;
};

export type IntakeFormSettings = {
  form: IntakeForm;
  /** The current version: a save sends it back (a save based on an older one is refused as stale). */
  version: number;
  questionnaireVersion: string;
  customization: IntakeCustomization;
  /** Sections the practice may turn off. */
  optionalSections: Array<{ linkId: string; title: string }>;
  /** The sections the practice's own questions may go in (not the screeners'). */
  sections: Array<{ linkId: string; title: string }>;
  /** Newest first. */
  versions: IntakeVersionSummary[];
};

export type IntakeTypeSetting = {
  id: string;
  title: string;
  audience: 'individual' | 'couple';
  modality: Modality;
  active: boolean;
  intakeForm: IntakeForm | null;
};

export type IntakeSettings = { types: IntakeTypeSetting[]; forms: Record<IntakeForm, IntakeFormSettings> };

/** What a stale save is shown: the questionnaire as saved now. */
export type SavedCustomization = { version: number; questionnaireVersion: string; customization: IntakeCustomization };

const VERSIONS_SHOWN = 50;

async function formSettings(db: Awaited<ReturnType<typeof getDb>>, practiceId: string, form: IntakeForm): Promise<IntakeFormSettings> {
  const current = await currentQuestionnaire(db, { practiceId, form });
  const base = baseQuestionnaire(form);
  const versions = await db
    .select({
      id: intakeQuestionnaires.id,
      version: intakeQuestionnaires.version,
      questionnaire: intakeQuestionnaires.questionnaire,
      customization: intakeQuestionnaires.customization,
      createdAt: intakeQuestionnaires.createdAt,
      createdByName: staffUsers.displayName,
      intakes: sql<number>`(select count(*)::int from ${intakes} where ${intakes.questionnaireId} = ${intakeQuestionnaires.id})`,
    })
    .from(intakeQuestionnaires)
    .leftJoin(staffUsers, eq(staffUsers.id, intakeQuestionnaires.createdBy))
    .where(and(eq(intakeQuestionnaires.practiceId, practiceId), eq(intakeQuestionnaires.form, form)))
    .orderBy(desc(intakeQuestionnaires.version))
    .limit(VERSIONS_SHOWN);
  return {
    form,
    version: current.version,
    questionnaireVersion: current.questionnaire.version ?? '',
    customization: current.customization,
    optionalSections: optionalSectionsOf(form),
    sections: customizableSectionsOf(form).forQuestions.map((linkId) => ({ linkId, title: base.item?.find((s) => s.linkId === linkId)?.text ?? linkId })),
    versions: versions.map((v) => ({
      version: v.version,
      questionnaireVersion: v.questionnaire.version ?? '',
      createdAt: v.createdAt.toISOString(),
      createdByName: v.createdByName ?? null,
      sectionsOff: v.customization.disabledSections.length,
      questions: v.customization.questions.length,
      intakes: Number(v.intakes),
    })),
  };
}

/** The actor's practice's intake settings (writes version 1 of a questionnaire the first time it is needed). */
export async function getIntakeSettings(params: { actor: StaffActor }): Promise<IntakeSettings> {
  const { actor } = params;
  assertStaffCan(actor, 'practice.edit_intake');
  const db = await getDb();
  const types = await db
    .select({
      id: consultationTypes.id,
      title: consultationTypes.title,
      audience: consultationTypes.audience,
      modality: consultationTypes.modality,
      active: consultationTypes.active,
      intakeForm: consultationTypes.intakeForm,
    })
    .from(consultationTypes)
    .where(eq(consultationTypes.practiceId, actor.practiceId))
    .orderBy(asc(consultationTypes.sortOrder), asc(consultationTypes.title), asc(consultationTypes.id));
  const [individual, couples] = await Promise.all(INTAKE_FORMS.map((form) => formSettings(db, actor.practiceId, form)));
  return { types, forms: { individual: individual!, couples: couples! } };
}

async function savedCustomization(practiceId: string, form: IntakeForm): Promise<SavedCustomization> {
  const db = await getDb();
  const current = await currentQuestionnaire(db, { practiceId, form });
  return { version: current.version, questionnaireVersion: current.questionnaire.version ?? '', customization: current.customization };
}

function sameCustomization(a: IntakeCustomization, b: IntakeCustomization): boolean {
  const norm = (c: IntakeCustomization) => JSON.stringify({ d: [...c.disabledSections].sort(), q: c.questions });
  return norm(a) === norm(b);
}

export type SaveIntakeCustomizationResult =
  | { ok: true; changed: boolean; saved: SavedCustomization }
  | StaffRefusal
  | StaleRefusal<SavedCustomization>;

/**
 * Saves how the practice adapts a questionnaire (sections off, its own questions) as the next
 * version, when `expectedVersion` is still the current one; otherwise nothing is written and the
 * answer is `stale` with what is saved now. An unchanged save writes nothing. Audited
 * ('intake.questionnaire_changed': which form, the new version, how many sections off and questions).
 */
export async function saveIntakeCustomization(params: {
  actor: StaffActor;
  form: IntakeForm;
  customization: unknown;
  expectedVersion: number;
  now?: Date;
}): Promise<SaveIntakeCustomizationResult> {
  const { actor, form, expectedVersion } = params;
  assertStaffCan(actor, 'practice.edit_intake');
  if (!(INTAKE_FORMS as readonly string[]).includes(form)) throw notFound();
  const parsed = customizationSchemaFor(form).safeParse(params.customization);
  if (!parsed.success) return invalidInput(parsed.error.issues);
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) return { ok: false, reason: 'invalid', message: 'This form is missing its version. Please reload the page.' };
  const customization: IntakeCustomization = parsed.data;
  const now = params.now ?? new Date();
  const db = await getDb();
  // Version 1 exists before any save can compare against it.
  const before = await savedCustomization(actor.practiceId, form);
  if (before.version === expectedVersion && sameCustomization(before.customization, customization)) return { ok: true, changed: false, saved: before };
  try {
    const written = await db.transaction(async (tx) => {
      const row = await createQuestionnaireVersion(tx, { practiceId: actor.practiceId, form, customization, createdBy: actor.userId, expectedVersion });
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: 'intake.questionnaire_changed',
        subjectType: 'practice',
        subjectId: actor.practiceId,
        detail: { form, version: row.version, sectionsOff: customization.disabledSections.length, questions: customization.questions.length },
        at: now,
      });
      return row;
    });
    return { ok: true, changed: true, saved: { version: written.version, questionnaireVersion: written.questionnaire.version ?? '', customization: written.customization } };
  } catch (error) {
    if (error instanceof StaleQuestionnaireVersionError) return staleRefusal('This questionnaire', await savedCustomization(actor.practiceId, form));
    throw error;
  }
}

/**
 * Which questionnaire a consultation type of the actor's practice asks: 'individual', 'couples' or
 * null (none). People already booked keep what they have; new bookings of the type are asked the
 * new one. A couples questionnaire needs a couples type. Audited ('consultation_type.intake_changed').
 */
export async function setConsultationTypeIntake(params: {
  actor: StaffActor;
  typeId: string;
  form: IntakeForm | null;
  now?: Date;
}): Promise<{ ok: true; changed: boolean; form: IntakeForm | null } | StaffRefusal> {
  const { actor, typeId, form } = params;
  assertStaffCan(actor, 'practice.edit_intake');
  if (!isUuid(typeId)) throw notFound();
  if (form !== null && !(INTAKE_FORMS as readonly string[]).includes(form)) return { ok: false, reason: 'invalid', message: 'Please choose a questionnaire.' };
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [type] = await tx
      .select({ id: consultationTypes.id, audience: consultationTypes.audience, intakeForm: consultationTypes.intakeForm })
      .from(consultationTypes)
      .where(and(eq(consultationTypes.id, typeId), eq(consultationTypes.practiceId, actor.practiceId)))
      .for('update');
    if (!type) throw notFound();
    if (form === 'couples' && type.audience !== 'couple') {
      return { ok: false as const, reason: 'invalid', message: 'The couples questionnaire asks about a partner: choose it for couples consultations only.', fieldErrors: { form: 'Choose the individual questionnaire or none for this type.' } };
    }
    if (type.intakeForm === form) return { ok: true as const, changed: false, form };
    await tx.update(consultationTypes).set({ intakeForm: form, updatedAt: now }).where(eq(consultationTypes.id, type.id));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'consultation_type.intake_changed',
      subjectType: 'consultation_type',
      subjectId: type.id,
      detail: { from: type.intakeForm ?? 'none', to: form ?? 'none' },
      at: now,
    });
    return { ok: true as const, changed: true, form };
  });
}
