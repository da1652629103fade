import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getCalendarFeedSettings } from '@/lib/calendar/feed';
import { requireStaffPage } from '../../_lib/staff-guard';
import { CalendarFeedPanel } from './_components/calendar-feed-panel';

export const metadata: Metadata = { title: 'Calendar feed' };

/** The clinician's own private calendar feed: make, replace or turn off its address; names or initials. */
export default async function CalendarFeedPage() {
  const { actor } = await requireStaffPage('calendar_feed.manage');
  if (!actor.clinicianId) notFound();
  const settings = await getCalendarFeedSettings({ actor, clinicianId: actor.clinicianId });

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Calendar feed</h1>
      <p className="mt-2 max-w-3xl text-ink-muted">
        See your consultations in your own calendar app. Each one is titled with the practice&apos;s word and the client&apos;s initials
        (“{settings.title} · J. D.”), never the kind of consultation, a note or a reason. Requests waiting for your answer say “(request)”;
        cancelled consultations disappear. Calendar apps check for changes on their own schedule: Apple Calendar and Outlook every few
        minutes to hours, Google Calendar up to a day.
      </p>
      <CalendarFeedPanel initial={settings} />
    </div>
  );
}
