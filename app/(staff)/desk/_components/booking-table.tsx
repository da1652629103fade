import Link from 'next/link';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { formatShortDate, formatTimeRange, modalityLabel } from '@/components/booking/format';
import type { BookingSummary } from '@/lib/staff/dto';
import type { BookingIntakeStatuses } from '@/lib/intake/statuses';
import { INTAKE_STATUS_LABELS } from '../../_components/intake-labels';
import { STATUS_LABELS } from './labels';

/**
 * A dense, keyboard-friendly table of consultations: each client name links to the booking
 * (no prefetch: a prefetch would check, and so keep alive, the session). The Intake column shows
 * only whether each person's intake is not started, in progress or sent (findIntakeStatuses):
 * never more, for anyone.
 */
export async function BookingTable({
  caption,
  entries,
  timeZone,
  showDate = false,
  intakes = {},
}: {
  caption: string;
  entries: BookingSummary[];
  timeZone: string;
  showDate?: boolean;
  intakes?: Readonly<Record<string, BookingIntakeStatuses | null>>;
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
          <th scope="col" className="py-2 pr-3 font-medium">Status</th>
          <th scope="col" className="py-2 font-medium">Intake</th>
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
              <td className="py-2 pr-3">{STATUS_LABELS[entry.status]}</td>
              <td className="py-2" data-testid="intake-state">
                <IntakeCell statuses={intakes[entry.id] ?? null} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** "Sent", or for a couple one line per person ("Client: sent", "Partner: in progress"); "—" when the type asks none. */
function IntakeCell({ statuses }: { statuses: BookingIntakeStatuses | null }) {
  if (!statuses) return <span className="text-ink-muted">—</span>;
  if (statuses.partner === null) return <>{INTAKE_STATUS_LABELS[statuses.primary]}</>;
  return (
    <>
      <span className="block whitespace-nowrap">Client: {INTAKE_STATUS_LABELS[statuses.primary].toLowerCase()}</span>
      <span className="block whitespace-nowrap">Partner: {INTAKE_STATUS_LABELS[statuses.partner].toLowerCase()}</span>
    </>
  );
}
