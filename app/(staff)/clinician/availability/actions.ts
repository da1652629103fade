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
import { versionFieldSchema } from '@/lib/concurrency/edit-version';
import { notFound } from '@/lib/errors';
import { refusal, runStaffAction } from '../../_lib/staff-action';

/*
 * The availability editor's actions. The clinician is always the signed-in one (never an id from
 * the browser). "These bookings would fall outside the new hours" is not an error but a question
 * for the person, so it comes back as data — `{ saved: false, orphans }` — and the form asks;
 * repeating with `confirmOrphans` (the ids shown) saves. Each takes the availability `version` the
 * page was loaded at; a stale one comes back refused (code 'stale') with the saved availability as `data`.
 */

export type Orphans = { saved: false; message: string; bookings: AffectedBooking[] };
type Confirm = { confirmOrphans?: string[]; version: number };
export type SaveWeeklyHoursResult = ActionResult<{ saved: true; rules: WeeklyRuleDto[]; orphansConfirmed: number; version: number } | Orphans>;
export type AddTimeOffResult = ActionResult<{ saved: true; override: AvailabilityOverrideDto; orphansConfirmed: number; version: number } | Orphans>;
export type AddExtraHoursResult = ActionResult<{ saved: true; override: AvailabilityOverrideDto; version: number }>;
export type RemoveOverrideActionResult = ActionResult<{ saved: true; orphansConfirmed: number; version: number } | Orphans>;

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
    weeklyHoursSchema.and(orphanConfirmationSchema).and(versionFieldSchema),
    input,
    async (actor, data): Promise<SaveWeeklyHoursResult> => {
      const result = await replaceWeeklyHours({
        actor,
        clinicianId: ownClinician(actor),
        rules: data.rules,
        version: data.version,
        confirmOrphans: data.confirmOrphans,
      });
      if (result.ok) return { ok: true, data: { saved: true, rules: result.rules, orphansConfirmed: result.orphansConfirmed, version: result.version } };
      return result.reason === 'orphans' ? orphans(result) : refusal(result);
    },
    { subject: 'calendar' },
  );
}

export async function addTimeOffAction(input: TimeOffFormValues & Confirm): Promise<AddTimeOffResult> {
  return runStaffAction(
    timeOffSchema.and(orphanConfirmationSchema).and(versionFieldSchema),
    input,
    async (actor, { confirmOrphans, version, ...timeOff }): Promise<AddTimeOffResult> => {
      const result = await addTimeOff({ actor, clinicianId: ownClinician(actor), input: timeOff, version, confirmOrphans });
      if (result.ok) return { ok: true, data: { saved: true, override: result.override, orphansConfirmed: result.orphansConfirmed, version: result.version } };
      return result.reason === 'orphans' ? orphans(result) : refusal(result);
    },
    { subject: 'calendar' },
  );
}

export async function addExtraHoursAction(input: ExtraHoursFormValues & { version: number }): Promise<AddExtraHoursResult> {
  return runStaffAction(
    extraHoursSchema.and(versionFieldSchema),
    input,
    async (actor, { version, ...extra }): Promise<AddExtraHoursResult> => {
      const result = await addExtraHours({ actor, clinicianId: ownClinician(actor), input: extra, version });
      return result.ok ? { ok: true, data: { saved: true, override: result.override, version: result.version } } : refusal(result);
    },
    { subject: 'calendar' },
  );
}

export async function removeOverrideAction(input: { overrideId: string } & Confirm): Promise<RemoveOverrideActionResult> {
  return runStaffAction(
    removeOverrideSchema.and(versionFieldSchema),
    input,
    async (actor, { overrideId, confirmOrphans, version }): Promise<RemoveOverrideActionResult> => {
      const result = await removeOverride({ actor, overrideId, version, confirmOrphans });
      if (result.ok) return { ok: true, data: { saved: true, orphansConfirmed: result.orphansConfirmed, version: result.version } };
      return result.reason === 'orphans' ? orphans(result) : refusal(result);
    },
    { subject: 'entry', invalidInput: 'not_found' },
  );
}
