import { createHash, randomInt } from 'node:crypto';

/**
 * Recovery codes: shown once at enrolment, each good for one sign-in in place of a TOTP code.
 * Format `xxxx-xxxx-xxxx` from 31 characters with no look-alikes (no 0/o, 1/l/i): ≈ 59 bits each.
 * Only a hash is stored; the user id is mixed in so one table-wide guess list can't be reused
 * across users.
 */
export const RECOVERY_CODE_COUNT = 10;
export const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const GROUPS = 3;
const GROUP_LENGTH = 4;
const CODE_LENGTH = GROUPS * GROUP_LENGTH;

export function generateRecoveryCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]!);
  const groups: string[] = [];
  for (let i = 0; i < CODE_LENGTH; i += GROUP_LENGTH) groups.push(chars.slice(i, i + GROUP_LENGTH).join(''));
  return groups.join('-');
}

/** Ten distinct codes. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateRecoveryCode());
  return [...codes];
}

/**
 * The canonical form of something typed as a recovery code (case, spaces and hyphens don't
 * matter), or null when it can't be one.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').toLowerCase();
  if (compact.length !== CODE_LENGTH) return null;
  for (const char of compact) if (!RECOVERY_ALPHABET.includes(char)) return null;
  return compact;
}

export function hashRecoveryCode(userId: string, normalisedCode: string): string {
  return createHash('sha256').update(`staff-recovery:${userId}:${normalisedCode}`, 'utf8').digest('hex');
}
