import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { clinicians, practices, staffRecoveryCodes, staffUsers } from '../../../db/schema';
import { TEST_DATA_KEYS } from '../../../tests/support/test-env';
import { parseKeyring } from '../../crypto/envelope';
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from '../recovery-codes';
import { createStaffUser } from '../staff-users';
import { generateTotpSecret } from '../totp';
import { sealTotpSecret } from '../totp-secret';

/**
 * Test data for the auth data-layer tests: a practice of its own (unique slug), one clinician
 * and staff users with unique emails, so tests never see each other's rows on a shared server.
 */
export const FIXTURE_PASSWORD = 'correct horse battery staple';
export const testKeyring = () => parseKeyring(TEST_DATA_KEYS);

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${crypto.randomUUID().slice(0, 6)}`;

export async function createAuthPractice(db: Database, opts: { requireTwoFactorForAll?: boolean } = {}) {
  const slug = `auth-${unique()}`;
  const [practice] = await db
    .insert(practices)
    .values({ slug, name: `Auth practice ${slug}`, timeZone: 'America/New_York', requireTwoFactorForAll: opts.requireTwoFactorForAll ?? false })
    .returning();
  const [clinician] = await db.insert(clinicians).values({ practiceId: practice!.id, displayName: 'Dr. Auth' }).returning();
  return { practice: practice!, clinician: clinician! };
}

export async function addClinician(db: Database, practiceId: string) {
  const [clinician] = await db.insert(clinicians).values({ practiceId, displayName: `Dr. ${unique()}` }).returning();
  return clinician!;
}

export async function createUser(
  db: Database,
  opts: { practiceId: string; role: 'clinician' | 'front_desk'; clinicianId?: string; password?: string },
) {
  const email = `${opts.role}-${unique()}@example.test`;
  const user = await createStaffUser(db, {
    practiceId: opts.practiceId,
    email,
    displayName: `Test ${opts.role}`,
    role: opts.role,
    clinicianId: opts.clinicianId ?? null,
    password: opts.password ?? FIXTURE_PASSWORD,
  });
  return { ...user, password: opts.password ?? FIXTURE_PASSWORD };
}

/** Enrols TOTP directly (as confirmTotpEnrolment would) and returns the secret and recovery codes. */
export async function enrolTotp(db: Database, userId: string, at: Date) {
  const secret = generateTotpSecret();
  const recoveryCodes = generateRecoveryCodes();
  await db
    .update(staffUsers)
    .set({ totpSecretCiphertext: sealTotpSecret(testKeyring(), userId, secret), totpEnabledAt: at })
    .where(eq(staffUsers.id, userId));
  await db.insert(staffRecoveryCodes).values(recoveryCodes.map((c) => ({ userId, codeHash: hashRecoveryCode(userId, normaliseRecoveryCode(c)!) })));
  return { secret, recoveryCodes };
}

/** A random private address per call (test files share a server database), so the per-IP limit only bites where tested. */
export function nextIp(): string {
  const [a, b, c] = crypto.getRandomValues(new Uint8Array(3));
  return `10.${a}.${b}.${c}`;
}
