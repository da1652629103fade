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

/** "https://haven.example" built from the request's own host, for links shown to the client. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = (h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000').split(',')[0]!.trim();
  const safeHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host) ? host : 'localhost:3000';
  const forwardedProto = h.get('x-forwarded-proto')?.split(',')[0]?.trim();
  const isLocal = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(safeHost);
  const proto = forwardedProto === 'http' || forwardedProto === 'https' ? forwardedProto : isLocal ? 'http' : 'https';
  return `${proto}://${safeHost}`;
}
