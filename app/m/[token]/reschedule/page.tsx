import Link from 'next/link';
import { notFound } from 'next/navigation';
import { findOpenSlotsForReschedule } from '@/lib/bookings/queries';
import { countSlots } from '@/components/booking/slot-days';
import { typeFacts } from '@/components/booking/format';
import { Notice } from '@/components/ui/notice';
import { HolderWhenWhere } from '../_components/holder-time';
import { loadManagedBooking } from '../../../_lib/booking-data';
import { linkActorOrNotFound } from '../../../_lib/link-token';
import { ReschedulePicker } from './_components/reschedule-picker';

export const dynamic = 'force-dynamic';

export default async function ReschedulePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = linkActorOrNotFound(token);
  const booking = await loadManagedBooking(token);
  if (!booking) notFound();
  const open = booking.canChange ? await findOpenSlotsForReschedule({ actor }) : null;
  const phone = booking.practice.phone;
  // The booking's own time comes back as free (it doesn't block itself): don't offer it as "new".
  const currentMinutes = Date.parse(booking.startsAt) / 60_000;
  const slots = open ? open.slots.map((c) => ({ ...c, startMinutes: c.startMinutes.filter((m) => m !== currentMinutes) })) : [];

  return (
    <div className="space-y-8">
      <header>
        <Link href={`/m/${token}`} className="inline-flex min-h-11 items-center text-accent underline underline-offset-4">
          <span aria-hidden="true">←&nbsp;</span>Back to your consultation
        </Link>
        <h1 className="mt-2 font-serif text-3xl font-semibold text-ink sm:text-4xl">Choose a new time</h1>
        <p className="mt-2 text-ink-muted">
          {booking.type.title} · {typeFacts(booking.type)}
        </p>
      </header>

      <section aria-labelledby="current-heading" className="rounded-2xl border border-line bg-surface p-5 sm:p-6">
        <h2 id="current-heading" className="font-semibold text-ink">
          Current time
        </h2>
        <div className="mt-3">
          <HolderWhenWhere
            startMs={Date.parse(booking.startsAt)}
            endMs={Date.parse(booking.endsAt)}
            holderTimeZone={booking.holderTimeZone}
            practiceTimeZone={booking.practice.timeZone}
            modality={booking.type.modality}
            address={booking.practice.address}
            live={booking.status === 'requested' || booking.status === 'confirmed'}
          />
        </div>
      </section>

      {!booking.canChange || !open ? (
        <Notice tone="warning" title="This consultation can't be moved online" role="status" testId="cannot-change">
          <p>
            {booking.cancellation === 'declined'
              ? 'The practice declined this request, so there is no time to move.'
              : booking.status === 'cancelled'
              ? 'This consultation was cancelled.'
              : `It's too close to the time, or it is no longer open. Please call ${phone || 'the practice'} to change it.`}
          </p>
        </Notice>
      ) : countSlots(slots) === 0 ? (
        <Notice tone="info" title="No other times in the next 60 days" role="status" testId="no-times">
          <p>Please call {phone || 'the practice'} and we&apos;ll find a time with you.</p>
        </Notice>
      ) : (
        <ReschedulePicker
          token={token}
          slots={slots}
          rangeStart={open.rangeStart}
          rangeEnd={open.rangeEnd}
          practiceTimeZone={open.practice.timeZone}
          showOfficeTime={open.type.modality === 'in_person'}
          initialTimeZone={booking.holderTimeZone}
        />
      )}
    </div>
  );
}
