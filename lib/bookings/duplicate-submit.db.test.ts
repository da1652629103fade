import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookingLinks, bookings, rateLimitCounters } from '../../db/schema';
import { bookingInput, type TestPractice, withTestPractice } from '../../tests/support/practice-fixture';
import { BOOKING_LIMITS, bucketKey } from '../abuse/rate-limit';
import { bookConsultation } from './commands';
import { getManagedBooking } from './queries';

/*
 * One form submitted many times at once (a double click, a retry while the first is still in
 * flight, a script): every copy gets the same "booked" answer with the same links, one booking,
 * one set of live links, and one hit on each rate-limit counter.
 */

// Tuesday 1 December 2026, 09:00 in New York (EST, UTC−5).
const NOW = new Date('2026-12-01T14:00:00Z');

let handle: DatabaseHandle;
let fx: TestPractice;
withTestPractice((h, practice) => {
  handle = h;
  fx = practice;
});

async function hitsOf(limit: (typeof BOOKING_LIMITS)[keyof typeof BOOKING_LIMITS], value: string): Promise<number> {
  const rows = await handle.db.select({ hits: rateLimitCounters.hits }).from(rateLimitCounters).where(eq(rateLimitCounters.bucket, bucketKey(limit, value)));
  return rows.reduce((n, r) => n + r.hits, 0);
}

describe(`concurrent duplicates of one form on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  for (const [label, typeSlug, startsAt, copies, ip] of [
    ['an individual booking', 'solo-video', '2026-12-02T15:00:00.000Z', 2, '192.0.2.10'],
    ['a couple booking', 'couple-video', '2026-12-03T15:00:00.000Z', 20, '192.0.2.11'],
  ] as const) {
    it(`${label}, ${copies} copies at once: all "booked", one booking, one set of links, one rate-limit hit`, async () => {
      const couple = typeSlug === 'couple-video';
      const input = bookingInput({
        typeSlug,
        startsAt,
        clinicianId: fx.clinician.id,
        ...(couple ? { partnerName: 'Riley', partnerEmail: `riley-${crypto.randomUUID().slice(0, 8)}@example.com` } : {}),
      });
      const results = await Promise.all(
        Array.from({ length: copies }, () => bookConsultation({ input, requester: { ip }, practiceSlug: fx.practice.slug, now: NOW })),
      );
      const outcomes = results.map((r) => (r.ok ? (r.replayed ? 'replayed' : 'booked') : r.reason));
      console.log(`${copies} concurrent duplicates (${handle.driver}):`, JSON.stringify(outcomes.reduce<Record<string, number>>((a, o) => ({ ...a, [o]: (a[o] ?? 0) + 1 }), {})));
      expect(outcomes.filter((o) => o === 'booked')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'replayed')).toHaveLength(copies - 1);

      const first = results[0]!;
      if (!first.ok) throw new Error('unreachable');
      for (const r of results) {
        expect(r).toMatchObject({ ok: true, bookingId: first.bookingId, status: 'confirmed', primaryToken: first.primaryToken, partnerToken: first.partnerToken });
      }
      expect(first.primaryToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(first.partnerToken === null).toBe(!couple);

      const rows = await handle.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.idempotencyKey, input.idempotencyKey));
      expect(rows).toEqual([{ id: first.bookingId }]);
      // Exactly the live links of one booking; the tokens themselves are not stored.
      const links = await handle.db
        .select({ holder: bookingLinks.holder, tokenHash: bookingLinks.tokenHash })
        .from(bookingLinks)
        .where(and(eq(bookingLinks.bookingId, first.bookingId), isNull(bookingLinks.revokedAt)));
      expect(links.map((l) => l.holder).sort()).toEqual(couple ? ['partner', 'primary'] : ['primary']);
      expect(JSON.stringify(links)).not.toContain(first.primaryToken);
      expect(await getManagedBooking({ actor: { kind: 'link', token: first.primaryToken }, now: NOW })).toMatchObject({ holder: 'primary' });
      if (first.partnerToken) {
        expect(await getManagedBooking({ actor: { kind: 'link', token: first.partnerToken }, now: NOW })).toMatchObject({ holder: 'partner' });
      }

      // Only the original spent rate-limit allowance.
      expect(await hitsOf(BOOKING_LIMITS.perEmail, input.email)).toBe(1);
      expect(await hitsOf(BOOKING_LIMITS.perIp, ip)).toBe(1);

      // A later replay (the same form again) answers the same, still without a new link or hit.
      const later = await bookConsultation({ input, requester: { ip }, practiceSlug: fx.practice.slug, now: NOW });
      expect(later).toMatchObject({ ok: true, replayed: true, bookingId: first.bookingId, primaryToken: first.primaryToken });
      expect(await handle.db.select({ id: bookingLinks.id }).from(bookingLinks).where(eq(bookingLinks.bookingId, first.bookingId))).toHaveLength(links.length);
      expect(await hitsOf(BOOKING_LIMITS.perEmail, input.email)).toBe(1);
    });
  }

  it('a replay does not bring back a link that was replaced since', async () => {
    const input = bookingInput({ typeSlug: 'solo-video', startsAt: '2026-12-04T15:00:00.000Z', clinicianId: fx.clinician.id });
    const first = await bookConsultation({ input, requester: { ip: '192.0.2.12' }, practiceSlug: fx.practice.slug, now: NOW });
    if (!first.ok) throw new Error('booking refused');
    await handle.db.update(bookingLinks).set({ revokedAt: NOW }).where(eq(bookingLinks.bookingId, first.bookingId));
    const replay = await bookConsultation({ input, requester: { ip: '192.0.2.12' }, practiceSlug: fx.practice.slug, now: NOW });
    expect(replay).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await getManagedBooking({ actor: { kind: 'link', token: first.primaryToken }, now: NOW })).toBeNull();
  });
});
