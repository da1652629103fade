import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { clinicians } from '../../db/schema';
import { canForClinician, type StaffActor } from '../auth/actor';
import { recordAudit } from '../audit/record';
import { videoRoomFormSchema } from '../practice/video-room-schema';
import { assertStaffCan, auditActorOf, invalidInput, notFound } from './access';
import type { StaffRefusal } from './dto';

/**
 * A clinician's own video room link ('clinician.edit_own_profile': a clinician, on their own
 * record only; the front desk never). Clients see it on their private page from 24 hours before a
 * video consultation until its end (lib/bookings/video-room.ts).
 */
export async function getOwnVideoRoom(params: { actor: StaffActor }): Promise<{ videoRoomUrl: string }> {
  const { actor } = params;
  assertStaffCan(actor, 'clinician.edit_own_profile');
  if (!actor.clinicianId || !canForClinician(actor, 'clinician.edit_own_profile', actor.clinicianId)) throw notFound();
  const db = await getDb();
  const [row] = await db
    .select({ videoRoomUrl: clinicians.videoRoomUrl })
    .from(clinicians)
    .where(and(eq(clinicians.id, actor.clinicianId), eq(clinicians.practiceId, actor.practiceId)))
    .limit(1);
  if (!row) throw notFound();
  return row;
}

/** Sets (or, with '', clears) the actor's own video room link. Audited without the address itself. */
export async function updateOwnVideoRoom(params: {
  actor: StaffActor;
  input: unknown;
  now?: Date;
}): Promise<{ ok: true; videoRoomUrl: string; changed: boolean } | StaffRefusal> {
  const { actor } = params;
  assertStaffCan(actor, 'clinician.edit_own_profile');
  if (!actor.clinicianId || !canForClinician(actor, 'clinician.edit_own_profile', actor.clinicianId)) throw notFound();
  const clinicianId = actor.clinicianId;
  const parsed = videoRoomFormSchema.safeParse(params.input);
  if (!parsed.success) return invalidInput(parsed.error.issues);
  const { videoRoomUrl } = parsed.data;
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ videoRoomUrl: clinicians.videoRoomUrl })
      .from(clinicians)
      .where(and(eq(clinicians.id, clinicianId), eq(clinicians.practiceId, actor.practiceId)))
      .for('update');
    if (!before) throw notFound();
    if (before.videoRoomUrl === videoRoomUrl) return { ok: true as const, videoRoomUrl, changed: false };
    await tx.update(clinicians).set({ videoRoomUrl }).where(eq(clinicians.id, clinicianId));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'clinician.video_room_set',
      subjectType: 'clinician',
      subjectId: clinicianId,
      detail: { set: videoRoomUrl !== '' },
      at: now,
    });
    return { ok: true as const, videoRoomUrl, changed: true };
  });
}
