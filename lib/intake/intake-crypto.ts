import 'server-only';
import { decryptText, encryptText } from '../crypto/envelope';
import { dataKeyring } from '../crypto/keyring';
import { INTAKE_PURPOSES, intakeAssociatedData, type IntakePurpose } from './intake-sealing';
import type { IntakeDraft, IntakeSummary, Signature, StoredAnswers } from './types';

/**
 * Every sealed intake value, one purpose each: the associated data binds a ciphertext to its
 * purpose and its row, so a draft cannot be replayed as sent answers, nor one person's answers
 * moved onto another's intake. AES-256-GCM envelopes (lib/crypto/envelope.ts) with a key id.
 * (The purposes live in intake-sealing.ts, which seeds and the e2e set-up use without the
 * process keyring.)
 */
export { INTAKE_PURPOSES, intakeAssociatedData, type IntakePurpose };

/** A draft also keeps the signatures typed so far (time and version of each). */
export type SealedDraft = IntakeDraft & { signatures: Readonly<Record<string, Signature>> };

function seal(purpose: IntakePurpose, rowId: string, value: unknown): string {
  return encryptText(dataKeyring(), JSON.stringify(value), intakeAssociatedData(purpose, rowId));
}

function open<T>(purpose: IntakePurpose, rowId: string, envelope: string): T {
  return JSON.parse(decryptText(dataKeyring(), envelope, intakeAssociatedData(purpose, rowId))) as T;
}

export const sealDraft = (intakeId: string, draft: SealedDraft) => seal('draft', intakeId, draft);
export const openDraft = (intakeId: string, envelope: string) => open<SealedDraft>('draft', intakeId, envelope);
export const sealAnswers = (intakeId: string, stored: StoredAnswers) => seal('answers', intakeId, stored);
export const openAnswers = (intakeId: string, envelope: string) => open<StoredAnswers>('answers', intakeId, envelope);
export const sealSummary = (intakeId: string, summary: IntakeSummary) => seal('summary', intakeId, summary);
export const openSummary = (intakeId: string, envelope: string) => open<IntakeSummary>('summary', intakeId, envelope);
/** The 6-digit code, sealed to its intake_codes row so the email job can render it. */
export const sealCode = (codeId: string, code: string) => encryptText(dataKeyring(), code, intakeAssociatedData('code', codeId));
export const openCode = (codeId: string, envelope: string) => decryptText(dataKeyring(), envelope, intakeAssociatedData('code', codeId));
