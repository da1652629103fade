'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ActionOutcome } from '@/components/ui/action-outcome';
import { applyFieldErrors } from '@/components/ui/apply-field-errors';
import { Button } from '@/components/ui/button';
import { FieldError, TextAreaField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { useLocale } from '@/components/locale/locale-context';
import { CONSULTATION_OUTCOMES, OUTCOME_LABELS, type ConsultationOutcome } from '@/lib/staff/dto';
import { MAX_CLINICIAN_NOTES, clinicalNotesSchema, type ClinicalNotesInput } from '@/lib/staff/schemas';
import { draftKey } from '@/lib/drafts/schemas';
import { noteStaffActivity } from '../../_components/session-channel';
import { draftStateText, useStaffDraft } from '../../_components/use-staff-draft';
import { StaleNotice } from '../../_components/stale-notice';
import { formatDateTime } from '../_lib/format';
import { saveClinicalNotesAction } from '../actions';

type FormValues = { bookingId: string; notes: string; outcome?: ConsultationOutcome | null; version: number };

/** What is saved now, from a stale save's refusal (SavedClinicalRecord in lib/staff/clinical-notes.ts). */
type SavedRecord = { clinicianNotes: string | null; outcome: ConsultationOutcome | null; updatedAt: string | null; version: number };

function asSavedRecord(data: unknown): SavedRecord | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.version !== 'number') return null;
  return {
    clinicianNotes: typeof d.clinicianNotes === 'string' ? d.clinicianNotes : null,
    outcome: (CONSULTATION_OUTCOMES as readonly unknown[]).includes(d.outcome) ? (d.outcome as ConsultationOutcome) : null,
    updatedAt: typeof d.updatedAt === 'string' ? d.updatedAt : null,
    version: d.version,
  };
}

const FIELDS = ['notes', 'outcome'] as const;

/** The fields of a kept draft that this form takes back (anything else in it is ignored). */
function fromDraft(values: Record<string, unknown>, fallback: FormValues): FormValues {
  const outcome = values.outcome;
  return {
    bookingId: fallback.bookingId,
    notes: typeof values.notes === 'string' ? values.notes : fallback.notes,
    outcome: (CONSULTATION_OUTCOMES as readonly unknown[]).includes(outcome) ? (outcome as ConsultationOutcome) : outcome === null ? null : fallback.outcome,
    // The version the draft was typed against: if the record was saved since, saving shows both.
    // (A draft kept before versions existed counts as typed against no record: the same.)
    version: typeof values.version === 'number' ? values.version : 0,
  };
}

