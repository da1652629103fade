import { notFound } from 'next/navigation';
import type { ManagedBooking } from '@/lib/bookings/dto';
import { formatFee, formatLongDate, typeFacts } from '@/components/booking/format';
import { ButtonLink, buttonClasses } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { getLinkEmails, type LinkEmails } from '@/lib/bookings/link-emails';
import { getIntakeStatusForLink } from '@/lib/intake/client-intake';
import type { PublicIntakeStatus } from '@/lib/intake/types';
import { getVideoRoomForLink, type VideoRoomView } from '@/lib/bookings/video-room';
import { loadManagedBooking } from '../../_lib/booking-data';
import { single, type SearchParams } from '../../_lib/params';
import { getRequestLocale } from '../../_lib/request-locale';
import { HolderDateTime, HolderWhenWhere } from './_components/holder-time';

export const dynamic = 'force-dynamic';

const STATUS_LABEL: Record<ManagedBooking['status'], string> = {
  requested: 'Requested: waiting for the practice to confirm',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Took place',
  no_show: 'Missed',
};

/** A cancelled booking says who ended it: a decline, the practice, or a private link. */
function statusLabel(booking: ManagedBooking): string {
  if (booking.status !== 'cancelled') return STATUS_LABEL[booking.status];
  if (booking.cancellation === 'declined') return 'Declined by the practice';
  if (booking.cancellation === 'practice') return 'Cancelled by the practice';
  return 'Cancelled';
}

function telHref(phone: string) {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export default async function ManageBookingPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { token } = await params;
  const booking = await loadManagedBooking(token);
  if (!booking) notFound();
  const query = await searchParams;
  const justBooked = single(query.booked) === '1' && (booking.status === 'requested' || booking.status === 'confirmed');

  const startMs = Date.parse(booking.startsAt);
  const endMs = Date.parse(booking.endsAt);
  const phone = booking.practice.phone;
  const cancelled = booking.status === 'cancelled';
  const live = booking.status === 'requested' || booking.status === 'confirmed';
  // The room's address only inside its window (never in the page's metadata: that reads the booking alone).
  const videoRoom = await getVideoRoomForLink({ actor: { kind: 'link', token } });
  // This holder's own intake only (no device needed: a status, no content); null = none for this type.
  const intakeStatus = await getIntakeStatusForLink({ actor: { kind: 'link', token } });

  return (
    <div className="space-y-8">
      <Banner booking={booking} query={query} emails={justBooked ? await getLinkEmails({ actor: { kind: 'link', token } }) : null} />

      <header>
        <h1 className="font-serif text-3xl font-semibold text-ink sm:text-4xl">
          {booking.cancellation === 'declined' ? 'Your consultation request' : 'Your consultation'}
        </h1>
        <p className="mt-2 text-ink-muted">
          Status: <span className="font-semibold text-ink" data-testid="booking-status">{statusLabel(booking)}</span>
        </p>
      </header>

      <section aria-labelledby="details-heading" className="rounded-2xl border border-line bg-surface p-5 sm:p-6">
        <h2 id="details-heading" className="sr-only">
          Details
        </h2>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[8rem_1fr]">
          <dt className="font-medium text-ink-muted">What</dt>
          <dd className="text-ink">
            <span className="block font-semibold">{booking.type.title}</span>
            <span className="block text-ink-muted">
              {typeFacts(booking.type)} · {formatFee(booking.type.feeCents)}
            </span>
          </dd>
          <dt className="font-medium text-ink-muted">With</dt>
          <dd className="text-ink">{booking.clinicianName}</dd>
          <dt className="font-medium text-ink-muted">For</dt>
          <dd className="text-ink">{booking.partnerName ? `${booking.clientName} and ${booking.partnerName}` : booking.clientName}</dd>
          <dt className="font-medium text-ink-muted">Reference</dt>
          <dd className="font-mono text-ink" data-testid="booking-reference">
            {booking.reference}
          </dd>
        </dl>
        <div className="mt-3">
          <HolderWhenWhere
            startMs={startMs}
            endMs={endMs}
            holderTimeZone={booking.holderTimeZone}
            practiceTimeZone={booking.practice.timeZone}
            modality={booking.type.modality}
            address={booking.practice.address}
            live={live}
          />
        </div>
        {booking.status === 'confirmed' ? (
          <p className="mt-5">
            <a href={`/m/${token}/calendar.ics`} download="consultation.ics" className="inline-flex min-h-11 items-center font-medium text-accent underline underline-offset-4">
              Add to calendar
            </a>
          </p>
        ) : booking.status === 'requested' ? (
          <p className="mt-5 text-ink-muted" data-testid="calendar-later">
            You can add it to your calendar once the practice confirms it.
          </p>
        ) : null}
      </section>

      {videoRoom ? <VideoRoom room={videoRoom} booking={booking} /> : null}

      {intakeStatus && (live || intakeStatus === 'sent') ? <IntakeStatus status={intakeStatus} token={token} /> : null}


      {cancelled ? (
        <ClosedExplanation booking={booking} phone={phone} />
      ) : (
        <section aria-labelledby="change-heading">
          <h2 id="change-heading" className="font-serif text-xl font-semibold text-ink">
            Need to change it?
          </h2>
          <ChangeOptions booking={booking} token={token} phone={phone} startMs={startMs} />
        </section>
      )}

      {live ? (
        <Notice tone="info" title="This page is your private link">
          <p>
            Bookmark it to come back to your consultation. Please don&apos;t share it: anyone with this link can see, move or
            cancel your booking.
          </p>
        </Notice>
      ) : null}
    </div>
  );
}

