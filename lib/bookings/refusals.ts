import type { SlotRefusal } from '../scheduling/slots';

/**
 * What a person is told when the time they chose can't be booked (or moved to), by the reason
 * the slot engine gives. Every message ends by offering the nearest free times, which go with it.
 * `when`: 'checked' — refused before writing (the list they picked from was stale or the time was
 * never offered); 'raced' — someone else got there between that check and the write.
 */
export const SLOT_TAKEN_MESSAGE = 'That time was just taken. Here are the nearest free times.';
export const SLOT_GONE_MESSAGE = 'That time is no longer available. Here are the nearest free times.';

export type TypeLimits = { minNoticeMinutes: number; horizonDays: number; dailyCap: number | null };

export function unavailableMessage(why: SlotRefusal, limits: TypeLimits, when: 'checked' | 'raced'): string {
  switch (why) {
    case 'past':
      return 'That time has already passed. Here are the nearest free times.';
    case 'too_soon':
      return `That time is too soon: bookings need ${noticeText(limits.minNoticeMinutes)} notice. Here are the nearest free times.`;
    case 'too_far':
      return `That time is too far ahead: bookings open up to ${plural(limits.horizonDays, 'day')} ahead. Here are the latest free times.`;
    case 'day_full':
      return limits.dailyCap === null
        ? 'That day is fully booked for this consultation. Here are the nearest free times.'
        : `That day is fully booked for this consultation (at most ${limits.dailyCap} a day). Here are the nearest free times.`;
    case 'not_open':
      return when === 'raced' ? SLOT_TAKEN_MESSAGE : SLOT_GONE_MESSAGE;
  }
}

/** "24 hours'", "1 hour's", "90 minutes'": the possessive that "notice" takes (hours as the practice set them). */
export function noticeText(minutes: number): string {
  const unit = minutes >= 60 && minutes % 60 === 0 ? plural(minutes / 60, 'hour') : plural(minutes, 'minute');
  return unit.endsWith('s') ? `${unit}'` : `${unit}'s`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
