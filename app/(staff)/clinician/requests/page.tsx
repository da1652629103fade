import type { Metadata } from 'next';
import Link from 'next/link';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { draftKey } from '@/lib/drafts/schemas';
import { findStaffDrafts } from '@/lib/drafts/staff-drafts';
import { getStaffPractice } from '@/lib/staff/practice';
import { findPendingRequests } from '@/lib/staff/requests';
import { requireStaffPage } from '../../_lib/staff-guard';
import { RequestDecision } from '../_components/request-decision';
import { MODALITY_NAMES, formatDateTime } from '../_lib/format';

export const metadata: Metadata = { title: 'Requests' };

function draftMessageOf(values: Record<string, unknown> | undefined): string | null {
  return typeof values?.message === 'string' && values.message.trim() !== '' ? values.message : null;
}

/** Request-mode bookings waiting for this clinician's answer. Clinicians only. */
export default async function ClinicianRequestsPage() {
  const { actor } = await requireStaffPage('booking.decide_request');
  const now = new Date();
  const [requests, practice] = await Promise.all([findPendingRequests({ actor, now }), getStaffPractice({ actor })]);
  const zone = practice.timeZone;
  const locale = await getRequestLocale();
  // Decline messages typed but not sent (e.g. before an idle sign-out) come back.
  const drafts = await findStaffDrafts({ actor, formKeys: requests.map((r) => draftKey('decline-request', r.id)), now });

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
                  {formatDateTime(request.startsAt, zone, locale)} · {request.type.title} · {MODALITY_NAMES[request.type.modality]}
                </p>
                <p className="mt-1 text-sm text-ink-muted">
                  Asked {formatDateTime(request.requestedAt, zone, locale)} · ref {request.reference}
                </p>
                <RequestDecision
                  bookingId={request.id}
                  who={who}
                  isPast={request.isPast}
                  draftMessage={draftMessageOf(drafts.get(draftKey('decline-request', request.id))?.values)}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
