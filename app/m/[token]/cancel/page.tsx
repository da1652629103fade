import Link from 'next/link';
import { notFound } from 'next/navigation';
import { typeFacts } from '@/components/booking/format';
import { Notice } from '@/components/ui/notice';
import { HolderWhenWhere } from '../_components/holder-time';
import { loadManagedBooking } from '../../../_lib/booking-data';
import { CancelForm } from './_components/cancel-form';

export const dynamic = 'force-dynamic';

export default async function CancelPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const booking = await loadManagedBooking(token);
  if (!booking) notFound();
  const phone = booking.practice.phone;

  return (
    <div className="space-y-8">
      <header>
        <Link href={`/m/${token}`} className="inline-flex min-h-11 items-center text-accent underline underline-offset-4">
          <span aria-hidden="true">←&nbsp;</span>Back to your consultation
        </Link>
        <h1 className="mt-2 font-serif text-3xl font-semibold text-ink sm:text-4xl">Cancel your consultation</h1>
      </header>

      <section aria-labelledby="cancel-what" className="rounded-2xl border border-line bg-surface p-5 sm:p-6">
        <h2 id="cancel-what" className="font-semibold text-ink">
          {booking.type.title}
        </h2>
        <p className="text-ink-muted">{typeFacts(booking.type)}</p>
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

      {booking.canChange ? (
        <>
          <p className="text-lg text-ink">
            {booking.partnerName
              ? `This cancels the consultation for both of you: ${booking.holder === 'primary' ? booking.partnerName : booking.clientName} will see it as cancelled on their own link too.`
              : 'Cancelling frees the time for someone else.'}{' '}
            If you&apos;d rather keep it but at another time,{' '}
            <Link href={`/m/${token}/reschedule`} className="text-accent underline underline-offset-4">
              choose a new time instead
            </Link>
            .
          </p>
          <CancelForm token={token} />
        </>
      ) : (
        <Notice tone="warning" title="This consultation can't be cancelled online" role="status" testId="cannot-change">
          <p>
            {booking.cancellation === 'declined'
              ? 'The practice declined this request, so there is nothing to cancel.'
              : booking.status === 'cancelled'
              ? 'This consultation was already cancelled.'
              : `It's too close to the time, or it is no longer open. Please call ${phone || 'the practice'}.`}
          </p>
        </Notice>
      )}
    </div>
  );
}
