import 'server-only';
import { and, asc, eq, gte, inArray, isNotNull, ne, or } from 'drizzle-orm';
import { getDb, type Executor, type Transaction } from '../../db/client';
import { bookings, consultationTypes, intakeQuestionnaires, intakes, practices, staffUsers } from '../../db/schema';
import { canForClinician, type StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { assertStaffCan, auditActorOf, isUuid, notFound } from '../staff/access';
import { referenceOf } from '../staff/mappers';
import type { Modality } from '../scheduling/types';
import { forContext } from './engine';
import { openAnswers, openSummary } from './intake-crypto';
import { intakeContextOf } from './stored-intake';
import { toQuestionnaireResponse } from './response';
import type { InstrumentScore, IntakeForm, IntakeStatus, IntakeSummary, Questionnaire, SafetyFlag, StoredAnswers } from './types';

/**
 * The clinician's side of intakes: the inbox, one booking's intakes decrypted for review, the
 * FHIR download and "mark reviewed". Clinical content: the booking's own clinician only
 * ('booking.read_clinical', own-clinician scope); for anyone else an intake does not exist
 * (NOT_FOUND, no query result, no audit row). Every decryption is audited in the transaction that
 * reads it: no audit row, no data.
 */

export type LinkHolder = 'primary' | 'partner';
const HOLDERS: readonly LinkHolder[] = ['primary', 'partner'];

const DAY = 86_400_000;
/** How far back the inbox reaches (recent consultations' intakes stay at hand). */
export const INBOX_PAST_DAYS = 30;
const INBOX_LIMIT = 300;

/** One person's intake as the inbox lists it. */
export type IntakeInboxEntry = {
  /** null while the person has not opened their intake. */
  intakeId: string | null;
  bookingId: string;
  reference: string;
  holder: LinkHolder;
  personName: string;
  startsAt: string;
  endsAt: string;
  typeTitle: string;
  modality: Modality;
  couple: boolean;
  status: IntakeStatus;
  submittedAt: string | null;
  reviewedAt: string | null;
  /** A sign of danger was seen in this intake (while it was filled in, or in what was sent). */
  needsAttention: boolean;
  /** Which signs (from what was sent; empty while in progress). */
  flags: SafetyFlag[];
  /** Screeners scored from what was sent (empty while in progress). */
  scores: InstrumentScore[];
};

export type IntakeInbox = { timeZone: string; now: string; entries: IntakeInboxEntry[] };

/** The clinician must be one (their own bookings are the only ones they read clinically). */
function ownClinicianOf(actor: StaffActor): string {
  assertStaffCan(actor, 'booking.read_clinical');
  if (!actor.clinicianId || !isUuid(actor.clinicianId)) throw notFound();
  return actor.clinicianId;
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** Flags first (until reviewed), then upcoming consultations soonest first, then past ones latest first. */
export function compareInboxEntries(now: number) {
  return (a: IntakeInboxEntry, b: IntakeInboxEntry): number => {
    const urgent = (e: IntakeInboxEntry) => (e.needsAttention && e.status !== 'reviewed' ? 0 : 1);
    if (urgent(a) !== urgent(b)) return urgent(a) - urgent(b);
    const upcoming = (e: IntakeInboxEntry) => (Date.parse(e.endsAt) >= now ? 0 : 1);
    if (upcoming(a) !== upcoming(b)) return upcoming(a) - upcoming(b);
    const byTime = upcoming(a) === 0 ? Date.parse(a.startsAt) - Date.parse(b.startsAt) : Date.parse(b.startsAt) - Date.parse(a.startsAt);
    if (byTime !== 0) return byTime;
    return a.bookingId === b.bookingId ? HOLDERS.indexOf(a.holder) - HOLDERS.indexOf(b.holder) : a.bookingId < b.bookingId ? -1 : 1;
  };
}

/**
 * The signed-in clinician's intakes: every person of their consultations (not cancelled) from 30
 * days ago on whose type asks a questionnaire — not started, in progress, sent or reviewed —
 * with flags and scores of what was sent. Flags first, then upcoming consultations. Summaries are
 * decrypted (answers are not): the view is audited once ('intake.inbox_viewed', the clinician as
 * subject, how many summaries were opened) in the same transaction.
 */
export async function findIntakeInbox(params: { actor: StaffActor; now?: Date }): Promise<IntakeInbox> {
  const { actor } = params;
  const clinicianId = ownClinicianOf(actor);
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [practice] = await tx.select({ timeZone: practices.timeZone }).from(practices).where(eq(practices.id, actor.practiceId)).limit(1);
    if (!practice) throw notFound();
    const rows = await tx
      .select(bookingFacts)
      .from(bookings)
      .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
      .where(
        and(
          eq(bookings.practiceId, actor.practiceId),
          eq(bookings.clinicianId, clinicianId),
          ne(bookings.status, 'cancelled'),
          gte(bookings.endsAt, new Date(now.getTime() - INBOX_PAST_DAYS * DAY)),
          or(isNotNull(consultationTypes.intakeForm), inArray(bookings.id, tx.select({ id: intakes.bookingId }).from(intakes).where(eq(intakes.practiceId, actor.practiceId)))),
        ),
      )
      .orderBy(asc(bookings.startsAt))
      .limit(INBOX_LIMIT);
    const ids = rows.map((r) => r.id);
    const states = ids.length
      ? await tx
          .select({
            id: intakes.id,
            bookingId: intakes.bookingId,
            holder: intakes.holder,
            status: intakes.status,
            submittedAt: intakes.submittedAt,
            reviewedAt: intakes.reviewedAt,
            flaggedAt: intakes.flaggedAt,
            summaryCiphertext: intakes.summaryCiphertext,
          })
          .from(intakes)
          .where(and(eq(intakes.practiceId, actor.practiceId), inArray(intakes.bookingId, ids)))
      : [];

    let opened = 0;
    const entries: IntakeInboxEntry[] = [];
    for (const row of rows) {
      const couple = row.audience === 'couple';
      for (const holder of couple ? HOLDERS : HOLDERS.slice(0, 1)) {
        const state = states.find((s) => s.bookingId === row.id && s.holder === holder);
        let summary: IntakeSummary | null = null;
        if (state?.summaryCiphertext && (state.status === 'sent' || state.status === 'reviewed')) {
          summary = openSummary(state.id, state.summaryCiphertext);
          opened += 1;
        }
        entries.push({
          intakeId: state?.id ?? null,
          bookingId: row.id,
          reference: referenceOf(row.id),
          holder,
          personName: (holder === 'partner' ? row.partnerName : row.clientName) ?? 'Partner',
          startsAt: row.startsAt.toISOString(),
          endsAt: row.endsAt.toISOString(),
          typeTitle: row.typeTitle,
          modality: row.modality,
          couple,
          status: state?.status ?? 'not_started',
          submittedAt: iso(state?.submittedAt ?? null),
          reviewedAt: iso(state?.reviewedAt ?? null),
          needsAttention: state?.flaggedAt != null || (summary?.flags.length ?? 0) > 0,
          flags: summary?.flags ?? [],
          scores: summary?.scores ?? [],
        });
      }
    }
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'intake.inbox_viewed',
      subjectType: 'clinician',
      subjectId: clinicianId,
      detail: { summariesOpened: opened },
      at: now,
    });
    return { timeZone: practice.timeZone, now: now.toISOString(), entries: entries.sort(compareInboxEntries(now.getTime())) };
  });
}

