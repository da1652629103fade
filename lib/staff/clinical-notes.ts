import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Transaction } from '../../db/client';
import { bookings, consultationRecords } from '../../db/schema';
import { canForClinician, type StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { staleRefusal, type StaleRefusal } from '../concurrency/edit-version';
import { bumpVersion, versionIs } from '../concurrency/versioned-write';
import { noteAssociatedData } from '../bookings/commands';
import { decryptText, encryptText } from '../crypto/envelope';
import { dataKeyring } from '../crypto/keyring';
import { assertStaffCan, auditActorOf, invalidInput, isUuid, notFound, withLockedBooking } from './access';
import type { ClinicalRecord, ConsultationOutcome, StaffCommandResult } from './dto';
import { clinicalNotesSchema } from './schemas';

/** Associated data binding a clinician's notes to their booking (a copied ciphertext won't open). */
export const clinicianNotesAssociatedData = (bookingId: string) => `clinician-notes:${bookingId}`;

/**
 * The clinical side of a consultation: the client's note, the clinician's private notes and the
 * outcome, decrypted. Only the booking's own clinician ('booking.read_clinical', own-clinician
 * scope); for anyone else it does not exist. The read, the decryption and the audit row
 * ('booking.clinical_viewed') are one transaction: if the audit row cannot be written, nothing
 * is returned.
 */
export async function getClinicalRecord(params: { actor: StaffActor; bookingId: string; now?: Date }): Promise<ClinicalRecord> {
  const { actor, bookingId } = params;
  assertStaffCan(actor, 'booking.read_clinical');
  if (!isUuid(bookingId)) throw notFound();
  const now = params.now ?? new Date();
  const keyring = dataKeyring();

  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: bookings.id,
        clinicianId: bookings.clinicianId,
        clientNoteCiphertext: bookings.clientNoteCiphertext,
        ...recordColumns,
      })
      .from(bookings)
      .leftJoin(consultationRecords, eq(consultationRecords.bookingId, bookings.id))
      .where(and(eq(bookings.id, bookingId), eq(bookings.practiceId, actor.practiceId)))
      .limit(1);
    if (!row || !canForClinician(actor, 'booking.read_clinical', row.clinicianId)) throw notFound();

    const record: ClinicalRecord = {
      bookingId: row.id,
      clientNote: row.clientNoteCiphertext ? decryptText(keyring, row.clientNoteCiphertext, noteAssociatedData(row.id)) : null,
      ...savedRecord(keyring, row.id, row),
    };
    await auditClinicalView(tx, actor, row.id, { clientNote: record.clientNote !== null, clinicianNotes: record.clinicianNotes !== null }, now);
    return record;
  });
}

/** The consultation_records columns a reader needs (left-joined: all null when nothing was saved). */
const recordColumns = {
  clinicianNotesCiphertext: consultationRecords.clinicianNotesCiphertext,
  outcome: consultationRecords.outcome,
  outcomeRecordedAt: consultationRecords.outcomeRecordedAt,
  updatedAt: consultationRecords.updatedAt,
  version: consultationRecords.version,
};

type RecordRow = { [K in keyof typeof recordColumns]: (typeof recordColumns)[K]['_']['data'] | null };

/** The saved side of a record, decrypted: notes, outcome, when and which version (0 when never saved). */
function savedRecord(keyring: ReturnType<typeof dataKeyring>, bookingId: string, row: RecordRow): SavedClinicalRecord {
  return {
    clinicianNotes: row.clinicianNotesCiphertext ? decryptText(keyring, row.clinicianNotesCiphertext, clinicianNotesAssociatedData(bookingId)) : null,
    outcome: row.outcome,
    outcomeRecordedAt: row.outcomeRecordedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt?.toISOString() ?? null,
    version: row.version ?? 0,
  };
}

async function auditClinicalView(tx: Transaction, actor: StaffActor, bookingId: string, detail: Record<string, boolean>, now: Date) {
  await recordAudit(tx, {
    actor: auditActorOf(actor),
    action: 'booking.clinical_viewed',
    subjectType: 'booking',
    subjectId: bookingId,
    detail,
    at: now,
  });
}

export type SavedClinicalRecord = Omit<ClinicalRecord, 'bookingId' | 'clientNote'>;

