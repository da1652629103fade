import type { ReactNode } from 'react';
import { Notice } from './notice';

/** What came of a form's action: `danger` is a failure (role="alert"); `success` and `info` are news (role="status"). */
export type Outcome = { tone: 'success' | 'info' | 'danger'; text: ReactNode };

/**
 * The polite live region under a form where its outcome appears, as a Notice titled by `title`
 * (one title, or one for success and info and one for failure). `children` (a question the action
 * asked back, say) come first in the same region.
 */
export function ActionOutcome({
  outcome,
  title,
  className,
  children,
}: {
  outcome: Outcome | null;
  title: string | { success: string; failure: string };
  className?: string;
  children?: ReactNode;
}) {
  const failed = outcome?.tone === 'danger';
  return (
    <div aria-live="polite" className={className}>
      {children}
      {outcome ? (
        <Notice tone={outcome.tone} role={failed ? 'alert' : 'status'} title={typeof title === 'string' ? title : failed ? title.failure : title.success}>
          {outcome.text}
        </Notice>
      ) : null}
    </div>
  );
}
