import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Transaction } from '../../db/client';
import { intakes, type IntakeRow } from '../../db/schema';
import type { LinkActor } from '../bookings/link-access';
import { forContext, sectionsOf } from './engine';
import { openAnswers, openDraft, sealAnswers, sealDraft, sealSummary, type SealedDraft } from './intake-crypto';
import { noticeIntakeAttention } from './intake-notices';
import { intakeAcceptsAnswers, intakeAccessEndsAt, loadIntakeScope, type IntakeScope } from './link-scope';
import { currentQuestionnaire, questionnaireById, type QuestionnaireVersion } from './questionnaire-versions';
import { safetyFlagsOf } from './safety';
import { answersSchema, draftInputSchema } from './schema';
import { intakeContextOf, sentRecord, stampSignatures } from './stored-intake';
import type { Answers, IntakeDraft, PublicIntakeStatus, Questionnaire, SafetyFlag, StoredAnswers } from './types';

/**
 * The client's side of an intake: what one link holder reads, autosaves and sends. Every function
 * takes the private link's capability and resolves it itself (loadIntakeScope): a link reaches
 * only its own holder's intake row (booking + holder), never the other partner's. Reading or
 * writing answers also needs a device that proved the holder's email (device-access.ts).
 * Unknown, revoked and other people's things all look alike (null / not_found).
 *
 * Nothing readable about the answers is stored: drafts, sent answers and their summary are sealed
 * per row and purpose (intake-crypto.ts). A safety flag raised by a save or a send sets
 * `flagged_at` and tells the practice once per intake ("an intake needs your attention": a
 * reference, no content), in the same transaction.
 */

export type ClientIntake = {
  status: PublicIntakeStatus;
  /** The questions for this booking (telehealth items only for video). */
  questionnaire: Questionnaire;
  draft: IntakeDraft | null;
  savedAt: string | null;
  sent: { stored: StoredAnswers; submittedAt: string } | null;
  firstName: string;
  /** This person's own flags (what they were shown help for); never the other partner's. */
  flags: SafetyFlag[];
  /** False when no new answers are taken: the booking was cancelled or the consultation is over. */
  open: boolean;
};

export type SaveDraftResult =
  | { ok: true; savedAt: string; flags: SafetyFlag[] }
  | { ok: false; code: 'sent' | 'invalid' | 'not_found' | 'closed'; fieldErrors?: Record<string, string> };

export type SubmitResult = { ok: true; submittedAt: string } | { ok: false; code: 'invalid' | 'not_found' | 'closed'; fieldErrors?: Record<string, string> };

type ReachableScope = IntakeScope & { form: NonNullable<IntakeScope['form']> };

/** A refused save or send, thrown to roll its transaction back (a first save that fails leaves no row). */
class Refused<T> extends Error {
  constructor(readonly result: T) {
    super('refused');
  }
}

async function refusable<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Refused) return err.result as T;
    throw err;
  }
}

/** The link's scope when it reaches an intake on this device now, else null. */
async function openScope(actor: LinkActor, deviceToken: string | null | undefined, now: Date): Promise<ReachableScope | null> {
  const db = await getDb();
  const scope = await loadIntakeScope(db, actor, { token: deviceToken, now });
  if (!scope || !scope.form || !scope.deviceOpens || now.getTime() >= intakeAccessEndsAt(scope).getTime()) return null;
  return scope as ReachableScope;
}

const intakeColumns = {
  id: intakes.id,
  questionnaireId: intakes.questionnaireId,
  status: intakes.status,
  draftCiphertext: intakes.draftCiphertext,
  draftSavedAt: intakes.draftSavedAt,
  answersCiphertext: intakes.answersCiphertext,
  submitKey: intakes.submitKey,
  submittedAt: intakes.submittedAt,
  flaggedAt: intakes.flaggedAt,
};
type IntakeState = Pick<IntakeRow, keyof typeof intakeColumns>;

function publicStatus(status: IntakeRow['status'] | undefined): PublicIntakeStatus {
  if (!status) return 'not_started';
  return status === 'reviewed' ? 'sent' : status;
}

const isSent = (status: IntakeRow['status']) => status === 'sent' || status === 'reviewed';

