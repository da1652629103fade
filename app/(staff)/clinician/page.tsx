import type { Metadata } from 'next';
import Link from 'next/link';
import { findPendingRequests } from '@/lib/staff/requests';
import { findSchedule } from '@/lib/staff/schedule-queries';
import { requireStaffPage } from '../_lib/staff-guard';
import { WeekView } from './_components/week-view';

export const metadata: Metadata = { title: 'Today & week' };

const DAY_MS = 86_400_000;

/** Clinicians only: the front desk holds no clinical permission, so this page is "not found" for them. */
export default async function ClinicianHomePage() {
  const { actor, displayName } = await requireStaffPage('booking.read_clinical');
  const now = new Date();
  const [schedule, requests] = await Promise.all([
    findSchedule({
      actor,
      from: new Date(now.getTime() - DAY_MS),
      to: new Date(now.getTime() + 8 * DAY_MS),
      clinicianId: actor.clinicianId ?? undefined,
    }),
    findPendingRequests({ actor, now }),
  ]);
  const zone = schedule.practice.timeZone;

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Today &amp; week</h1>
      <p className="mt-3 text-lg text-ink">Hello, {displayName}.</p>
      <p className="mt-1 text-sm text-ink-muted">Times are in the practice&apos;s time zone ({zone}).</p>

      <p className="mt-4" data-testid="pending-requests">
        {requests.length === 0 ? (
          <span className="text-ink-muted">No requests are waiting for your answer.</span>
        ) : (
          <Link prefetch={false} href="/clinician/requests" className="font-medium text-accent underline underline-offset-4">
            {requests.length === 1 ? '1 request is waiting for your answer' : `${requests.length} requests are waiting for your answer`}
          </Link>
        )}
      </p>

      <WeekView entries={schedule.entries} timeZone={zone} now={now} />
    </div>
  );
}
