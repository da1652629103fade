import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import QRCode from 'qrcode';
import { getDb } from '../../db/client';
import { staffRecoveryCodes, staffUsers } from '../../db/schema';
import { recordAudit } from '../audit/record';
import { dataKeyring } from '../crypto/keyring';
import { AppError } from '../errors';
import type { StaffActor } from './actor';
import { Base32Error, base32Decode } from './base32';
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { TOTP_SECRET_BYTES, generateTotpSecret, totpUri, verifyTotp } from './totp';
import { sealTotpSecret } from './totp-secret';

export const TOTP_ISSUER = 'Haven';
const ALREADY_ENROLLED = 'Two-step sign-in is already set up for this account.';

export type TotpEnrolment = {
  /** Base32, for typing into an app by hand. Shown on the enrolment page only. */
  secret: string;
  /** otpauth:// URI (what the QR code holds). */
  uri: string;
  /** The QR code as an SVG document (safe to inline: generated here, no user HTML in it). */
  qrSvg: string;
};

/**
 * Step 1 of setting up two-step sign-in: a fresh secret, its otpauth URI and QR code. Nothing is
 * stored until `confirmTotpEnrolment` proves the app holds the secret. Refused when two-step
 * sign-in is already set up (replacing it will need the current code: not built yet).
 */
export async function startTotpEnrolment(params: { actor: StaffActor }): Promise<TotpEnrolment> {
  const db = await getDb();
  const [user] = await db
    .select({ email: staffUsers.email, totpEnabledAt: staffUsers.totpEnabledAt })
    .from(staffUsers)
    .where(and(eq(staffUsers.id, params.actor.userId), isNull(staffUsers.disabledAt)));
  if (!user) throw new AppError('NOT_FOUND', 'Account not found.');
  if (user.totpEnabledAt) throw new AppError('CONFLICT', ALREADY_ENROLLED);
  const secret = generateTotpSecret();
  const uri = totpUri({ secret, accountName: user.email, issuer: TOTP_ISSUER });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

export type ConfirmEnrolmentResult =
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; reason: 'invalid_code'; message: string };

/**
 * Step 2: the user types the code their app shows. On success the secret is stored encrypted
 * (bound to the user), the code's time step is marked used, and ten fresh recovery codes are
 * returned — shown once; only their hashes are kept.
 */
export async function confirmTotpEnrolment(params: {
  actor: StaffActor;
  secret: string;
  code: string;
  now?: Date;
}): Promise<ConfirmEnrolmentResult> {
  const now = params.now ?? new Date();
  const secret = params.secret.replace(/[\s-]/g, '').toUpperCase();
  let bytes: Buffer;
  try {
    bytes = base32Decode(secret);
  } catch (err) {
    if (err instanceof Base32Error) throw new AppError('INVALID', 'The setup key is not valid. Please start again.');
    throw err;
  }
  // The secret comes back from the browser: accept only one of the size we generate.
  if (bytes.length !== TOTP_SECRET_BYTES) throw new AppError('INVALID', 'The setup key is not valid. Please start again.');

  const step = verifyTotp(secret, params.code, now);
  if (step === null) {
    return { ok: false, reason: 'invalid_code', message: "That code didn't match. Enter the 6-digit code your app shows now." };
  }

  const userId = params.actor.userId;
  const ciphertext = sealTotpSecret(dataKeyring(), userId, secret);
  const recoveryCodes = generateRecoveryCodes();
  const db = await getDb();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(staffUsers)
      .set({ totpSecretCiphertext: ciphertext, totpEnabledAt: now, totpLastStep: step, updatedAt: now })
      .where(and(eq(staffUsers.id, userId), isNull(staffUsers.totpEnabledAt), isNull(staffUsers.disabledAt)))
      .returning({ id: staffUsers.id });
    if (updated.length !== 1) throw new AppError('CONFLICT', ALREADY_ENROLLED);
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
    await tx.insert(staffRecoveryCodes).values(
      recoveryCodes.map((code) => ({ userId, codeHash: hashRecoveryCode(userId, normaliseRecoveryCode(code)!), createdAt: now })),
    );
    await recordAudit(tx, {
      actor: { kind: 'staff', id: userId },
      action: 'staff.totp.enrolled',
      subjectType: 'staff_user',
      subjectId: userId,
      detail: { recoveryCodes: recoveryCodes.length },
      at: now,
    });
  });
  return { ok: true, recoveryCodes };
}
