import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { bookings, clinicians, consultationTypes } from '../../db/schema';
import { resolveLink, type LinkActor } from './link-access';

/** The video room opens on the client's page this long before the start, and closes at the end. */
export const VIDEO_ROOM_OPENS_BEFORE_MS = 24 * 3_600_000;

/**
 * What a private page says about the video room of a confirmed video consultation: the link from
 * 24 hours before the start until the end (`open`), when it will appear (`later`), or that the
 * clinician has not set one yet (`not_set`, inside the window). Null for anything else — another
 * way to meet, a request not yet confirmed, a cancelled or finished booking, a dead link — so the
 * room's address never reaches a page it should not be on.
 */
export type VideoRoomView = { state: 'open'; url: string; closesAt: string } | { state: 'later'; opensAt: string } | { state: 'not_set' };

export async function getVideoRoomForLink(params: { actor: LinkActor; now?: Date }): Promise<VideoRoomView | null> {
  const db = await getDb();
  const link = await resolveLink(db, params.actor);
  if (!link) return null;
  const [row] = await db
    .select({ status: bookings.status, startsAt: bookings.startsAt, endsAt: bookings.endsAt, modality: consultationTypes.modality, url: clinicians.videoRoomUrl })
    .from(bookings)
    .innerJoin(consultationTypes, eq(consultationTypes.id, bookings.consultationTypeId))
    .innerJoin(clinicians, eq(clinicians.id, bookings.clinicianId))
    .where(eq(bookings.id, link.bookingId))
    .limit(1);
  if (!row || row.modality !== 'video' || row.status !== 'confirmed') return null;
  const now = (params.now ?? new Date()).getTime();
  const opensAt = row.startsAt.getTime() - VIDEO_ROOM_OPENS_BEFORE_MS;
  if (now >= row.endsAt.getTime()) return null;
  if (now < opensAt) return { state: 'later', opensAt: new Date(opensAt).toISOString() };
  return row.url ? { state: 'open', url: row.url, closesAt: row.endsAt.toISOString() } : { state: 'not_set' };
}
