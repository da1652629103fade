'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatLongDate, formatTime, formatTimeRange, formatTimeWithZoneName, zoneLabel } from '@/components/booking/format';
import { ReschedulePicker, type RescheduleProblem } from '@/components/booking/reschedule-picker';
import type { SlotChoice } from '@/components/booking/slot-picker';
import { Notice } from '@/components/ui/notice';
import { useLocale } from '@/components/locale/locale-context';
import type { ClinicianSlots, SlotOption } from '@/lib/bookings/dto';
import { isInsideUsualNotice, needsNoticeOverride } from '@/lib/staff/reschedule-notice';
import { noteStaffActivity } from '../../../../../_components/session-channel';
import { toldSentences } from '@/lib/messaging/delivery-words';
import { rescheduleBookingAsStaffAction, type MovedBooking } from '../actions';

type Props = {
  bookingId: string;
  backHref: string;
  slots: ClinicianSlots[];
  /** The server's clock when the times were found (the range's start). */
  rangeStart: string;
  rangeEnd: string;
  noticeEndsAt: string;
  clientCutoffAt: string;
  practiceTimeZone: string;
  clientTimeZone: string;
  showOfficeTime: boolean;
  /** This person may book inside the usual notice ('booking.reschedule_override'). */
  overrideAllowed: boolean;
};

const TEXT = {
  heading: 'New time',
  confirm: 'Move to this time',
  pending: 'Moving…',
  slotTaken: 'That time is no longer free, so nothing was changed: the booking keeps its current time. Here are the nearest free times.',
};

const FAILED = 'That didn’t work, and nothing was changed. Please try again.';

/** The action's slot-taken alternatives, checked (they cross the network as `unknown`). */
function alternativesOf(data: unknown): SlotOption[] | undefined {
  if (!data || typeof data !== 'object' || !('alternatives' in data) || !Array.isArray(data.alternatives)) return undefined;
  return data.alternatives.filter(
    (o): o is SlotOption => typeof o === 'object' && o !== null && typeof o.startsAt === 'string' && typeof o.clinicianId === 'string',
  );
}

/** Why the time was refused ('not_open', 'day_full', 'too_far'…), when the action said. */
function whyOf(data: unknown): string | undefined {
  return data && typeof data === 'object' && 'why' in data && typeof data.why === 'string' ? data.why : undefined;
}

/**
 * The front desk's reschedule: the shared picker in the practice's time zone (the client's clock
 * beside each time), times inside the usual notice included and marked, and a confirmation of the
 * new time. The notice override is asked for only when the chosen time needs it (it is audited).
 */
export function DeskReschedulePicker({
  bookingId,
  backHref,
  noticeEndsAt,
  clientCutoffAt,
  clientTimeZone,
  overrideAllowed,
  ...picker
}: Props) {
  const router = useRouter();
  const locale = useLocale();
  const [moved, setMoved] = useState<MovedBooking | null>(null);
  const loadedAt = useRef<number | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const practiceZone = picker.practiceTimeZone;
  const noticeEndsMs = Date.parse(noticeEndsAt);

  useEffect(() => {
    loadedAt.current = Date.now();
  }, [picker.rangeStart]);
  useEffect(() => {
    if (moved) outcomeRef.current?.focus();
  }, [moved]);

  const zoneRoles = useMemo(
    () => (clientTimeZone === practiceZone ? { [practiceZone]: 'practice and client' } : { [practiceZone]: 'practice', [clientTimeZone]: 'client' }),
    [clientTimeZone, practiceZone],
  );
  const alsoShow = clientTimeZone === practiceZone ? null : { timeZone: clientTimeZone, suffix: 'for the client' };
  const slotNote = overrideAllowed ? (ms: number) => (isInsideUsualNotice(ms, noticeEndsMs) ? 'Inside the usual notice' : null) : undefined;

  function describeChoice(choice: SlotChoice): string {
    const ms = Date.parse(choice.startsAt);
    const main = `${formatLongDate(ms, choice.timeZone, locale)} at ${formatTime(ms, choice.timeZone, locale)} · ${zoneLabel(choice.timeZone)}`;
    const forClient = choice.timeZone !== clientTimeZone && formatTime(ms, clientTimeZone, locale) !== formatTime(ms, choice.timeZone, locale);
    const note = slotNote?.(ms);
    return [main, forClient ? ` (${formatTimeWithZoneName(ms, clientTimeZone, locale)} for the client)` : '', note ? ` · ${note.toLowerCase()}` : ''].join('');
  }

  async function confirm(choice: SlotChoice): Promise<RescheduleProblem | null> {
    noteStaffActivity();
    setMoved(null);
    const overrideNotice =
      overrideAllowed &&
      needsNoticeOverride({
        startMs: Date.parse(choice.startsAt),
        loadedAtMs: Date.parse(picker.rangeStart),
        noticeEndsMs,
        clientCutoffMs: Date.parse(clientCutoffAt),
        elapsedMs: loadedAt.current === null ? 0 : Date.now() - loadedAt.current,
      });
    let result: Awaited<ReturnType<typeof rescheduleBookingAsStaffAction>>;
    try {
      result = await rescheduleBookingAsStaffAction({ bookingId, startsAt: choice.startsAt, overrideNotice });
    } catch {
      return { code: 'failed', formError: 'We couldn’t reach the server, so nothing was changed. Please check the connection and try again.' };
    }
    if (result.ok) {
      setMoved(result.data);
      router.refresh();
      return null;
    }
    // The picker's times are stale: fetch them again (the choice and the problem stay on screen).
    if (result.code === 'slot_taken') router.refresh();
    return {
      code: result.code,
      formError: result.formError ?? result.fieldErrors?.startsAt ?? FAILED,
      alternatives: alternativesOf(result.data),
      why: whyOf(result.data),
    };
  }

  const movedMs = moved ? Date.parse(moved.startsAt) : null;
  const outcome = (
    <div ref={outcomeRef} tabIndex={-1} className={moved ? 'mt-4 outline-none' : 'outline-none'}>
      {moved && movedMs !== null ? (
        <Notice tone="success" role="status" title="Booking moved" testId="reschedule-outcome">
          <p>
            The consultation is now on {formatLongDate(movedMs, practiceZone, locale)} at{' '}
            {formatTimeRange(movedMs, Date.parse(moved.endsAt), practiceZone, locale)} ({zoneLabel(practiceZone)})
            {alsoShow && formatTime(movedMs, clientTimeZone, locale) !== formatTime(movedMs, practiceZone, locale)
              ? `, ${formatTimeWithZoneName(movedMs, clientTimeZone, locale)} for the client`
              : ''}
            . The client’s private link shows the new time.
          </p>
          <p className="mt-1" data-testid="who-was-told">
            {toldSentences(moved.told).join(' ')}
          </p>
          <p className="mt-2">
            <Link href={backHref} prefetch={false} className="text-accent underline underline-offset-4">
              Back to the booking
            </Link>
          </p>
        </Notice>
      ) : null}
    </div>
  );

  return (
    <ReschedulePicker
      {...picker}
      initialTimeZone={practiceZone}
      zoneRoles={zoneRoles}
      alsoShow={alsoShow}
      slotNote={slotNote}
      text={TEXT}
      describeChoice={describeChoice}
      onConfirm={confirm}
      outcome={outcome}
      keep={
        <Link href={backHref} prefetch={false} className="inline-flex min-h-11 items-center text-accent underline underline-offset-4">
          Keep the current time
        </Link>
      }
    />
  );
}
