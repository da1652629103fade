'use client';

import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import type { SlotOption } from '@/lib/bookings/dto';
import { AlertBox } from '@/components/ui/alert-box';
import { Button } from '@/components/ui/button';
import { useLocale } from '@/components/locale/locale-context';
import { formatLongDate, formatShortDate, formatTime, zoneLabel } from './format';
import { SlotPicker, type SlotChoice, type SlotPickerProps } from './slot-picker';

/** Why a move did not happen; on 'slot_taken', the nearest free times to offer instead. */
export type RescheduleProblem = { code?: string; formError?: string; alternatives?: SlotOption[]; why?: string };

/** "Taken" in the page's own words; too soon, too far ahead or a full day in the server's, which say so. */
function slotProblemText(failure: RescheduleProblem, taken: string): string {
  return failure.why && failure.why !== 'not_open' && failure.formError ? failure.formError : taken;
}

export type ReschedulePickerText = {
  /** Heading of the confirm panel ("Your new time", "New time"). */
  heading: string;
  confirm: string;
  pending: string;
  /** Said above the alternatives when the time was taken meanwhile (other reasons use the server's words). */
  slotTaken: string;
};

type Props = Omit<SlotPickerProps, 'selectable' | 'selectedStart' | 'busy' | 'onChoose'> & {
  /** Moves the booking: resolves to a problem, or null when it moved (or never, when it redirects). */
  onConfirm: (choice: SlotChoice) => Promise<RescheduleProblem | null>;
  text: ReschedulePickerText;
  /** The way out without moving (a link back). */
  keep: ReactNode;
  /** The chosen time in words; by default its date and time in the picker's zone. */
  describeChoice?: (choice: SlotChoice) => string;
  /** Shown in the confirm panel above the buttons (e.g. what just happened). */
  outcome?: ReactNode;
};

function defaultDescription(choice: SlotChoice, locale: string): string {
  const ms = Date.parse(choice.startsAt);
  return `${formatLongDate(ms, choice.timeZone, locale)} at ${formatTime(ms, choice.timeZone, locale)} · ${zoneLabel(choice.timeZone)}`;
}

/**
 * Pick a new time, then confirm it: moving a consultation is never a single stray click. Used by
 * the client's private link and by the front desk; each passes the server action that moves it.
 * A refusal keeps the choice and the picker as they were and offers the nearest free times.
 */
export function ReschedulePicker({ onConfirm, text, keep, describeChoice: describeGiven, outcome, ...picker }: Props) {
  const locale = useLocale();
  const describeChoice = describeGiven ?? ((c: SlotChoice) => defaultDescription(c, locale));
  const [choice, setChoice] = useState<SlotChoice | null>(null);
  const [failure, setFailure] = useState<RescheduleProblem | null>(null);
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
      const result = await onConfirm(choice);
      startTransition(() => {
        if (result) setFailure(result);
        else setChoice(null);
      });
    });
  }

  return (
    <div className="space-y-8">
      <SlotPicker {...picker} selectable selectedStart={choice?.startsAt ?? null} busy={pending} onChoose={choose} />

      <div ref={confirmRef} className="rounded-2xl border border-line bg-surface p-5 sm:p-6" aria-labelledby="new-time-heading" role="region">
        <h2 id="new-time-heading" className="font-serif text-xl font-semibold text-ink">
          {text.heading}
        </h2>
        <p className="mt-2 text-ink" role="status" aria-live="polite" data-testid="new-time">
          {choice ? describeChoice(choice) : 'Choose a day and a time above.'}
        </p>

        {failure ? (
          <AlertBox ref={failureRef} label="Reschedule problem" testId="reschedule-error" className="mt-4">
            <p className="font-medium text-danger">{failure.code === 'slot_taken' ? slotProblemText(failure, text.slotTaken) : failure.formError}</p>
            {failure.code === 'slot_taken' && choice && failure.alternatives?.length ? (
              <ul className="mt-3 grid gap-2 sm:grid-cols-2" aria-label="Nearest free times">
                {failure.alternatives.map((option) => {
                  const at = Date.parse(option.startsAt);
                  return (
                    <li key={`${option.startsAt}-${option.clinicianId}`}>
                      <Button variant="secondary" className="w-full" onClick={() => chooseAlternative(option)}>
                        {formatShortDate(at, choice.timeZone, locale)} at {formatTime(at, choice.timeZone, locale)}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </AlertBox>
        ) : null}

        {outcome}

        <div className="mt-5 flex flex-wrap items-center gap-4">
          <Button onClick={confirm} disabled={!choice || pending} size="lg">
            {pending ? text.pending : text.confirm}
          </Button>
          {keep}
        </div>
      </div>
    </div>
  );
}
