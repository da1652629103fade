'use client';

import { useRef, type ReactNode } from 'react';
import { useHydrated } from '@/components/booking/use-client-time-zone';
import { useLocale } from '@/components/locale/locale-context';
import type { AutosaveStatus } from './autosave';
import { focusQuestion } from './error-summary';

/**
 * What autosave is doing, in plain words: "Saving…", "Saved 10:42", "Not saved yet — we'll keep
 * trying". The words are visible; only problems and their end are announced (a screen reader
 * hearing "Saving… Saved" every few seconds would be worse than nothing).
 */
export function SaveStatus<T>({ status, dirty, onRetry, labels }: { status: AutosaveStatus<T>; dirty: boolean; onRetry: () => void; labels: Record<string, string> }) {
  const hydrated = useHydrated();
  const locale = useLocale();
  const time = (iso: string | null) =>
    iso && hydrated ? new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso)) : null;

  let text: string;
  let problem = false;
  let extra: ReactNode = null;
  switch (status.state) {
    case 'saving':
      text = 'Saving…';
      break;
    case 'saved': {
      const at = time(status.savedAt);
      text = dirty ? 'Changes not saved yet' : at ? `Saved ${at}` : 'Saved';
      break;
    }
    case 'idle': {
      const at = time(status.savedAt);
      text = dirty ? 'Changes not saved yet' : at ? `Saved ${at}` : status.savedAt ? 'Saved' : 'Your answers are saved as you go';
      break;
    }
    case 'retrying':
      problem = true;
      text = 'Not saved yet — we’ll keep trying. Your answers stay on this page meanwhile; please don’t close it.';
      extra = (
        <button type="button" onClick={onRetry} className="ml-2 inline-flex min-h-11 items-center px-1 font-medium text-accent underline underline-offset-4">
          Try now
        </button>
      );
      break;
    case 'invalid': {
      problem = true;
      const [linkId, message] = Object.entries(status.fieldErrors)[0] ?? [];
      text = 'Not saved: one answer needs a change first.';
      extra = linkId ? (
        <button type="button" onClick={() => focusQuestion(linkId)} className="ml-2 inline-flex min-h-11 items-center px-1 text-left font-medium text-accent underline underline-offset-4">
          {labels[linkId] ? `${labels[linkId]}: ${message}` : message}
        </button>
      ) : null;
      break;
    }
    case 'stopped':
      problem = true;
      text =
        status.reason === 'sent'
          ? 'These answers have already been sent, so changes here are not saved. Reload the page to see what was sent.'
          : status.reason === 'closed'
            ? 'This consultation no longer takes answers (it was cancelled, or its time has passed), so changes here are not saved.'
            : 'This page can no longer save your answers (this device was signed out, or the link changed). Please reload the page.';
      break;
  }

  // Announced: a problem, and its end ("saved" after a problem) — not every routine save.
  const hadProblem = useRef(false);
  const announcement = problem ? text : hadProblem.current && status.state === 'saved' ? 'Your answers are saved again.' : '';
  if (problem) hadProblem.current = true;
  else if (status.state === 'saved') hadProblem.current = false;

  return (
    <div className="flex min-h-11 flex-wrap items-center text-sm" data-testid="save-status" data-state={status.state}>
      <p className={problem ? 'font-medium text-warning' : 'text-ink-muted'}>{text}</p>
      {extra}
      <span className="sr-only" role="status" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
