'use client';

import type { PracticeAddress } from '@/lib/bookings/dto';
import type { Modality } from '@/lib/scheduling/types';
import { useLocale } from '@/components/locale/locale-context';
import { formatAddress, formatLongDate, formatTime, formatTimeRange, formatTimeWithZoneName, zoneLabel } from './format';

/**
 * When and where a consultation is: the date and time in the client's zone, the office's time
 * too when they differ (always for in-person), and the place or how it happens (with what will
 * happen before it, while the booking is live). A client component (for the viewer's locale), so
 * server pages and client components render it alike.
 */
export function WhenWhere({
  startMs,
  endMs,
  clientTimeZone,
  practiceTimeZone,
  modality,
  address,
  live = true,
}: {
  startMs: number;
  endMs: number;
  clientTimeZone: string;
  practiceTimeZone: string;
  modality: Modality;
  address: PracticeAddress;
  /** False for a cancelled or past booking: no promises about what will happen before it. */
  live?: boolean;
}) {
  const locale = useLocale();
  const differs =
    clientTimeZone !== practiceTimeZone && formatTime(startMs, clientTimeZone, locale) !== formatTime(startMs, practiceTimeZone, locale);
  const officeDate = formatLongDate(startMs, practiceTimeZone, locale);
  const clientDate = formatLongDate(startMs, clientTimeZone, locale);
  const lines = formatAddress(address);
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[8rem_1fr]">
      <dt className="font-medium text-ink-muted">When</dt>
      <dd className="text-ink">
        <span className="block font-semibold" data-testid="when-client">
          {clientDate}
        </span>
        <span className="block">
          {formatTimeRange(startMs, endMs, clientTimeZone, locale)}
          <span className="text-ink-muted"> · {zoneLabel(clientTimeZone)}</span>
        </span>
        {differs ? (
          <span className="mt-1 block text-ink-muted" data-testid="when-practice">
            {modality === 'in_person' ? 'Office time: ' : 'Practice time: '}
            {officeDate !== clientDate ? `${officeDate}, ` : ''}
            {formatTimeWithZoneName(startMs, practiceTimeZone, locale)} · {zoneLabel(practiceTimeZone)}
          </span>
        ) : null}
      </dd>
      <dt className="font-medium text-ink-muted">Where</dt>
      <dd className="text-ink">
        {modality === 'in_person' ? (
          lines.length ? (
            <address className="not-italic">
              {lines.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          ) : (
            'At the office'
          )
        ) : modality === 'video' ? (
          live ? 'By video. The link to join appears on your private page from 24 hours before.' : 'By video'
        ) : live ? (
          "By phone. We'll call you at your number."
        ) : (
          'By phone'
        )}
      </dd>
    </dl>
  );
}
