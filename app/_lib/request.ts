import 'server-only';
import { headers } from 'next/headers';
import { requestClientAddress } from '../../lib/abuse/client-address';

/**
 * The client's address for rate limits, from the trusted proxy hops (lib/abuse/client-address.ts):
 * always a bucket — an address, or the shared "unresolved" one — never null, so no limit is skipped.
 */
export async function requesterIp(): Promise<string> {
  const h = await headers();
  return requestClientAddress((name) => h.get(name));
}
