import type { ReactNode } from 'react';
import { cx } from './cx';

export type NoticeTone = 'info' | 'success' | 'warning' | 'danger';

const tones: Record<NoticeTone, string> = {
  info: 'border-accent/30 bg-accent-soft text-ink',
  success: 'border-success/30 bg-success-soft text-success',
  warning: 'border-warning/30 bg-warning-soft text-ink',
  danger: 'border-danger/30 bg-danger-soft text-danger',
};

/**
 * A boxed message. Give it a `title` (it names the region, so tests and screen readers can tell
 * it apart from Next's route announcer) and, for results of an action, `role="status"` or
 * `role="alert"`.
 */
export function Notice({
  tone = 'info',
  title,
  children,
  role,
  id,
  testId,
  className,
}: {
  tone?: NoticeTone;
  title?: string;
  children?: ReactNode;
  role?: 'status' | 'alert' | 'note';
  id?: string;
  testId?: string;
  className?: string;
}) {
  return (
    <div
      id={id}
      role={role}
      aria-label={role && title ? title : undefined}
      data-testid={testId}
      className={cx('rounded-xl border px-4 py-3 sm:px-5 sm:py-4', tones[tone], className)}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={cx('text-ink', title && 'mt-1')}>{children}</div> : null}
    </div>
  );
}
