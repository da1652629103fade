import Link from 'next/link';
import type { BookingSummary } from '@/lib/staff/dto';
import { relativeDayName, type ScheduleWindow } from '@/lib/staff/schedule-window';
import { MODALITY_NAMES, STATUS_LABELS, formatDayHeading } from '../_lib/format';

/** "Today, Monday, November 30" (or Yesterday / Tomorrow), else just the date. */
function dayHeading(key: string, today: string): string {
  const relative = relativeDayName(key, today);
  return relative ? `${relative}, ${formatDayHeading(key)}` : formatDayHeading(key);
}

/**
 * The consultations of a schedule window (lib/staff/schedule-window.ts: a first day and the 7
 * after it, practice-local), grouped by day; every day of the window shows, an empty one says so.
 * A plain presentational component — no data loading, no hooks — so the /clinician page and
 * bench/week-view.bench.ts render exactly the same markup.
 * `entries` may include a margin either side of the window (findSchedule's range): it is dropped.
 */
export function WeekView({ entries, timeZone, window }: { entries: BookingSummary[]; timeZone: string; window: ScheduleWindow }) {
  // One formatter pair per render, not per row: Intl.DateTimeFormat construction dominates otherwise.
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

  const days = new Map<string, BookingSummary[]>(window.days.map((key) => [key, []]));
  for (const entry of entries) {
    days.get(dayKey.format(new Date(entry.startsAt)))?.push(entry);
  }

  return (
    <>
      {window.days.map((key) => {
        const list = days.get(key) ?? [];
        const heading = dayHeading(key, window.today);
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
                    <span className="w-36 font-medium text-ink tabular-nums">
                      {time.format(new Date(entry.startsAt))}–{time.format(new Date(entry.endsAt))}
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
    </>
  );
}
