import { cx } from '@/components/ui/cx';

/** A calm loading state: a short message for screen readers and a soft skeleton for the eye. */
export function LoadingPanel({ message, className }: { message: string; className?: string }) {
  return (
    <div className={cx('mx-auto max-w-3xl px-5 py-12 sm:px-8', className)} role="status" aria-live="polite" aria-label={message}>
      <h1 className="text-lg font-normal text-ink-muted">{message}</h1>
      <div aria-hidden="true" className="mt-8 space-y-4 motion-safe:animate-pulse">
        <div className="h-8 w-2/3 rounded-lg bg-line/60" />
        <div className="h-4 w-full rounded bg-line/50" />
        <div className="h-4 w-5/6 rounded bg-line/50" />
        <div className="mt-6 grid grid-cols-4 gap-3 sm:grid-cols-7">
          {Array.from({ length: 7 }, (_, i) => (
            <div key={i} className="h-16 rounded-xl bg-line/50" />
          ))}
        </div>
      </div>
    </div>
  );
}
