'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { AffectedBookingsList } from '../../_components/affected-bookings';
import type { Orphans } from '../actions';

/**
 * "Nothing was saved: these bookings would fall outside …" and the choice. Saving anyway hands
 * `onConfirm` exactly the ids of the bookings listed here, to send back; one booked meanwhile
 * makes the server ask again.
 * Takes focus when it appears, so the question is where the person is.
 */
export function OrphansQuestion({
  title,
  orphans: { message, bookings },
  timeZone,
  pending,
  onConfirm,
  onCancel,
  cancelLabel = 'Keep editing',
}: {
  title: string;
  orphans: Orphans;
  timeZone: string;
  pending: boolean;
  onConfirm: (bookingIds: string[]) => void;
  onCancel: () => void;
  cancelLabel?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [bookings]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-label={title}
      className="rounded-xl border border-warning/30 bg-warning-soft px-4 py-3 text-ink outline-none focus-visible:ring-2 focus-visible:ring-focus sm:px-5 sm:py-4"
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{message}</p>
      <p className="mt-1 text-sm text-ink-muted">Times in the practice&apos;s time zone ({timeZone}).</p>
      <AffectedBookingsList bookings={bookings} label={title} />
      <div className="mt-3 flex flex-wrap gap-3">
        <Button onClick={() => onConfirm(bookings.map((b) => b.bookingId))} disabled={pending}>
          {pending ? 'Saving…' : 'Save anyway — these bookings stay, contact the clients'}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          {cancelLabel}
        </Button>
      </div>
    </div>
  );
}
