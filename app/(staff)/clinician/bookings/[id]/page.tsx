import type { Metadata } from 'next';
import Link from 'next/link';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { notFound } from 'next/navigation';
import { AppError, isUuid } from '@/lib/errors';
import { getBookingForStaff } from '@/lib/staff/booking-detail';
import { draftKey } from '@/lib/drafts/schemas';
import { getStaffDraft } from '@/lib/drafts/staff-drafts';
import { getClinicalRecord } from '@/lib/staff/clinical-notes';
import { OUTCOME_LABELS } from '@/lib/staff/dto';
import { BookingStatusControl } from '../../../_components/booking-status-control';
import { ContactDetails } from '../../../_components/contact-details';
import { requireStaffPage } from '../../../_lib/staff-guard';
import { ClinicalNotesForm } from '../../_components/clinical-notes-form';
import { findBookingMessages } from '@/lib/messaging/delivery-status';
import { BookingMessages } from '../../../_components/booking-messages';
import { CANCELLATION_LABELS } from '@/lib/bookings/cancellation-text';
import { MODALITY_NAMES, STATUS_LABELS, formatDateTime } from '../../_lib/format';
import { findIntakeStatuses } from '@/lib/intake/statuses';
import { intakeStatusesLine } from '../../../_components/intake-labels';

export const metadata: Metadata = { title: 'Consultation' };


async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
}

/** One consultation: contact details and the clinical record. The booking's own clinician only. */
export default async function ClinicianBookingPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireStaffPage('booking.read_clinical');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  // Contact first: the clinical read is audited, so it runs only for a booking this actor may open.
  const booking = await orNotFound(() => getBookingForStaff({ actor, bookingId: id }));
  if (!booking.allowed.readClinical) notFound();
  const record = await orNotFound(() => getClinicalRecord({ actor, bookingId: id }));
  // What the clinician typed here but had not saved (e.g. before an idle sign-out): offered back —
  // even when the record was saved since (another tab): the draft keeps the version it was typed
  // against, so saving it shows both texts instead of losing either.
  const draft = await getStaffDraft({ actor, formKey: draftKey('clinical-notes', id) });
  const zone = booking.practiceTimeZone;
  const locale = await getRequestLocale();
  const delivery = await findBookingMessages({ actor, bookingId: id });
  // The state only (no content, no audit): the intake itself opens on its own page, audited there.
  const intake = (await findIntakeStatuses({ actor, bookingIds: [id] }))[id] ?? null;
  const who = `${booking.clientName}${booking.partnerName ? ` & ${booking.partnerName}` : ''}`;
  const hasStarted = new Date(booking.startsAt).getTime() <= Date.now();

  return (
    <div className="mx-auto max-w-4xl px-5 py-10 sm:px-8">
      <p>
        <Link prefetch={false} href="/clinician" className="text-accent underline underline-offset-4">
          ← Today &amp; week
        </Link>
      </p>
      <h1 className="mt-3 font-serif text-3xl font-semibold text-ink">{who}</h1>
      <p className="mt-2 text-lg text-ink">
        {formatDateTime(booking.startsAt, zone, locale)} · {booking.type.title} · {MODALITY_NAMES[booking.type.modality]}
      </p>
      <p className="mt-1 text-ink-muted">
        <span data-testid="booking-status">{STATUS_LABELS[booking.status]}</span>
        {' · '}
        <span data-testid="consultation-outcome">{record.outcome ? OUTCOME_LABELS[record.outcome] : 'No outcome recorded'}</span> · ref{' '}
        {booking.reference}
        {booking.status === 'cancelled' && booking.cancellation ? ` · ${CANCELLATION_LABELS[booking.cancellation]}` : ''}
        {booking.cancelReason ? `: ${booking.cancelReason}` : ''}
      </p>

      <section aria-labelledby="intake-heading" className="mt-8">
        <h2 id="intake-heading" className="font-serif text-xl font-semibold text-ink">
          Intake
        </h2>
        {intake ? (
          <p className="mt-2 text-ink">
            <span data-testid="intake-state">{intakeStatusesLine(intake, { client: booking.clientName, partner: booking.partnerName })}</span>
            {' · '}
            <Link prefetch={false} href={`/clinician/bookings/${booking.id}/intake`} className="font-medium text-accent underline underline-offset-4">
              {booking.partnerName ? 'Open the intakes' : 'Open the intake'}
            </Link>
          </p>
        ) : (
          <p className="mt-2 text-ink-muted">This consultation type asks no intake questionnaire.</p>
        )}
      </section>

      <ContactDetails booking={booking} headingClassName="font-serif text-xl font-semibold text-ink" />

      <section aria-labelledby="client-note-heading" className="mt-8">
        <h2 id="client-note-heading" className="font-serif text-xl font-semibold text-ink">
          What brings them
        </h2>
        <p className="mt-2 whitespace-pre-wrap text-ink" data-testid="client-note">
          {record.clientNote ?? <span className="text-ink-muted">The client did not write a note.</span>}
        </p>
      </section>

      <BookingMessages delivery={delivery} timeZone={zone} locale={locale} headingClassName="font-serif text-xl font-semibold text-ink" />

      {booking.allowed.setStatus ? (
        <BookingStatusControl bookingId={booking.id} status={booking.status} started={hasStarted} headingLevel={2} className="mt-8" />
      ) : null}

      <section aria-labelledby="notes-heading" className="mt-8">
        <h2 id="notes-heading" className="font-serif text-xl font-semibold text-ink">
          Your notes
        </h2>
        {booking.allowed.writeClinical ? (
          <ClinicalNotesForm
            bookingId={record.bookingId}
            initialNotes={record.clinicianNotes ?? ''}
            initialOutcome={record.outcome}
            initialVersion={record.version}
            timeZone={zone}
            updatedLabel={record.updatedAt ? formatDateTime(record.updatedAt, zone, locale) : null}
            hasStarted={hasStarted}
            draft={draft ? { values: draft.values, savedLabel: formatDateTime(draft.savedAt, zone, locale) } : null}
          />
        ) : (
          <p className="mt-2 whitespace-pre-wrap text-ink">{record.clinicianNotes ?? 'No notes.'}</p>
        )}
      </section>
    </div>
  );
}
