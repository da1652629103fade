import type { Metadata } from 'next';
import Link from 'next/link';
import { findIntakeStatuses } from '@/lib/intake/statuses';
import { findPendingRequests } from '@/lib/staff/requests';
import { findSchedule } from '@/lib/staff/schedule-queries';
import { parseScheduleDate, scheduleFetchRange, scheduleWindow } from '@/lib/staff/schedule-window';
import { ScheduleNav } from '../_components/schedule-nav';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { requireStaffPage } from '../_lib/staff-guard';
import { localDateKey } from './_lib/format';
import { WeekView } from './_components/week-view';

export const metadata: Metadata = { title: 'Today & week' };

/**
 * Clinicians only: the front desk holds no clinical permission, so this page is "not found" for them.
 * Today and the week ahead, or the week from `?date=YYYY-MM-DD` (practice-local) with previous / next.
 */
export default async function ClinicianHomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor, displayName } = await requireStaffPage('booking.read_clinical');
  const requested = parseScheduleDate((await searchParams).date);
  const date = requested.ok ? requested.date : null;
  const now = new Date();
  const [schedule, requests] = await Promise.all([
    findSchedule({ actor, ...scheduleFetchRange(date, now.getTime()), clinicianId: actor.clinicianId ?? undefined }),
    findPendingRequests({ actor, now }),
  ]);
  const intakes = await findIntakeStatuses({ actor, bookingIds: schedule.entries.map((e) => e.id) });
  const zone = schedule.practice.timeZone;
  const window = scheduleWindow(date, localDateKey(now, zone));
  const locale = await getRequestLocale();

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

      <ScheduleNav path="/clinician" window={window} error={requested.ok ? undefined : requested.message} />

      <WeekView entries={schedule.entries} timeZone={zone} window={window} locale={locale} intakes={intakes} />
    </div>
  );
}
