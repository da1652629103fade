import type { Metadata } from 'next';
import Link from 'next/link';
import { formatLongDate, formatTime, modalityLabel } from '@/components/booking/format';
import { draftKey } from '@/lib/drafts/schemas';
import { getStaffDraft } from '@/lib/drafts/staff-drafts';
import type { StaffBookingDetail } from '@/lib/staff/dto';
import { requireStaffPage } from '../../../_lib/staff-guard';
import { STATUS_LABELS } from '../../_components/labels';
import { BookingActions } from './_components/booking-actions';
import { isMovable, loadBookingOrNotFound } from './_lib/load-booking';

export const metadata: Metadata = { title: 'Booking' };

const CHANNEL_LABELS: Record<StaffBookingDetail['contact']['preferredChannel'], string> = {
  email: 'Email',
  phone: 'Phone call',
  text: 'Text message',
};

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

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
          {formatLongDate(start, tz)}, {formatTime(start, tz)}–{formatTime(end, tz)}
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
      {booking.status === 'cancelled' && booking.cancelReason ? (
        <p className="mt-1 text-sm text-ink-muted">
          Cancelled by {booking.cancelledBy ?? 'someone'}: {booking.cancelReason}
        </p>
      ) : null}

      <section aria-labelledby="contact-heading" className="mt-8">
        <h2 id="contact-heading" className="text-xl font-semibold text-ink">
          Contact
        </h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm">
          <dt className="text-ink-muted">Email</dt>
          <dd>
            <a href={`mailto:${booking.contact.email}`} className="text-accent underline underline-offset-4">
              {booking.contact.email}
            </a>
          </dd>
          <dt className="text-ink-muted">Phone</dt>
          <dd>
            <a href={`tel:${booking.contact.phone.replace(/[^\d+]/g, '')}`} className="text-accent underline underline-offset-4">
              {booking.contact.phone}
            </a>
          </dd>
          <dt className="text-ink-muted">Client’s time zone</dt>
          <dd>{booking.clientTimeZone}</dd>
          {booking.partner ? (
            <>
              <dt className="text-ink-muted">Partner</dt>
              <dd>
                {booking.partner.name ?? '—'}
                {booking.partner.email ? ` · ${booking.partner.email}` : ''}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="prefs-heading" className="mt-8">
        <h2 id="prefs-heading" className="text-xl font-semibold text-ink">
          Contact preferences
        </h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm">
          <dt className="text-ink-muted">Prefers</dt>
          <dd>{CHANNEL_LABELS[booking.contact.preferredChannel]}</dd>
          <dt className="text-ink-muted">OK to leave a voicemail</dt>
          <dd>{yesNo(booking.contact.okToLeaveVoicemail)}</dd>
          <dt className="text-ink-muted">OK to text</dt>
          <dd>{yesNo(booking.contact.okToText)}</dd>
          <dt className="text-ink-muted">OK to email</dt>
          <dd>{yesNo(booking.contact.okToEmail)}</dd>
        </dl>
      </section>

      <BookingActions
        bookingId={booking.id}
        status={booking.status}
        started={started}
        hasPartner={booking.partner !== null}
        draftReason={typeof cancelDraft?.values.reason === 'string' && cancelDraft.values.reason.trim() ? cancelDraft.values.reason : null}
        allowed={{ cancel: booking.allowed.cancel, setStatus: booking.allowed.setStatus, reissueLink: booking.allowed.reissueLink }}
      />
    </div>
  );
}
