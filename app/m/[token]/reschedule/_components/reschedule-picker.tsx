'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import type { ClinicianSlots, SlotOption } from '@/lib/bookings/dto';
import { formatLongDate, formatShortDate, formatTime, zoneLabel } from '@/components/booking/format';
import { SlotPicker, type SlotChoice } from '@/components/booking/slot-picker';
import { Button } from '@/components/ui/button';
import { rescheduleBookingAction, type RescheduleFailure } from '../actions';

type Props = {
  token: string;
  slots: ClinicianSlots[];
  rangeStart: string;
  rangeEnd: string;
  practiceTimeZone: string;
  showOfficeTime: boolean;
  initialTimeZone: string | null;
};

/** Pick a new time, then confirm it: moving a consultation is never a single stray click. */
export function ReschedulePicker({ token, ...picker }: Props) {
  const [choice, setChoice] = useState<SlotChoice | null>(null);
  const [failure, setFailure] = useState<RescheduleFailure | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  // Focus the problem once it is rendered (it is set inside a transition: a requestAnimationFrame
  // could run before the commit and find the ref still null).
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  function choose(next: SlotChoice) {
    setChoice(next);
    setFailure(null);
    requestAnimationFrame(() => confirmRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  }

  function chooseAlternative(option: SlotOption) {
    if (!choice) return;
    setChoice({ ...option, timeZone: choice.timeZone });
    setFailure(null);
  }

  function confirm() {
    if (!choice) return;
    startTransition(async () => {
      const result = await rescheduleBookingAction(token, {
        startsAt: choice.startsAt,
        clinicianId: choice.clinicianId,
        clientTimeZone: choice.timeZone,
      });
      if (result) startTransition(() => setFailure(result));
    });
  }

  const ms = choice ? Date.parse(choice.startsAt) : null;

  return (
    <div className="space-y-8">
      <SlotPicker {...picker} selectable selectedStart={choice?.startsAt ?? null} busy={pending} onChoose={choose} />

      <div ref={confirmRef} className="rounded-2xl border border-line bg-surface p-5 sm:p-6" aria-labelledby="new-time-heading" role="region">
        <h2 id="new-time-heading" className="font-serif text-xl font-semibold text-ink">
          Your new time
        </h2>
        <p className="mt-2 text-ink" role="status" aria-live="polite" data-testid="new-time">
          {choice && ms !== null
            ? `${formatLongDate(ms, choice.timeZone)} at ${formatTime(ms, choice.timeZone)} · ${zoneLabel(choice.timeZone)}`
            : 'Choose a day and a time above.'}
        </p>

        {failure ? (
          <div
            ref={failureRef}
            tabIndex={-1}
            role="alert"
            aria-label="Reschedule problem"
            data-testid="reschedule-error"
            className="mt-4 rounded-xl border border-danger/30 bg-danger-soft px-4 py-3"
          >
            <p className="font-medium text-danger">
              {failure.code === 'slot_taken' ? 'That time was just taken — here are the nearest free times' : failure.formError}
            </p>
            {failure.code === 'slot_taken' && choice && failure.alternatives?.length ? (
              <ul className="mt-3 grid gap-2 sm:grid-cols-2">
                {failure.alternatives.map((option) => {
                  const at = Date.parse(option.startsAt);
                  return (
                    <li key={`${option.startsAt}-${option.clinicianId}`}>
                      <Button variant="secondary" className="w-full" onClick={() => chooseAlternative(option)}>
                        {formatShortDate(at, choice.timeZone)} at {formatTime(at, choice.timeZone)}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </div>
        ) : null}

        <div className="mt-5 flex flex-wrap items-center gap-4">
          <Button onClick={confirm} disabled={!choice || pending} size="lg">
            {pending ? 'Rescheduling…' : 'Reschedule to this time'}
          </Button>
          <a href={`/m/${token}`} className="inline-flex min-h-11 items-center text-accent underline underline-offset-4">
            Keep my current time
          </a>
        </div>
      </div>
    </div>
  );
}
