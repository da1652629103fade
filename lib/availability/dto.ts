/**
 * What the availability editor receives from the data layer: allow-listed fields only, plain
 * JSON (strings, numbers, booleans; instants as ISO strings) so they cross into client
 * components unchanged. Wall-clock values are in the practice's zone (`timeZone`).
 */
import type { StaleRefusal } from '../concurrency/edit-version';
import type { Modality } from '../scheduling/types';

export type WeeklyRuleDto = {
  id: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** 'HH:MM' */
  start: string;
  /** 'HH:MM'; '24:00' is midnight at the end of the day. */
  end: string;
  modalities: Modality[];
};

export type AvailabilityOverrideDto = {
  id: string;
  /** 'YYYY-MM-DD' in the practice's zone. */
  date: string;
  kind: 'time_off' | 'extra_hours';
  /** Null for whole-day time off. */
  start: string | null;
  end: string | null;
  /** Empty for time off (it applies to every way to meet). */
  modalities: Modality[];
  label: string;
};

export type ConsultationTypeSettings = {
  id: string;
  slug: string;
  title: string;
  modality: Modality;
  audience: 'individual' | 'couple';
  durationMinutes: number;
  /** US cents; 0 = free. */
  feeCents: number;
  bookingMode: 'instant' | 'request';
  minNoticeMinutes: number;
  horizonDays: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  incrementMinutes: number;
  /** Max bookings of this type per clinician per local day; null = no limit. */
  dailyCap: number | null;
  active: boolean;
  /** The type's edit version: a save sends it back, and a stale one is refused. */
  version: number;
};

export type ClinicianAvailabilityView = {
  clinician: { id: string; displayName: string };
  /** The practice's IANA zone: every wall-clock value here is in it. */
  timeZone: string;
  /** The availability's edit version (weekly hours, time off, extra hours): every change sends it back. */
  version: number;
  /** Whether this actor may change these hours (only the clinician themself). */
  canEdit: boolean;
  /** Whether this actor may change consultation type settings. */
  canEditTypes: boolean;
  weeklyRules: WeeklyRuleDto[];
  /** Time off and extra hours from today (practice zone) on, by date. */
  overrides: AvailabilityOverrideDto[];
  /** Every consultation type of the practice; `offered` when this clinician offers it. */
  consultationTypes: Array<ConsultationTypeSettings & { offered: boolean }>;
};

/**
 * A booking a change affects. Only what the clinician needs to recognise it: when (in the
 * practice's zone), what, and the client's first name — never contact details or notes.
 */
export type AffectedBooking = {
  bookingId: string;
  /** First 8 hex characters of the id, as quoted on the phone. */
  reference: string;
  status: 'requested' | 'confirmed';
  startsAt: string;
  endsAt: string;
  /** 'YYYY-MM-DD', 'HH:MM', 'HH:MM' in the practice's zone. */
  localDate: string;
  localStart: string;
  localEnd: string;
  typeTitle: string;
  clientFirstName: string;
  clinicianId: string;
  clinicianName: string;
};

/** What changing a type's duration or buffers would do to its future bookings (they keep their times). */
export type TypeChangeReport = {
  /** Bookings that would run past the clinician's hours at the new duration. */
  outsideHours: Array<AffectedBooking & { newEndsAt: string; newLocalEnd: string }>;
  /** Pairs of bookings of one clinician whose times plus buffers would overlap. */
  overlaps: Array<{ first: AffectedBooking; second: AffectedBooking }>;
};

export type InvalidResult = { ok: false; reason: 'invalid'; message: string; fieldErrors: Record<string, string> };
/** Nothing was saved: these bookings would fall outside the new hours. Repeat with `confirmOrphans: true` to save anyway. */
export type OrphansResult = { ok: false; reason: 'orphans'; message: string; bookings: AffectedBooking[] };

/** The clinician's availability as saved now: what a stale save's refusal carries. */
export type SavedAvailability = { version: number; weeklyRules: WeeklyRuleDto[]; overrides: AvailabilityOverrideDto[] };
export type StaleAvailability = StaleRefusal<SavedAvailability>;

export type ReplaceWeeklyHoursResult =
  | { ok: true; rules: WeeklyRuleDto[]; orphansConfirmed: number; version: number }
  | InvalidResult
  | OrphansResult
  | StaleAvailability;
export type AddOverrideResult =
  | { ok: true; override: AvailabilityOverrideDto; orphansConfirmed: number; version: number }
  | InvalidResult
  | OrphansResult
  | StaleAvailability;
export type RemoveOverrideResult = { ok: true; orphansConfirmed: number; version: number } | InvalidResult | OrphansResult | StaleAvailability;
export type UpdateConsultationTypeResult =
  | { ok: true; type: ConsultationTypeSettings; report: TypeChangeReport }
  | InvalidResult
  | StaleRefusal<ConsultationTypeSettings>;