export type SaveClinicalNotesResult =
  | StaffCommandResult<{ updatedAt: string; outcome: ConsultationOutcome | null; version: number }>
  | StaleRefusal<SavedClinicalRecord>;

/**
 * Saves the clinician's private notes (AES-256-GCM, bound to the booking) and, optionally, the
 * outcome. The booking's own clinician only ('booking.write_clinical'). An outcome can be
 * recorded once the consultation's start has passed; `outcome: null` clears it, leaving it out
 * keeps it. Empty notes clear the notes. Audited without content.
 *
 * `version` is the record's edit version the form was loaded at (0: none saved yet). The write
 * carries it in its WHERE (or, for the first save, inserts only if still no record): when someone
 * saved in between, nothing is written and the answer is `stale` with the saved record (notes
 * decrypted for this same clinician, the read audited) so the form can show both texts.
 */
export async function saveClinicalNotes(params: {
  actor: StaffActor;
  bookingId: string;
  notes: string;
  outcome?: ConsultationOutcome | null;
  version: number;
  now?: Date;
}): Promise<SaveClinicalNotesResult> {
  const { actor, bookingId } = params;
  assertStaffCan(actor, 'booking.write_clinical');
  const now = params.now ?? new Date();
  const keyring = dataKeyring(); // fails closed before anything is read or written
  return withLockedBooking({ actor, bookingId, permission: 'booking.write_clinical' }, async (tx, booking): Promise<SaveClinicalNotesResult> => {
    const parsed = clinicalNotesSchema.safeParse({ bookingId, notes: params.notes, outcome: params.outcome, version: params.version });
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const { notes, outcome, version } = parsed.data;
    if (outcome && booking.startsAt.getTime() > now.getTime()) {
      return { ok: false, reason: 'too_early', message: 'The outcome can be recorded once the consultation has taken place.' };
    }

    const [existing] = await tx
      .select({ outcome: consultationRecords.outcome, outcomeRecordedAt: consultationRecords.outcomeRecordedAt })
      .from(consultationRecords)
      .where(eq(consultationRecords.bookingId, booking.id))
      .limit(1);
    const nextOutcome = outcome === undefined ? (existing?.outcome ?? null) : outcome;
    const nextRecordedAt =
      nextOutcome === null ? null : nextOutcome === existing?.outcome ? (existing.outcomeRecordedAt ?? now) : now;
    const values = {
      clinicianNotesCiphertext: notes ? encryptText(keyring, notes, clinicianNotesAssociatedData(booking.id)) : null,
      outcome: nextOutcome,
      outcomeRecordedAt: nextRecordedAt,
      updatedBy: actor.userId,
      updatedAt: now,
    };
    const [written] =
      version === 0
        ? await tx
            .insert(consultationRecords)
            .values({ bookingId: booking.id, createdAt: now, version: 1, ...values })
            .onConflictDoNothing({ target: consultationRecords.bookingId })
            .returning({ version: consultationRecords.version })
        : await tx
            .update(consultationRecords)
            .set({ ...values, version: bumpVersion(consultationRecords.version) })
            .where(and(eq(consultationRecords.bookingId, booking.id), versionIs(consultationRecords.version, version)))
            .returning({ version: consultationRecords.version });
    if (!written) {
      const [row] = await tx.select(recordColumns).from(consultationRecords).where(eq(consultationRecords.bookingId, booking.id)).limit(1);
      const current = savedRecord(keyring, booking.id, row ?? { clinicianNotesCiphertext: null, outcome: null, outcomeRecordedAt: null, updatedAt: null, version: null });
      await auditClinicalView(tx, actor, booking.id, { clientNote: false, clinicianNotes: current.clinicianNotes !== null, staleSave: true }, now);
      return staleRefusal('These notes', current);
    }
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'booking.clinical_notes_saved',
      subjectType: 'booking',
      subjectId: booking.id,
      detail: { notes: notes ? 'saved' : 'cleared', outcomeChanged: nextOutcome !== (existing?.outcome ?? null) },
      at: now,
    });
    return { ok: true, updatedAt: now.toISOString(), outcome: nextOutcome, version: written.version };
  });
}
