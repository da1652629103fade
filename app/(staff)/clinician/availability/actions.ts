'use server';

import type { ActionResult } from '@/lib/action';
import type { StaffActor } from '@/lib/auth/actor';
import { addExtraHours, addTimeOff, removeOverride, replaceWeeklyHours } from '@/lib/availability/commands';
import type { AffectedBooking, AvailabilityOverrideDto, WeeklyRuleDto } from '@/lib/availability/dto';
import {
  extraHoursSchema,
  orphanConfirmationSchema,
  removeOverrideSchema,
  timeOffSchema,
  weeklyHoursSchema,
  type ExtraHoursFormValues,
  type TimeOffFormValues,
  type WeeklyHoursFormValues,
} from '@/lib/availability/schemas';
import { notFound } from '@/lib/errors';
import { refusal, runStaffAction } from '../../_lib/staff-action';

/*
 * The availability editor's actions. The clinician is always the signed-in one (never an id from
 * the browser). "These bookings would fall outside the new hours" is not an error but a question
 * for the person, so it comes back as data — `{ saved: false, orphans }` — and the form asks;
 * repeating with `confirmOrphans` (the ids shown) saves.
 */

export type Orphans = { saved: false; message: string; bookings: AffectedBooking[] };
type Confirm = { confirmOrphans?: string[] };
export type SaveWeeklyHoursResult = ActionResult<{ saved: true; rules: WeeklyRuleDto[]; orphansConfirmed: number } | Orphans>;
export type AddTimeOffResult = ActionResult<{ saved: true; override: AvailabilityOverrideDto; orphansConfirmed: number } | Orphans>;
export type AddExtraHoursResult = ActionResult<{ saved: true; override: AvailabilityOverrideDto }>;
export type RemoveOverrideActionResult = ActionResult<{ saved: true; orphansConfirmed: number } | Orphans>;

function ownClinician(actor: StaffActor): string {
  if (!actor.clinicianId) throw notFound();
  return actor.clinicianId;
}

const orphans = (result: { message: string; bookings: AffectedBooking[] }): { ok: true; data: Orphans } => ({
  ok: true,
  data: { saved: false, message: result.message, bookings: result.bookings },
});

export async function saveWeeklyHoursAction(input: WeeklyHoursFormValues & Confirm): Promise<SaveWeeklyHoursResult> {
  return runStaffAction(
    weeklyHoursSchema.and(orphanConfirmationSchema),
    input,
    async (actor, data): Promise<SaveWeeklyHoursResult> => {
      const result = await replaceWeeklyHours({ actor, clinicianId: ownClinician(actor), rules: data.rules, confirmOrphans: data.confirmOrphans });
      if (result.ok) return { ok: true, data: { saved: true, rules: result.rules, orphansConfirmed: result.orphansConfirmed } };
      return result.reason === 'orphans' ? orphans(result) : refusal(result);
    },
    { subject: 'calendar' },
  );
}

export async function addTimeOffAction(input: TimeOffFormValues & Confirm): Promise<AddTimeOffResult> {
  return runStaffAction(
    timeOffSchema.and(orphanConfirmationSchema),
    input,
    async (actor, { confirmOrphans, ...timeOff }): Promise<AddTimeOffResult> => {
      const result = await addTimeOff({ actor, clinicianId: ownClinician(actor), input: timeOff, confirmOrphans });
      if (result.ok) return { ok: true, data: { saved: true, override: result.override, orphansConfirmed: result.orphansConfirmed } };
      return result.reason === 'orphans' ? orphans(result) : refusal(result);
    },
    { subject: 'calendar' },
  );
}

export async function addExtraHoursAction(input: ExtraHoursFormValues): Promise<AddExtraHoursResult> {
  return runStaffAction(
    extraHoursSchema,
    input,
    async (actor, extra): Promise<AddExtraHoursResult> => {
      const result = await addExtraHours({ actor, clinicianId: ownClinician(actor), input: extra });
      return result.ok ? { ok: true, data: { saved: true, override: result.override } } : refusal(result);
    },
    { subject: 'calendar' },
  );
}

export async function removeOverrideAction(input: { overrideId: string } & Confirm): Promise<RemoveOverrideActionResult> {
  return runStaffAction(
    removeOverrideSchema,
    input,
    async (actor, { overrideId, confirmOrphans }): Promise<RemoveOverrideActionResult> => {
      const result = await removeOverride({ actor, overrideId, confirmOrphans });
      return result.ok ? { ok: true, data: { saved: true, orphansConfirmed: result.orphansConfirmed } } : orphans(result);
    },
    { subject: 'entry', invalidInput: 'not_found' },
  );
}
