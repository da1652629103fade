import { isWellFormedLinkToken } from '@/lib/bookings/link-tokens';
import { buildBookingIcs } from '@/lib/bookings/queries';

export const dynamic = 'force-dynamic';

const notFound = () =>
  new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/** "Add to calendar" for a private link: a neutral title, nothing clinical. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!isWellFormedLinkToken(token)) return notFound();
  const ics = await buildBookingIcs({ actor: { kind: 'link', token } });
  if (ics === null) return notFound();
  return new Response(ics, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="consultation.ics"',
      'Cache-Control': 'no-store',
    },
  });
}
