import type { AvailabilityOverrideDto } from '@/lib/availability/dto';
import { modalityList } from '@/lib/availability/schemas';
import { formatLocalDate } from '../../_lib/format';

/** "Time off on Tue, Dec 1, 2026, all day" / "Extra hours on …, 10:00–13:00 (video)". */
export function describeOverride(o: AvailabilityOverrideDto): string {
  const when = o.start && o.end ? `${o.start}–${o.end}` : 'all day';
  const what = o.kind === 'time_off' ? 'Time off' : 'Extra hours';
  const ways = o.kind === 'extra_hours' && o.modalities.length > 0 ? ` (${modalityList(o.modalities)})` : '';
  return `${what} on ${formatLocalDate(o.date)}, ${when}${ways}`;
}
