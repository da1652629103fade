'use client';

import type { Ref } from 'react';
import { fieldId } from './ids';

/** Moves focus to a question's control and scrolls it into view, without touching the URL (no history entry). */
export function focusQuestion(linkId: string): void {
  const el = document.getElementById(fieldId(linkId));
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}

/**
 * "There is a problem": every error of the step, each a link to its question. Focused when it
 * appears (`ref`), announced (role="alert"). Links move focus themselves: a #hash would add a
 * history entry, and the intake must leave none behind.
 */
export function ErrorSummary({ ref, errors, labels }: { ref?: Ref<HTMLDivElement>; errors: Array<[linkId: string, message: string]>; labels: Record<string, string> }) {
  if (errors.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" data-testid="error-summary" className="rounded-xl border-2 border-danger bg-danger-soft p-4 sm:p-5">
      <h2 id="error-summary-title" className="font-semibold text-danger">
        {errors.length === 1 ? 'One answer needs a look' : `${errors.length} answers need a look`}
      </h2>
      <ul className="mt-2 space-y-1">
        {errors.map(([linkId, message]) => (
          <li key={linkId}>
            <a
              href={`#${fieldId(linkId)}`}
              className="inline-flex min-h-11 items-center font-medium text-danger underline underline-offset-4"
              onClick={(event) => {
                event.preventDefault();
                focusQuestion(linkId);
              }}
            >
              {labels[linkId] ? `${labels[linkId]}: ${message}` : message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
