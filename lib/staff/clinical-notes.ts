import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { bookings, consultationRecords } from '../../db/schema';
import { canForClinician, type StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
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
        clinicianNotesCiphertext: consultationRecords.clinicianNotesCiphertext,
        outcome: consultationRecords.outcome,
        outcomeRecordedAt: consultationRecords.outcomeRecordedAt,
        updatedAt: consultationRecords.updatedAt,
      })
      .from(bookings)
      .leftJoin(consultationRecords, eq(consultationRecords.bookingId, bookings.id))
      .where(and(eq(bookings.id, bookingId), eq(bookings.practiceId, actor.practiceId)))
      .limit(1);
    if (!row || !canForClinician(actor, 'booking.read_clinical', row.clinicianId)) throw notFound();

    const record: ClinicalRecord = {
      bookingId: row.id,
      clientNote: row.clientNoteCiphertext ? decryptText(keyring, row.clientNoteCiphertext, noteAssociatedData(row.id)) : null,
      clinicianNotes: row.clinicianNotesCiphertext
        ? decryptText(keyring, row.clinicianNotesCiphertext, clinicianNotesAssociatedData(row.id))
        : null,
      outcome: row.outcome,
      outcomeRecordedAt: row.outcomeRecordedAt?.toISOString() ?? null,
      updatedAt: row.updatedAt?.toISOString() ?? null,
    };
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'booking.clinical_viewed',
      subjectType: 'booking',
      subjectId: row.id,
      detail: { clientNote: record.clientNote !== null, clinicianNotes: record.clinicianNotes !== null },
      at: now,
    });
    return record;
  });
}

export type SaveClinicalNotesResult = StaffCommandResult<{ updatedAt: string; outcome: ConsultationOutcome | null }>;

/**
 * Saves the clinician's private notes (AES-256-GCM, bound to the booking) and, optionally, the
 * outcome. The booking's own clinician only ('booking.write_clinical'). An outcome can be
 * recorded once the consultation's start has passed; `outcome: null` clears it, leaving it out
 * keeps it. Empty notes clear the notes. Audited without content.
 */
export async function saveClinicalNotes(params: {
  actor: StaffActor;
  bookingId: string;
  notes: string;
  outcome?: ConsultationOutcome | null;
  now?: Date;
}): Promise<SaveClinicalNotesResult> {
  const { actor, bookingId } = params;
  assertStaffCan(actor, 'booking.write_clinical');
  const now = params.now ?? new Date();
  const keyring = dataKeyring(); // fails closed before anything is read or written
  return withLockedBooking({ actor, bookingId, permission: 'booking.write_clinical' }, async (tx, booking): Promise<SaveClinicalNotesResult> => {
    const parsed = clinicalNotesSchema.safeParse({ bookingId, notes: params.notes, outcome: params.outcome });
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const { notes, outcome } = parsed.data;
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
    await tx
      .insert(consultationRecords)
      .values({ bookingId: booking.id, createdAt: now, ...values })
      .onConflictDoUpdate({ target: consultationRecords.bookingId, set: values });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'booking.clinical_notes_saved',
      subjectType: 'booking',
      subjectId: booking.id,
      detail: { notes: notes ? 'saved' : 'cleared', outcomeChanged: nextOutcome !== (existing?.outcome ?? null) },
      at: now,
    });
    return { ok: true, updatedAt: now.toISOString(), outcome: nextOutcome };
  });
}