/** What was sent, opened for the clinician: the questions as that person saw them, their answers, scores and flags. */
export type SentIntake = {
  questionnaire: Questionnaire;
  /** The questionnaire's own version string ("2026.1+p2"). */
  questionnaireVersion: string;
  stored: StoredAnswers;
  summary: IntakeSummary;
};

export type IntakeReviewPerson = {
  holder: LinkHolder;
  personName: string;
  intakeId: string | null;
  status: IntakeStatus;
  /** Last autosave while in progress (no content). */
  draftSavedAt: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewedByName: string | null;
  needsAttention: boolean;
  /** Decrypted for sent and reviewed intakes only; a draft stays the person's until they send it. */
  sent: SentIntake | null;
};

export type IntakeReview = {
  bookingId: string;
  reference: string;
  startsAt: string;
  endsAt: string;
  typeTitle: string;
  modality: Modality;
  couple: boolean;
  clientName: string;
  partnerName: string | null;
  timeZone: string;
  /** The type's questionnaire now (null: it asks none). */
  form: IntakeForm | null;
  /** The booker first; a couple's partner second. */
  people: IntakeReviewPerson[];
};

/** What the inbox and the intake view say about a booking (with its type joined). */
const bookingFacts = {
  id: bookings.id,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  clientName: bookings.clientName,
  partnerName: bookings.partnerName,
  typeTitle: consultationTypes.title,
  modality: consultationTypes.modality,
  audience: consultationTypes.audience,
};

/** One booking of the actor's practice, for its own clinician's intake reads; NOT_FOUND otherwise. */
async function loadOwnBooking(db: Executor, actor: StaffActor, bookingId: string) {
  const [row] = await db
    .select({
      ...bookingFacts,
      clinicianId: bookings.clinicianId,
      intakeForm: consultationTypes.intakeForm,
      timeZone: practices.timeZone,
    })
    .from(bookings)
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .innerJoin(practices, eq(practices.id, bookings.practiceId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.practiceId, actor.practiceId)))
    .limit(1);
  if (!row || !canForClinician(actor, 'booking.read_clinical', row.clinicianId)) throw notFound();
  return row;
}

