'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ActionOutcome, type Outcome } from '@/components/ui/action-outcome';
import { applyFieldErrors } from '@/components/ui/apply-field-errors';
import { Button } from '@/components/ui/button';
import { CheckboxField, FieldError, RadioGroup, TextField } from '@/components/ui/field';
import type { ConsultationTypeSettings, TypeChangeReport } from '@/lib/availability/dto';
import {
  INCREMENT_CHOICES,
  MAX_BUFFER_MINUTES,
  MAX_DAILY_CAP,
  MAX_DURATION_MINUTES,
  MAX_HORIZON_DAYS,
  consultationTypeFormSchema,
  type ConsultationTypeFormOutput,
  type ConsultationTypeFormValues,
} from '@/lib/availability/schemas';
import { noteStaffActivity } from '../../../_components/session-channel';
import { AffectedBookingsList } from '../../_components/affected-bookings';
import { StaleNotice } from '../../../_components/stale-notice';
import { saveConsultationTypeAction } from '../actions';

/** A stale save's `data`: the type's settings as saved now. */
function asSavedType(result: { code?: string; data?: unknown }, typeId: string): ConsultationTypeSettings | null {
  if (result.code !== 'stale' || !result.data || typeof result.data !== 'object') return null;
  const d = result.data as Partial<ConsultationTypeSettings>;
  return d.id === typeId && typeof d.version === 'number' ? (d as ConsultationTypeSettings) : null;
}