const INTAKE_STATUS: Record<PublicIntakeStatus, { label: string; text: string; action: string }> = {
  not_started: {
    label: 'Not started',
    text: 'Your clinician asks a few questions before you meet. It takes about 20 minutes, and your answers are saved as you go.',
    action: 'Start the questions',
  },
  in_progress: { label: 'In progress', text: 'Your answers so far are saved. Carry on where you left off, on any device.', action: 'Continue' },
  sent: { label: 'Sent', text: 'Thank you: your answers are with the practice.', action: 'View what you sent' },
};

/** This person's own questions before the consultation: where they are, and the way in (a code is asked on a new device). */
function IntakeStatus({ status, token }: { status: PublicIntakeStatus; token: string }) {
  const words = INTAKE_STATUS[status];
  return (
    <section aria-labelledby="intake-heading" className="rounded-2xl border border-line bg-surface p-5 sm:p-6" data-testid="intake-section">
      <h2 id="intake-heading" className="font-serif text-xl font-semibold text-ink">
        Before you meet
      </h2>
      <p className="mt-2 text-ink">
        Intake: <span className="font-semibold" data-testid="intake-status">{words.label}</span>
      </p>
      <p className="mt-1 text-ink-muted">{words.text}</p>
      <p className="mt-4">
        <ButtonLink href={`/m/${token}/intake`} prefetch={false} variant={status === 'sent' ? 'secondary' : 'primary'}>
          {words.action}
        </ButtonLink>
      </p>
    </section>
  );
}

/** "Join video" from 24 hours before a confirmed video consultation until its end; before that, when it will appear. */
function VideoRoom({ room, booking }: { room: VideoRoomView; booking: ManagedBooking }) {
  return (
    <section aria-labelledby="video-heading" className="rounded-2xl border border-line bg-surface p-5 sm:p-6" data-testid="video-room">
      <h2 id="video-heading" className="font-serif text-xl font-semibold text-ink">
        Video
      </h2>
      {room.state === 'open' ? (
        <>
          <p className="mt-2 text-ink">Your consultation with {booking.clinicianName} is by video. Join from here at the time, on a device with a camera and a microphone.</p>
          <p className="mt-4">
            <a href={room.url} rel="noopener noreferrer" target="_blank" className={buttonClasses()}>
              Join video
            </a>
          </p>
        </>
      ) : room.state === 'later' ? (
        <p className="mt-2 text-ink" data-testid="video-later">
          Your video link will appear here from{' '}
          <HolderDateTime ms={Date.parse(room.opensAt)} holderTimeZone={booking.holderTimeZone} practiceTimeZone={booking.practice.timeZone} /> (24 hours before).
        </p>
      ) : (
        <p className="mt-2 text-ink" data-testid="video-not-set">
          Your video link isn&apos;t ready yet. It will appear here before the consultation{booking.practice.phone ? `; if it hasn't by then, call ${booking.practice.phone}` : ''}.
        </p>
      )}
    </section>
  );
}

/**
 * Where the links went, on the booker's confirmation: their own (unless they asked not to be
 * emailed) and their partner's own link, to the address they gave (masked) — never the partner's
 * link itself.
 */
function EmailedLinks({ emails }: { emails: LinkEmails | null }) {
  if (!emails) return null;
  return (
    <>
      {emails.partner ? (
        <p className="mt-2" data-testid="partner-link-emailed">
          We&apos;ve emailed {emails.partner.firstName}&apos;s own private link to {emails.partner.maskedAddress}.
        </p>
      ) : null}
      <p className="mt-2" data-testid="own-link-emailed">
        {emails.own
          ? `We've emailed you the link to this page too, at ${emails.own}.`
          : "As you asked, we won't email you: bookmark this page, it's your private link."}
      </p>
    </>
  );
}

