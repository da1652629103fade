import type { Metadata } from 'next';
import { requireStaffPage } from '../_lib/staff-guard';

export const metadata: Metadata = { title: 'Today & week' };

/** Clinicians only: the front desk holds no clinical permission, so this page is "not found" for them. */
export default async function ClinicianHomePage() {
  const { displayName } = await requireStaffPage('booking.read_clinical');
  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Today &amp; week</h1>
      <p className="mt-3 text-lg text-ink">Hello, {displayName}.</p>
      <p className="mt-2 text-ink-muted" data-testid="workspace-placeholder">
        Your workspace is being built: today&apos;s consultations and the week ahead will appear here.
      </p>
    </div>
  );
}
