import { eq } from 'drizzle-orm';
import type { Executor } from './client';
import { practices, staffUsers } from './schema';
import { parseKeyring, type Keyring } from '../lib/crypto/envelope';
import { env } from '../lib/env';
import { hashPassword } from '../lib/auth/password';
import { sealTotpSecret } from '../lib/auth/totp-secret';

/**
 * Demo staff for the demo practice. These credentials are public (README): production refuses
 * to start while any active staff user still has one of these passwords
 * (lib/auth/demo-guard.ts, run by db/client.ts).
 *
 * The demo clinician already has two-step sign-in, with a FIXED secret so a newcomer can add it
 * to any authenticator app (or compute codes: `totpCode(DEMO_TOTP_SECRET)` in lib/auth/totp.ts)
 * and sign in within a minute. Base32 `JBSWY3DPEHPK3PXP` is the bytes of "Hello!\xDE\xAD\xBE\xEF",
 * the customary example secret.
 */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
/** Only enrolled when the practice requires two-step sign-in for everyone. */
export const DEMO_FRONT_DESK_TOTP_SECRET = 'KRUGKIDGOJXW45BAMRSXG2ZA';

export const DEMO_CLINICIAN_CREDENTIALS = {
  email: 'clinician@demo.haven',
  password: 'demo-clinician-pass',
  totpSecret: DEMO_TOTP_SECRET,
} as const;

export const DEMO_FRONT_DESK_CREDENTIALS = {
  email: 'frontdesk@demo.haven',
  password: 'demo-frontdesk-pass',
} as const;

export const DEMO_STAFF_PASSWORDS: readonly string[] = [DEMO_CLINICIAN_CREDENTIALS.password, DEMO_FRONT_DESK_CREDENTIALS.password];

/**
 * Creates the demo clinician (linked to the demo clinician, two-step sign-in set up) and the
 * demo front desk. Idempotent by email: existing users are left alone. Accepts a transaction,
 * so the demo seed can call it inside its own.
 */
export async function seedDemoStaff(
  db: Executor,
  opts: { practiceId: string; clinicianId: string; now?: Date; keyring?: Keyring },
): Promise<{ clinicianUserId: string | null; frontDeskUserId: string | null }> {
  const now = opts.now ?? new Date();
  const keyring = opts.keyring ?? parseKeyring(env().HAVEN_DATA_KEYS);
  const [practice] = await db
    .select({ requireTwoFactorForAll: practices.requireTwoFactorForAll })
    .from(practices)
    .where(eq(practices.id, opts.practiceId));
  if (!practice) throw new Error('seedDemoStaff: no such practice');

  const clinicianUserId = crypto.randomUUID();
  const frontDeskUserId = crypto.randomUUID();
  const [clinicianHash, frontDeskHash] = await Promise.all([
    hashPassword(DEMO_CLINICIAN_CREDENTIALS.password),
    hashPassword(DEMO_FRONT_DESK_CREDENTIALS.password),
  ]);
  const totpFor = (userId: string, secret: string) => ({
    totpSecretCiphertext: sealTotpSecret(keyring, userId, secret),
    totpEnabledAt: now,
  });

  const inserted = await db
    .insert(staffUsers)
    .values([
      {
        id: clinicianUserId,
        practiceId: opts.practiceId,
        email: DEMO_CLINICIAN_CREDENTIALS.email,
        displayName: 'Maya Lindqvist',
        role: 'clinician',
        clinicianId: opts.clinicianId,
        passwordHash: clinicianHash,
        ...totpFor(clinicianUserId, DEMO_TOTP_SECRET),
        createdAt: now,
        updatedAt: now,
      },
      {
        id: frontDeskUserId,
        practiceId: opts.practiceId,
        email: DEMO_FRONT_DESK_CREDENTIALS.email,
        displayName: 'Jamie Ortiz (front desk)',
        role: 'front_desk',
        clinicianId: null,
        passwordHash: frontDeskHash,
        ...(practice.requireTwoFactorForAll ? totpFor(frontDeskUserId, DEMO_FRONT_DESK_TOTP_SECRET) : {}),
        createdAt: now,
        updatedAt: now,
      },
    ])
    .onConflictDoNothing()
    .returning({ id: staffUsers.id });
  const ids = new Set(inserted.map((r) => r.id));
  return {
    clinicianUserId: ids.has(clinicianUserId) ? clinicianUserId : null,
    frontDeskUserId: ids.has(frontDeskUserId) ? frontDeskUserId : null,
  };
}
