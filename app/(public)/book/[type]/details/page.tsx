import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { findOpenSlots } from '@/lib/bookings/queries';
import { isValidTimeZone } from '@/lib/scheduling/zoned-time';
import { hasSlot, nearestSlotOptions } from '@/components/booking/slot-days';
import { isPlausibleSlug, isUuid, parseIsoInstant, single, type SearchParams } from '../../../../_lib/params';
import { BookingStepHeader } from '../_components/booking-step-header';
import { DetailsForm } from './_components/details-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your details' };

export default async function DetailsPage({
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

  const tzParam = single(query.tz);
  const timeZone = tzParam && isValidTimeZone(tzParam) ? tzParam : open.practice.timeZone;
  const startMs = parseIsoInstant(single(query.start));
  const clinicianId = single(query.clinician);
  const chooseTimeHref = `/book/${slug}?${new URLSearchParams({ tz: timeZone }).toString()}`;
  if (startMs === null || !isUuid(clinicianId)) redirect(chooseTimeHref);

  // The time may have gone since it was shown: say so now, with the nearest free ones.
  const stillOpen = hasSlot(open.slots, clinicianId, startMs);
  const alternatives = stillOpen ? null : nearestSlotOptions(open.slots, startMs);

  return (
    <div className="mx-auto max-w-3xl px-5 py-10 sm:px-8 sm:py-14">
      <BookingStepHeader step={2} type={open.type} title="Your details" back={{ href: chooseTimeHref, label: 'Choose a different time' }} />
      <DetailsForm
        className="mt-8"
        type={open.type}
        practice={{ name: open.practice.name, timeZone: open.practice.timeZone, phone: open.practice.phone, address: open.practice.address }}
        initial={{ startsAt: new Date(startMs).toISOString(), clinicianId, clientTimeZone: timeZone }}
        initialAlternatives={alternatives}
      />
    </div>
  );
}
