import 'server-only';
import { cache } from 'react';
import type { ManagedBooking } from '@/lib/bookings/dto';
import { isWellFormedLinkToken } from '@/lib/bookings/link-tokens';
import { getManagedBooking } from '@/lib/bookings/queries';

/**
 * The booking behind a private link, loaded once per request and shared by the page and its
 * metadata. An unknown link is a real 404 only because nothing under /m streams before the
 * page calls notFound(): do not add a loading.tsx there (it would turn 404s into 200s).
 */
export const loadManagedBooking = cache(async (token: string): Promise<ManagedBooking | null> => {
  if (!isWellFormedLinkToken(token)) return null;
  return getManagedBooking({ actor: { kind: 'link', token } });
});
