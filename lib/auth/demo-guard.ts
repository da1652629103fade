import { isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { staffUsers } from '../../db/schema';
import { DEMO_STAFF_PASSWORDS } from '../../db/seed-staff';
import { sqlStateOf } from '../errors';
import { verifyPassword } from './password';

const UNDEFINED_TABLE = '42P01';

export class DemoPasswordInUseError extends Error {
  constructor(emails: string[]) {
    super(
      `Refusing to start in production: ${emails.join(', ')} still ${emails.length === 1 ? 'uses' : 'use'} a demo password ` +
        'that is published in the README. Disable the account (UPDATE staff_users SET disabled_at = now() WHERE email = …) ' +
        'or give it a new password, then restart.',
    );
    this.name = 'DemoPasswordInUseError';
  }
}

/**
 * Production refuses to run while any enabled staff user still has a seeded demo password
 * (checked against every enabled user, not only the demo emails, so renaming the account is not
 * enough). db/client.ts runs it once when a server database first opens with NODE_ENV=production.
 * Costs two argon2 verifications per enabled staff user, once per process.
 */
export async function assertNoDemoPasswords(db: Executor): Promise<void> {
  let users: { email: string; passwordHash: string }[];
  try {
    users = await db.select({ email: staffUsers.email, passwordHash: staffUsers.passwordHash }).from(staffUsers).where(isNull(staffUsers.disabledAt));
  } catch (err) {
    if (sqlStateOf(err) === UNDEFINED_TABLE) throw new Error('The database has no staff_users table: run `npm run db:migrate` before starting.', { cause: err });
    throw err;
  }
  const offenders: string[] = [];
  for (const user of users) {
    const matches = await Promise.all(DEMO_STAFF_PASSWORDS.map((password) => verifyPassword(user.passwordHash, password)));
    if (matches.some(Boolean)) offenders.push(user.email);
  }
  if (offenders.length > 0) throw new DemoPasswordInUseError(offenders);
}
