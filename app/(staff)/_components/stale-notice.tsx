'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/**
 * What a staff form shows when its save was refused as stale (lib/concurrency/edit-version.ts):
 * someone saved in between. The saved version is shown here (`children`); the person's own stays
 * in the form. They keep theirs (save over the saved one), take the saved one, or combine the two
 * by hand in the form and save. Focused when it appears, so a screen reader reads it first.
 */
export function StaleNotice({
  title,
  message,
  savedLabel,
  children,
  onKeepMine,
  onUseSaved,
  keepMineLabel,
  useSavedLabel,
  busy,
}: {
  title: string;
  /** The data layer's sentence ("… changed after you opened this page … Nothing was saved."). */
  message: string;
  /** When the saved version was saved, in the practice's zone (null: unknown). */
  savedLabel: string | null;
  children: ReactNode;
  onKeepMine: () => void;
  onUseSaved: () => void;
  keepMineLabel: string;
  useSavedLabel: string;
  busy?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, []);
  return (
    <div
      ref={box}
      tabIndex={-1}
      role="alert"
      aria-label={title}
      data-testid="stale-notice"
      className="rounded-lg border border-warning/30 bg-warning-soft px-4 py-3 text-ink outline-none focus-visible:ring-2 focus-visible:ring-accent"
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{message}</p>
      <p className="mt-1">
        Your version is still in the form below. Keep yours, use the saved one, or combine them by hand in the form and save.
      </p>
      <div className="mt-3">
        <p className="font-medium">The saved version{savedLabel ? ` (saved ${savedLabel})` : ''}:</p>
        <div className="mt-1">{children}</div>
      </div>
      <div className="mt-3 flex flex-wrap gap-3">
        <Button type="button" onClick={onKeepMine} disabled={busy}>
          {keepMineLabel}
        </Button>
        <Button type="button" variant="secondary" onClick={onUseSaved} disabled={busy}>
          {useSavedLabel}
        </Button>
      </div>
    </div>
  );
}
