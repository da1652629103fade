import type { Told } from '../messaging/kinds';
import type { CancellationKind } from '../bookings/cancellation-text';
/**
 * What the staff workspace receives from lib/staff: allow-listed fields only, plain JSON
 * (strings, numbers, booleans, null; instants as ISO strings) so a server component can hand
 * them to a client component unchanged.
 *
 * The line between the roles is drawn here as well as in lib/auth/actor.ts: every type a front
 * desk member can receive (schedule, search, contact detail, requests, command results) has no
 * field for the client's note, the clinician's notes or the outcome. Only `ClinicalRecord` has
 * them, and only `getClinicalRecord` returns it, to the booking's own clinician.
 */
import type { BookingStatus, ClinicianSlots, SlotOption } from '../bookings/dto';
import type { SlotRefusal } from '../scheduling/slots';
import type { Modality } from '../scheduling/types';

export type { BookingStatus, SlotOption } from '../bookings/dto';

/** What came of a consultation (the clinician records it afterwards). */
export const CONSULTATION_OUTCOMES = ['became_client', 'referred_out', 'not_a_fit', 'waitlist'] as const;
export type ConsultationOutcome = (typeof CONSULTATION_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<ConsultationOutcome, string> = {
  became_client: 'Became a client',
  referred_out: 'Referred out',
  not_a_fit: 'Not a fit',
  waitlist: 'Waitlist',
};

export type LinkHolder = 'primary' | 'partner';

export type StaffConsultationType = {
  title: string;
  modality: Modality;
  durationMinutes: number;
  audience: 'individual' | 'couple';
  bookingMode: 'instant' | 'request';
};

/** One consultation as the schedule, search and requests queue list it. */
export type BookingSummary = {
  id: string;
  /** Short, non-secret reference to quote on the phone (as on the client's private page). */
  reference: string;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  clientTimeZone: string;
  clientName: string;
  partnerName: string | null;
  clinician: { id: string; displayName: string };
  type: StaffConsultationType;
};

export type Schedule = {
  /** The practice's IANA zone: days and times render in it ("today and the week ahead"). */
  practice: { name: string; timeZone: string };
  /** The range asked for (ISO); entries are the bookings overlapping [from, to). */
  from: string;
  to: string;
  entries: BookingSummary[];
};

/** A search hit: the summary plus the contact fields the search matched on. */
export type BookingSearchResult = BookingSummary & {
  clientEmail: string;
  clientPhone: string;
  partnerEmail: string | null;
};

/** A request-mode booking waiting for the clinician's answer. */
export type PendingRequest = BookingSummary & {
  /** When the client asked (ISO). */
  requestedAt: string;
  /** The requested time has already passed: it can only be declined now. */
  isPast: boolean;
};

/** Contact details and preferences: what the front desk and clinicians need to reach a client. */
export type StaffBookingDetail = BookingSummary & {
  practiceTimeZone: string;
  contact: {
    email: string;
    phone: string;
    preferredChannel: 'email' | 'phone' | 'text';
    okToLeaveVoicemail: boolean;
    okToText: boolean;
    okToEmail: boolean;
  };
  partner: { name: string | null; email: string | null } | null;
  rescheduleCount: number;
  createdAt: string;
  cancelledAt: string | null;
  cancelledBy: 'client' | 'staff' | 'system' | null;
  /** How it ended: cancelled by the client, by the practice, or a request the practice declined. */
  cancellation: CancellationKind | null;
  /**
   * The words given with it, for whoever may read them: the practice's own reason for any of its
   * staff; the client's reason and the clinician's decline message only for the booking's own
   * clinician (the front desk sees *that* it was declined or cancelled by the client, not why).
   */
  cancelReason: string | null;
  /** What this actor may do here, so a page hides what would be refused (the data layer still checks). */
  allowed: {
    readClinical: boolean;
    writeClinical: boolean;
    decideRequest: boolean;
    reschedule: boolean;
    overrideNotice: boolean;
    cancel: boolean;
    setStatus: boolean;
    reissueLink: boolean;
  };
};

/** The clinical side of one consultation: the booking's own clinician only, audited per read. */
export type ClinicalRecord = {
  bookingId: string;
  /** "What brings you", as the client wrote it when booking. */
  clientNote: string | null;
  clinicianNotes: string | null;
  outcome: ConsultationOutcome | null;
  outcomeRecordedAt: string | null;
  /** When the notes or outcome were last saved (null: never). */
  updatedAt: string | null;
  /** The record's edit version (0: never saved): a save from an older one is refused as stale. */
  version: number;
};

/** Free times to move a booking to (same type, same clinician), with the policy applied. */
export type StaffRescheduleSlots = {
  bookingId: string;
  timeZone: string;
  type: StaffConsultationType;
  overrideNotice: boolean;
  /** The search's `now` (ISO): the start of the range. */
  rangeStart: string;
  rangeEnd: string;
  /**
   * The earliest start a client could pick (ISO: now + the type's minimum notice). With
   * `overrideNotice`, slots before it are offered too: "inside the usual notice".
   */
  noticeEndsAt: string;
  /** After this instant (ISO) the client can no longer move the booking online (the practice's cutoff). */
  clientCutoffAt: string;
  slots: ClinicianSlots[];
};

/** An expected refusal, written for the person at the desk. Never includes clinical content. */
export type StaffRefusal = {
  ok: false;
  reason: 'invalid' | 'closed' | 'too_late' | 'too_early' | 'already_decided' | 'no_partner';
  message: string;
  fieldErrors?: Record<string, string>;
};

/** A time that can't be taken; `why` as the slot engine says (lib/scheduling/slots `SlotRefusal`). */
export type SlotTakenRefusal = {
  ok: false;
  reason: 'slot_taken';
  why: SlotRefusal;
  message: string;
  alternatives: SlotOption[];
};

export type StaffCommandResult<T extends object = Record<never, never>> = ({ ok: true } & T) | StaffRefusal;

export type StaffRescheduleResult = StaffCommandResult<{ startsAt: string; endsAt: string; told: Told }> | SlotTakenRefusal;

/** The new private link, shown once to be read out or sent; only its hash is stored. */
export type ReissuedLink = { holder: LinkHolder; token: string; path: string; told: Told };
