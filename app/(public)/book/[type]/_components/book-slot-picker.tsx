'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { ClinicianSlots } from '@/lib/bookings/dto';
import { PICKER_SPACE } from '@/components/booking/picker-space';
import { SlotPicker, type SlotChoice } from '@/components/booking/slot-picker';

/** Step 1: choosing a time moves on to the details form with the choice in the URL. */
export function BookSlotPicker({
  typeSlug,
  ...picker
}: {
  typeSlug: string;
  slots: ClinicianSlots[];
  rangeStart: string;
  rangeEnd: string;
  practiceTimeZone: string;
  showOfficeTime: boolean;
  initialTimeZone: string | null;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(choice: SlotChoice) {
    const query = new URLSearchParams({ start: choice.startsAt, clinician: choice.clinicianId, tz: choice.timeZone });
    startTransition(() => router.push(`/book/${encodeURIComponent(typeSlug)}/details?${query.toString()}`));
  }

  return (
    <div className={PICKER_SPACE}>
      <SlotPicker {...picker} busy={pending} onChoose={choose} />
      {pending ? (
        <p role="status" className="mt-4 text-ink-muted">
          Opening the next step…
        </p>
      ) : null}
    </div>
  );
}
