'use client';

import { useState, useTransition } from 'react';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { Button } from '@/components/ui/button';
import type { IntakeForm } from '@/lib/intake/types';
import { noteStaffActivity } from '../../../../_components/session-channel';
import { setConsultationTypeIntakeAction } from '../actions';

const CHOICES: Array<{ value: IntakeForm | 'none'; label: string }> = [
  { value: 'individual', label: 'Individual questionnaire' },
  { value: 'couples', label: 'Couples questionnaire (each partner answers their own)' },
  { value: 'none', label: 'No questionnaire' },
];

/** Which questionnaire one consultation type asks. A couples questionnaire is offered for couples types only. */
export function TypeIntakeForm({ typeId, title, couple, initial }: { typeId: string; title: string; couple: boolean; initial: IntakeForm | null }) {
  const [value, setValue] = useState<IntakeForm | 'none'>(initial ?? 'none');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const id = `type-intake-${typeId}`;
  const choices = CHOICES.filter((c) => c.value !== 'couples' || couple || initial === 'couples');
  return (
    <form
      aria-label={`Questionnaire for ${title}`}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setOutcome(null);
          const result = await setConsultationTypeIntakeAction({ typeId, form: value === 'none' ? null : value });
          noteStaffActivity();
          if (!result.ok) {
            setOutcome({ tone: 'danger', text: result.formError ?? result.fieldErrors?.form ?? 'Please choose a questionnaire.' });
            return;
          }
          setOutcome({ tone: 'success', text: result.data.changed ? 'Saved. New bookings of this type are asked this; people already booked keep theirs.' : 'Nothing had changed.' });
        });
      }}
    >
      <div className="min-w-64">
        <label htmlFor={id} className="block font-medium text-ink">
          {title}
        </label>
        <select
          id={id}
          value={value}
          onChange={(event) => setValue(event.target.value as IntakeForm | 'none')}
          className="mt-1.5 block w-full rounded-lg border border-line-strong bg-surface px-3.5 py-2.5 text-base text-ink"
        >
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? 'Saving…' : 'Save'}
      </Button>
      <ActionOutcome outcome={outcome} title={{ success: `${title}: saved`, failure: `${title}: not saved` }} className="basis-full" />
    </form>
  );
}
