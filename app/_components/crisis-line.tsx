'use client';

import { Fragment } from 'react';
import { useDetectedTimeZone } from '@/components/booking/use-client-time-zone';
import { crisisRegionOf, crisisTextParts } from '@/lib/practice/crisis-line';

/**
 * The footer's crisis line for the viewer's own zone (the browser's): 988/911 only for US zones,
 * elsewhere the local emergency number and a directory of helplines. Before hydration (or with
 * no zone) the international wording shows: it is right everywhere, the US one is not.
 */
export function CrisisLine({ lines }: { lines: { us: string; elsewhere: string } }) {
  const region = crisisRegionOf(useDetectedTimeZone());
  const parts = crisisTextParts(region === 'us' ? lines.us : lines.elsewhere);
  return (
    <p data-testid="crisis-line" data-region={region}>
      {parts.map((part, i) =>
        part.kind === 'text' ? (
          <Fragment key={i}>{part.text}</Fragment>
        ) : (
          <a
            key={i}
            href={part.href}
            className="text-accent underline underline-offset-4"
            {...(part.kind === 'url' ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
          >
            {part.text}
          </a>
        ),
      )}
    </p>
  );
}
