import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { countSlots } from '@/components/booking/slot-days';
import { getRequestLocale } from '@/app/_lib/request-locale';
import { formatLongDate, formatTime, formatTimeRange, formatTimeWithZoneName, modalityLabel, zoneLabel } from '@/components/booking/format';
import { Notice } from '@/components/ui/notice';
import type { StaffActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { findRescheduleSlots } from '@/lib/staff/reschedule';
import { requireStaffPage } from '../../../../_lib/staff-guard';
import { STATUS_LABELS } from '../../../_components/labels';
import { isMovable, loadBookingOrNotFound } from '../_lib/load-booking';
import { DeskReschedulePicker } from './_components/desk-reschedule-picker';

export const metadata: Metadata = { title: 'Reschedule' };

async function loadSlots(actor: StaffActor, bookingId: string, overrideNotice: boolean) {
  try {
    return await findRescheduleSlots({ actor, bookingId, overrideNotice });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

/**
 * Move one booking to a new time, for the front desk on the phone (and clinicians, who hold the
 * same permission): times in the practice's zone, the client's beside them, and — with the
 * override — times inside the usual notice, marked. Never clinical content.
 */
export default async function DeskReschedulePage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireStaffPage('booking.reschedule');
  const { id } = await params;
  const booking = await loadBookingOrNotFound(actor, id);
  if (!booking.allowed.reschedule) notFound();

  const backHref = `/desk/bookings/${booking.id}`;
  const tz = booking.practiceTimeZone;
  const clientTz = booking.clientTimeZone;
  const start = Date.parse(booking.startsAt);
  const end = Date.parse(booking.endsAt);
  const movable = isMovable(booking, Date.now());
  const open = movable ? await loadSlots(actor, booking.id, booking.allowed.overrideNotice) : null;
  // The booking's own time comes back as free (it doesn't block itself): don't offer it as "new".
  const currentMinutes = start / 60_000;
  const slots = open?.ok ? open.slots.map((c) => ({ ...c, startMinutes: c.startMinutes.filter((m) => m !== currentMinutes) })) : [];
  const locale = await getRequestLocale();
  const clientTimeDiffers = clientTz !== tz && formatTime(start, clientTz, locale) !== formatTime(start, tz, locale);

  return (
    <div className="mx-auto max-w-4xl space-y-8 px-5 py-8 sm:px-8">
      <header>
        <Link href={backHref} prefetch={false} className="inline-flex min-h-11 items-center text-accent underline underline-offset-4">
          <span aria-hidden="true">←&nbsp;</span>Back to the booking
        </Link>
        <h1 className="mt-2 font-serif text-3xl font-semibold text-ink">Reschedule</h1>
        <p className="mt-2 text-ink">
          {booking.clientName} · {booking.type.title} · {modalityLabel(booking.type.modality)} · with {booking.clinician.displayName}
        </p>
      </header>

      <section aria-labelledby="current-heading" className="rounded-2xl border border-line bg-surface p-5 sm:p-6">
        <h2 id="current-heading" className="font-semibold text-ink">
          Current time
        </h2>
        <p className="mt-2 text-ink" data-testid="current-time">
          <span className="font-semibold">{formatLongDate(start, tz, locale)}</span>, {formatTimeRange(start, end, tz, locale)}
          <span className="text-ink-muted"> · {zoneLabel(tz)}, the practice</span>
        </p>
        {clientTimeDiffers ? (
          <p className="mt-1 text-ink-muted">
            For the client: {formatLongDate(start, clientTz, locale) !== formatLongDate(start, tz, locale) ? `${formatLongDate(start, clientTz, locale)}, ` : ''}
            {formatTimeWithZoneName(start, clientTz, locale)} · {zoneLabel(clientTz)}
          </p>
        ) : null}
        <p className="mt-1 text-sm text-ink-muted">Status: {STATUS_LABELS[booking.status]}</p>
      </section>

      {!movable ? (
        <Notice tone="warning" title="This booking can’t be moved" role="status" testId="cannot-move">
          <p>
            {booking.status === 'requested' || booking.status === 'confirmed'
              ? 'It has already started.'
              : `It is ${STATUS_LABELS[booking.status].toLowerCase()}.`}{' '}
            Only upcoming requested or confirmed bookings can be moved.
          </p>
        </Notice>
      ) : !open || !open.ok ? (
        <Notice tone="warning" title="This booking can’t be moved here" role="status" testId="cannot-move">
          <p>{open?.message ?? 'Please go back to the booking and try again.'}</p>
        </Notice>
      ) : (
        <>
          {Date.parse(open.clientCutoffAt) <= Date.parse(open.rangeStart) ? (
            <Notice tone="info" title="Too close for the client to move online" role="note">
              <p>It is past the time when the client can change this booking themselves. You can still move it here.</p>
            </Notice>
          ) : null}
          {open.overrideNotice ? (
            <p className="text-ink-muted">
              Times inside the usual notice are included and marked: a client could not choose them online. Other bookings are never
              overlapped.
            </p>
          ) : null}
          {countSlots(slots) === 0 ? (
            <Notice tone="info" title="No other free times in the next 60 days" role="status" testId="no-times">
              <p>There is no free time for this consultation with {booking.clinician.displayName}.</p>
            </Notice>
          ) : (
            <DeskReschedulePicker
              bookingId={booking.id}
              backHref={backHref}
              slots={slots}
              rangeStart={open.rangeStart}
              rangeEnd={open.rangeEnd}
              noticeEndsAt={open.noticeEndsAt}
              clientCutoffAt={open.clientCutoffAt}
              practiceTimeZone={open.timeZone}
              clientTimeZone={clientTz}
              showOfficeTime={open.type.modality === 'in_person'}
              overrideAllowed={open.overrideNotice}
            />
          )}
        </>
      )}
    </div>
  );
}
