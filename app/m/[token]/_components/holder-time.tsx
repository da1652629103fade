'use client';

import type { PracticeAddress } from '@/lib/bookings/dto';
import type { Modality } from '@/lib/scheduling/types';
import { formatLongDate, formatTime, formatTimeWithZoneName, zoneLabel } from '@/components/booking/format';
import { useDetectedTimeZone } from '@/components/booking/use-client-time-zone';
import { useLocale } from '@/components/locale/locale-context';
import { WhenWhere } from '@/components/booking/when-where';

/**
 * Times on a private link are the link holder's own: the zone they booked or last rescheduled in
 * (kept per link), else the zone this browser reports, else (before hydration, for a holder we
 * know nothing about) the practice's, always named. When the browser is somewhere else than the
 * holder's zone (travelling), the time there is shown too.
 */
export function useHolderZone(holderTimeZone: string | null, practiceTimeZone: string) {
  const detected = useDetectedTimeZone();
  const zone = holderTimeZone ?? detected ?? practiceTimeZone;
  const elsewhere = detected && detected !== zone ? detected : null;
  return { zone, elsewhere };
}

export function HolderWhenWhere(props: {
  startMs: number;
  endMs: number;
  holderTimeZone: string | null;
  practiceTimeZone: string;
  modality: Modality;
  address: PracticeAddress;
  live: boolean;
}) {
  const { zone, elsewhere } = useHolderZone(props.holderTimeZone, props.practiceTimeZone);
  const locale = useLocale();
  return (
    <>
      <WhenWhere
        startMs={props.startMs}
        endMs={props.endMs}
        clientTimeZone={zone}
        practiceTimeZone={props.practiceTimeZone}
        modality={props.modality}
        address={props.address}
        live={props.live}
      />
      {elsewhere && formatTime(props.startMs, elsewhere, locale) !== formatTime(props.startMs, zone, locale) ? (
        <p className="mt-2 text-ink-muted sm:ml-[9.5rem]" data-testid="when-here">
          Where you are now ({zoneLabel(elsewhere)}): {formatLongDate(props.startMs, elsewhere, locale)}, {formatTimeWithZoneName(props.startMs, elsewhere, locale)}
        </p>
      ) : null}
    </>
  );
}

/** "Tuesday, December 1, 2026 at 9:00 AM GMT (London)": an instant in the holder's zone, the zone named. */
export function HolderDateTime({ ms, holderTimeZone, practiceTimeZone }: { ms: number; holderTimeZone: string | null; practiceTimeZone: string }) {
  const { zone } = useHolderZone(holderTimeZone, practiceTimeZone);
  const locale = useLocale();
  return (
    <>
      {formatLongDate(ms, zone, locale)} at {formatTimeWithZoneName(ms, zone, locale)} ({zoneLabel(zone).split(' (')[0]})
    </>
  );
}