async function openSent(
  tx: Transaction,
  params: { intakeId: string; practiceId: string; questionnaireId: string; answersCiphertext: string; summaryCiphertext: string | null; modality: Modality },
): Promise<SentIntake> {
  const [version] = await tx
    .select({ questionnaire: intakeQuestionnaires.questionnaire })
    .from(intakeQuestionnaires)
    .where(and(eq(intakeQuestionnaires.id, params.questionnaireId), eq(intakeQuestionnaires.practiceId, params.practiceId)))
    .limit(1);
  if (!version) throw new Error('An intake refers to a questionnaire version that is missing.');
  return {
    questionnaire: forContext(version.questionnaire, intakeContextOf(params.modality)),
    questionnaireVersion: version.questionnaire.version ?? '',
    stored: openAnswers(params.intakeId, params.answersCiphertext),
    summary: params.summaryCiphertext ? openSummary(params.intakeId, params.summaryCiphertext) : { scores: [], flags: [] },
  };
}

/**
 * A booking's intakes for its own clinician: one per person (a couple's two, the booker first),
 * each with its state; sent and reviewed ones decrypted with their questionnaire version, scores
 * and flags. Each intake decrypted writes ONE audit row ('intake.viewed', subject 'intake') in the
 * transaction of the read. In-progress drafts are not opened (nor audited).
 */
export async function getIntakeForReview(params: { actor: StaffActor; bookingId: string; now?: Date }): Promise<IntakeReview> {
  const { actor, bookingId } = params;
  assertStaffCan(actor, 'booking.read_clinical');
  if (!isUuid(bookingId)) throw notFound();
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const booking = await loadOwnBooking(tx, actor, bookingId);
    const rows = await tx
      .select({
        id: intakes.id,
        holder: intakes.holder,
        status: intakes.status,
        questionnaireId: intakes.questionnaireId,
        draftSavedAt: intakes.draftSavedAt,
        answersCiphertext: intakes.answersCiphertext,
        summaryCiphertext: intakes.summaryCiphertext,
        submittedAt: intakes.submittedAt,
        flaggedAt: intakes.flaggedAt,
        reviewedAt: intakes.reviewedAt,
        reviewedByName: staffUsers.displayName,
      })
      .from(intakes)
      .leftJoin(staffUsers, eq(staffUsers.id, intakes.reviewedBy))
      .where(and(eq(intakes.bookingId, booking.id), eq(intakes.practiceId, actor.practiceId)));
    const couple = booking.audience === 'couple';
    const people: IntakeReviewPerson[] = [];
    for (const holder of HOLDERS) {
      const row = rows.find((r) => r.holder === holder);
      if (holder === 'partner' && !couple && !row) continue;
      let sent: SentIntake | null = null;
      if (row?.answersCiphertext && (row.status === 'sent' || row.status === 'reviewed')) {
        sent = await openSent(tx, {
          intakeId: row.id,
          practiceId: actor.practiceId,
          questionnaireId: row.questionnaireId,
          answersCiphertext: row.answersCiphertext,
          summaryCiphertext: row.summaryCiphertext,
          modality: booking.modality,
        });
        await recordAudit(tx, {
          actor: auditActorOf(actor),
          action: 'intake.viewed',
          subjectType: 'intake',
          subjectId: row.id,
          detail: { bookingId: booking.id, holder },
          at: now,
        });
      }
      people.push({
        holder,
        personName: (holder === 'partner' ? booking.partnerName : booking.clientName) ?? 'Partner',
        intakeId: row?.id ?? null,
        status: row?.status ?? 'not_started',
        draftSavedAt: iso(row?.draftSavedAt ?? null),
        submittedAt: iso(row?.submittedAt ?? null),
        reviewedAt: iso(row?.reviewedAt ?? null),
        reviewedByName: row?.reviewedAt ? (row.reviewedByName ?? null) : null,
        needsAttention: row?.flaggedAt != null || (sent?.summary.flags.length ?? 0) > 0,
        sent,
      });
    }
    return {
      bookingId: booking.id,
      reference: referenceOf(booking.id),
      startsAt: booking.startsAt.toISOString(),
      endsAt: booking.endsAt.toISOString(),
      typeTitle: booking.typeTitle,
      modality: booking.modality,
      couple,
      clientName: booking.clientName,
      partnerName: booking.partnerName,
      timeZone: booking.timeZone,
      form: booking.intakeForm,
      people,
    };
  });
}

