'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type ComponentProps } from 'react';
import { useFieldArray, useForm, type FieldPath } from 'react-hook-form';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { applyFieldErrors } from '@/components/ui/apply-field-errors';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { FieldError } from '@/components/ui/field';
import type { SavedAvailability, WeeklyRuleDto } from '@/lib/availability/dto';
import {
  MAX_WEEKLY_RULES,
  MODALITY_LABELS,
  WEEKDAY_NAMES,
  weeklyHoursSchema,
  type WeeklyHoursFormValues,
  type WeeklyHoursInput,
  type WeeklyRuleFormValues,
} from '@/lib/availability/schemas';
import { MODALITIES, type Modality } from '@/lib/scheduling/types';
import { noteStaffActivity } from '../../../_components/session-channel';
import { StaleNotice } from '../../../_components/stale-notice';
import { saveWeeklyHoursAction, type Orphans } from '../actions';
import { asSavedAvailability, useAvailabilityVersion } from './availability-version';
import { OrphansQuestion } from './orphans-question';

type FormValues = WeeklyHoursFormValues;

const ROW_FIELDS = ['weekday', 'start', 'end', 'modalities'] as const;
/** Monday first: how a working week reads. */
const WEEKDAY_ORDER = [1, 2, 3, 4, 5, 6, 0];

const toRows = (rules: WeeklyRuleDto[]): WeeklyRuleFormValues[] =>
  rules.map((r) => ({ weekday: r.weekday, start: r.start, end: r.end, modalities: [...r.modalities] }));

/** A new row continues the week: the day after the last row's, same times and ways to meet. */
function nextRow(rows: WeeklyRuleFormValues[]): WeeklyRuleFormValues {
  const last = rows.at(-1);
  if (!last) return { weekday: 1, start: '09:00', end: '17:00', modalities: [...MODALITIES] };
  const weekday = typeof last.weekday === 'number' && Number.isInteger(last.weekday) ? (last.weekday + 1) % 7 : 1;
  return { weekday, start: last.start, end: last.end, modalities: [...(last.modalities ?? [])] };
}