function Banner({ booking, query, emails }: { booking: ManagedBooking; query: SearchParams; emails: LinkEmails | null }) {
  if (single(query.cancelled) === '1' && booking.status === 'cancelled') {
    return (
      <Notice tone="info" role="status" title="Your consultation is cancelled" testId="banner">
        <p>Thank you for letting us know. If you&apos;d like to book again later, you&apos;re welcome any time.</p>
      </Notice>
    );
  }
  if (single(query.rescheduled) === '1' && booking.status !== 'cancelled') {
    return (
      <Notice tone="success" role="status" title="Your consultation has been moved" testId="banner">
        <p>
          The new time is{' '}
          <strong data-testid="moved-to">
            <HolderDateTime ms={Date.parse(booking.startsAt)} holderTimeZone={booking.holderTimeZone} practiceTimeZone={booking.practice.timeZone} />
          </strong>
          .{booking.status === 'confirmed' ? ' Your calendar file has the new time too.' : ''}
        </p>
      </Notice>
    );
  }
  if (single(query.booked) === '1' && booking.status === 'requested') {
    return (
      <Notice tone="success" role="status" title="Request sent — we'll confirm within one business day" testId="banner">
        <p>The practice will get back to you in the way you asked. Nothing else is needed from you for now.</p>
        <EmailedLinks emails={emails} />
      </Notice>
    );
  }
  if (single(query.booked) === '1' && booking.status === 'confirmed') {
    return (
      <Notice tone="success" role="status" title="You're booked" testId="banner">
        <p>Your consultation is confirmed. Everything you need is on this page.</p>
        <EmailedLinks emails={emails} />
      </Notice>
    );
  }
  return null;
}

async function ChangeOptions({ booking, token, phone, startMs }: { booking: ManagedBooking; token: string; phone: string; startMs: number }) {
  const callUs = phone ? (
    <a href={telHref(phone)} className="font-medium text-accent underline underline-offset-4">
      {phone}
    </a>
  ) : (
    'the practice'
  );

  if (booking.canChange) {
    return (
      <>
        <p className="mt-2 text-ink-muted" data-testid="change-cutoff">
          You can move or cancel online until{' '}
          <HolderDateTime ms={Date.parse(booking.changeCutoffAt)} holderTimeZone={booking.holderTimeZone} practiceTimeZone={booking.practice.timeZone} />.
        </p>
        <div className="mt-4 flex flex-wrap gap-3">
          <ButtonLink href={`/m/${token}/reschedule`} variant="secondary">
            Reschedule
          </ButtonLink>
          <ButtonLink href={`/m/${token}/cancel`} variant="secondary">
            Cancel consultation
          </ButtonLink>
        </div>
      </>
    );
  }
  if (booking.status === 'completed' || booking.status === 'no_show' || startMs <= Date.now()) {
    return (
      <p className="mt-2 text-ink" data-testid="cannot-change">
        This consultation&apos;s time has passed. To arrange another, call {callUs}.
      </p>
    );
  }
  const hours = Math.round((startMs - Date.parse(booking.changeCutoffAt)) / 3_600_000);
  return (
    <p className="mt-2 text-ink" data-testid="cannot-change">
      It&apos;s less than {hours} hours away — please call {callUs} to change it.
    </p>
  );
}

/**
 * What a cancelled booking's page says happened, and what the person can do now. A declined
 * request shows the clinician's message (the clinician was told the client would see it).
 */
async function ClosedExplanation({ booking, phone }: { booking: ManagedBooking; phone: string }) {
  const locale = await getRequestLocale();
  const zone = booking.holderTimeZone ?? booking.practice.timeZone;
  const on = booking.cancelledAt ? ` on ${formatLongDate(Date.parse(booking.cancelledAt), zone, locale)}` : '';
  const bookAgain = (
    <a href="/" className="text-accent underline underline-offset-4">
      choose a new consultation
    </a>
  );
  const callUs = phone ? (
    <a href={telHref(phone)} className="font-medium text-accent underline underline-offset-4">
      {phone}
    </a>
  ) : (
    'the practice'
  );
  if (booking.cancellation === 'declined') {
    return (
      <section aria-labelledby="closed-heading" data-testid="closed" className="space-y-3">
        <h2 id="closed-heading" className="font-serif text-xl font-semibold text-ink">
          The practice declined this request
        </h2>
        <p className="text-ink">
          {booking.clinicianName} couldn&apos;t take this request{on}, so this time is not booked for you.
        </p>
        {booking.declineMessage ? (
          <figure className="rounded-2xl border border-line bg-surface p-5">
            <figcaption className="font-medium text-ink-muted">Message from {booking.clinicianName}</figcaption>
            <blockquote className="mt-2 whitespace-pre-wrap text-ink" data-testid="decline-message">
              {booking.declineMessage}
            </blockquote>
          </figure>
        ) : null}
        <p className="text-ink">
          If you&apos;d like to try another time, you can {bookAgain}, or call {callUs}.
        </p>
      </section>
    );
  }
  if (booking.cancellation === 'practice') {
    return (
      <section aria-labelledby="closed-heading" data-testid="closed" className="space-y-3">
        <h2 id="closed-heading" className="font-serif text-xl font-semibold text-ink">
          The practice cancelled this consultation
        </h2>
        <p className="text-ink">
          {booking.practice.name} cancelled it{on}. We&apos;re sorry for the change. To find another time, call {callUs} or {bookAgain}.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="closed-heading" data-testid="closed" className="space-y-3">
      <h2 id="closed-heading" className="font-serif text-xl font-semibold text-ink">
        This consultation was cancelled
      </h2>
      <p className="text-ink" data-testid="cannot-change">
        This consultation was cancelled{on} from a private link. To book again, {bookAgain}.
      </p>
    </section>
  );
}
