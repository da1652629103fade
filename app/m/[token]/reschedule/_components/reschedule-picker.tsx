'use client';

import type { ClinicianSlots } from '@/lib/bookings/dto';
import { ReschedulePicker as SharedReschedulePicker } from '@/components/booking/reschedule-picker';
import { rescheduleBookingAction } from '../actions';

type Props = {
  token: string;
  slots: ClinicianSlots[];
  rangeStart: string;
  rangeEnd: string;
  practiceTimeZone: string;
  showOfficeTime: boolean;
  initialTimeZone: string | null;
};

const TEXT = {
  heading: 'Your new time',
  confirm: 'Reschedule to this time',
  pending: 'Rescheduling…',
  slotTaken: 'That time was just taken — here are the nearest free times',
};

/** The client's reschedule: the shared picker, moving the booking behind this private link (success redirects). */
export function ReschedulePicker({ token, ...picker }: Props) {
  return (
    <SharedReschedulePicker
      {...picker}
      text={TEXT}
      onConfirm={(choice) =>
        rescheduleBookingAction(token, { startsAt: choice.startsAt, clinicianId: choice.clinicianId, clientTimeZone: choice.timeZone })
      }
      keep={
        <a href={`/m/${token}`} className="inline-flex min-h-11 items-center text-accent underline underline-offset-4">
          Keep my current time
        </a>
      }
    />
  );
}
