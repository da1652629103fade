'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { applyFieldErrors } from '@/components/ui/apply-field-errors';
import { FieldError, TextField } from '@/components/ui/field';
import type { AvailabilityOverrideDto } from '@/lib/availability/dto';
import { MAX_LABEL_LENGTH, MODALITY_LABELS, extraHoursSchema, type ExtraHoursFormValues, type ExtraHoursInput } from '@/lib/availability/schemas';
import { MODALITIES } from '@/lib/scheduling/types';
import { noteStaffActivity } from '../../../_components/session-channel';
import { addExtraHoursAction } from '../actions';
import { asSavedAvailability, useAvailabilityVersion } from './availability-version';
import { describeOverride } from './override-labels';
import { TimeField } from './time-field';

const FIELDS = ['date', 'start', 'end', 'modalities', 'label'] as const;
const EMPTY: ExtraHoursFormValues = { date: '', start: '', end: '', modalities: [], label: '' };

/** Hours on one date on top of the weekly hours (a Saturday morning, an evening). Adding hours never orphans a booking. */
export function ExtraHoursForm({ timeZone, today, onAdded }: { timeZone: string; today: string; onAdded: (o: AvailabilityOverrideDto) => void }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const version = useAvailabilityVersion();
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ExtraHoursFormValues, unknown, ExtraHoursInput>({ resolver: zodResolver(extraHoursSchema), defaultValues: EMPTY, shouldFocusError: true });

  const onSubmit = handleSubmit(async (values) => {
    setOutcome(null);
    const result = await addExtraHoursAction({ ...values, version: version.get() });
    noteStaffActivity();
    if (result.ok) {
      version.set(result.data.version);
      reset(EMPTY);
      onAdded(result.data.override);
      setOutcome({ tone: 'success', text: `Added: ${describeOverride(result.data.override)}.` });
      return;
    }
    const saved = asSavedAvailability(result);
    if (saved) {
      version.showSaved(saved);
      setOutcome({ tone: 'danger', text: `${result.formError ?? 'Your availability changed after you opened this page. Nothing was saved.'} The list of time off and extra hours now shows what is saved; your entry is still here: check it and add it again.` });
      return;
    }
    const first = applyFieldErrors(result, setError, FIELDS);
    if (first) setFocus(first);
    else setOutcome({ tone: 'danger', text: result.formError ?? 'The extra hours could not be added. Please try again.' });
  });

  const modalitiesError = errors.modalities?.message ?? errors.modalities?.root?.message;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add extra hours" className="space-y-4 rounded-lg border border-line bg-surface p-4">
      <h3 className="font-serif text-lg font-semibold text-ink">Add extra hours</h3>
      <TextField id="extra-date" type="date" label="Date" min={today} error={errors.date?.message} {...register('date')} />
      <div className="grid grid-cols-2 gap-4">
        <TimeField id="extra-start" label="From" placeholder="10:00" error={errors.start?.message} {...register('start')} />
        <TimeField id="extra-end" label="Until" placeholder="13:00" error={errors.end?.message} {...register('end')} />
      </div>
      <p className="-mt-2 text-sm text-ink-muted">Times in {timeZone}.</p>
      <fieldset aria-describedby={modalitiesError ? 'extra-modalities-error' : undefined}>
        <legend className="font-medium text-ink">Ways to meet</legend>
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
          {MODALITIES.map((modality) => (
            <label key={modality} className="flex items-center gap-2 text-ink">
              <input type="checkbox" value={modality} aria-invalid={modalitiesError ? true : undefined} className="size-5 accent-accent" {...register('modalities')} />
              {MODALITY_LABELS[modality]}
            </label>
          ))}
        </div>
        <FieldError id="extra-modalities-error" message={modalitiesError} />
      </fieldset>
      <TextField id="extra-label" label="Note for yourself" optional maxLength={MAX_LABEL_LENGTH} error={errors.label?.message} {...register('label')} />
      <ActionOutcome outcome={outcome} title={{ success: 'Extra hours added', failure: 'Extra hours not added' }} />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Adding…' : 'Add extra hours'}
      </Button>
    </form>
  );
}
