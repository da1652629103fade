'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { applyFieldErrors } from '@/components/ui/apply-field-errors';
import { TextField } from '@/components/ui/field';
import type { AvailabilityOverrideDto } from '@/lib/availability/dto';
import { MAX_LABEL_LENGTH, timeOffSchema, type TimeOffFormValues, type TimeOffInput } from '@/lib/availability/schemas';
import { noteStaffActivity } from '../../../_components/session-channel';
import { addTimeOffAction, type Orphans } from '../actions';
import { asSavedAvailability, useAvailabilityVersion } from './availability-version';
import { OrphansQuestion } from './orphans-question';
import { describeOverride } from './override-labels';
import { TimeField } from './time-field';

const FIELDS = ['date', 'start', 'end', 'label'] as const;
const EMPTY: TimeOffFormValues = { date: '', start: '', end: '', label: '' };

/** Time off on one date: the whole day, or from a start to an end time (every way to meet). */
export function TimeOffForm({ timeZone, today, onAdded }: { timeZone: string; today: string; onAdded: (o: AvailabilityOverrideDto) => void }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [orphans, setOrphans] = useState<Orphans | null>(null);
  const version = useAvailabilityVersion();
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    reset,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<TimeOffFormValues, unknown, TimeOffInput>({ resolver: zodResolver(timeOffSchema), defaultValues: EMPTY, shouldFocusError: true });

  useEffect(() => {
    const subscription = watch((_values, { name }) => {
      if (name) setOrphans(null);
    });
    return () => subscription.unsubscribe();
  }, [watch]);

  const save = (confirmOrphans?: string[]) =>
    handleSubmit(async (values) => {
      setOutcome(null);
      const result = await addTimeOffAction({ ...values, confirmOrphans, version: version.get() });
      noteStaffActivity();
      if (result.ok) {
        const data = result.data;
        if (!data.saved) {
          setOrphans(data);
          return;
        }
        setOrphans(null);
        version.set(data.version);
        reset(EMPTY);
        onAdded(data.override);
        const kept = data.orphansConfirmed > 0 ? ` ${data.orphansConfirmed === 1 ? '1 booking keeps its time' : `${data.orphansConfirmed} bookings keep their times`}: please contact the clients.` : '';
        setOutcome({ tone: 'success', text: `Added: ${describeOverride(data.override)}.${kept}` });
        return;
      }
      setOrphans(null);
      const saved = asSavedAvailability(result);
      if (saved) {
        version.showSaved(saved);
        setOutcome({ tone: 'danger', text: `${result.formError ?? 'Your availability changed after you opened this page. Nothing was saved.'} The list of time off and extra hours now shows what is saved; your entry is still here: check it and add it again.` });
        return;
      }
      const first = applyFieldErrors(result, setError, FIELDS);
      if (first) setFocus(first);
      else setOutcome({ tone: 'danger', text: result.formError ?? 'The time off could not be added. Please try again.' });
    });

  return (
    <form onSubmit={save()} noValidate aria-label="Add time off" className="space-y-4 rounded-lg border border-line bg-surface p-4">
      <h3 className="font-serif text-lg font-semibold text-ink">Add time off</h3>
      <TextField id="time-off-date" type="date" label="Date" min={today} error={errors.date?.message} {...register('date')} />
      <div className="grid grid-cols-2 gap-4">
        <TimeField id="time-off-start" label="From" optional placeholder="13:00" error={errors.start?.message} {...register('start')} />
        <TimeField id="time-off-end" label="Until" optional placeholder="17:00" error={errors.end?.message} {...register('end')} />
      </div>
      <p className="-mt-2 text-sm text-ink-muted">Leave both times empty for the whole day. Times in {timeZone}.</p>
      <TextField id="time-off-label" label="Note for yourself" optional maxLength={MAX_LABEL_LENGTH} error={errors.label?.message} {...register('label')} />
      <ActionOutcome outcome={outcome} title={{ success: 'Time off added', failure: 'Time off not added' }} className="space-y-3">
        {orphans ? (
          <OrphansQuestion
            title="Some bookings fall in this time off"
            orphans={orphans}
            timeZone={timeZone}
            pending={isSubmitting}
            onConfirm={(ids) => void save(ids)()}
            onCancel={() => setOrphans(null)}
          />
        ) : null}
      </ActionOutcome>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting && !orphans ? 'Adding…' : 'Add time off'}
      </Button>
    </form>
  );
}
