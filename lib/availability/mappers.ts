import type { AvailabilityOverride, AvailabilityRule, ConsultationType } from '../../db/schema';
import type { DateOverride, Modality, WeeklyRule } from '../scheduling/types';
import { utcToZoned } from '../scheduling/zoned-time';
import type { AffectedBooking, AvailabilityOverrideDto, ConsultationTypeSettings, WeeklyRuleDto } from './dto';

/** Postgres `time` comes back as 'HH:MM:SS'; the editor and the engine speak 'HH:MM'. */
export function hhmm(time: string): string {
  return time.slice(0, 5);
}

type RuleRow = Pick<AvailabilityRule, 'id' | 'weekday' | 'startTime' | 'endTime' | 'modalities'>;
type OverrideRow = Pick<AvailabilityOverride, 'id' | 'date' | 'kind' | 'startTime' | 'endTime' | 'modalities' | 'label'>;

export function toWeeklyRuleDto(r: RuleRow): WeeklyRuleDto {
  return { id: r.id, weekday: r.weekday, start: hhmm(r.startTime), end: hhmm(r.endTime), modalities: [...r.modalities] };
}

export function toOverrideDto(o: OverrideRow): AvailabilityOverrideDto {
  return {
    id: o.id,
    date: o.date,
    kind: o.kind,
    start: o.startTime ? hhmm(o.startTime) : null,
    end: o.endTime ? hhmm(o.endTime) : null,
    modalities: [...o.modalities],
    label: o.label,
  };
}

export function toEngineRule(r: Pick<RuleRow, 'weekday' | 'startTime' | 'endTime' | 'modalities'>): WeeklyRule {
  return { weekday: r.weekday, start: hhmm(r.startTime), end: hhmm(r.endTime), modalities: r.modalities };
}

export function toEngineOverride(o: Pick<OverrideRow, 'date' | 'kind' | 'startTime' | 'endTime' | 'modalities'>): DateOverride {
  return {
    date: o.date,
    kind: o.kind,
    start: o.startTime ? hhmm(o.startTime) : null,
    end: o.endTime ? hhmm(o.endTime) : null,
    modalities: o.modalities,
  };
}

export function toTypeSettings(t: ConsultationType): ConsultationTypeSettings {
  return {
    id: t.id,
    slug: t.slug,
    title: t.title,
    modality: t.modality,
    audience: t.audience,
    durationMinutes: t.durationMinutes,
    feeCents: t.feeCents,
    bookingMode: t.bookingMode,
    minNoticeMinutes: t.minNoticeMinutes,
    horizonDays: t.horizonDays,
    bufferBeforeMinutes: t.bufferBeforeMinutes,
    bufferAfterMinutes: t.bufferAfterMinutes,
    incrementMinutes: t.incrementMinutes,
    dailyCap: t.dailyCap,
    active: t.active,
    version: t.version,
  };
}

/** The first word of a name: all a list of affected bookings shows of the client. */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? '';
}

/** A booking as the loaders read it (no contact details, no note). */
export type BookingFacts = {
  id: string;
  clinicianId: string;
  clinicianName: string;
  consultationTypeId: string;
  status: 'requested' | 'confirmed';
  startsAt: Date;
  endsAt: Date;
  blockedFrom: Date;
  blockedUntil: Date;
  clientName: string;
  typeTitle: string;
  modality: Modality;
};

export function toAffectedBooking(b: BookingFacts, timeZone: string): AffectedBooking {
  const start = utcToZoned(b.startsAt.getTime(), timeZone);
  const end = utcToZoned(b.endsAt.getTime(), timeZone);
  return {
    bookingId: b.id,
    reference: b.id.slice(0, 8).toUpperCase(),
    status: b.status,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    localDate: start.date,
    localStart: start.time,
    localEnd: end.time,
    typeTitle: b.typeTitle,
    clientFirstName: firstName(b.clientName),
    clinicianId: b.clinicianId,
    clinicianName: b.clinicianName,
  };
}
