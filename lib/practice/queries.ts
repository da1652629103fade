import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { practices } from '../../db/schema';
import { toAddress, toPublicType } from '../bookings/mappers';
import type { PublicPractice } from '../bookings/dto';
import { AppError } from '../errors';
import { crisisLineOf } from './crisis-line';
import { practiceIdSql } from './current-practice';

/** The practice page: public facts, active clinicians and active consultation types. One query. */
export async function getPublicPractice(params: { practiceSlug?: string } = {}): Promise<PublicPractice> {
  const db = await getDb();
  const practice = await db.query.practices.findFirst({
    where: eq(practices.id, practiceIdSql(params.practiceSlug)),
    with: {
      clinicians: {
        where: (c, { eq: equals }) => equals(c.active, true),
        orderBy: (c) => [asc(c.sortOrder), asc(c.displayName)],
      },
      consultationTypes: {
        where: (t, { eq: equals }) => equals(t.active, true),
        orderBy: (t) => [asc(t.sortOrder), asc(t.title)],
      },
    },
  });
  if (!practice) throw new AppError('NOT_FOUND', 'No practice is set up yet.');
  return {
    name: practice.name,
    tagline: practice.tagline,
    about: practice.about,
    timeZone: practice.timeZone,
    address: toAddress(practice),
    phone: practice.phone,
    email: practice.email,
    clientChangeCutoffHours: practice.clientChangeCutoffHours,
    sharedPageTitle: practice.sharedPageTitle,
    crisisLine: crisisLineOf(practice),
    clinicians: practice.clinicians.map((c) => ({
      displayName: c.displayName,
      credentials: c.credentials,
      pronouns: c.pronouns,
      bio: c.bio,
    })),
    consultationTypes: practice.consultationTypes.map(toPublicType),
  };
}
