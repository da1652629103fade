import { buildCalendarFeed, feedTokenFromSegment } from '@/lib/calendar/feed';

export const dynamic = 'force-dynamic';

/**
 * The feed is the clinician's schedule: never cached on the way, never indexed, never sent on as
 * a referrer. (api/ is outside proxy.ts, so these are set here.)
 */
const PRIVATE_HEADERS = {
  'Cache-Control': 'private, no-store, max-age=0',
  'X-Robots-Tag': 'noindex, nofollow, noarchive',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
} as const;

/** Unknown, replaced, turned off or malformed: the same plain 404, saying nothing about which. */
const notFound = () => new Response('Not found', { status: 404, headers: { ...PRIVATE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** A clinician's private calendar feed (lib/calendar/feed.ts), subscribed to by address. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = feedTokenFromSegment((await params).token);
  if (!token) return notFound();
  const ics = await buildCalendarFeed({ token });
  if (ics === null) return notFound();
  return new Response(ics, {
    status: 200,
    headers: { ...PRIVATE_HEADERS, 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="haven.ics"' },
  });
}
