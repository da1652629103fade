import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { findOpenSlots } from '@/lib/bookings/queries';
import { isValidTimeZone } from '@/lib/scheduling/zoned-time';
import { countSlots } from '@/components/booking/slot-days';
import { Notice } from '@/components/ui/notice';
import { isPlausibleSlug, single, type SearchParams } from '../../../_lib/params';
import { BookingStepHeader } from './_components/booking-step-header';
import { BookSlotPicker } from './_components/book-slot-picker';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Choose a time' };

export default async function ChooseTimePage({
  params,
  searchParams,
}: {
  params: Promise<{ type: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { type: slug } = await params;
  const query = await searchParams;
  if (!isPlausibleSlug(slug)) notFound();
  const open = await findOpenSlots({ typeSlug: slug });
  if (!open) notFound();

  const tz = single(query.tz);
  const initialTimeZone = tz && isValidTimeZone(tz) ? tz : null;
  const total = countSlots(open.slots);

  return (
    <div className="mx-auto max-w-3xl px-5 py-10 sm:px-8 sm:py-14">
      <BookingStepHeader step={1} type={open.type} title="Choose a time" back={{ href: "/#consultations", label: "All consultations" }} />
      {total === 0 ? (
        <Notice tone="info" title="No times in the next 60 days" className="mt-8" role="status" testId="no-times">
          <p>
            Online booking has no open times for this consultation right now.{' '}
            {open.practice.phone ? (
              <>
                Please call{' '}
                <a href={`tel:${open.practice.phone.replace(/[^\d+]/g, '')}`} className="font-medium text-accent underline underline-offset-4">
                  {open.practice.phone}
                </a>{' '}
                and we&apos;ll find a time with you.
              </>
            ) : (
              'Please contact the practice and we will find a time with you.'
            )}
          </p>
          <p className="mt-2">
            <Link href="/#consultations" className="text-accent underline underline-offset-4">
              See the other consultations
            </Link>
          </p>
        </Notice>
      ) : (
        <div className="mt-8">
          <BookSlotPicker
            typeSlug={open.type.slug}
            slots={open.slots}
            rangeStart={open.rangeStart}
            rangeEnd={open.rangeEnd}
            practiceTimeZone={open.practice.timeZone}
            showOfficeTime={open.type.modality === 'in_person'}
            initialTimeZone={initialTimeZone}
          />
        </div>
      )}
    </div>
  );
}
