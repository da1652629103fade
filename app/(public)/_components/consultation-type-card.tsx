import Link from 'next/link';
import type { PublicConsultationType } from '@/lib/bookings/dto';
import { audienceLabel, formatDuration, formatFee, modalityLabel } from '@/components/booking/format';
import { buttonClasses } from '@/components/ui/button';

export function ConsultationTypeCard({ type, city }: { type: PublicConsultationType; city: string }) {
  const headingId = `type-${type.slug}`;
  const where = type.modality === 'in_person' ? `In person${city ? `, ${city} office` : ''}` : modalityLabel(type.modality);
  return (
    <article
      aria-labelledby={headingId}
      className="flex flex-col rounded-2xl border border-line bg-surface p-6 shadow-sm"
      data-testid="consultation-type"
    >
      <h3 id={headingId} className="font-serif text-xl font-semibold text-ink">
        {type.title}
      </h3>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        <dt className="text-ink-muted">Length</dt>
        <dd className="text-ink">{formatDuration(type.durationMinutes)}</dd>
        <dt className="text-ink-muted">Where</dt>
        <dd className="text-ink">{where}</dd>
        <dt className="text-ink-muted">Who</dt>
        <dd className="text-ink">{audienceLabel(type.audience)}</dd>
        <dt className="text-ink-muted">Fee</dt>
        <dd className="font-medium text-ink">{formatFee(type.feeCents)}</dd>
      </dl>
      {type.description ? <p className="mt-4 text-ink-muted">{type.description}</p> : null}
      <p className="mt-4 text-sm text-ink-muted">
        {type.bookingMode === 'request'
          ? 'You send a request for a time; the practice confirms it within one business day.'
          : 'Your time is confirmed as soon as you book.'}
      </p>
      <div className="mt-auto pt-6">
        <Link href={`/book/${type.slug}`} className={buttonClasses({ variant: 'secondary' }) + ' w-full sm:w-auto'}>
          Choose a time<span className="sr-only"> for {type.title}</span>
        </Link>
      </div>
    </article>
  );
}
