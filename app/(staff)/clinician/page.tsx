import type { Metadata } from 'next';
import Link from 'next/link';
import type { BookingSummary } from '@/lib/staff/dto';
import { findPendingRequests } from '@/lib/staff/requests';
import { findSchedule } from '@/lib/staff/schedule-queries';
import { requireStaffPage } from '../_lib/staff-guard';
import { MODALITY_NAMES, STATUS_LABELS, formatDayHeading, formatTime, localDateKey } from './_lib/format';

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
  const today = localDateKey(now, zone);
  const lastDay = localDateKey(new Date(now.getTime() + 7 * DAY_MS), zone);

  // Today and the next 7 practice-local days; the margin either side of the query is dropped.
  const days = new Map<string, BookingSummary[]>();
  for (const entry of schedule.entries) {
    const key = localDateKey(entry.startsAt, zone);
    if (key < today || key > lastDay) continue;
    days.set(key, [...(days.get(key) ?? []), entry]);
  }
  if (!days.has(today)) days.set(today, []);
  const orderedDays = [...days.keys()].sort();

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

      {orderedDays.map((key) => {
        const entries = days.get(key) ?? [];
        const heading = key === today ? `Today, ${formatDayHeading(key)}` : formatDayHeading(key);
        return (
          <section key={key} aria-labelledby={`day-${key}`} className="mt-8">
            <h2 id={`day-${key}`} className="font-serif text-xl font-semibold text-ink">
              {heading}
            </h2>
            {entries.length === 0 ? (
              <p className="mt-2 text-ink-muted">No consultations.</p>
            ) : (
              <ul className="mt-3 divide-y divide-line rounded-lg border border-line bg-surface">
                {entries.map((entry) => (
                  <li key={entry.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-4 py-3">
                    <span className="w-36 font-medium text-ink tabular-nums">
                      {formatTime(entry.startsAt, zone)}–{formatTime(entry.endsAt, zone)}
                    </span>
                    <Link prefetch={false} href={`/clinician/bookings/${entry.id}`} className="font-medium text-accent underline underline-offset-4">
                      {entry.clientName}
                      {entry.partnerName ? ` & ${entry.partnerName}` : ''}
                    </Link>
                    <span className="text-ink-muted">
                      {entry.type.title} · {MODALITY_NAMES[entry.type.modality]}
                    </span>
                    <span className="ml-auto rounded-full border border-line-strong px-2.5 py-0.5 text-sm text-ink">
                      {STATUS_LABELS[entry.status]}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
