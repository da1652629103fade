import { isIP } from 'node:net';
import { env } from '../env';

/**
 * Which client a request counts against, for per-address rate limits (booking, staff sign-in).
 *
 * Measured on Next 16.4.6 `next start` (no proxy): a direct request without X-Forwarded-For gets
 * one, holding the socket address (`::ffff:127.0.0.1` for IPv4 on a dual-stack socket); a request
 * that sends its own X-Forwarded-For keeps it untouched — Next neither replaces nor appends. So
 * with no proxy in front the header is whatever the client wrote, and the socket address is lost.
 *
 * `installPeerAddressHeader` (peer-address.ts, run by instrumentation.ts before any request) therefore
 * writes ADDRESS_CHAIN_HEADER itself on every request: the X-Forwarded-For entries the request
 * arrived with, then the socket address — the same shape a well-behaved proxy produces. Counting
 * from the right, the last entry is the peer that connected to us, and each trusted proxy adds the
 * address it saw. With `trustedHops` proxies in front (HAVEN_TRUSTED_PROXY_HOPS), the client is
 * the entry `trustedHops` places left of the last one; everything further left was written by the
 * client and is never read.
 *
 * Never fails open: no chain (the hook did not run), too few entries for the configured hops, or
 * an entry that is not an IP address all give UNRESOLVED_CLIENT — one shared bucket that is
 * limited like any address — never "no limit".
 */
export const ADDRESS_CHAIN_HEADER = 'x-haven-address-chain';

/** The one bucket for every request whose address can't be determined. */
export const UNRESOLVED_CLIENT = 'unresolved';

/**
 * The one entry point for booking and sign-in: the request's client, given a header reader
 * (`headers().get` in a server action, next-auth's plain header object in `authorize`).
 */
export function requestClientAddress(header: (name: string) => string | null | undefined): string {
  return clientAddress(header(ADDRESS_CHAIN_HEADER), env().HAVEN_TRUSTED_PROXY_HOPS);
}

export function clientAddress(chainHeader: string | null | undefined, trustedHops: number): string {
  if (!chainHeader || chainHeader.length > 4096 || !Number.isInteger(trustedHops) || trustedHops < 0) return UNRESOLVED_CLIENT;
  const chain = chainHeader.split(',').map((entry) => entry.trim());
  const index = chain.length - 1 - trustedHops;
  if (index < 0) return UNRESOLVED_CLIENT;
  return normaliseAddress(chain[index]!) ?? UNRESOLVED_CLIENT;
}

/**
 * An address as a rate-limit key: IPv4 as is (also when written IPv4-mapped, `::ffff:1.2.3.4`);
 * IPv6 by its /64 prefix, since one subscriber usually holds a whole /64 and could otherwise take
 * a fresh address for every request. Anything else (names, ports, `unknown`) is null.
 */
export function normaliseAddress(value: string): string | null {
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  const kind = isIP(bare);
  if (kind === 4) return bare;
  if (kind !== 6) return null;
  const groups = expandIpv6(bare);
  if (!groups) return null;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** Eight 16-bit groups of a valid IPv6 address (checked by isIP first), zone id dropped. */
function expandIpv6(address: string): number[] | null {
  // An embedded IPv4 tail ("::ffff:1.2.3.4") becomes its two hex groups.
  const text = address
    .split('%')[0]!
    .toLowerCase()
    .replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a: string, b: string, c: string, d: string) =>
      [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((g) => g.toString(16)).join(':'),
    );
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = parse(head);
  if (rest === undefined) return left.length === 8 ? left : null;
  const right = parse(rest);
  const missing = 8 - left.length - right.length;
  return missing < 1 ? null : [...left, ...Array<number>(missing).fill(0), ...right];
}