/** The saved settings in one line each, for the stale notice. */
function SavedSettings({ t }: { t: ConsultationTypeSettings }) {
  const rows: Array<[string, string]> = [
    ['Length', `${t.durationMinutes} minutes`],
    ['Fee', `$${centsToDollars(t.feeCents)}`],
    ['Booking', t.bookingMode === 'instant' ? 'instant' : 'by request'],
    ['Minimum notice', `${Math.round((t.minNoticeMinutes / 60) * 10_000) / 10_000} hours`],
    ['Booking horizon', `${t.horizonDays} days`],
    ['Start times every', `${t.incrementMinutes} minutes`],
    ['Daily limit', t.dailyCap === null ? 'no limit' : String(t.dailyCap)],
    ['Buffers', `${t.bufferBeforeMinutes} before, ${t.bufferAfterMinutes} after (minutes)`],
    ['Offered', t.active ? 'yes' : 'no'],
  ];
  return (
    <dl aria-label="The saved settings" className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const FIELDS = [
  'durationMinutes',
  'feeDollars',
  'bookingMode',
  'minNoticeHours',
  'horizonDays',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'incrementMinutes',
  'dailyCap',
  'active',
] as const;

function centsToDollars(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

function toFormValues(t: ConsultationTypeSettings): ConsultationTypeFormValues {
  return {
    typeId: t.id,
    version: t.version,
    durationMinutes: t.durationMinutes,
    feeDollars: centsToDollars(t.feeCents),
    minNoticeHours: Math.round((t.minNoticeMinutes / 60) * 10_000) / 10_000,
    horizonDays: t.horizonDays,
    bufferBeforeMinutes: t.bufferBeforeMinutes,
    bufferAfterMinutes: t.bufferAfterMinutes,
    incrementMinutes: t.incrementMinutes,
    dailyCap: t.dailyCap,
    bookingMode: t.bookingMode,
    active: t.active,
  };
}

const optionalNumber = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));

type NumberSetting = {
  name: 'durationMinutes' | 'minNoticeHours' | 'horizonDays' | 'dailyCap' | 'bufferBeforeMinutes' | 'bufferAfterMinutes';
  id: string;
  label: string;
  hint: string;
  optional?: boolean;
  min: number;
  max?: number;
  step?: number | 'any';
};

const DURATION: NumberSetting = { name: 'durationMinutes', id: 'duration', label: 'Length (minutes)', hint: '5-minute steps.', min: 5, max: MAX_DURATION_MINUTES, step: 5 };

/** The number settings after the fee and the start-time step, in the order of the form. */
const LIMITS: NumberSetting[] = [
  { name: 'minNoticeHours', id: 'notice', label: 'Minimum notice (hours)', hint: 'How soon before it clients can still book (24 = a day).', min: 0, step: 'any' },
  { name: 'horizonDays', id: 'horizon', label: 'Booking horizon (days)', hint: 'How far ahead clients can book.', min: 1, max: MAX_HORIZON_DAYS },
  {
    name: 'dailyCap',
    id: 'cap',
    label: 'Daily limit',
    optional: true,
    hint: `At most this many a day (up to ${MAX_DAILY_CAP}). Empty: no limit.`,
    min: 1,
    max: MAX_DAILY_CAP,
  },
  {
    name: 'bufferBeforeMinutes',
    id: 'buffer-before',
    label: 'Buffer before (minutes)',
    hint: `Kept free before it; up to ${MAX_BUFFER_MINUTES / 60} hours.`,
    min: 0,
    max: MAX_BUFFER_MINUTES,
    step: 5,
  },
  {
    name: 'bufferAfterMinutes',
    id: 'buffer-after',
    label: 'Buffer after (minutes)',
    hint: `Kept free after it; up to ${MAX_BUFFER_MINUTES / 60} hours.`,
    min: 0,
    max: MAX_BUFFER_MINUTES,
    step: 5,
  },
];

/** One consultation type's booking settings; after saving, what the change means for its upcoming bookings. */
export function ConsultationTypeForm({ type, timeZone }: { type: ConsultationTypeSettings & { offered: boolean }; timeZone: string }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [stale, setStale] = useState<{ message: string; saved: ConsultationTypeSettings } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    setValue,
    reset,
    getValues,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ConsultationTypeFormValues, unknown, ConsultationTypeFormOutput>({
    resolver: zodResolver(consultationTypeFormSchema),
    defaultValues: toFormValues(type),
    shouldFocusError: true,
  });

  // The action parses the form's own values (dollars, hours) with the same schema.
  const onSubmit = handleSubmit(async () => {
    setOutcome(null);
    const changed = isDirty;
    const result = await saveConsultationTypeAction(getValues());
    noteStaffActivity();
    if (result.ok) {
      setStale(null);
      reset(toFormValues(result.data.type));
      setOutcome(
        changed
          ? { tone: 'success', text: <SavedReport title={result.data.type.title} report={result.data.report} timeZone={timeZone} /> }
          : { tone: 'info', text: 'Nothing had changed.' },
      );
      return;
    }
    const saved = asSavedType(result, type.id);
    if (saved) {
      // Saved elsewhere in between: the saved settings are shown, the values typed here stay; the
      // next save (keep mine, or a merge by hand) builds on the saved version.
      setValue('version', saved.version);
      setStale({ message: result.formError ?? 'This consultation type changed after you opened this page. Nothing was saved.', saved });
      return;
    }
    const first = applyFieldErrors(result, setError, FIELDS);
    if (first) setFocus(first);
    else setOutcome({ tone: 'danger', text: result.formError ?? 'The settings could not be saved. Please try again.' });
  });

  const id = (field: string) => `type-${type.id}-${field}`;
  const numberField = ({ name, id: suffix, ...input }: NumberSetting) => (
    <TextField
      key={name}
      id={id(suffix)}
      type="number"
      error={errors[name]?.message}
      {...input}
      {...register(name, name === 'dailyCap' ? { setValueAs: optionalNumber } : { valueAsNumber: true })}
    />
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={type.title} className="rounded-lg border border-line bg-surface p-4 sm:p-6">
      <input type="hidden" {...register('typeId')} />
      <input type="hidden" {...register('version', { valueAsNumber: true })} />
      {stale ? (
        <div className="mb-5">
          <StaleNotice
            title={`${type.title}: settings not saved, they changed elsewhere`}
            message={stale.message}
            savedLabel={null}
            keepMineLabel="Keep mine (replace the saved settings)"
            useSavedLabel="Use the saved settings"
            busy={isSubmitting}
            onKeepMine={() => void onSubmit()}
            onUseSaved={() => {
              reset(toFormValues(stale.saved));
              setStale(null);
              setOutcome(null);
            }}
          >
            <SavedSettings t={stale.saved} />
          </StaleNotice>
        </div>
      ) : null}
      <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2 lg:grid-cols-3">
        {numberField(DURATION)}
        <TextField
          id={id('fee')}
          label="Fee (US dollars)"
          hint="0 makes it free."
          inputMode="decimal"
          autoComplete="off"
          error={errors.feeDollars?.message}
          {...register('feeDollars')}
        />
        <div>
          <label htmlFor={id('increment')} className="block font-medium text-ink">
            Start times every
          </label>
          <p id={`${id('increment')}-hint`} className="mt-0.5 text-sm text-ink-muted">
            e.g. 30 → 9:00, 9:30, 10:00…
          </p>
          <select
            id={id('increment')}
            aria-invalid={errors.incrementMinutes ? true : undefined}
            aria-describedby={`${id('increment')}-hint${errors.incrementMinutes ? ` ${id('increment')}-error` : ''}`}
            className="mt-1.5 block w-full rounded-lg border border-line-strong bg-surface px-3.5 py-2.5 text-base text-ink"
            {...register('incrementMinutes', { valueAsNumber: true })}
          >
            {INCREMENT_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n} minutes
              </option>
            ))}
          </select>
          <FieldError id={`${id('increment')}-error`} message={errors.incrementMinutes?.message} />
        </div>
        {LIMITS.map(numberField)}
      </div>
      <div className="mt-6 grid gap-x-6 gap-y-5 sm:grid-cols-2">
        <RadioGroup
          id={id('mode')}
          legend="How clients book"
          error={errors.bookingMode?.message}
          options={[
            { value: 'instant', label: 'Instantly (confirmed at once)' },
            { value: 'request', label: 'By request (you confirm each one)' },
          ]}
          inputProps={register('bookingMode')}
        />
        <CheckboxField
          id={id('active')}
          label="Offered to clients"
          hint="Untick to hide this consultation from the booking page. Existing bookings stay."
          error={errors.active?.message}
          {...register('active')}
        />
      </div>

      <ActionOutcome outcome={outcome} title={{ success: 'Settings saved', failure: 'Settings not saved' }} className="mt-5" />

      <div className="mt-5 flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : `Save ${type.title}`}
        </Button>
        {isDirty && !isSubmitting ? <span className="text-sm text-ink-muted">Unsaved changes</span> : null}
      </div>
    </form>
  );
}

