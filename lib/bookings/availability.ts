import 'server-only';
import { and, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { clinicians, consultationTypes, type ConsultationType, type Practice } from '../../db/schema';
import { MAX_HORIZON_DAYS } from '../availability/schemas';
import { practiceIdSql } from '../practice/current-practice';
import { findAvailableSlots, isSlotAvailable, whyUnavailable, type SlotRefusal } from '../scheduling/slots';
import { lockClinicianDays } from './day-locks';
import type { BusyRange, DateOverride, SlotQuery, SlotRules, WeeklyRule } from '../scheduling/types';
import type { ClinicianSlots, SlotOption } from './dto';

export { blockedRangeOf } from './blocked-range';
export type { SlotRefusal } from '../scheduling/slots';

/** Statuses that hold time on a calendar (the exclusion constraint covers exactly these). */
export const ACTIVE_STATUSES = ['requested', 'confirmed'] as const;

const DAY_MS = 86_400_000;

export type ClinicianAvailability = {
  id: string;
  displayName: string;
  rules: WeeklyRule[];
  overrides: DateOverride[];
  busy: BusyRange[];
};

export type AvailabilityContext = {
  practice: Practice;
  type: ConsultationType;
  clinicians: ClinicianAvailability[];
  from: number;
  to: number;
};

/**
 * Everything the slot engine needs for one consultation type over [from, to), in ONE query:
 * the type, its practice, and each offering clinician's rules, overrides and busy time.
 */
export type AvailabilityParams = {
  typeSlug: string;
  practiceSlug?: string;
  from: Date;
  to: Date;
  clinicianId?: string;
  /** A booking being rescheduled does not block its own new time. */
  excludeBookingId?: string;
  includeInactiveType?: boolean;
};

export async function loadAvailability(db: Executor, params: AvailabilityParams): Promise<AvailabilityContext | null> {
  // Margins: buffers and daily caps reach across the edges of the range and of UTC dates.
  const busyFrom = new Date(params.from.getTime() - 2 * DAY_MS);
  const busyTo = new Date(params.to.getTime() + 2 * DAY_MS);
  const dateFrom = busyFrom.toISOString().slice(0, 10);
  const dateTo = busyTo.toISOString().slice(0, 10);

  const row = await db.query.consultationTypes.findFirst({
    where: and(
      eq(consultationTypes.slug, params.typeSlug),
      eq(consultationTypes.practiceId, practiceIdSql(params.practiceSlug)),
      params.includeInactiveType ? undefined : eq(consultationTypes.active, true),
    ),
    with: {
      practice: true,
      offeredBy: {
        where: params.clinicianId ? (o, { eq: equals }) => equals(o.clinicianId, params.clinicianId!) : undefined,
        with: {
          clinician: {
            columns: { id: true, displayName: true, active: true },
            with: {
              rules: { columns: { weekday: true, startTime: true, endTime: true, modalities: true } },
              overrides: {
                columns: { date: true, kind: true, startTime: true, endTime: true, modalities: true },
                where: (o) => and(gte(o.date, dateFrom), lte(o.date, dateTo)),
              },
              bookings: {
                columns: { id: true, startsAt: true, consultationTypeId: true, blocked: true },
                where: (b) =>
                  and(
                    inArray(b.status, [...ACTIVE_STATUSES]),
                    sql`${b.blocked} && tstzrange(${busyFrom.toISOString()}::timestamptz, ${busyTo.toISOString()}::timestamptz)`,
                    params.excludeBookingId ? ne(b.id, params.excludeBookingId) : undefined,
                  ),
              },
            },
          },
        },
      },
    },
  });
  if (!row) return null;

  const { practice, offeredBy, ...type } = row;
  return {
    practice,
    type,
    from: params.from.getTime(),
    to: params.to.getTime(),
    clinicians: offeredBy
      .map((o) => o.clinician)
      .filter((c) => c.active)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((c) => ({
        id: c.id,
        displayName: c.displayName,
        rules: c.rules.map((r) => ({
          weekday: r.weekday,
          start: hhmm(r.startTime),
          end: hhmm(r.endTime),
          modalities: r.modalities,
        })),
        overrides: c.overrides.map((o) => ({
          date: o.date,
          kind: o.kind,
          start: o.startTime ? hhmm(o.startTime) : null,
          end: o.endTime ? hhmm(o.endTime) : null,
          modalities: o.modalities,
        })),
        busy: c.bookings.map((b) => ({
          from: toMs(b.blocked.from),
          until: toMs(b.blocked.until),
          startsAt: toMs(b.startsAt),
          consultationTypeId: b.consultationTypeId,
        })),
      })),
  };
}

/** Postgres `time` comes back as 'HH:MM:SS'; the engine speaks 'HH:MM'. */
function hhmm(time: string): string {
  return time.slice(0, 5);
}

/** The relational API returns nested timestamps as strings on some drivers. */
function toMs(value: Date | string): number {
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

export function slotRulesOf(type: ConsultationType): SlotRules {
  return {
    consultationTypeId: type.id,
    modality: type.modality,
    durationMinutes: type.durationMinutes,
    bufferBeforeMinutes: type.bufferBeforeMinutes,
    bufferAfterMinutes: type.bufferAfterMinutes,
    incrementMinutes: type.incrementMinutes,
    minNoticeMinutes: type.minNoticeMinutes,
    horizonDays: type.horizonDays,
    dailyCap: type.dailyCap,
  };
}

/**
 * How the type's client-facing rules apply. Staff with 'booking.reschedule_override' may book
 * inside the minimum notice (`ignoreMinNotice`: notice 0, so never before `now`); hours, buffers,
 * the horizon, daily caps and other bookings still hold.
 */
export type SlotPolicy = { ignoreMinNotice?: boolean };

function queryFor(ctx: AvailabilityContext, clinician: ClinicianAvailability, now: Date, policy: SlotPolicy = {}): SlotQuery {
  const rules = slotRulesOf(ctx.type);
  return {
    timeZone: ctx.practice.timeZone,
    rules: clinician.rules,
    overrides: clinician.overrides,
    busy: clinician.busy,
    type: policy.ignoreMinNotice ? { ...rules, minNoticeMinutes: 0 } : rules,
    now: now.getTime(),
    from: ctx.from,
    to: ctx.to,
  };
}

/** Free starts per clinician, as epoch minutes (every start is on a whole minute). */
export function openSlotsOf(ctx: AvailabilityContext, now: Date, policy: SlotPolicy = {}): ClinicianSlots[] {
  return ctx.clinicians.map((c) => ({
    clinicianId: c.id,
    startMinutes: findAvailableSlots(queryFor(ctx, c, now, policy)).map((ms) => Math.round(ms / 60_000)),
  }));
}

export function isOpenSlot(ctx: AvailabilityContext, clinicianId: string, start: Date, now: Date, policy: SlotPolicy = {}): boolean {
  const clinician = ctx.clinicians.find((c) => c.id === clinicianId);
  return clinician ? isSlotAvailable(queryFor(ctx, clinician, now, policy), start.getTime()) : false;
}

/**
 * The range a slot list searches: from now to the longest horizon a type may have (365 days; or
 * `days`). The type's own horizon is applied by the engine, so a 60-day type costs no more than
 * before and a 365-day type gets its whole year, in the same one query (the busy time that far
 * out is only what exists).
 */
export function slotSearchRange(now: Date, days: number = MAX_HORIZON_DAYS): { from: Date; to: Date } {
  return { from: now, to: new Date(now.getTime() + Math.min(days, MAX_HORIZON_DAYS) * DAY_MS) };
}

/** Where a loaded slot list really ends: its range, or the type's horizon if that comes first. */
export function bookableUntil(ctx: AvailabilityContext, now: Date): Date {
  return new Date(Math.min(ctx.to, now.getTime() + ctx.type.horizonDays * DAY_MS));
}

/** The day either side of a start: the window a single time needs (the loader adds its own margins). */
export function dayAround(start: Date): { from: Date; to: Date } {
  return { from: new Date(start.getTime() - DAY_MS), to: new Date(start.getTime() + DAY_MS) };
}

/**
 * Why a clinician can't take `start` under the type's rules (null when they can): the pure
 * engine's answer, so a refusal can say "too soon", "too far ahead" or "that day is full".
 */
export function whyNotOpen(ctx: AvailabilityContext, clinicianId: string, start: Date, now: Date, policy: SlotPolicy = {}): SlotRefusal | null {
  const clinician = ctx.clinicians.find((c) => c.id === clinicianId);
  return clinician ? whyUnavailable(queryFor(ctx, clinician, now, policy), start.getTime()) : 'not_open';
}

/**
 * The last word on a new time, inside the transaction that writes it; every path that puts a
 * booking on a day calls it (client booking, client reschedule, staff reschedule). It takes, in
 * this order:
 * 1. the clinician's practice-local day(s) (lib/bookings/day-locks): the day entered and, for a
 *    move, the day left, so a daily cap's count and the write that follows are one step;
 * 2. the clinician's row FOR SHARE: an hours change (lib/availability) holds it FOR UPDATE while
 *    it checks which bookings its new hours would leave out, so the two wait for each other;
 * then checks the time again against what is committed now (hours, time off, caps, notice,
 * horizon; overlaps stay the exclusion constraint's job). Null when the time is still open.
 */
export async function recheckInTransaction(
  tx: Executor,
  params: AvailabilityParams & { clinicianId: string; timeZone: string; movingFrom?: Date },
  start: Date,
  now: Date,
  policy: SlotPolicy = {},
): Promise<SlotRefusal | null> {
  const { timeZone, movingFrom, ...load } = params;
  await lockClinicianDays(tx, { clinicianId: params.clinicianId, timeZone, instants: movingFrom ? [start, movingFrom] : [start] });
  await tx.select({ id: clinicians.id }).from(clinicians).where(eq(clinicians.id, params.clinicianId)).for('share');
  const fresh = await loadAvailability(tx, load);
  return fresh ? whyNotOpen(fresh, params.clinicianId, start, now, policy) : 'not_open';
}

/** The free times nearest to `target` (either side), for "that time was just taken". */
export function nearestSlots(ctx: AvailabilityContext, target: Date, now: Date, count = 6, policy: SlotPolicy = {}): SlotOption[] {
  const all: { ms: number; clinicianId: string }[] = [];
  for (const c of ctx.clinicians) {
    for (const ms of findAvailableSlots(queryFor(ctx, c, now, policy))) all.push({ ms, clinicianId: c.id });
  }
  const t = target.getTime();
  const seen = new Set<number>();
  return all
    .sort((a, b) => Math.abs(a.ms - t) - Math.abs(b.ms - t) || a.ms - b.ms)
    .filter((s) => (seen.has(s.ms) ? false : (seen.add(s.ms), true)))
    .slice(0, count)
    .sort((a, b) => a.ms - b.ms)
    .map((s) => ({ startsAt: new Date(s.ms).toISOString(), clinicianId: s.clinicianId }));
}