/** Server field errors ('rules.2.end') in the order of the form, so the first one gets focus. */
function inFormOrder(keys: string[]): string[] {
  const rank = (key: string) => {
    const [, row, field] = key.split('.');
    return Number(row ?? -1) * 10 + ROW_FIELDS.indexOf((field ?? 'weekday') as (typeof ROW_FIELDS)[number]);
  };
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/**
 * The week, one row per block of hours: day, start, end and the ways to meet in it. Saved all at
 * once; the same schema checks it here and on the server, and every problem lands on its row and
 * field. When the new hours would leave booked consultations outside them, nothing is saved until
 * the clinician has seen them and said so.
 */
export function WeeklyHoursForm({ initialRules, timeZone }: { initialRules: WeeklyRuleDto[]; timeZone: string }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [orphans, setOrphans] = useState<Orphans | null>(null);
  const [stale, setStale] = useState<{ message: string; saved: SavedAvailability } | null>(null);
  const version = useAvailabilityVersion();
  const addButton = useRef<HTMLButtonElement>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setFocus,
    reset,
    getValues,
    watch,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormValues, unknown, WeeklyHoursInput>({
    resolver: zodResolver(weeklyHoursSchema),
    defaultValues: { rules: toRows(initialRules) },
    shouldFocusError: true,
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'rules' });

  // A change after the question makes it stale: the next save asks again about the new hours.
  useEffect(() => {
    const subscription = watch((_values, { name }) => {
      if (!name) return; // a reset after saving, not an edit
      setOrphans(null);
      setOutcome((current) => (current?.tone === 'success' ? null : current));
    });
    return () => subscription.unsubscribe();
  }, [watch]);

  const save = (confirmOrphans?: string[]) =>
    handleSubmit(async (values) => {
      setOutcome(null);
      const result = await saveWeeklyHoursAction({ rules: values.rules, confirmOrphans, version: version.get() });
      noteStaffActivity();
      if (result.ok) {
        const data = result.data;
        if (!data.saved) {
          setOrphans(data);
          return;
        }
        const { rules, orphansConfirmed } = data;
        version.set(data.version);
        setOrphans(null);
        setStale(null);
        reset({ rules: toRows(rules) });
        const blocks = rules.length === 1 ? '1 block of hours' : `${rules.length} blocks of hours`;
        setOutcome({
          tone: 'success',
          text:
            (rules.length === 0 ? 'You have no weekly hours now: clients can book only your extra hours.' : `Your week has ${blocks}.`) +
            (orphansConfirmed > 0
              ? ` ${orphansConfirmed === 1 ? '1 booking keeps its time' : `${orphansConfirmed} bookings keep their times`} outside them: please contact ${orphansConfirmed === 1 ? 'the client' : 'those clients'}.`
              : ''),
        });
        return;
      }
      setOrphans(null);
      const saved = asSavedAvailability(result);
      if (saved) {
        // Saved elsewhere in between: the saved week is shown, the rows typed here stay; the next
        // save (keep mine, or a merge by hand) builds on the saved version.
        version.showSaved(saved);
        setStale({ message: result.formError ?? 'Your availability changed after you opened this page. Nothing was saved.', saved });
        return;
      }
      const keys = inFormOrder(Object.keys(result.fieldErrors ?? {}).filter((key) => key.startsWith('rules'))) as FieldPath<FormValues>[];
      applyFieldErrors(result, setError, keys);
      // The list's own error ('rules') has no field to focus: focus the first row field with one.
      const first = keys.find((key) => key.split('.').length >= 3);
      if (first) setFocus(first);
      if (result.formError && keys.length === 0) setOutcome({ tone: 'danger', text: result.formError });
      else if (keys.length > 0) setOutcome({ tone: 'danger', text: 'Please check the highlighted rows.' });
    });

  const listError = errors.rules?.message ?? errors.rules?.root?.message;

  return (
    <form onSubmit={save()} noValidate aria-label="Weekly hours" className="mt-4">
      <p className="text-sm text-ink-muted">
        24-hour times like 09:00 or 17:30, in the practice&apos;s time zone ({timeZone}). Use 24:00 for midnight at the end of the day. Hours for
        the same way to meet may touch (09:00–12:00 and 12:00–17:00) but not overlap.
      </p>

      {fields.length === 0 ? (
        <p className="mt-4 text-ink" data-testid="no-weekly-hours">
          No weekly hours yet: clients can book only your extra hours.
        </p>
      ) : (
        <ol className="mt-4 space-y-3">
          {fields.map((field, index) => {
            const rowErrors = errors.rules?.[index];
            const modalitiesError = rowErrors?.modalities?.message ?? rowErrors?.modalities?.root?.message;
            const rowId = `weekly-${field.id}`;
            return (
              <li key={field.id}>
                <fieldset
                  className="grid gap-x-4 gap-y-2 rounded-lg border border-line bg-surface p-3 sm:grid-cols-[minmax(9rem,1fr)_7rem_7rem_minmax(12rem,2fr)_auto] sm:items-start"
                  aria-label={`Hours row ${index + 1}`}
                >
                  <div>
                    <label htmlFor={`${rowId}-weekday`} className="block font-medium text-ink">
                      Day
                    </label>
                    <select
                      id={`${rowId}-weekday`}
                      aria-invalid={rowErrors?.weekday ? true : undefined}
                      aria-describedby={rowErrors?.weekday ? `${rowId}-weekday-error` : undefined}
                      className="mt-1.5 block w-full rounded-lg border border-line-strong bg-surface px-3 py-2.5 text-base text-ink"
                      {...register(`rules.${index}.weekday`, { valueAsNumber: true })}
                    >
                      {WEEKDAY_ORDER.map((day) => (
                        <option key={day} value={day}>
                          {WEEKDAY_NAMES[day]}
                        </option>
                      ))}
                    </select>
                    <FieldError id={`${rowId}-weekday-error`} message={rowErrors?.weekday?.message} />
                  </div>
                  <RowTimeField id={`${rowId}-start`} label="Start" placeholder="09:00" error={rowErrors?.start?.message} {...register(`rules.${index}.start`)} />
                  <RowTimeField id={`${rowId}-end`} label="End" placeholder="17:00" error={rowErrors?.end?.message} {...register(`rules.${index}.end`)} />
                  <fieldset aria-describedby={modalitiesError ? `${rowId}-modalities-error` : undefined}>
                    <legend className="font-medium text-ink">Ways to meet</legend>
                    <div className="mt-2.5 flex flex-wrap gap-x-4 gap-y-2">
                      {MODALITIES.map((modality: Modality) => (
                        <label key={modality} className="flex items-center gap-2 text-ink">
                          <input
                            type="checkbox"
                            value={modality}
                            aria-invalid={modalitiesError ? true : undefined}
                            className="size-5 accent-accent"
                            {...register(`rules.${index}.modalities`)}
                          />
                          {MODALITY_LABELS[modality]}
                        </label>
                      ))}
                    </div>
                    <FieldError id={`${rowId}-modalities-error`} message={modalitiesError} />
                  </fieldset>
                  {rowErrors?.start?.message || rowErrors?.end?.message ? (
                    <div className="sm:order-last sm:col-span-full">
                      <FieldError id={`${rowId}-start-error`} message={rowErrors?.start?.message} />
                      <FieldError id={`${rowId}-end-error`} message={rowErrors?.end?.message} />
                    </div>
                  ) : null}
                  <div className="sm:pt-7">
                    <Button
                      variant="quiet"
                      onClick={() => {
                        remove(index);
                        addButton.current?.focus();
                      }}
                      aria-label={`Remove hours row ${index + 1}`}
                    >
                      Remove
                    </Button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      <FieldError id="weekly-hours-error" message={listError} />

      <div className="mt-3">
        <Button
          ref={addButton}
          variant="secondary"
          disabled={fields.length >= MAX_WEEKLY_RULES}
          onClick={() => append(nextRow(getValues('rules') ?? []), { focusName: `rules.${fields.length}.weekday` })}
        >
          Add hours
        </Button>
      </div>

      {stale ? (
        <div className="mt-4">
          <StaleNotice
            title="Weekly hours not saved: they changed elsewhere"
            message={stale.message}
            savedLabel={null}
            keepMineLabel="Keep mine (replace the saved hours)"
            useSavedLabel="Use the saved hours"
            busy={isSubmitting}
            onKeepMine={() => void save()()}
            onUseSaved={() => {
              reset({ rules: toRows(stale.saved.weeklyRules) });
              setStale(null);
              setOutcome(null);
            }}
          >
            {stale.saved.weeklyRules.length === 0 ? (
              <p>No weekly hours.</p>
            ) : (
              <ul aria-label="The saved weekly hours" className="list-disc pl-5">
                {stale.saved.weeklyRules.map((r) => (
                  <li key={r.id}>
                    {WEEKDAY_NAMES[r.weekday]} {r.start}–{r.end} · {r.modalities.map((m) => MODALITY_LABELS[m]).join(', ')}
                  </li>
                ))}
              </ul>
            )}
          </StaleNotice>
        </div>
      ) : null}

      <ActionOutcome outcome={outcome} title={{ success: 'Weekly hours saved', failure: 'Weekly hours not saved' }} className="mt-4 space-y-3">
        {orphans ? (
          <OrphansQuestion
            title="Some bookings fall outside the new hours"
            orphans={orphans}
            timeZone={timeZone}
            pending={isSubmitting}
            onConfirm={(ids) => void save(ids)()}
            onCancel={() => setOrphans(null)}
          />
        ) : null}
      </ActionOutcome>

      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting && !orphans ? 'Saving…' : 'Save weekly hours'}
        </Button>
        {isDirty && !isSubmitting ? <span className="text-sm text-ink-muted">Unsaved changes</span> : null}
      </div>
    </form>
  );
}

/**
 * A time input of a row. Its error shows under the whole row (a narrow column would wrap it into
 * a tall ribbon); aria-describedby still points at it, so it is read with the field.
 */
function RowTimeField({ id, label, error, ...input }: { id: string; label: string; error?: string } & ComponentProps<'input'>) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-ink">
        {label}
      </label>
      <input
        id={id}
        inputMode="numeric"
        autoComplete="off"
        maxLength={5}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cx(
          'mt-1.5 block w-full rounded-lg border bg-surface px-3.5 py-2.5 text-base text-ink shadow-xs placeholder:text-ink-muted/80 focus-visible:border-focus',
          error ? 'border-danger' : 'border-line-strong',
        )}
        {...input}
      />
    </div>
  );
}
