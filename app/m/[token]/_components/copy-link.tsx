'use client';

import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

/** A read-only link with a copy button; says "Copied" in a live region. */
export function CopyLink({ url, label }: { url: string; label: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied.');
    } catch {
      // Clipboard refused (permissions, plain http): select the text so it can be copied by hand.
      inputRef.current?.select();
      setStatus('Press Ctrl+C (or ⌘C) to copy the selected link.');
    }
  }

  return (
    <div>
      <label htmlFor={id} className="block font-medium text-ink">
        {label}
      </label>
      <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
        <input
          ref={inputRef}
          id={id}
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-h-11 w-full rounded-lg border border-line-strong bg-canvas px-3 py-2 font-mono text-sm text-ink"
        />
        <Button variant="secondary" onClick={copy} className="shrink-0">
          Copy link
        </Button>
      </div>
      <p role="status" aria-live="polite" className="mt-1.5 min-h-6 text-sm text-ink-muted">
        {status}
      </p>
    </div>
  );
}
