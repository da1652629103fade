import type { Metadata } from 'next';
import Link from 'next/link';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { formatLongDate, formatTimeRange, modalityLabel } from '@/components/booking/format';
import { draftKey } from '@/lib/drafts/schemas';
import { getStaffDraft } from '@/lib/drafts/staff-drafts';
import { ContactDetails } from '../../../_components/contact-details';
import { requireStaffPage } from '../../../_lib/staff-guard';
import { CANCELLATION_LABELS } from '@/lib/bookings/cancellation-text';
import { STATUS_LABELS } from '../../_components/labels';
import { findBookingMessages } from '@/lib/messaging/delivery-status';
import { maskEmail } from '@/lib/messaging/mask';
import { BookingMessages } from '../../../_components/booking-messages';
import { findIntakeStatuses } from '@/lib/intake/statuses';
import { INTAKE_STATUS_LABELS } from '../../../_components/intake-labels';
import { BookingActions } from './_components/booking-actions';
import { isMovable, loadBookingOrNotFound } from './_lib/load-booking';

export const metadata: Metadata = { title: 'Booking' };

/** One booking for the front desk: contact details and preferences, and what can be done. Never clinical content. */
export default async function DeskBookingPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireStaffPage('booking.read_contact');
  const { id } = await params;
  const booking = await loadBookingOrNotFound(actor, id);
  // A cancellation reason typed but not submitted (e.g. before an idle sign-out) comes back.
  const cancelDraft = booking.allowed.cancel ? await getStaffDraft({ actor, formKey: draftKey('desk-cancel', booking.id) }) : null;
  const tz = booking.practiceTimeZone;
  const start = Date.parse(booking.startsAt);
  const end = Date.parse(booking.endsAt);
  const now = Date.now();
  const started = start <= now;
  const locale = await getRequestLocale();
  const delivery = await findBookingMessages({ actor, bookingId: booking.id });
  // Whether each person's intake is not started, in progress or sent: nothing more, for the desk.
  const intake = (await findIntakeStatuses({ actor, bookingIds: [booking.id] }))[booking.id] ?? null;

  return (
    <div className="mx-auto max-w-4xl px-5 py-8 sm:px-8">
      <p>
        <Link href="/desk" prefetch={false} className="text-accent underline underline-offset-4">
          ← Schedule
        </Link>
      </p>
      <h1 className="mt-3 font-serif text-3xl font-semibold text-ink">{booking.clientName}</h1>
      <p className="mt-2 text-ink">
        {booking.type.title} · {modalityLabel(booking.type.modality)} · with {booking.clinician.displayName}
      </p>
      <p className="mt-1 text-ink">
        <span data-testid="booking-time">
          {formatLongDate(start, tz, locale)}, {formatTimeRange(start, end, tz, locale)}
        </span>{' '}
        <span className="text-ink-muted">({tz})</span>
        {booking.allowed.reschedule && isMovable(booking, now) ? (
          <>
            {' · '}
            <Link href={`/desk/bookings/${booking.id}/reschedule`} prefetch={false} className="text-accent underline underline-offset-4">
              Reschedule
            </Link>
          </>
        ) : null}
      </p>
      <p className="mt-1 text-ink">
        Status: <span className="font-semibold" data-testid="booking-status">{STATUS_LABELS[booking.status]}</span>
        <span className="text-ink-muted"> · Reference {booking.reference}</span>
      </p>
      {intake ? (
        <p className="mt-1 text-ink" data-testid="intake-state">
          Intake:{' '}
          {intake.partner === null ? (
            <span className="font-semibold">{INTAKE_STATUS_LABELS[intake.primary]}</span>
          ) : (
            <>
              {booking.clientName} <span className="font-semibold">{INTAKE_STATUS_LABELS[intake.primary].toLowerCase()}</span>
              {' · '}
              {booking.partner?.name ?? 'Partner'} <span className="font-semibold">{INTAKE_STATUS_LABELS[intake.partner].toLowerCase()}</span>
            </>
          )}
        </p>
      ) : null}
      {booking.status === 'cancelled' && booking.cancellation ? (
        <p className="mt-1 text-sm text-ink-muted" data-testid="cancellation">
          {CANCELLATION_LABELS[booking.cancellation]}
          {booking.cancelReason ? `: ${booking.cancelReason}` : ''}
        </p>
      ) : null}

      <ContactDetails booking={booking} headingClassName="text-xl font-semibold text-ink" />

      <BookingMessages delivery={delivery} timeZone={tz} locale={locale} headingClassName="text-xl font-semibold text-ink" />

      <BookingActions
        bookingId={booking.id}
        status={booking.status}
        started={started}
        hasPartner={booking.partner !== null}
        draftReason={typeof cancelDraft?.values.reason === 'string' && cancelDraft.values.reason.trim() ? cancelDraft.values.reason : null}
        maskedAddresses={{ primary: maskEmail(booking.contact.email), partner: booking.partner?.email ? maskEmail(booking.partner.email) : null }}
        allowed={{ cancel: booking.allowed.cancel, setStatus: booking.allowed.setStatus, reissueLink: booking.allowed.reissueLink }}
      />
    </div>
  );
}
