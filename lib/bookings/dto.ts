/**
 * What the booking pages receive from the data layer: allow-listed fields only, plain JSON
 * (strings and numbers, no Date objects) so they cross into client components unchanged.
 */
import type { Modality } from '../scheduling/types';
import type { CancellationKind } from './cancellation-text';

export type Audience = 'individual' | 'couple';
export type BookingMode = 'instant' | 'request';
export type BookingStatus = 'requested' | 'confirmed' | 'cancelled' | 'completed' | 'no_show';

export type PublicConsultationType = {
  slug: string;
  title: string;
  description: string;
  durationMinutes: number;
  modality: Modality;
  audience: Audience;
  feeCents: number;
  bookingMode: BookingMode;
};

export type PracticeAddress = {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
};

export type PublicPractice = {
  name: string;
  tagline: string;
  about: string;
  timeZone: string;
  address: PracticeAddress;
  phone: string;
  email: string;
  clientChangeCutoffHours: number;
  /** The neutral title/description of pages a client may share (private links, the dead-link page). */
  sharedPageTitle: string;
  /** The footer's crisis wording for US zones and elsewhere, defaults applied (lib/practice/crisis-line.ts). */
  crisisLine: { us: string; elsewhere: string };
  clinicians: { displayName: string; credentials: string; pronouns: string; bio: string }[];
  consultationTypes: PublicConsultationType[];
};

/** One clinician's free start times, as epoch minutes (UTC) to keep the page payload small. */
export type ClinicianSlots = { clinicianId: string; startMinutes: number[] };

export type OpenSlots = {
  practice: Pick<PublicPractice, 'name' | 'timeZone' | 'address' | 'phone'>;
  type: PublicConsultationType;
  /** ISO instants bounding the range that was searched. */
  rangeStart: string;
  rangeEnd: string;
  slots: ClinicianSlots[];
};

/** A free time suggested when the chosen one was just taken. */
export type SlotOption = { startsAt: string; clinicianId: string };

/** The private-link page's view of a booking. Never includes the client's note. */
export type ManagedBooking = {
  holder: 'primary' | 'partner';
  /** Short, non-secret reference to quote on the phone (first 8 hex chars of the id). */
  reference: string;
  status: BookingStatus;
  type: PublicConsultationType;
  startsAt: string;
  endsAt: string;
  clientTimeZone: string;
  /** This link holder's own zone (booked or last rescheduled in), null until known (a partner who never moved it). */
  holderTimeZone: string | null;
  clientName: string;
  partnerName: string | null;
  clinicianName: string;
  practice: Pick<PublicPractice, 'name' | 'timeZone' | 'address' | 'phone' | 'email'>;
  /** True while the booking is open and the start is more than the cutoff away. */
  canChange: boolean;
  /** The last instant (ISO) at which the client may reschedule or cancel online. */
  changeCutoffAt: string;
  cancelledAt: string | null;
  cancelledBy: 'client' | 'staff' | 'system' | null;
  /** How it ended (null while open): the client cancelled, the practice cancelled, or the practice declined the request. */
  cancellation: CancellationKind | null;
  /** The clinician's message with a declined request (shown to both link holders); null otherwise. */
  declineMessage: string | null;
};
