import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookings, staffUsers } from '../../db/schema';
import { bookingInput, type TestPractice, withTestPractice } from '../../tests/support/practice-fixture';
import { createStaffUser } from '../auth/staff-users';
import { bookConsultation } from '../bookings/commands';

// Tuesday 1 December 2026, 09:00 in New York; the booking is on Monday 7 December, 10:00 there.
const NOW = new Date('2026-12-01T14:00:00Z');
const MON_10 = '2026-12-07T15:00:00.000Z';
/** A right-to-left override, an isolate, a zero-width space and a word joiner: all invisible. */
const SPOOF = { rlo: '\u202e', pdf: '\u202c', lri: '\u2066', pdi: '\u2069', zwsp: '\u200b', wj: '\u2060' };

let handle: DatabaseHandle;
let fx: TestPractice;
withTestPractice((h, practice) => {
  handle = h;
  fx = practice;
});

describe(`names are stored without invisible controls on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it("a couple's booking stores the client's and partner's names clean", async () => {
    const result = await bookConsultation({
      input: bookingInput({
        typeSlug: 'couple-video',
        startsAt: MON_10,
        clinicianId: fx.clinician.id,
        name: `Ana ${SPOOF.rlo}ziuR${SPOOF.pdf}${SPOOF.zwsp}`,
        partnerName: `${SPOOF.lri}Riley${SPOOF.pdi} ${SPOOF.wj}Moss`,
        partnerEmail: `riley-${crypto.randomUUID().slice(0, 8)}@example.com`,
      }),
      requester: { ip: '203.0.113.90' },
      practiceSlug: fx.practice.slug,
      now: NOW,
    });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const [row] = await handle.db
      .select({ clientName: bookings.clientName, partnerName: bookings.partnerName })
      .from(bookings)
      .where(eq(bookings.practiceId, fx.practice.id));
    expect(row).toEqual({ clientName: 'Ana ziuR', partnerName: 'Riley Moss' });
  });

  it("a staff member's display name is stored clean", async () => {
    const user = await createStaffUser(handle.db, {
      practiceId: fx.practice.id,
      email: `bidi-${crypto.randomUUID().slice(0, 8)}@example.test`,
      displayName: `${SPOOF.rlo}Jamie${SPOOF.pdf} Ortiz${SPOOF.zwsp}`,
      role: 'front_desk',
      password: 'a long enough password',
      now: NOW,
    });
    const [row] = await handle.db.select({ displayName: staffUsers.displayName }).from(staffUsers).where(eq(staffUsers.id, user.id));
    expect(row!.displayName).toBe('Jamie Ortiz');
  });
});
