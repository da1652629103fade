/**
 * The slot engine's inputs and outputs. Pure data: no database rows, no Date objects.
 * Instants are UTC epoch milliseconds; wall-clock values are strings in the practice's zone.
 */

export const MODALITIES = ['in_person', 'video', 'phone'] as const;
export type Modality = (typeof MODALITIES)[number];

/** 'YYYY-MM-DD', a calendar date in some named zone. */
export type LocalDate = string;
/** 'HH:MM' (24-hour), a wall-clock time in some named zone. '24:00' is allowed as an end. */
export type LocalTime = string;

/** Recurring weekly hours. weekday: 0 = Sunday … 6 = Saturday (as Date#getUTCDay). */
export type WeeklyRule = {
  weekday: number;
  start: LocalTime;
  end: LocalTime;
  modalities: readonly Modality[];
};

/**
 * A date-specific change. `time_off` removes hours (whole day when start/end are null);
 * `extra_hours` adds hours for the listed modalities.
 */
export type DateOverride = {
  date: LocalDate;
  kind: 'time_off' | 'extra_hours';
  start: LocalTime | null;
  end: LocalTime | null;
  modalities: readonly Modality[];
};

/**
 * Time already taken on the clinician's calendar: an active booking's blocked range
 * (its start minus its buffer-before, to its end plus its buffer-after), half-open [from, until).
 * `consultationTypeId` lets the engine apply a type's daily cap.
 */
export type BusyRange = {
  from: number;
  until: number;
  startsAt: number;
  consultationTypeId: string;
};

export type SlotRules = {
  consultationTypeId: string;
  modality: Modality;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Candidate starts are every `incrementMinutes` from the start of each availability window. */
  incrementMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  /** Max active bookings of this type per local day for the clinician; null = no cap. */
  dailyCap: number | null;
};

export type SlotQuery = {
  /** The practice's IANA zone: rules and overrides are wall-clock times there. */
  timeZone: string;
  rules: readonly WeeklyRule[];
  overrides: readonly DateOverride[];
  busy: readonly BusyRange[];
  type: SlotRules;
  /** The current instant. Never read from a clock inside the engine. */
  now: number;
  /** Only starts in [from, to) are returned. */
  from: number;
  to: number;
};
