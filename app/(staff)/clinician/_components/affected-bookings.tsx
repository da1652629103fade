import type { AffectedBooking } from '@/lib/availability/dto';
import { formatLocalDate } from '../_lib/format';

/**
 * Bookings a change touches, as a clinician recognises them: when (practice time), who (first
 * name only), what, and the reference quoted on the phone. `extra` adds a line per booking.
 */
export function AffectedBookingsList({
  bookings,
  label,
  extra,
}: {
  bookings: AffectedBooking[];
  label: string;
  extra?: (booking: AffectedBooking) => string | null;
}) {
  return (
    <ul aria-label={label} className="mt-2 divide-y divide-line rounded-lg border border-line bg-surface">
      {bookings.map((b) => (
        <li key={b.bookingId} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-3 py-2 text-ink" data-testid="affected-booking">
          <span className="font-medium tabular-nums">
            {formatLocalDate(b.localDate)}, {b.localStart}–{b.localEnd}
          </span>
          <span>{b.clientFirstName}</span>
          <span className="text-ink-muted">
            {b.typeTitle} · {b.status === 'requested' ? 'requested' : 'confirmed'} · ref {b.reference}
          </span>
          {extra?.(b) ? <span className="basis-full text-sm text-ink-muted">{extra(b)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
