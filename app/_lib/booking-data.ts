import 'server-only';
import { cache } from 'react';
import type { ManagedBooking } from '@/lib/bookings/dto';
import { isWellFormedLinkToken } from '@/lib/bookings/link-tokens';
import { getManagedBooking } from '@/lib/bookings/queries';

/**
 * The booking behind a private link, loaded once per request: the /m/[token] layout checks it
 * (so an unknown link is a real 404 before anything streams) and the pages reuse it.
 */
export const loadManagedBooking = cache(async (token: string): Promise<ManagedBooking | null> => {
  if (!isWellFormedLinkToken(token)) return null;
  return getManagedBooking({ actor: { kind: 'link', token } });
});
