import 'server-only';
import { headers } from 'next/headers';

/** The client's IP as the proxy in front of us saw it (first X-Forwarded-For hop, or X-Real-IP). */
export async function requesterIp(): Promise<string | null> {
  const h = await headers();
  const forwarded = h.get('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || h.get('x-real-ip')?.trim() || null;
  // Only something that looks like an address: this feeds rate limits, not display.
  return ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
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
