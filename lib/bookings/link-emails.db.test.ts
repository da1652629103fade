import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookings } from '../../db/schema';
import { seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { getLinkEmails } from './link-emails';

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

describe(`where a booking's links were emailed, on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('tells the booker where their own and their partner’s links went, masked; the partner learns only their own', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-video', clientEmail: 'jordan@example.com' });
    const [row] = await handle.db.select({ partnerEmail: bookings.partnerEmail }).from(bookings).where(eq(bookings.id, b.id));
    const booker = await getLinkEmails({ actor: { kind: 'link', token: b.primaryToken } });
    expect(booker).toEqual({ own: 'j•••@example.com', partner: { firstName: 'Riley', maskedAddress: 'p•••@example.com' } });
    expect(JSON.stringify(booker)).not.toContain(row!.partnerEmail!);
    expect(await getLinkEmails({ actor: { kind: 'link', token: b.partnerToken! } })).toEqual({ own: 'p•••@example.com', partner: null });

    await handle.db.update(bookings).set({ okToEmail: false }).where(eq(bookings.id, b.id));
    expect(await getLinkEmails({ actor: { kind: 'link', token: b.primaryToken } })).toMatchObject({ own: null, partner: { firstName: 'Riley' } });
    expect(await getLinkEmails({ actor: { kind: 'link', token: 'x'.repeat(43) } })).toBeNull();
  });
});
