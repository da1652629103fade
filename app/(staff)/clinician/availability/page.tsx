import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getAvailability } from '@/lib/availability/queries';
import { AppError } from '@/lib/errors';
import { localDateOf } from '@/lib/scheduling/zoned-time';
import { requireStaffPage } from '../../_lib/staff-guard';
import { AvailabilityVersionProvider } from './_components/availability-version';
import { OverridesEditor } from './_components/overrides-editor';
import { WeeklyHoursForm } from './_components/weekly-hours-form';

export const metadata: Metadata = { title: 'Availability' };

/**
 * The signed-in clinician's own hours: the weekly pattern, then time off and extra hours. Only a
 * clinician edits hours ('availability.edit'); anyone else gets "not found".
 */
export default async function AvailabilityPage() {
  const { actor } = await requireStaffPage('availability.edit');
  if (!actor.clinicianId) notFound();
  const clinicianId = actor.clinicianId;
  const view = await getAvailability({ actor, clinicianId }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  if (!view.canEdit) notFound();
  const today = localDateOf(Date.now(), view.timeZone);

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
      <h1 className="font-serif text-3xl font-semibold text-ink">Availability</h1>
      <p className="mt-2 text-ink-muted">
        When clients can book you. Times are in the practice&apos;s time zone ({view.timeZone}). Changes apply to new bookings at once;
        existing bookings always keep their times.
        {view.canEditTypes ? (
          <>
            {' '}
            Lengths, fees and notice are under{' '}
            <Link prefetch={false} href="/clinician/settings" className="text-accent underline underline-offset-4">
              Consultation types
            </Link>
            .
          </>
        ) : null}
      </p>

      <AvailabilityVersionProvider initial={view.version}>
      <section aria-labelledby="weekly-heading" className="mt-8">
        <h2 id="weekly-heading" className="font-serif text-xl font-semibold text-ink">
          Weekly hours
        </h2>
        <WeeklyHoursForm initialRules={view.weeklyRules} timeZone={view.timeZone} />
      </section>

      <section aria-labelledby="overrides-heading" className="mt-12">
        <h2 id="overrides-heading" className="font-serif text-xl font-semibold text-ink">
          Time off and extra hours
        </h2>
        <p className="mt-1 text-ink-muted">For single dates. Time off wins over weekly and extra hours on its date.</p>
        <OverridesEditor initial={view.overrides} timeZone={view.timeZone} today={today} />
      </section>
      </AvailabilityVersionProvider>
    </div>
  );
}