function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/** The questions as this person sees them: the version their intake was started on, else the current one. */
async function questionsFor(db: Transaction | Awaited<ReturnType<typeof getDb>>, scope: ReachableScope, questionnaireId: string | null): Promise<{ version: QuestionnaireVersion; q: Questionnaire }> {
  const version =
    (questionnaireId ? await questionnaireById(db, { practiceId: scope.booking.practiceId, id: questionnaireId }) : null) ??
    (await currentQuestionnaire(db, { practiceId: scope.booking.practiceId, form: scope.form }));
  const context = intakeContextOf(scope.booking.modality);
  const key = `${version.id}:${context.modality}`;
  let q = inContext.get(key);
  if (!q) {
    q = forContext(version.questionnaire, context);
    if (inContext.size >= 128) inContext.delete(inContext.keys().next().value!);
    inContext.set(key, q);
  }
  return { version, q };
}

/** A version's questions for a modality, computed once (versions never change). Never mutated. */
const inContext = new Map<string, Questionnaire>();

async function readIntake(db: Transaction | Awaited<ReturnType<typeof getDb>>, scope: IntakeScope): Promise<IntakeState | undefined> {
  const [row] = await db
    .select(intakeColumns)
    .from(intakes)
    .where(and(eq(intakes.bookingId, scope.booking.id), eq(intakes.holder, scope.link.holder)))
    .limit(1);
  return row;
}

/** The holder's intake for the intake page (their own answers only). Null: not reachable on this device. */
export async function getIntakeForClient(params: { actor: LinkActor; deviceToken?: string | null; now?: Date }): Promise<ClientIntake | null> {
  const now = params.now ?? new Date();
  const scope = await openScope(params.actor, params.deviceToken, now);
  if (!scope) return null;
  const db = await getDb();
  const row = await readIntake(db, scope);
  const { q } = await questionsFor(db, scope, row?.questionnaireId ?? null);
  const sealed = row?.draftCiphertext ? openDraft(row.id, row.draftCiphertext) : null;
  const sent = row && isSent(row.status) && row.answersCiphertext && row.submittedAt ? { stored: openAnswers(row.id, row.answersCiphertext), submittedAt: row.submittedAt.toISOString() } : null;
  const answers: Answers = sent?.stored.answers ?? sealed?.answers ?? {};
  return {
    status: publicStatus(row?.status),
    questionnaire: q,
    draft: sent ? null : sealed ? { answers: sealed.answers, step: sealed.step } : null,
    savedAt: row?.draftSavedAt?.toISOString() ?? null,
    sent,
    firstName: firstNameOf(scope.booking.holderName),
    flags: safetyFlagsOf(q, answers),
    open: !sent && intakeAcceptsAnswers(scope, now),
  };
}

/** "Not started / in progress / sent" for the private link page: no device needed, no content. */
export async function getIntakeStatusForLink(params: { actor: LinkActor }): Promise<PublicIntakeStatus | null> {
  const db = await getDb();
  const scope = await loadIntakeScope(db, params.actor);
  if (!scope || !scope.form) return null;
  const row = await readIntake(db, scope);
  return publicStatus(row?.status);
}

/** Field errors by linkId from a zod error (the schema's own plain words). */
function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Creates the holder's intake row on its first save (on the current questionnaire version, kept
 * forever after) and locks it for this transaction: saves and sends of one person take turns.
 */
async function lockIntake(tx: Transaction, scope: ReachableScope, now: Date): Promise<IntakeState> {
  const existing = await tx
    .select(intakeColumns)
    .from(intakes)
    .where(and(eq(intakes.bookingId, scope.booking.id), eq(intakes.holder, scope.link.holder)))
    .for('update')
    .limit(1);
  if (existing[0]) return existing[0];
  const version = await currentQuestionnaire(tx, { practiceId: scope.booking.practiceId, form: scope.form });
  await tx
    .insert(intakes)
    .values({ practiceId: scope.booking.practiceId, bookingId: scope.booking.id, holder: scope.link.holder, questionnaireId: version.id, status: 'in_progress', createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: [intakes.bookingId, intakes.holder] });
  const [row] = await tx
    .select(intakeColumns)
    .from(intakes)
    .where(and(eq(intakes.bookingId, scope.booking.id), eq(intakes.holder, scope.link.holder)))
    .for('update')
    .limit(1);
  if (!row) throw new Error('The intake row was not written.');
  return row;
}

/**
 * Autosave: validates the draft against the person's questions (types and lengths, not
 * completeness), keeps only answers to visible questions, stamps signatures, seals it and raises
 * the draft revision. Last write wins (the browser sends one save at a time). Sent answers are
 * never changed; a cancelled or past consultation takes no new answers.
 */
