import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { bookings, clinicians, consultationTypes, practices } from '../../db/schema';
import { canForClinician, type StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { openCancelText } from '../bookings/cancel-text-crypto';
import { cancellationKindOf } from '../bookings/cancellation-text';
import { assertStaffCan, auditActorOf, isUuid, notFound } from './access';
import type { StaffBookingDetail } from './dto';
import { summaryColumns, toBookingSummary } from './mappers';

/**
 * A consultation's contact details and contact preferences, for the front desk and clinicians
 * of the practice ('booking.read_contact'). Never clinical content: the client's note and the
 * clinician's notes are only in `getClinicalRecord` (lib/staff/clinical-notes.ts), and the
 * return type has no field for them. Who a practice's clients are is itself private, so every
 * read is audited ('booking.contact_viewed'), in the read's transaction: no audit row, no data.
 */
export async function getBookingForStaff(params: { actor: StaffActor; bookingId: string; now?: Date }): Promise<StaffBookingDetail> {
  const { actor, bookingId } = params;
  assertStaffCan(actor, 'booking.read_contact');
  if (!isUuid(bookingId)) throw notFound();

  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        ...summaryColumns,
        practiceTimeZone: practices.timeZone,
        clientEmail: bookings.clientEmail,
        clientPhone: bookings.clientPhone,
        preferredChannel: bookings.preferredChannel,
        okToLeaveVoicemail: bookings.okToLeaveVoicemail,
        okToText: bookings.okToText,
        okToEmail: bookings.okToEmail,
        partnerEmail: bookings.partnerEmail,
        rescheduleCount: bookings.rescheduleCount,
        createdAt: bookings.createdAt,
        cancelledAt: bookings.cancelledAt,
        cancelledBy: bookings.cancelledBy,
        declined: bookings.declined,
        cancelTextCiphertext: bookings.cancelTextCiphertext,
      })
      .from(bookings)
      .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
      .innerJoin(clinicians, eq(clinicians.id, bookings.clinicianId))
      .innerJoin(practices, eq(practices.id, bookings.practiceId))
      .where(and(eq(bookings.id, bookingId), eq(bookings.practiceId, actor.practiceId)))
      .limit(1);
    if (!row || !canForClinician(actor, 'booking.read_contact', row.clinicianId)) throw notFound();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'booking.contact_viewed',
      subjectType: 'booking',
      subjectId: row.id,
      at: params.now ?? new Date(),
    });

    const allowed = (permission: Parameters<typeof canForClinician>[1]) => canForClinician(actor, permission, row.clinicianId);
    const cancellation = cancellationKindOf(row);
    // The practice's own reason is for its staff; the client's words and the decline message are the clinician's.
    const mayReadReason = cancellation === 'practice' || (cancellation !== null && allowed('booking.read_clinical'));
    return {
      ...toBookingSummary(row),
      practiceTimeZone: row.practiceTimeZone,
      contact: {
        email: row.clientEmail,
        phone: row.clientPhone,
        preferredChannel: row.preferredChannel,
        okToLeaveVoicemail: row.okToLeaveVoicemail,
        okToText: row.okToText,
        okToEmail: row.okToEmail,
      },
      partner: row.audience === 'couple' || row.partnerName || row.partnerEmail ? { name: row.partnerName, email: row.partnerEmail } : null,
      rescheduleCount: row.rescheduleCount,
      createdAt: row.createdAt.toISOString(),
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
      cancelledBy: row.cancelledBy,
      cancellation,
      cancelReason: cancellation && mayReadReason ? openCancelText(cancellation, row.id, row.cancelTextCiphertext) : null,
      allowed: {
        readClinical: allowed('booking.read_clinical'),
        writeClinical: allowed('booking.write_clinical'),
        decideRequest: allowed('booking.decide_request'),
        reschedule: allowed('booking.reschedule'),
        overrideNotice: allowed('booking.reschedule_override'),
        cancel: allowed('booking.cancel'),
        setStatus: allowed('booking.set_status'),
        reissueLink: allowed('booking.reissue_link'),
      },
    };
  });
}