/** One intake of the actor's own clinician's booking, locked when asked; NOT_FOUND for anything else. */
async function loadOwnIntake(tx: Transaction, actor: StaffActor, intakeId: unknown, forUpdate: boolean) {
  if (!isUuid(intakeId)) throw notFound();
  const query = tx
    .select({
      id: intakes.id,
      bookingId: intakes.bookingId,
      holder: intakes.holder,
      status: intakes.status,
      questionnaireId: intakes.questionnaireId,
      answersCiphertext: intakes.answersCiphertext,
      summaryCiphertext: intakes.summaryCiphertext,
      submittedAt: intakes.submittedAt,
      reviewedAt: intakes.reviewedAt,
      clinicianId: bookings.clinicianId,
      clientName: bookings.clientName,
      partnerName: bookings.partnerName,
      modality: consultationTypes.modality,
    })
    .from(intakes)
    .innerJoin(bookings, eq(bookings.id, intakes.bookingId))
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .where(and(eq(intakes.id, intakeId), eq(intakes.practiceId, actor.practiceId), eq(bookings.practiceId, actor.practiceId)))
    .limit(1);
  const [row] = await (forUpdate ? query.for('update', { of: intakes }) : query);
  if (!row || !canForClinician(actor, 'booking.read_clinical', row.clinicianId)) throw notFound();
  return row;
}

export type IntakeResponseDownload = {
  /** "questionnaire-response-1A2B3C4D.json" (the booking's reference; never a name or an answer). */
  filename: string;
  /** A FHIR R4 QuestionnaireResponse, as JSON text. */
  body: string;
};

/**
 * A sent intake as a FHIR R4 QuestionnaireResponse (JSON), for an EHR: its own clinician only,
 * sent or reviewed intakes only (anything else is NOT_FOUND). Audited ('intake.downloaded') in the
 * transaction of the read.
 */
export async function getIntakeResponseDownload(params: { actor: StaffActor; intakeId: string; now?: Date }): Promise<IntakeResponseDownload> {
  const { actor } = params;
  assertStaffCan(actor, 'booking.read_clinical');
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await loadOwnIntake(tx, actor, params.intakeId, false);
    if (!(row.status === 'sent' || row.status === 'reviewed') || !row.answersCiphertext || !row.submittedAt) throw notFound();
    const sent = await openSent(tx, {
      intakeId: row.id,
      practiceId: actor.practiceId,
      questionnaireId: row.questionnaireId,
      answersCiphertext: row.answersCiphertext,
      summaryCiphertext: null,
      modality: row.modality,
    });
    const response = toQuestionnaireResponse(sent.questionnaire, sent.stored, {
      id: row.id,
      status: 'completed',
      authored: row.submittedAt.toISOString(),
      subjectDisplay: (row.holder === 'partner' ? row.partnerName : row.clientName) ?? undefined,
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'intake.downloaded',
      subjectType: 'intake',
      subjectId: row.id,
      detail: { bookingId: row.bookingId, holder: row.holder, format: 'fhir-questionnaire-response' },
      at: now,
    });
    const suffix = row.holder === 'partner' ? '-partner' : '';
    return { filename: `questionnaire-response-${referenceOf(row.bookingId)}${suffix}.json`, body: JSON.stringify(response, null, 2) };
  });
}

export type MarkIntakeReviewedResult = { ok: true; reviewedAt: string; changed: boolean } | { ok: false; reason: 'not_sent'; message: string };

/**
 * The clinician has read a sent intake: 'reviewed' (when, by whom), audited ('intake.reviewed').
 * Its own clinician only. Marking a reviewed one again changes nothing; an intake not sent yet is
 * refused in plain words.
 */
export async function markIntakeReviewed(params: { actor: StaffActor; intakeId: string; now?: Date }): Promise<MarkIntakeReviewedResult> {
  const { actor } = params;
  assertStaffCan(actor, 'booking.read_clinical');
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await loadOwnIntake(tx, actor, params.intakeId, true);
    if (row.status === 'reviewed') return { ok: true as const, reviewedAt: (row.reviewedAt ?? now).toISOString(), changed: false };
    if (row.status !== 'sent') return { ok: false as const, reason: 'not_sent' as const, message: 'This intake has not been sent yet, so there is nothing to mark as reviewed.' };
    await tx.update(intakes).set({ status: 'reviewed', reviewedAt: now, reviewedBy: actor.userId, updatedAt: now }).where(eq(intakes.id, row.id));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'intake.reviewed',
      subjectType: 'intake',
      subjectId: row.id,
      detail: { bookingId: row.bookingId, holder: row.holder },
      at: now,
    });
    return { ok: true as const, reviewedAt: now.toISOString(), changed: true };
  });
}
