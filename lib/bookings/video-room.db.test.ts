import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { auditEvents, bookingLinks, bookings, clinicians } from '../../db/schema';
import { seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { getOwnVideoRoom, updateOwnVideoRoom } from '../staff/video-room';
import { getVideoRoomForLink } from './video-room';

const ROOM = 'https://doxy.me/dr-test-room';
const HOUR = 3_600_000;

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const link = (token: string) => ({ kind: 'link' as const, token });
const at = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe(`the video room on a private page, on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('shows the room from 24 hours before a confirmed video consultation until its end, and when it will appear before that (fixed clock)', async () => {
    await handle.db.update(clinicians).set({ videoRoomUrl: ROOM }).where(eq(clinicians.id, world.clinician.id));
    const b = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-video' });
    const start = b.startsAt;
    const end = at(start, 80 * 60_000);
    const opensAt = at(start, -24 * HOUR).toISOString();
    for (const token of [b.primaryToken, b.partnerToken!]) {
      expect(await getVideoRoomForLink({ actor: link(token), now: at(start, -7 * 24 * HOUR) })).toEqual({ state: 'later', opensAt });
      expect(await getVideoRoomForLink({ actor: link(token), now: at(start, -24 * HOUR - 1) })).toEqual({ state: 'later', opensAt });
      expect(await getVideoRoomForLink({ actor: link(token), now: at(start, -24 * HOUR) })).toEqual({ state: 'open', url: ROOM, closesAt: end.toISOString() });
      expect(await getVideoRoomForLink({ actor: link(token), now: at(start, 30 * 60_000) })).toMatchObject({ state: 'open', url: ROOM });
      expect(await getVideoRoomForLink({ actor: link(token), now: at(end, -1) })).toMatchObject({ state: 'open' });
      expect(await getVideoRoomForLink({ actor: link(token), now: end })).toBeNull();
    }
    // A revoked link or an unknown token sees nothing.
    await handle.db.update(bookingLinks).set({ revokedAt: start }).where(and(eq(bookingLinks.bookingId, b.id), eq(bookingLinks.holder, 'partner')));
    expect(await getVideoRoomForLink({ actor: link(b.partnerToken!), now: start })).toBeNull();
    expect(await getVideoRoomForLink({ actor: link('x'.repeat(43)), now: start })).toBeNull();
  });

  it('never for a request, a cancelled booking or a consultation in person; "not ready" inside the window when no room is set', async () => {
    await handle.db.update(clinicians).set({ videoRoomUrl: ROOM }).where(eq(clinicians.id, world.clinician.id));
    const video = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'solo-video' });
    const inside = at(video.startsAt, -HOUR);
    await handle.db.update(bookings).set({ status: 'requested' }).where(eq(bookings.id, video.id));
    expect(await getVideoRoomForLink({ actor: link(video.primaryToken), now: inside })).toBeNull();
    await handle.db.update(bookings).set({ status: 'cancelled', cancelledAt: inside, cancelledBy: 'client' }).where(eq(bookings.id, video.id));
    expect(await getVideoRoomForLink({ actor: link(video.primaryToken), now: inside })).toBeNull();

    const inPerson = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-request', status: 'confirmed' });
    expect(await getVideoRoomForLink({ actor: link(inPerson.primaryToken), now: at(inPerson.startsAt, -HOUR) })).toBeNull();

    const other = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'solo-video', clinicianId: world.otherClinician.id });
    expect(await getVideoRoomForLink({ actor: link(other.primaryToken), now: at(other.startsAt, -HOUR) })).toEqual({ state: 'not_set' });
    expect(await getVideoRoomForLink({ actor: link(other.primaryToken), now: at(other.startsAt, -48 * HOUR) })).toMatchObject({ state: 'later' });
  });
});

describe(`a clinician's own video room link, on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('each clinician sets and clears their own (https only, audited without the address); the front desk cannot', async () => {
    const own = world.actors['own clinician'];
    const other = world.actors['other clinician'];
    expect(await updateOwnVideoRoom({ actor: other, input: { videoRoomUrl: '  https://meet.example.com/sage  ' } })).toEqual({ ok: true, videoRoomUrl: 'https://meet.example.com/sage', changed: true });
    expect(await getOwnVideoRoom({ actor: other })).toEqual({ videoRoomUrl: 'https://meet.example.com/sage' });
    // Only their own record changed.
    const [a] = await handle.db.select({ url: clinicians.videoRoomUrl }).from(clinicians).where(eq(clinicians.id, world.otherClinician.id));
    expect(a!.url).toBe('https://meet.example.com/sage');
    expect(await updateOwnVideoRoom({ actor: other, input: { videoRoomUrl: 'https://meet.example.com/sage' } })).toMatchObject({ ok: true, changed: false });
    expect(await updateOwnVideoRoom({ actor: other, input: { videoRoomUrl: '' } })).toEqual({ ok: true, videoRoomUrl: '', changed: true });
    const audits = await handle.db.select({ detail: auditEvents.detail }).from(auditEvents).where(and(eq(auditEvents.action, 'clinician.video_room_set'), eq(auditEvents.subjectId, world.otherClinician.id)));
    expect(audits.map((r) => r.detail)).toEqual([{ set: true }, { set: false }]);

    for (const bad of ['http://meet.example.com/x', 'javascript:alert(1)', 'https://user:pw@meet.example.com/x', 'meet.example.com/x', 'https://localhost/room', 'https://a.example.com/ x', `https://a.example.com/${'x'.repeat(500)}`]) {
      const refused = await updateOwnVideoRoom({ actor: own, input: { videoRoomUrl: bad } });
      expect(refused, bad).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { videoRoomUrl: expect.any(String) } });
    }
    await expect(getOwnVideoRoom({ actor: world.actors['front desk'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateOwnVideoRoom({ actor: world.actors['front desk'], input: { videoRoomUrl: ROOM } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
