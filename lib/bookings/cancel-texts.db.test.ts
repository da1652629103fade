import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { encryptPendingCancelTexts } from '../../db/data-fixes/encrypt-cancel-texts';
import { bookings } from '../../db/schema';
import { seedBooking, type StaffWorld, withStaffWorld } from '../../tests/support/staff-world';
import { TEST_DATA_KEYS } from '../../tests/support/test-env';
import { decryptText, parseKeyring } from '../crypto/envelope';
import { getBookingForStaff } from '../staff/booking-detail';
import { cancelTextAssociatedData, type CancellationKind } from './cancellation-text';
import { cancelBooking } from './commands';
import { getManagedBooking } from './queries';

// Tuesday 1 December 2026, 09:00 in New York; the seeded bookings start from Thursday 3 December.
const NOW = new Date('2026-12-01T14:00:00Z');
const REASON = 'REASON-TEXT: my partner found out about the appointment';

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});

const keyring = () => parseKeyring(TEST_DATA_KEYS);
const textOf = async (id: string) => (await handle.db.select({ text: bookings.cancelTextCiphertext }).from(bookings).where(eq(bookings.id, id)))[0]!.text;
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];

describe(`cancellation texts are encrypted on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it("stores a client's cancel reason only as an envelope; the clinician reads it, the front desk and the link only that the client cancelled", async () => {
    const b = await seedBooking(handle.db, world, { startsAt: world.slots() });
    expect(await cancelBooking({ actor: { kind: 'link', token: b.primaryToken }, input: { reason: REASON }, now: NOW })).toEqual({ ok: true });

    const stored = await textOf(b.id);
    expect(stored).toMatch(/^v1\.test1\./);
    expect(stored).not.toContain('REASON-TEXT');
    expect(decryptText(keyring(), stored!, cancelTextAssociatedData('client', b.id))).toBe(REASON);
    // Another purpose, or another booking, does not open it.
    expect(() => decryptText(keyring(), stored!, cancelTextAssociatedData('declined', b.id))).toThrow();
    expect(() => decryptText(keyring(), stored!, cancelTextAssociatedData('client', crypto.randomUUID()))).toThrow();

    const desk = await getBookingForStaff({ actor: world.actors['front desk'], bookingId: b.id, now: NOW });
    expect(desk).toMatchObject({ cancellation: 'client', cancelReason: null });
    expect(JSON.stringify(desk)).not.toContain('REASON-TEXT');
    expect(await getBookingForStaff({ actor: world.actors['own clinician'], bookingId: b.id, now: NOW })).toMatchObject({ cancellation: 'client', cancelReason: REASON });
    const page = await getManagedBooking({ actor: { kind: 'link', token: b.primaryToken }, now: NOW });
    expect(page).toMatchObject({ status: 'cancelled', cancellation: 'client', declineMessage: null });
    expect(JSON.stringify(page)).not.toContain('REASON-TEXT');
  });

  it('no column of bookings holds a cancel reason in plaintext', async () => {
    const columns = rowsOf<{ column_name: string }>(
      await handle.db.execute(sql`select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'bookings'`),
    ).map((c) => c.column_name);
    expect(columns).toContain('cancel_text_ciphertext');
    expect(columns.filter((c) => /reason|message/.test(c))).toEqual([]);
  });

  it('the migration step encrypts plaintext left by an older version, each for its purpose, and drops the column', async () => {
    const cases: { kind: CancellationKind; text: string; set: { cancelledBy: 'client' | 'staff'; declined: boolean } }[] = [
      { kind: 'client', text: 'LEGACY-CLIENT: moving away', set: { cancelledBy: 'client', declined: false } },
      { kind: 'practice', text: 'LEGACY-PRACTICE: clinician unwell', set: { cancelledBy: 'staff', declined: false } },
      { kind: 'declined', text: 'LEGACY-DECLINE: please try Dr. Lee', set: { cancelledBy: 'staff', declined: true } },
    ];
    // The state migration 0007 leaves behind on a database that had plaintext reasons.
    await handle.db.execute(sql`alter table bookings add column if not exists cancel_reason_plaintext_pending text`);
    const seeded = [];
    for (const c of cases) {
      const b = await seedBooking(handle.db, world, { startsAt: world.slots(), status: 'cancelled' });
      await handle.db.update(bookings).set(c.set).where(eq(bookings.id, b.id));
      await handle.db.execute(sql`update bookings set cancel_reason_plaintext_pending = ${c.text} where id = ${b.id}`);
      seeded.push({ ...c, id: b.id });
    }

    await encryptPendingCancelTexts(handle.db);

    const left = rowsOf(
      await handle.db.execute(sql`select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'bookings' and column_name = 'cancel_reason_plaintext_pending'`),
    );
    expect(left).toEqual([]);
    for (const c of seeded) {
      const stored = await textOf(c.id);
      expect(stored).not.toContain('LEGACY');
      expect(decryptText(keyring(), stored!, cancelTextAssociatedData(c.kind, c.id))).toBe(c.text);
    }
    // Run again (every start runs it): nothing to do, nothing changes.
    expect(await encryptPendingCancelTexts(handle.db)).toBe(0);
  });
});
