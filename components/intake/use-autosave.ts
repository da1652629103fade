'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Autosave, type AutosaveStatus, type SaveOutcome, type StopReason } from './autosave';

/**
 * The intake's autosave (autosave.ts) for a React component: `change(draft)` on every edit,
 * `flush()` when a field is left or the step changes. Saves again at once when the browser comes
 * back online, and warns before the page is left while anything is unsaved (unless `allowLeave()`
 * was called: "Leave quickly" must never be held up by a prompt).
 */
export function useAutosave<TDraft, TFlags>(params: {
  initialDraft: TDraft;
  savedAt: string | null;
  save: (draft: TDraft) => Promise<SaveOutcome<TFlags>>;
}) {
  const saveRef = useRef(params.save);
  saveRef.current = params.save;
  const [autosave] = useState(() => new Autosave<TDraft, TFlags>((draft) => saveRef.current(draft), { draft: params.initialDraft, savedAt: params.savedAt }));
  const leaving = useRef(false);

  const status = useSyncExternalStore<AutosaveStatus<TFlags>>(
    (listener) => autosave.subscribe(listener),
    () => autosave.current,
    () => autosave.current,
  );

  useEffect(() => {
    const online = () => autosave.flush();
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current || !autosave.dirty) return;
      autosave.flush();
      event.preventDefault();
      // Older browsers need a value; the text itself is not shown.
      event.returnValue = '';
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [autosave]);

  useEffect(() => () => autosave.dispose(), [autosave]);

  return {
    status,
    change: (draft: TDraft) => autosave.change(draft),
    flush: () => autosave.flush(),
    stop: (reason: StopReason) => autosave.stop(reason),
    /** The newest draft as typed (for "Leave quickly", which takes it along). */
    latest: () => autosave.draft,
    dirty: () => autosave.dirty,
    allowLeave: () => {
      leaving.current = true;
    },
  };
}
