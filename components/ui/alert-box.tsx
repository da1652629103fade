import type { ReactNode, Ref } from 'react';
import { cx } from './cx';

const tones = {
  danger: 'rounded-xl border border-danger/30 bg-danger-soft px-4 py-3 text-danger',
  warning: 'rounded-2xl border border-warning/40 bg-warning-soft p-5 sm:p-6',
} as const;

/**
 * A problem the person must see before going on: announced (`role="alert"`), named by `label`, and
 * focusable from script (`tabIndex={-1}`) so the form can move focus to it through `ref` when it
 * appears. Use `Notice` for messages that need no focus.
 */
export function AlertBox({
  ref,
  label,
  testId,
  tone = 'danger',
  className,
  children,
}: {
  ref?: Ref<HTMLDivElement>;
  label: string;
  testId?: string;
  tone?: keyof typeof tones;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-label={label} data-testid={testId} className={cx(tones[tone], className)}>
      {children}
    </div>
  );
}
