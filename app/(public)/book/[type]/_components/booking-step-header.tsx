import Link from 'next/link';
import type { PublicConsultationType } from '@/lib/bookings/dto';
import { formatFee, typeFacts } from '@/components/booking/format';

/** "Step 1 of 2", the page's h1 and what is being booked. */
export function BookingStepHeader({
  step,
  type,
  title,
  back,
}: {
  step: 1 | 2;
  type: PublicConsultationType;
  title: string;
  back: { href: string; label: string };
}) {
  return (
    <header>
      <Link href={back.href} className="inline-flex min-h-11 items-center text-accent underline underline-offset-4">
        <span aria-hidden="true">←&nbsp;</span>
        {back.label}
      </Link>
      <p className="mt-2 text-sm font-semibold tracking-wide text-accent uppercase">Step {step} of 2</p>
      <h1 className="mt-1 font-serif text-3xl font-semibold text-ink sm:text-4xl">{title}</h1>
      <p className="mt-3 text-lg font-semibold text-ink">{type.title}</p>
      <p className="text-ink-muted">
        {typeFacts(type)} · {formatFee(type.feeCents)}
      </p>
      {type.bookingMode === 'request' ? (
        <p className="mt-2 text-ink-muted">You&apos;re sending a request: the practice confirms it within one business day.</p>
      ) : null}
    </header>
  );
}
