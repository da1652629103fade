import Link from 'next/link';
import type { BookingSummary } from '@/lib/staff/dto';
import type { BookingIntakeStatuses } from '@/lib/intake/statuses';
import { intakeStatusesLine } from '../../_components/intake-labels';
import { relativeDayName, type ScheduleWindow } from '@/lib/staff/schedule-window';
import { formatTimeRange } from '@/components/booking/format';
import { MODALITY_NAMES, STATUS_LABELS, formatDayHeading } from '../_lib/format';

/** "Today, Monday, November 30" (or Yesterday / Tomorrow), else just the date. */
function dayHeading(key: string, today: string, locale: string): string {
  const relative = relativeDayName(key, today);
  return relative ? `${relative}, ${formatDayHeading(key, locale)}` : formatDayHeading(key, locale);
}

/**
 * The consultations of a schedule window (lib/staff/schedule-window.ts: a first day and the 7
 * after it, practice-local), grouped by day; every day of the window shows, an empty one says so.
 * A plain presentational component — no data loading, no hooks — so the /clinician page and
 * bench/week-view.bench.ts render exactly the same markup.
 * `entries` may include a margin either side of the window (findSchedule's range): it is dropped.
 * Times in the viewer's `locale`; a session that ends on the next date says so.
 * `intakes` (findIntakeStatuses): each booking's intake state, small ("Intake: sent"); a booking
 * whose type asks none, or one missing from the map, shows nothing.
 */
export function WeekView({
  entries,
  timeZone,
  window,
  locale,
  intakes = {},
}: {
  entries: BookingSummary[];
  timeZone: string;
  window: ScheduleWindow;
  locale: string;
  intakes?: Readonly<Record<string, BookingIntakeStatuses | null>>;
}) {
  // One day-key formatter per render, not per row (the time formatters are cached in zoned-time).
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

  const days = new Map<string, BookingSummary[]>(window.days.map((key) => [key, []]));
  for (const entry of entries) {
    days.get(dayKey.format(new Date(entry.startsAt)))?.push(entry);
  }

  return (
    <>
      {window.days.map((key) => {
        const list = days.get(key) ?? [];
        const heading = dayHeading(key, window.today, locale);
        return (
          <section key={key} aria-labelledby={`day-${key}`} className="mt-8">
            <h2 id={`day-${key}`} className="font-serif text-xl font-semibold text-ink">
              {heading}
            </h2>
            {list.length === 0 ? (
              <p className="mt-2 text-ink-muted">No consultations.</p>
            ) : (
              <ul className="mt-3 divide-y divide-line rounded-lg border border-line bg-surface">
                {list.map((entry) => (
                  <li key={entry.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-4 py-3">
                    <span className="min-w-36 font-medium text-ink tabular-nums">
                      {formatTimeRange(Date.parse(entry.startsAt), Date.parse(entry.endsAt), timeZone, locale)}
                    </span>
                    <Link prefetch={false} href={`/clinician/bookings/${entry.id}`} className="font-medium text-accent underline underline-offset-4">
                      {entry.clientName}
                      {entry.partnerName ? ` & ${entry.partnerName}` : ''}
                    </Link>
                    <span className="text-ink-muted">
                      {entry.type.title} · {MODALITY_NAMES[entry.type.modality]}
                    </span>
                    {intakes[entry.id] ? (
                      <span className="text-sm text-ink-muted" data-testid="intake-state">
                        {intakeStatusesLine(intakes[entry.id]!, { client: entry.clientName, partner: entry.partnerName })}
                      </span>
                    ) : null}
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
    </>
  );
}
