'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormGetValues, UseFormWatch } from 'react-hook-form';
import { discardStaffDraftAction, saveStaffDraftAction } from '../actions';
import { noteStaffActivity } from './session-channel';

/** How long after the last keystroke a draft is kept. */
const DRAFT_DELAY_MS = 1_500;

export type DraftState = 'idle' | 'keeping' | 'kept' | 'failed';

/**
 * Keeps a staff form's unsaved values as the signed-in person's draft (lib/drafts), so that a
 * sign-out for inactivity loses nothing: after signing in again the page offers the draft back.
 * `baseline` is what is already kept (the record's values, or the restored draft). Typing is
 * activity: each kept draft also keeps the sign-in alive, and tells the idle warning so.
 */
function useDraftKeeper<T extends object>(formKey: string, baseline: T) {
  const kept = useRef(JSON.stringify(baseline));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [state, setState] = useState<DraftState>('idle');

  /** Keep `read()` once typing pauses (unless it is what is already kept). */
  const schedule = useCallback(
    (read: () => T) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(async () => {
        const values = read();
        const json = JSON.stringify(values);
        if (json === kept.current) return;
        setState('keeping');
        const result = await saveStaffDraftAction({ formKey, values: values as Record<string, unknown> }).catch(() => null);
        if (result?.ok) {
          kept.current = json;
          noteStaffActivity();
          setState('kept');
        } else {
          setState('failed');
        }
      }, DRAFT_DELAY_MS);
    },
    [formKey],
  );

  useEffect(() => () => clearTimeout(timer.current), []);

  /** The form was saved for real (these values), or put back (these values): the draft goes. */
  const settle = useCallback(
    async (values: T) => {
      clearTimeout(timer.current);
      kept.current = JSON.stringify(values);
      setState('idle');
      await discardStaffDraftAction({ formKey }).catch(() => undefined);
    },
    [formKey],
  );

  return { state, schedule, settle };
}

/** For a react-hook-form form: watches every change without re-rendering the form. */
export function useStaffDraft<T extends FieldValues>(params: {
  formKey: string;
  watch: UseFormWatch<T>;
  getValues: UseFormGetValues<T>;
  baseline: T;
}) {
  const { watch, getValues } = params;
  const { state, schedule, settle } = useDraftKeeper(params.formKey, params.baseline);
  useEffect(() => {
    const subscription = watch(() => schedule(() => getValues()));
    return () => subscription.unsubscribe();
  }, [watch, getValues, schedule]);
  return { state, settle };
}

/** For a form that holds its values in React state. */
export function useStaffDraftOfValues<T extends object>(params: { formKey: string; values: T; baseline: T }) {
  const { state, schedule, settle } = useDraftKeeper(params.formKey, params.baseline);
  const json = JSON.stringify(params.values);
  const latest = useRef(params.values);
  latest.current = params.values;
  useEffect(() => {
    schedule(() => latest.current);
  }, [json, schedule]);
  return { state, settle };
}

/** The words for a draft's state, next to a form's save button. */
export function draftStateText(state: DraftState): string {
  return state === 'kept' ? 'Unsaved changes are kept as a draft.' : state === 'failed' ? 'Couldn’t keep a draft — save soon.' : '';
}