function SavedReport({ title, report, timeZone }: { title: string; report: TypeChangeReport; timeZone: string }) {
  const affected = report.outsideHours.length + report.overlaps.length;
  return (
    <>
      <p>
        New bookings of {title} use these settings. Existing bookings keep their times.
        {affected === 0 ? ' No upcoming bookings are affected.' : ` Please review the bookings below (times in ${timeZone}); nothing was moved.`}
      </p>
      {report.outsideHours.length > 0 ? (
        <>
          <p className="mt-3 font-medium">At the new length, these would run past your hours:</p>
          <AffectedBookingsList
            bookings={report.outsideHours}
            label="Bookings that would run past the hours"
            extra={(b) => {
              const found = report.outsideHours.find((o) => o.bookingId === b.bookingId);
              return found ? `Would now end at ${found.newLocalEnd}.` : null;
            }}
          />
        </>
      ) : null}
      {report.overlaps.length > 0 ? (
        <>
          <p className="mt-3 font-medium">With the new length and buffers, these would overlap:</p>
          <AffectedBookingsList
            bookings={report.overlaps.flatMap((pair) => [pair.first, pair.second]).filter((b, i, all) => all.findIndex((x) => x.bookingId === b.bookingId) === i)}
            label="Bookings that would overlap"
          />
        </>
      ) : null}
    </>
  );
}