/** Private notes (encrypted at rest) and the outcome. What was typed stays whatever the server says. */
export function ClinicalNotesForm({
  bookingId,
  initialNotes,
  initialOutcome,
  initialVersion,
  timeZone,
  updatedLabel,
  hasStarted,
  draft,
}: {
  bookingId: string;
  initialNotes: string;
  initialOutcome: ConsultationOutcome | null;
  /** The record's edit version when the page loaded (0: never saved). */
  initialVersion: number;
  /** The practice's zone, for when a conflicting save was made. */
  timeZone: string;
  /** When the record was last saved, formatted in the practice's zone (null: never). */
  updatedLabel: string | null;
  hasStarted: boolean;
  /** Unsaved changes kept from before (e.g. an idle sign-out), with when, in the practice's zone. */
  draft: { values: Record<string, unknown>; savedLabel: string } | null;
}) {
  const router = useRouter();
  const onRecord: FormValues = { bookingId, notes: initialNotes, outcome: initialOutcome, version: initialVersion };
  const restored = draft ? fromDraft(draft.values, onRecord) : null;
  const [showRestored, setShowRestored] = useState(restored !== null);
  const locale = useLocale();
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [savedOutcome, setSavedOutcome] = useState<ConsultationOutcome | null>(initialOutcome);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ message: string; saved: SavedRecord } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    reset,
    setValue,
    watch,
    getValues,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormValues, unknown, ClinicalNotesInput>({
    resolver: zodResolver(clinicalNotesSchema),
    defaultValues: restored ?? onRecord,
    shouldFocusError: true,
  });
  const kept = useStaffDraft({ formKey: draftKey('clinical-notes', bookingId), watch, getValues, baseline: restored ?? onRecord });

  const discardDraft = async () => {
    reset(onRecord);
    setShowRestored(false);
    await kept.settle(onRecord);
    setFocus('notes');
  };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSavedAt(null);
    const result = await saveClinicalNotesAction(values);
    noteStaffActivity();
    if (result.ok) {
      // Keep the text exactly as typed (the server only trims the ends); mark the form clean.
      const saved = { bookingId, notes: values.notes, outcome: result.data.outcome, version: result.data.version };
      reset(saved);
      setShowRestored(false);
      setConflict(null);
      setSavedAt(result.data.updatedAt);
      await kept.settle(saved);
      // The outcome is also shown at the top of the page: refresh it (what was typed stays).
      if (result.data.outcome !== savedOutcome) {
        setSavedOutcome(result.data.outcome);
        router.refresh();
      }
      return;
    }
    const saved = result.code === 'stale' ? asSavedRecord(result.data) : null;
    if (saved) {
      // Someone saved in between: theirs is shown in the notice, what was typed stays in the form.
      // The form now builds on the saved version, so saving it again (keep mine, or a merge) is a
      // deliberate choice made with both in view.
      setConflict({ message: result.formError ?? 'These notes changed after you opened this page. Nothing was saved.', saved });
      setValue('version', saved.version);
      return;
    }
    let first = applyFieldErrors(result, setError, FIELDS);
    if (result.code === 'too_early') {
      setError('outcome', { message: result.formError ?? 'The outcome can be recorded once the consultation has taken place.' });
      first ??= 'outcome';
    } else if (!first) {
      setFormError(result.formError ?? 'Your notes could not be saved. Please try again.');
    }
    if (first) setFocus(first);
  });

  const useSaved = async () => {
    if (!conflict) return;
    const saved = { bookingId, notes: conflict.saved.clinicianNotes ?? '', outcome: conflict.saved.outcome, version: conflict.saved.version };
    reset(saved);
    setConflict(null);
    setShowRestored(false);
    await kept.settle(saved);
    if (saved.outcome !== savedOutcome) {
      setSavedOutcome(saved.outcome);
      router.refresh();
    }
    setFocus('notes');
  };

  const outcomeError = errors.outcome?.message;
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-5" aria-label="Clinical notes">
      <input type="hidden" {...register('bookingId')} />
      <input type="hidden" {...register('version', { valueAsNumber: true })} />
      {conflict ? (
        <StaleNotice
          title="Notes not saved: they changed elsewhere"
          message={conflict.message}
          savedLabel={conflict.saved.updatedAt ? formatDateTime(conflict.saved.updatedAt, timeZone, locale) : null}
          keepMineLabel="Keep mine (replace the saved notes)"
          useSavedLabel="Use the saved notes"
          busy={isSubmitting}
          onKeepMine={() => void onSubmit()}
          onUseSaved={() => void useSaved()}
        >
          <label htmlFor="saved-notes" className="sr-only">
            The saved notes
          </label>
          <textarea
            id="saved-notes"
            readOnly
            rows={6}
            value={conflict.saved.clinicianNotes ?? ''}
            placeholder="(No notes)"
            className="block w-full rounded-lg border border-line-strong bg-surface px-3.5 py-2.5 text-base text-ink"
          />
          <p className="mt-1 text-sm">
            Saved outcome: {conflict.saved.outcome ? OUTCOME_LABELS[conflict.saved.outcome] : 'not recorded'}
          </p>
        </StaleNotice>
      ) : null}
      {showRestored && draft ? (
        <Notice tone="info" role="status" title="Your unsaved changes are back">
          <p>
            These are the notes you were writing ({draft.savedLabel}). They are not saved to the record yet: check
            them and choose “Save notes”.
          </p>
          <Button type="button" variant="quiet" className="mt-2" onClick={() => void discardDraft()}>
            Discard these changes
          </Button>
        </Notice>
      ) : null}
      <TextAreaField
        id="clinician-notes"
        label="Private notes"
        hint="Only you can read these. They are encrypted when saved."
        error={errors.notes?.message}
        maxLength={MAX_CLINICIAN_NOTES}
        rows={8}
        {...register('notes')}
      />
      <div>
        <label htmlFor="consultation-outcome" className="block font-medium text-ink">
          Outcome
        </label>
        <p id="consultation-outcome-hint" className="mt-0.5 text-sm text-ink-muted">
          {hasStarted ? 'What came of the consultation.' : 'You can record this once the consultation has taken place.'}
        </p>
        <select
          id="consultation-outcome"
          aria-invalid={outcomeError ? true : undefined}
          aria-describedby={`consultation-outcome-hint${outcomeError ? ' consultation-outcome-error' : ''}`}
          className="mt-1.5 block w-full max-w-sm rounded-lg border border-line-strong bg-surface px-3.5 py-2.5 text-base text-ink"
          {...register('outcome', { setValueAs: (v: unknown) => (v === '' || v === null || v === undefined ? null : v) })}
        >
          <option value="">Not recorded</option>
          {CONSULTATION_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {OUTCOME_LABELS[outcome]}
            </option>
          ))}
        </select>
        <FieldError id="consultation-outcome-error" message={outcomeError} />
      </div>

      <ActionOutcome
        outcome={formError ? { tone: 'danger', text: formError } : savedAt && !isDirty ? { tone: 'success', text: 'Saved.' } : null}
        title={{ success: 'Notes saved', failure: 'Notes not saved' }}
      />

      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save notes'}
        </Button>
        {updatedLabel && !savedAt ? (
          <span className="text-sm text-ink-muted">Last saved {updatedLabel}</span>
        ) : null}
        <span className="text-sm text-ink-muted" aria-live="polite" data-testid="draft-state">
          {draftStateText(kept.state)}
        </span>
      </div>
    </form>
  );
}
