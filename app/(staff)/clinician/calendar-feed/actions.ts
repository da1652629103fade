'use server';

import type { ActionResult } from '@/lib/action';
import type { StaffActor } from '@/lib/auth/actor';
import { createCalendarFeed, revokeCalendarFeed, setCalendarFeedShowsNames } from '@/lib/calendar/feed';
import { calendarFeedCommandSchema, calendarFeedNamesSchema, type CalendarFeedNamesInput } from '@/lib/calendar/schemas';
import { notFound } from '@/lib/errors';
import { runStaffAction } from '../../_lib/staff-action';

const OPTIONS = { subject: 'calendar feed', invalidInput: 'not_found' } as const;

/** The feed is the signed-in clinician's own; anyone else has none (the data layer checks again). */
function ownClinician(actor: StaffActor): string {
  if (!actor.clinicianId) throw notFound();
  return actor.clinicianId;
}

/** Makes the feed's address, or a new one (the old stops at once). The address is returned this once only. */
export async function createCalendarFeedAction(input: Record<string, never> = {}): Promise<ActionResult<{ url: string; replaced: boolean }>> {
  return runStaffAction(
    calendarFeedCommandSchema,
    input,
    async (actor) => ({ ok: true, data: await createCalendarFeed({ actor, clinicianId: ownClinician(actor) }) }),
    OPTIONS,
  );
}

/** Turns the feed off: its address answers "not found" from now on. */
export async function revokeCalendarFeedAction(input: Record<string, never> = {}): Promise<ActionResult<{ revoked: boolean }>> {
  return runStaffAction(
    calendarFeedCommandSchema,
    input,
    async (actor) => ({ ok: true, data: await revokeCalendarFeed({ actor, clinicianId: ownClinician(actor) }) }),
    OPTIONS,
  );
}

/** Full names or initials in the feed's titles. */
export async function setCalendarFeedNamesAction(input: CalendarFeedNamesInput): Promise<ActionResult<{ showsNames: boolean; changed: boolean }>> {
  return runStaffAction(
    calendarFeedNamesSchema,
    input,
    async (actor, { showsNames }) => ({ ok: true, data: await setCalendarFeedShowsNames({ actor, clinicianId: ownClinician(actor), showsNames }) }),
    OPTIONS,
  );
}
