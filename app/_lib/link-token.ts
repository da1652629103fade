import 'server-only';
import { notFound } from 'next/navigation';
import { isWellFormedLinkToken } from '@/lib/bookings/link-tokens';

/** The `{ kind: 'link', token }` actor for a private-link route; malformed tokens are simply not found. */
export function linkActorOrNotFound(token: string): { kind: 'link'; token: string } {
  if (!isWellFormedLinkToken(token)) notFound();
  return { kind: 'link', token };
}
