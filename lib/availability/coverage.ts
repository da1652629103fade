/**
 * Is a booking inside a clinician's hours? Pure, and answered by the slot engine itself so the
 * two can never disagree about weekly hours, extra hours, time off, midnight or DST.
 *
 * Definition (the choice documented for the availability editor): a booking is *covered* when
 * every minute of [startsAt, endsAt) lies in the clinician's open hours for the booking's
 * modality — weekly hours plus extra hours, minus time off, all as wall-clock times in the
 * practice's zone. Busy time, minimum notice, horizon, daily caps and the start-time grid are
 * ignored: they govern *new* bookings, not whether an existing one still sits inside the hours.
 *
 * Why not "its start is still an offered slot": a slot check also depends on the grid (moving
 * 09:00 to 09:10 would flag a booking at 10:00 on a 30-minute grid though it is well inside the
 * hours) and on the type's *current* duration rather than the booking's stored end.
 *
 * How: the engine is asked for one-minute slots (duration 1, increment 1, no buffers, no
 * notice, no busy time) over exactly [startsAt, endsAt). Window edges are whole minutes, so the
 * booking is covered iff the engine returns one start per minute. Buffers need not fit in the
 * hours (the engine does not require it of new bookings either).
 */
import { findAvailableSlots } from '../scheduling/slots';
import type { DateOverride, Modality, SlotRules, WeeklyRule } from '../scheduling/types';
import { addDaysToDate, localDateOf } from '../scheduling/zoned-time';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export type Hours = { rules: readonly WeeklyRule[]; overrides: readonly DateOverride[] };

/** A span of a booking to test, with the modality of its consultation type. */
export type CoverageProbe = { modality: Modality; startsAt: number; endsAt: number };

function probeType(modality: Modality, spanMs: number): SlotRules {
  return {
    consultationTypeId: 'coverage-probe',
    modality,
    durationMinutes: 1,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    incrementMinutes: 1,
    minNoticeMinutes: 0,
    horizonDays: Math.ceil(spanMs / DAY_MS) + 1,
    dailyCap: null,
  };
}

export function isCovered(timeZone: string, hours: Hours, probe: CoverageProbe): boolean {
  // Bookings start and end on whole minutes; widen anything else to the minutes it touches.
  const from = Math.floor(probe.startsAt / MINUTE_MS) * MINUTE_MS;
  const to = Math.ceil(probe.endsAt / MINUTE_MS) * MINUTE_MS;
  if (!(from < to)) return true;
  // Only overrides of the local dates the probe touches matter (a day's margin either side).
  const firstDate = addDaysToDate(localDateOf(from, timeZone), -1);
  const lastDate = addDaysToDate(localDateOf(to, timeZone), 1);
  const overrides = hours.overrides.filter((o) => o.date >= firstDate && o.date <= lastDate);
  const slots = findAvailableSlots({
    timeZone,
    rules: hours.rules,
    overrides,
    busy: [],
    type: probeType(probe.modality, to - from),
    now: from,
    from,
    to,
  });
  return slots.length === (to - from) / MINUTE_MS;
}

/**
 * The probes a change of hours would push out: covered before, not covered after. A booking
 * that was already outside the hours (say the clinician confirmed it once before) is not this
 * change's doing and is not reported again.
 */
export function newlyUncovered<P extends CoverageProbe>(timeZone: string, before: Hours, after: Hours, probes: readonly P[]): P[] {
  return probes.filter((p) => isCovered(timeZone, before, p) && !isCovered(timeZone, after, p));
}
