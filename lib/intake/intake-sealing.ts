import { encryptText, type Keyring } from '../crypto/envelope';

/**
 * How intake values are sealed, without the process keyring: the purposes and associated data
 * (intake-crypto.ts seals with them in the app) and sealing with a given keyring, for code that
 * runs outside the app server — the demo seed under tsx, the e2e suite's set-up — where the
 * server-only keyring module is not loaded. The associated data binds a ciphertext to its purpose
 * and its row, so a draft cannot be replayed as sent answers, nor one person's answers moved onto
 * another's intake.
 */
export const INTAKE_PURPOSES = {
  draft: 'intake-draft',
  answers: 'intake-answers',
  summary: 'intake-summary',
  code: 'intake-code',
} as const;
export type IntakePurpose = keyof typeof INTAKE_PURPOSES;

export function intakeAssociatedData(purpose: IntakePurpose, rowId: string): string {
  return `${INTAKE_PURPOSES[purpose]}:${rowId}`;
}

/** A JSON value sealed for its purpose and row under `keyring`'s active key. */
export function sealIntakeJson(keyring: Keyring, purpose: Exclude<IntakePurpose, 'code'>, rowId: string, value: unknown): string {
  return encryptText(keyring, JSON.stringify(value), intakeAssociatedData(purpose, rowId));
}
