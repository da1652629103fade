import { customType } from 'drizzle-orm/pg-core';

/**
 * A half-open `tstzrange` held as a pair of instants. drizzle has no range type; the SQL text
 * form is `["2026-01-01 10:00:00+00","2026-01-01 11:00:00+00")`.
 */
export type InstantRange = { from: Date; until: Date };

export const tstzrange = customType<{ data: InstantRange; driverData: string }>({
  dataType: () => 'tstzrange',
  toDriver: ({ from, until }) => `[${from.toISOString()},${until.toISOString()})`,
  fromDriver: (value) => {
    const match = /^[[(]"?([^",]+)"?,"?([^")]+)"?[\])]$/.exec(value);
    if (!match?.[1] || !match[2]) throw new Error('Unexpected tstzrange value');
    return { from: new Date(match[1]), until: new Date(match[2]) };
  },
});
