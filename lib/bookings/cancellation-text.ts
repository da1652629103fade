/**
 * The words that come with a cancellation, and who they belong to. Three purposes, each with its
 * own associated data bound to the booking, so an envelope copied to another booking, or read as
 * another purpose (a client's reason shown as the clinician's message), does not open.
 * Pure: used by the data layer and by the data fix that encrypted the old plaintext column.
 */
export type CancellationKind = 'client' | 'practice' | 'declined' | 'system';

export function cancellationKindOf(row: { cancelledBy: 'client' | 'staff' | 'system' | null; declined: boolean }): CancellationKind | null {
  if (row.declined) return 'declined';
  if (row.cancelledBy === 'client') return 'client';
  if (row.cancelledBy === 'staff') return 'practice';
  if (row.cancelledBy === 'system') return 'system';
  return null;
}

const PURPOSE: Record<CancellationKind, string> = {
  client: 'booking-client-cancel-reason',
  practice: 'booking-practice-cancel-reason',
  declined: 'booking-decline-message',
  system: 'booking-system-cancel-reason',
};

export function cancelTextAssociatedData(kind: CancellationKind, bookingId: string): string {
  return `${PURPOSE[kind]}:${bookingId}`;
}

/** How staff pages name each ending. */
export const CANCELLATION_LABELS: Record<CancellationKind, string> = {
  client: 'Cancelled by the client',
  practice: 'Cancelled by the practice',
  declined: 'Request declined',
  system: 'Cancelled automatically',
};
