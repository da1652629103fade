import type { Metadata } from 'next';
import Link from 'next/link';
import { findPendingRequests } from '@/lib/staff/requests';
import { findSchedule } from '@/lib/staff/schedule-queries';
import { requireStaffPage } from '../../_lib/staff-guard';
import { RequestDecision } from '../_components/request-decision';
import { MODALITY_NAMES, formatDateTime } from '../_lib/format';

export const metadata: Metadata = { title: 'Requests' };

/** Request-mode bookings waiting for this clinician's answer. Clinicians only. */
export default async function ClinicianRequestsPage() {
  const { actor } = await requireStaffPage('booking.decide_request');
  const now = new Date();
  const [requests, schedule] = await Promise.all([
    findPendingRequests({ actor, now }),
    // One day's range, only for the practice's zone (the requests carry the client's zone).
    findSchedule({ actor, from: now, to: new Date(now.getTime() + 60_000) }),
  ]);
  const zone = schedule.practice.timeZone;

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Requests</h1>
      <p className="mt-2 text-ink-muted">
        Each request holds its time until you answer. Times are in the practice&apos;s time zone ({zone}).
      </p>
      {requests.length === 0 ? (
        <p className="mt-6 text-ink" data-testid="no-requests">
          No requests are waiting for your answer.
        </p>
      ) : (
        <ul className="mt-6 space-y-4">
          {requests.map((request) => {
            const who = `${request.clientName}${request.partnerName ? ` & ${request.partnerName}` : ''}`;
            return (
              <li key={request.id} className="rounded-lg border border-line bg-surface p-4" aria-label={`Request from ${who}`}>
                <p className="font-medium text-ink">
                  <Link prefetch={false} href={`/clinician/bookings/${request.id}`} className="text-accent underline underline-offset-4">
                    {who}
                  </Link>
                </p>
                <p className="mt-1 text-ink">
                  {formatDateTime(request.startsAt, zone)} · {request.type.title} · {MODALITY_NAMES[request.type.modality]}
                </p>
                <p className="mt-1 text-sm text-ink-muted">
                  Asked {formatDateTime(request.requestedAt, zone)} · ref {request.reference}
                </p>
                <RequestDecision bookingId={request.id} who={who} isPast={request.isPast} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
