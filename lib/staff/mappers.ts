import { bookings, clinicians, consultationTypes } from '../../db/schema';
import type { BookingSummary } from './dto';

/**
 * The explicit columns behind a `BookingSummary` (bookings ⨝ consultation_types ⨝ clinicians).
 * The allow-list: nothing clinical is in it, so nothing clinical can come out of it.
 */
export const summaryColumns = {
  id: bookings.id,
  status: bookings.status,
  startsAt: bookings.startsAt,
  endsAt: bookings.endsAt,
  clientTimeZone: bookings.clientTimeZone,
  clientName: bookings.clientName,
  partnerName: bookings.partnerName,
  clinicianId: bookings.clinicianId,
  clinicianName: clinicians.displayName,
  typeTitle: consultationTypes.title,
  modality: consultationTypes.modality,
  durationMinutes: consultationTypes.durationMinutes,
  audience: consultationTypes.audience,
  bookingMode: consultationTypes.bookingMode,
};

export type SummaryRow = {
  id: string;
  status: BookingSummary['status'];
  startsAt: Date;
  endsAt: Date;
  clientTimeZone: string;
  clientName: string;
  partnerName: string | null;
  clinicianId: string;
  clinicianName: string;
  typeTitle: string;
  modality: BookingSummary['type']['modality'];
  durationMinutes: number;
  audience: BookingSummary['type']['audience'];
  bookingMode: BookingSummary['type']['bookingMode'];
};

export function referenceOf(bookingId: string): string {
  return bookingId.slice(0, 8).toUpperCase();
}

export function toBookingSummary(r: SummaryRow): BookingSummary {
  return {
    id: r.id,
    reference: referenceOf(r.id),
    status: r.status,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    clientTimeZone: r.clientTimeZone,
    clientName: r.clientName,
    partnerName: r.partnerName,
    clinician: { id: r.clinicianId, displayName: r.clinicianName },
    type: {
      title: r.typeTitle,
      modality: r.modality,
      durationMinutes: r.durationMinutes,
      audience: r.audience,
      bookingMode: r.bookingMode,
    },
  };
}
