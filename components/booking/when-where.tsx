import type { PracticeAddress } from '@/lib/bookings/dto';
import type { Modality } from '@/lib/scheduling/types';
import { formatAddress, formatLongDate, formatTime, formatTimeWithZoneName, zoneLabel } from './format';

/**
 * When and where a consultation is: the date and time in the client's zone, the office's time
 * too when they differ (always for in-person), and the place or how it happens. No hooks, so it
 * renders in server pages and in client components alike.
 */
export function WhenWhere({
  startMs,
  endMs,
  clientTimeZone,
  practiceTimeZone,
  modality,
  address,
}: {
  startMs: number;
  endMs: number;
  clientTimeZone: string;
  practiceTimeZone: string;
  modality: Modality;
  address: PracticeAddress;
}) {
  const differs = clientTimeZone !== practiceTimeZone && formatTime(startMs, clientTimeZone) !== formatTime(startMs, practiceTimeZone);
  const officeDate = formatLongDate(startMs, practiceTimeZone);
  const clientDate = formatLongDate(startMs, clientTimeZone);
  const lines = formatAddress(address);
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[8rem_1fr]">
      <dt className="font-medium text-ink-muted">When</dt>
      <dd className="text-ink">
        <span className="block font-semibold" data-testid="when-client">
          {clientDate}
        </span>
        <span className="block">
          {formatTime(startMs, clientTimeZone)} – {formatTime(endMs, clientTimeZone)}
          <span className="text-ink-muted"> · {zoneLabel(clientTimeZone)}</span>
        </span>
        {differs ? (
          <span className="mt-1 block text-ink-muted" data-testid="when-practice">
            {modality === 'in_person' ? 'Office time: ' : 'Practice time: '}
            {officeDate !== clientDate ? `${officeDate}, ` : ''}
            {formatTimeWithZoneName(startMs, practiceTimeZone)} · {zoneLabel(practiceTimeZone)}
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
          'By video. A private video link will be sent before your consultation.'
        ) : (
          "By phone. We'll call you at your number."
        )}
      </dd>
    </dl>
  );
}
