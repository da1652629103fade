import Link from 'next/link';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { formatLocalDate } from '@/components/booking/format';
import { buttonClasses } from '@/components/ui/button';
import { scheduleHref, type ScheduleWindow } from '@/lib/staff/schedule-window';

/** A practice-local calendar date ('YYYY-MM-DD'), "Mon, Nov 30, 2026", in the viewer's locale. */
function longDate(key: string, locale: string): string {
  return formatLocalDate(key, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }, locale);
}

/**
 * Moving a staff schedule through time: previous week, today, next week (plain links) and a
 * date picker (a GET form, so it works before any script loads and with the keyboard alone).
 * The date travels as `?date=YYYY-MM-DD`; a bad one comes back as `error`, said beside the field.
 */
export async function ScheduleNav({
  path,
  window,
  error,
}: {
  /** The page's path: /clinician or /desk. */
  path: string;
  window: ScheduleWindow;
  /** Why `?date=` could not be read (the window then starts today). */
  error?: string;
}) {
  const locale = await getRequestLocale();
  const range = `${longDate(window.first, locale)} to ${longDate(window.last, locale)}`;
  return (
    <div className="mt-6 rounded-lg border border-line bg-surface px-4 py-4">
      <p className="font-medium text-ink" aria-live="polite" data-testid="schedule-range">
        Showing {range}
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-x-6 gap-y-3">
        <nav aria-label="Schedule weeks" className="flex flex-wrap items-center gap-2">
          <Link prefetch={false} href={scheduleHref(path, window.previous, window.today)} className={buttonClasses({ variant: 'secondary' })}>
            <span aria-hidden="true">←</span> Previous week
          </Link>
          <Link
            prefetch={false}
            href={path}
            className={buttonClasses({ variant: 'secondary' })}
            aria-current={window.first === window.today ? 'date' : undefined}
          >
            Today
          </Link>
          <Link prefetch={false} href={scheduleHref(path, window.next, window.today)} className={buttonClasses({ variant: 'secondary' })}>
            Next week <span aria-hidden="true">→</span>
          </Link>
        </nav>
        <form method="get" action={path} aria-label="Go to a date" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="schedule-date" className="block font-medium text-ink">
              Go to date
            </label>
            <input
              id="schedule-date"
              name="date"
              type="date"
              min="2000-01-01"
              max="2199-12-31"
              defaultValue={window.first}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'schedule-date-error' : undefined}
              className="mt-1.5 block rounded-lg border border-line-strong bg-surface px-3.5 py-2 text-base text-ink"
            />
          </div>
          <button type="submit" className={buttonClasses({ variant: 'primary' })}>
            Show
          </button>
        </form>
      </div>
      {error ? (
        <p id="schedule-date-error" role="alert" aria-label="Date not shown" className="mt-2 text-sm font-medium text-danger">
          {error} Showing today instead.
        </p>
      ) : null}
    </div>
  );
}
