import 'server-only';
import { and, asc, eq, gte } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { clinicians } from '../../db/schema';
import { can, canForClinician, type StaffActor } from '../auth/actor';
import { addDaysToDate, localDateOf } from '../scheduling/zoned-time';
import { isUuid, notFound } from '../errors';
import type { ClinicianAvailabilityView } from './dto';
import { toOverrideDto, toTypeSettings, toWeeklyRuleDto } from './mappers';

/**
 * One clinician's availability as the editor shows it: weekly hours, time off and extra hours
 * from today on (practice zone), and every consultation type of the practice with all its
 * settings. Anyone with 'availability.read' in the practice may look (the front desk plans
 * around it); `canEdit` says whether this actor may change the hours. One query.
 */
export async function getAvailability(params: { actor: StaffActor; clinicianId: string; now?: Date }): Promise<ClinicianAvailabilityView> {
  const { actor, clinicianId } = params;
  if (!isUuid(clinicianId) || !canForClinician(actor, 'availability.read', clinicianId)) throw notFound();
  const now = params.now ?? new Date();
  // A day's margin: "today" in the practice zone is at most a day either side of the UTC date.
  const earliest = addDaysToDate(now.toISOString().slice(0, 10), -1);

  const db = await getDb();
  const row = await db.query.clinicians.findFirst({
    where: and(eq(clinicians.id, clinicianId), eq(clinicians.practiceId, actor.practiceId)),
    columns: { id: true, displayName: true, availabilityVersion: true },
    with: {
      practice: {
        columns: { timeZone: true },
        with: { consultationTypes: { orderBy: (t) => [asc(t.sortOrder), asc(t.title), asc(t.id)] } },
      },
      rules: {
        columns: { id: true, weekday: true, startTime: true, endTime: true, modalities: true },
        orderBy: (r) => [asc(r.weekday), asc(r.startTime), asc(r.endTime), asc(r.id)],
      },
      overrides: {
        columns: { id: true, date: true, kind: true, startTime: true, endTime: true, modalities: true, label: true },
        where: (o) => gte(o.date, earliest),
        orderBy: (o) => [asc(o.date), asc(o.startTime), asc(o.id)],
      },
      offers: { columns: { consultationTypeId: true } },
    },
  });
  if (!row) throw notFound();

  const timeZone = row.practice.timeZone;
  const today = localDateOf(now.getTime(), timeZone);
  const offered = new Set(row.offers.map((o) => o.consultationTypeId));
  return {
    clinician: { id: row.id, displayName: row.displayName },
    timeZone,
    version: row.availabilityVersion,
    canEdit: canForClinician(actor, 'availability.edit', row.id),
    canEditTypes: can(actor, 'consultation_types.edit'),
    weeklyRules: row.rules.map(toWeeklyRuleDto),
    overrides: row.overrides.filter((o) => o.date >= today).map(toOverrideDto),
    consultationTypes: row.practice.consultationTypes.map((t) => ({ ...toTypeSettings(t), offered: offered.has(t.id) })),
  };
}
