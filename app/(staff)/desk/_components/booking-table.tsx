import Link from 'next/link';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { formatShortDate, formatTimeRange, modalityLabel } from '@/components/booking/format';
import type { BookingSummary } from '@/lib/staff/dto';
import { STATUS_LABELS } from './labels';

/**
 * A dense, keyboard-friendly table of consultations: each client name links to the booking
 * (no prefetch: a prefetch would check, and so keep alive, the session).
 */
export async function BookingTable({
  caption,
  entries,
  timeZone,
  showDate = false,
}: {
  caption: string;
  entries: BookingSummary[];
  timeZone: string;
  showDate?: boolean;
}) {
  const locale = await getRequestLocale();
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-line-strong text-ink-muted">
          <th scope="col" className="py-2 pr-3 font-medium">Time</th>
          <th scope="col" className="py-2 pr-3 font-medium">Client</th>
          <th scope="col" className="py-2 pr-3 font-medium">Partner</th>
          <th scope="col" className="py-2 pr-3 font-medium">Type</th>
          <th scope="col" className="py-2 pr-3 font-medium">Modality</th>
          <th scope="col" className="py-2 pr-3 font-medium">Clinician</th>
          <th scope="col" className="py-2 font-medium">Status</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const start = Date.parse(entry.startsAt);
          const end = Date.parse(entry.endsAt);
          return (
            <tr key={entry.id} className="border-b border-line align-top" data-testid="booking-row">
              <td className="py-2 pr-3 whitespace-nowrap tabular-nums">
                {showDate ? `${formatShortDate(start, timeZone, locale)}, ` : null}
                {formatTimeRange(start, end, timeZone, locale)}
              </td>
              <td className="py-2 pr-3">
                <Link href={`/desk/bookings/${entry.id}`} prefetch={false} className="font-medium text-accent underline-offset-4 hover:underline">
                  {entry.clientName}
                </Link>
              </td>
              <td className="py-2 pr-3">{entry.partnerName ?? <span className="text-ink-muted">—</span>}</td>
              <td className="py-2 pr-3">{entry.type.title}</td>
              <td className="py-2 pr-3">{modalityLabel(entry.type.modality)}</td>
              <td className="py-2 pr-3">{entry.clinician.displayName}</td>
              <td className="py-2">{STATUS_LABELS[entry.status]}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
