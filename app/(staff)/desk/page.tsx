import type { Metadata } from 'next';
import { requireStaffPage } from '../_lib/staff-guard';

export const metadata: Metadata = { title: 'Schedule' };

/** The practice-wide schedule: the front desk's home (clinicians hold `schedule.read` too). */
export default async function DeskHomePage() {
  const { displayName } = await requireStaffPage('schedule.read');
  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Schedule</h1>
      <p className="mt-3 text-lg text-ink">Hello, {displayName}.</p>
      <p className="mt-2 text-ink-muted" data-testid="workspace-placeholder">
        Your workspace is being built: the day and week schedule across all clinicians, with search, will appear here.
      </p>
    </div>
  );
}
