import 'server-only';
import { decryptText, encryptText } from '../crypto/envelope';
import { dataKeyring } from '../crypto/keyring';
import { cancelTextAssociatedData, type CancellationKind } from './cancellation-text';

/** Encrypts the words given with a cancellation for its purpose and booking ('' or none: null). */
export function sealCancelText(kind: CancellationKind, bookingId: string, text: string | null | undefined): string | null {
  const value = text?.trim();
  return value ? encryptText(dataKeyring(), value, cancelTextAssociatedData(kind, bookingId)) : null;
}

/** The plaintext of a sealed cancellation text; throws when it was sealed for another purpose or booking. */
export function openCancelText(kind: CancellationKind, bookingId: string, envelope: string | null): string | null {
  return envelope ? decryptText(dataKeyring(), envelope, cancelTextAssociatedData(kind, bookingId)) : null;
}
