'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormGetValues, UseFormWatch } from 'react-hook-form';
import { discardStaffDraftAction, saveStaffDraftAction } from '../actions';
import { noteStaffActivity } from './session-channel';

/** How long after the last keystroke a draft is kept. */
const DRAFT_DELAY_MS = 1_500;

export type DraftState = 'idle' | 'keeping' | 'kept' | 'failed';

/**
 * Autosaves a staff form's unsaved values as the signed-in person's draft (lib/drafts), so that
 * a sign-out for inactivity loses nothing: after signing in again the page offers the draft back.
 * `baseline` is what is already kept (the record's values, or the restored draft). Typing is
 * activity: each kept draft also keeps the sign-in alive, and tells the idle warning so.
 */
export function useStaffDraft<T extends FieldValues>(params: {
  formKey: string;
  watch: UseFormWatch<T>;
  getValues: UseFormGetValues<T>;
  baseline: T;
}) {
  const { formKey, watch, getValues } = params;
  const kept = useRef(JSON.stringify(params.baseline));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [state, setState] = useState<DraftState>('idle');

  useEffect(() => {
    const subscription = watch(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(async () => {
        const values = getValues();
        const json = JSON.stringify(values);
        if (json === kept.current) return;
        setState('keeping');
        const result = await saveStaffDraftAction({ formKey, values }).catch(() => null);
        if (result?.ok) {
          kept.current = json;
          noteStaffActivity();
          setState('kept');
        } else {
          setState('failed');
        }
      }, DRAFT_DELAY_MS);
    });
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer.current);
    };
  }, [formKey, watch, getValues]);

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

  return { state, settle };
}
