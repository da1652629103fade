import { NextResponse, type NextRequest } from 'next/server';
import { isWellFormedLinkToken } from '@/lib/bookings/link-tokens';
import { saveIntakeDraft } from '@/lib/intake/client-intake';
import { forgetIntakeDevice, getIntakeGate } from '@/lib/intake/device-access';
import { DEVICE_COOKIE, deviceCookiePath } from '../_lib/device-cookie';

export const dynamic = 'force-dynamic';

/** A beacon carries at most ~64 kB; anything bigger is not a draft of ours. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * "Leave quickly" (components/intake/leave-quickly.tsx): a beacon, sent as the page is replaced
 * by a neutral site. Saves the newest answers it carries (so nothing typed is lost), then forgets
 * this device for the link's intake — a new visit asks for a code again — and clears the cookie.
 * Answers 204 to the link's holder (with or without a device), 404 for a link that is not live (the
 * device is forgotten all the same); a post from another site is refused (it could only sign a
 * person's device out).
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!sameOrigin(request)) return new NextResponse(null, { status: 403 });
  if (!isWellFormedLinkToken(token)) return notFound();
  const actor = { kind: 'link' as const, token };
  const now = new Date();
  const deviceToken = request.cookies.get(DEVICE_COOKIE)?.value ?? null;
  const gate = await getIntakeGate({ actor, deviceToken, now });
  if (deviceToken) {
    const draft = gate?.state === 'open' ? await readDraft(request) : undefined;
    if (draft !== undefined) {
      try {
        await saveIntakeDraft({ actor, deviceToken, draft, now });
      } catch (err) {
        console.error('[haven] leave: saving the last draft failed', err instanceof Error ? err.name : typeof err);
      }
    }
    // Whoever holds a device token may end it, even when the link is dead by now.
    await forgetIntakeDevice({ actor, deviceToken, now });
  }
  // Not the link's holder (unknown, revoked): the same 404 as its pages.
  if (!gate) return notFound();
  const response = new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  response.cookies.set(DEVICE_COOKIE, '', { path: deviceCookiePath(token), expires: new Date(0), httpOnly: true, sameSite: 'lax' });
  return response;
}

function notFound() {
  return new NextResponse(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
}

/** Browsers send Origin with a beacon / keepalive POST; none at all is a non-browser client (allowed, as Next allows actions). */
function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  const host = (request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? '').split(',')[0]!.trim();
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The draft JSON the beacon carried, or undefined (none, too big, unreadable): the data layer validates it. */
async function readDraft(request: NextRequest): Promise<unknown> {
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (!(length > 0) || length > MAX_BODY_BYTES) return undefined;
  try {
    const text = await request.text();
    if (!text || text.length > MAX_BODY_BYTES) return undefined;
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