export async function saveIntakeDraft(params: { actor: LinkActor; deviceToken?: string | null; draft: unknown; now?: Date }): Promise<SaveDraftResult> {
  const now = params.now ?? new Date();
  const scope = await openScope(params.actor, params.deviceToken, now);
  if (!scope) return { ok: false, code: 'not_found' };
  const input = draftInputSchema.safeParse(params.draft);
  if (!input.success) return { ok: false, code: 'invalid', fieldErrors: fieldErrorsOf(input.error) };
  const db = await getDb();
  return refusable(() => db.transaction(async (tx): Promise<SaveDraftResult> => {
    const intake = await lockIntake(tx, scope, now);
    if (isSent(intake.status)) throw new Refused<SaveDraftResult>({ ok: false, code: 'sent' });
    if (!intakeAcceptsAnswers(scope, now)) throw new Refused<SaveDraftResult>({ ok: false, code: 'closed' });
    const { q } = await questionsFor(tx, scope, intake.questionnaireId);
    const checked = answersSchema(q, 'draft').safeParse(input.data.answers);
    if (!checked.success) throw new Refused<SaveDraftResult>({ ok: false, code: 'invalid', fieldErrors: fieldErrorsOf(checked.error) });
    // answersSchema's output is the pruned answers (visible questions only).
    const answers: Answers = checked.data;
    const previous = intake.draftCiphertext ? openDraft(intake.id, intake.draftCiphertext) : null;
    // The review page is the step after the last section: a reload there comes back to it.
    const lastStep = sectionsOf(q).length;
    const draft: SealedDraft = {
      answers,
      step: Math.min(Math.max(0, Math.trunc(input.data.step)), lastStep),
      signatures: stampSignatures(q, answers, previous, now),
    };
    await tx
      .update(intakes)
      .set({ draftCiphertext: sealDraft(intake.id, draft), draftRevision: sql`${intakes.draftRevision} + 1`, draftSavedAt: now, status: 'in_progress', updatedAt: now })
      .where(eq(intakes.id, intake.id));
    const flags = safetyFlagsOf(q, answers);
    await noticeIntakeAttention(tx, { intake, booking: scope.booking, flags, now });
    return { ok: true, savedAt: now.toISOString(), flags };
  }));
}

const submitKeySchema = z.uuid();

/**
 * Sends the intake: complete answers (required questions answered) checked on the server, sealed
 * with their signatures, scored and flagged (sealed summary), the draft cleared. Idempotent: a
 * repeated send (same key, a double click, a retry after a lost answer) or a send of an intake
 * already sent returns the first send's result and changes nothing.
 */
export async function submitIntake(params: { actor: LinkActor; deviceToken?: string | null; answers: unknown; submitKey: string; now?: Date }): Promise<SubmitResult> {
  const now = params.now ?? new Date();
  const scope = await openScope(params.actor, params.deviceToken, now);
  if (!scope) return { ok: false, code: 'not_found' };
  const key = submitKeySchema.safeParse(params.submitKey);
  if (!key.success) return { ok: false, code: 'invalid', fieldErrors: { _form: 'Please reload the page and send again.' } };
  const db = await getDb();
  return refusable(() => db.transaction(async (tx): Promise<SubmitResult> => {
    const intake = await lockIntake(tx, scope, now);
    if (isSent(intake.status) && intake.submittedAt) return { ok: true, submittedAt: intake.submittedAt.toISOString() };
    if (!intakeAcceptsAnswers(scope, now)) throw new Refused<SubmitResult>({ ok: false, code: 'closed' });
    const { q } = await questionsFor(tx, scope, intake.questionnaireId);
    const checked = answersSchema(q, 'submit').safeParse(params.answers);
    if (!checked.success) throw new Refused<SubmitResult>({ ok: false, code: 'invalid', fieldErrors: fieldErrorsOf(checked.error) });
    const answers: Answers = checked.data;
    const previous = intake.draftCiphertext ? openDraft(intake.id, intake.draftCiphertext) : null;
    const { stored, summary } = sentRecord(q, answers, stampSignatures(q, answers, previous, now));
    const done = await tx
      .update(intakes)
      .set({
        status: 'sent',
        answersCiphertext: sealAnswers(intake.id, stored),
        summaryCiphertext: sealSummary(intake.id, summary),
        draftCiphertext: null,
        submitKey: key.data,
        submittedAt: now,
        updatedAt: now,
      })
      .where(and(eq(intakes.id, intake.id), inArray(intakes.status, ['not_started', 'in_progress'])))
      .returning({ id: intakes.id });
    if (done.length === 0) throw new Error('The intake changed while it was being sent.');
    await noticeIntakeAttention(tx, { intake, booking: scope.booking, flags: summary.flags, now });
    return { ok: true, submittedAt: now.toISOString() };
  }));
}
