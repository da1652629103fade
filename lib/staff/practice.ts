import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { practices } from '../../db/schema';
import type { StaffActor } from '../auth/actor';
import { assertStaffCan, notFound } from './access';

export type StaffPractice = { name: string; timeZone: string };

/**
 * The signed-in person's own practice: its name and the IANA zone that staff pages render days
 * and times in (and read typed dates in). Any staff role; one primary-key lookup.
 */
export async function getStaffPractice(params: { actor: StaffActor }): Promise<StaffPractice> {
  const { actor } = params;
  assertStaffCan(actor, 'schedule.read');
  const db = await getDb();
  const [row] = await db
    .select({ name: practices.name, timeZone: practices.timeZone })
    .from(practices)
    .where(eq(practices.id, actor.practiceId))
    .limit(1);
  if (!row) throw notFound();
  return row;
}
