import { sql, type SQL } from 'drizzle-orm';
import { env } from '../env';

/**
 * SQL for the id of the practice this deployment serves: the given slug, else HAVEN_PRACTICE_SLUG,
 * else the first practice created. A subquery, so callers resolve it in the same round-trip.
 */
export function practiceIdSql(practiceSlug?: string): SQL {
  const slug = practiceSlug ?? env().HAVEN_PRACTICE_SLUG;
  return slug
    ? sql`(select p.id from practices p where p.slug = ${slug})`
    : sql`(select p.id from practices p order by p.created_at, p.id limit 1)`;
}
