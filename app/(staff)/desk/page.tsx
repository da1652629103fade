import type { Metadata } from 'next';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { formatLongDate } from '@/components/booking/format';
import { buttonClasses } from '@/components/ui/button';
import { AppError } from '@/lib/errors';
import { findIntakeStatuses, type BookingIntakeStatuses } from '@/lib/intake/statuses';
import { findSchedule, searchBookings } from '@/lib/staff/schedule-queries';
import { parseScheduleDate, relativeDayName, scheduleFetchRange, scheduleWindow, type ScheduleWindow } from '@/lib/staff/schedule-window';
import type { BookingSearchResult, BookingSummary } from '@/lib/staff/dto';
import { ScheduleNav } from '../_components/schedule-nav';
import { requireStaffPage } from '../_lib/staff-guard';
import { BookingTable } from './_components/booking-table';
import { localDateKey } from './_components/labels';

export const metadata: Metadata = { title: 'Schedule' };

type SearchOutcome = { query: string; results: BookingSearchResult[] } | { query: string; error: string };

async function runSearch(actor: Parameters<typeof searchBookings>[0]['actor'], query: string): Promise<SearchOutcome> {
  try {
    return { query, results: await searchBookings({ actor, query }) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID') return { query, error: error.message };
    throw error;
  }
}

/**
 * The practice-wide schedule with search: the front desk's home. Today and the week ahead, or the
 * week from `?date=YYYY-MM-DD` (practice-local), with previous / next / today and a date picker.
 */
export default async function DeskHomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await requireStaffPage('schedule.read');
  const raw = (await searchParams).q;
  const query = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  const requested = parseScheduleDate((await searchParams).date);
  const date = requested.ok ? requested.date : null;
  const now = Date.now();

  const search = query ? await runSearch(actor, query) : null;
  const schedule = await findSchedule({ actor, ...scheduleFetchRange(date, now) });
  const timeZone = schedule.practice.timeZone;
  const window = scheduleWindow(date, localDateKey(now, timeZone));
  // Only not started / in progress / sent per person: all the front desk may know of an intake.
  const shownIds = search && 'results' in search ? search.results.map((r) => r.id) : schedule.entries.map((e) => e.id);
  const intakes = await findIntakeStatuses({ actor, bookingIds: shownIds });

  return (
    <div className="mx-auto max-w-6xl px-5 py-8 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Schedule</h1>

      <div className="mt-5">
        <form method="get" action="/desk" role="search" aria-label="Find a booking" className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <label htmlFor="q" className="block font-medium text-ink">
              Find a booking
            </label>
            <p id="q-hint" className="text-sm text-ink-muted">
              Client or partner name, email, or phone number.
            </p>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={query}
              aria-describedby={search && 'error' in search ? 'q-hint q-error' : 'q-hint'}
              aria-invalid={search && 'error' in search ? true : undefined}
              className="mt-1.5 block w-full rounded-lg border border-line-strong bg-surface px-3.5 py-2.5 text-base text-ink"
            />
          </div>
          <button type="submit" className={buttonClasses({ variant: 'primary' })}>
            Search
          </button>
          {query ? (
            <a href="/desk" className={buttonClasses({ variant: 'quiet' })}>
              Back to the schedule
            </a>
          ) : null}
        </form>
        {search && 'error' in search ? (
          <p id="q-error" className="mt-1.5 text-sm font-medium text-danger" role="alert">
            {search.error}
          </p>
        ) : null}
      </div>

      {search && 'results' in search ? (
        <section aria-labelledby="results-heading" className="mt-8">
          <h2 id="results-heading" className="text-xl font-semibold text-ink">
            Results for “{search.query}”
          </h2>
          <p className="mt-1 text-sm text-ink-muted" aria-live="polite">
            {search.results.length === 0
              ? 'No bookings match.'
              : `${search.results.length} booking${search.results.length === 1 ? '' : 's'}, latest first. Times in ${timeZone}.`}
          </p>
          {search.results.length ? (
            <div className="mt-3 overflow-x-auto">
              <BookingTable caption={`Bookings matching ${search.query}`} entries={search.results} timeZone={timeZone} showDate intakes={intakes} />
            </div>
          ) : null}
        </section>
      ) : (
        <>
          <ScheduleNav path="/desk" window={window} error={requested.ok ? undefined : requested.message} />
          <ScheduleDays entries={schedule.entries} timeZone={timeZone} window={window} intakes={intakes} />
        </>
      )}
    </div>
  );
}

async function ScheduleDays({
  entries,
  timeZone,
  window,
  intakes,
}: {
  entries: BookingSummary[];
  timeZone: string;
  window: ScheduleWindow;
  intakes: Readonly<Record<string, BookingIntakeStatuses | null>>;
}) {
  const locale = await getRequestLocale();
  const byDay = new Map<string, BookingSummary[]>(window.days.map((key) => [key, []]));
  for (const entry of entries) byDay.get(localDateKey(Date.parse(entry.startsAt), timeZone))?.push(entry);
  return (
    <div className="mt-8 space-y-8">
      <p className="text-sm text-ink-muted">Times in the practice’s zone, {timeZone}.</p>
      {window.days.map((key) => {
        const list = byDay.get(key) ?? [];
        // Noon UTC of the practice-local date, formatted in UTC, names that date.
        const date = formatLongDate(Date.parse(`${key}T12:00:00Z`), 'UTC', locale);
        const relative = relativeDayName(key, window.today);
        const label = relative ? `${relative}, ${date}` : date;
        const id = `day-${key}`;
        return (
          <section key={key} aria-labelledby={id}>
            <h2 id={id} className="text-lg font-semibold text-ink">
              {label}
            </h2>
            {list.length ? (
              <div className="mt-2 overflow-x-auto">
                <BookingTable caption={label} entries={list} timeZone={timeZone} intakes={intakes} />
              </div>
            ) : (
              <p className="mt-1 text-sm text-ink-muted">No consultations.</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
