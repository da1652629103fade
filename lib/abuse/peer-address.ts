import type { IncomingMessage } from 'node:http';
import { ADDRESS_CHAIN_HEADER } from './client-address';

/**
 * Gives every request the address chain `clientAddress` reads (see client-address.ts): the
 * X-Forwarded-For entries it arrived with, then the socket's peer address. Written over any value
 * the client sent, before Next.js sees the request, so the last entry is always the real peer.
 *
 * Next.js has no hook that exposes the socket to route handlers or server actions (NextRequest.ip
 * was removed in 15), so this wraps `http.Server.prototype.emit` for 'request' events once per
 * process; instrumentation.ts calls it in `register()`. If it ever doesn't run, the chain header is
 * missing and every request shares one limited bucket (fail closed), never an unlimited one.
 */
const INSTALLED = Symbol.for('haven.peerAddressHeader');

export async function installPeerAddressHeader(): Promise<void> {
  const http = await import('node:http');
  const proto = http.Server.prototype as typeof http.Server.prototype & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const emit = proto.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') writeAddressChain(args[0] as IncomingMessage);
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
  proto[INSTALLED] = true;
}

export function writeAddressChain(req: IncomingMessage): void {
  const forwarded = req.headers['x-forwarded-for'];
  const arrived = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).trim();
  const peer = req.socket?.remoteAddress ?? 'unknown';
  req.headers[ADDRESS_CHAIN_HEADER] = arrived ? `${arrived}, ${peer}` : peer;
}
