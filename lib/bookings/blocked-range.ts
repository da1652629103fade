import type { ConsultationType } from '../../db/schema';

/**
 * What a booking holds on its clinician's calendar: [start − buffer before, end + buffer after).
 * The exclusion constraint and the slot engine both use these ranges, so they agree on "free".
 */
export function blockedRangeOf(
  type: Pick<ConsultationType, 'durationMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes'>,
  start: Date,
) {
  const startMs = start.getTime();
  const endsAt = new Date(startMs + type.durationMinutes * 60_000);
  return {
    endsAt,
    blocked: {
      from: new Date(startMs - type.bufferBeforeMinutes * 60_000),
      until: new Date(endsAt.getTime() + type.bufferAfterMinutes * 60_000),
    },
  };
}
