import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookings, intakeCodes, intakeDevices, messages } from '../../db/schema';
import { rowsOf } from '../../tests/support/db-helpers';
import { giveTypesIntakes, keepingTransport, latestCode, linkIdOf, openDevice } from '../../tests/support/intake-world';
import { seedBooking, withStaffWorld, type StaffWorld } from '../../tests/support/staff-world';
import { testDriver } from '../../tests/support/test-env';
import { reissueClientLink } from '../staff/staff-commands';
import { deliverMessage } from '../messaging/deliver';
import { QUEUES } from '../messaging/queue';
import { CODE_LIFETIME_MS, forgetIntakeDevice, getIntakeGate, requestIntakeCode, verifyIntakeCode } from './device-access';
import { setTypeIntakeForm } from '../../tests/support/intake-fixture';

const NOW = new Date('2026-11-30T15:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});
beforeAll(async () => giveTypesIntakes(handle.db, world));

const link = (token: string) => ({ kind: 'link' as const, token });
let ipCounter = 0;
const ip = () => `203.0.113.${++ipCounter}`;

async function couple() {
  return seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-video' });
}

async function codeRows(token: string) {
  return handle.db.select().from(intakeCodes).where(eq(intakeCodes.linkId, await linkIdOf(handle.db, token)));
}

describe(`intake device codes on ${testDriver()}`, () => {
  it('asks a new device for a code sent to the holder’s own address; the code is stored only hashed and sealed, its message carries only ids', async () => {
    const b = await couple();
    const [booking] = await handle.db.select({ clientEmail: bookings.clientEmail, partnerEmail: bookings.partnerEmail }).from(bookings).where(eq(bookings.id, b.id));
    expect(await getIntakeGate({ actor: link(b.primaryToken), now: NOW })).toEqual({ state: 'needs_code', maskedEmail: `${booking!.clientEmail[0]}•••@example.com` });
    expect(await getIntakeGate({ actor: link(b.partnerToken!), now: NOW })).toEqual({ state: 'needs_code', maskedEmail: `${booking!.partnerEmail![0]}•••@example.com` });
    expect(await getIntakeGate({ actor: link('x'.repeat(43)), now: NOW })).toBeNull();

    expect(await requestIntakeCode({ actor: link(b.partnerToken!), now: NOW, clientAddress: ip() })).toEqual({ ok: true, maskedEmail: `${booking!.partnerEmail![0]}•••@example.com` });
    const [row] = await codeRows(b.partnerToken!);
    const { code } = await latestCode(handle.db, b.partnerToken!);
    expect(code).toMatch(/^\d{6}$/);
    expect(row!.codeHash).not.toContain(code);
    expect(row!.codeCiphertext).not.toContain(code);
    expect(row!.expiresAt.getTime() - NOW.getTime()).toBe(CODE_LIFETIME_MS);

    const [message] = await handle.db.select().from(messages).where(and(eq(messages.bookingId, b.id), eq(messages.kind, 'intake_code')));
    expect(message).toMatchObject({ recipient: 'partner', linkId: await linkIdOf(handle.db, b.partnerToken!), intakeCodeId: row!.id, state: 'queued' });
    expect(JSON.stringify(message)).not.toContain(code!);
    const jobs = rowsOf<{ data: unknown }>(await handle.db.execute(sql`select data from pgboss.job where name = ${QUEUES.deliver} and data->>'messageId' = ${message!.id}`));
    expect(jobs.map((j) => j.data)).toEqual([{ messageId: message!.id }]);

    // The email goes to the partner's own address, with the code; then the sealed copy is cleared.
    const transport = keepingTransport();
    expect(await deliverMessage(handle.db, { messageId: message!.id, retryCount: 0, retryLimit: 10, now: NOW }, transport)).toBe('sent');
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]!.to).toBe(booking!.partnerEmail);
    expect(transport.sent[0]!.text).toContain(code!);
    expect((await codeRows(b.partnerToken!))[0]!.codeCiphertext).toBeNull();

    // The emailed code still opens the device (checked by its hash).
    const verified = await verifyIntakeCode({ actor: link(b.partnerToken!), code: code!, now: NOW });
    expect(verified).toMatchObject({ ok: true, expiresAt: new Date(b.startsAt.getTime() + 80 * MIN + DAY) });
  });

  it('counts wrong guesses (5 a code), refuses an expired or replaced code, and a code works only on its own link', async () => {
    const b = await couple();
    await requestIntakeCode({ actor: link(b.primaryToken), now: NOW, clientAddress: ip() });
    const { code } = await latestCode(handle.db, b.primaryToken);
    const wrong = code === '000000' ? '000001' : '000000';
    // The partner's link has no code of its own; the booker's code does nothing there.
    expect(await verifyIntakeCode({ actor: link(b.partnerToken!), code: code!, now: NOW })).toEqual({ ok: false, code: 'expired' });
    expect(await verifyIntakeCode({ actor: link(b.primaryToken), code: '12 34', now: NOW })).toEqual({ ok: false, code: 'wrong', attemptsLeft: 5 });
    for (const left of [4, 3, 2, 1]) expect(await verifyIntakeCode({ actor: link(b.primaryToken), code: wrong, now: NOW })).toEqual({ ok: false, code: 'wrong', attemptsLeft: left });
    expect(await verifyIntakeCode({ actor: link(b.primaryToken), code: wrong, now: NOW })).toEqual({ ok: false, code: 'too_many_tries', attemptsLeft: 0 });
    expect(await verifyIntakeCode({ actor: link(b.primaryToken), code: code!, now: NOW })).toEqual({ ok: false, code: 'too_many_tries', attemptsLeft: 0 });
    expect((await latestCode(handle.db, b.primaryToken)).code).toBeNull();

    // A new code; a newer one replaces it; the replaced one no longer works, the newest does.
    await requestIntakeCode({ actor: link(b.primaryToken), now: NOW, clientAddress: ip() });
    const first = (await latestCode(handle.db, b.primaryToken)).code!;
    await requestIntakeCode({ actor: link(b.primaryToken), now: new Date(NOW.getTime() + MIN), clientAddress: ip() });
    const second = (await latestCode(handle.db, b.primaryToken)).code!;
    if (first !== second) expect(await verifyIntakeCode({ actor: link(b.primaryToken), code: first, now: new Date(NOW.getTime() + 2 * MIN) })).toMatchObject({ ok: false, code: 'wrong' });
    // Valid for 10 minutes.
    expect(await verifyIntakeCode({ actor: link(b.primaryToken), code: second, now: new Date(NOW.getTime() + MIN + CODE_LIFETIME_MS) })).toEqual({ ok: false, code: 'expired' });
    const codes = await codeRows(b.primaryToken);
    expect(codes.filter((c) => c.codeCiphertext !== null)).toHaveLength(1);
  });

  it('limits new codes per link and per client address', async () => {
    const b = await couple();
    const address = ip();
    for (let i = 0; i < 5; i++) expect((await requestIntakeCode({ actor: link(b.primaryToken), now: NOW, clientAddress: address })).ok).toBe(true);
    const refused = await requestIntakeCode({ actor: link(b.primaryToken), now: NOW, clientAddress: ip() });
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(await codeRows(b.primaryToken)).toHaveLength(5);
    // One address asking for many links' codes.
    const many = ip();
    let allowed = 0;
    for (let i = 0; i < 11; i++) {
      const other = await couple();
      for (const token of [other.primaryToken, other.partnerToken!]) if ((await requestIntakeCode({ actor: link(token), now: NOW, clientAddress: many })).ok) allowed += 1;
    }
    expect(allowed).toBe(20);
  });

  it('sends no code to a booker who said no email (the page says to call), and none for a type without an intake', async () => {
    const b = await couple();
    await handle.db.update(bookings).set({ okToEmail: false }).where(eq(bookings.id, b.id));
    expect(await getIntakeGate({ actor: link(b.primaryToken), now: NOW })).toEqual({ state: 'needs_code', maskedEmail: null });
    expect(await requestIntakeCode({ actor: link(b.primaryToken), now: NOW, clientAddress: ip() })).toEqual({ ok: false, code: 'no_email' });
    expect((await requestIntakeCode({ actor: link(b.partnerToken!), now: NOW, clientAddress: ip() })).ok).toBe(true);

    const solo = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'solo-video' });
    await setTypeIntakeForm(handle.db, world.types.get('solo-video')!.id, null);
    try {
      expect(await getIntakeGate({ actor: link(solo.primaryToken), now: NOW })).toEqual({ state: 'none' });
      expect(await requestIntakeCode({ actor: link(solo.primaryToken), now: NOW, clientAddress: ip() })).toEqual({ ok: false, code: 'not_found' });
    } finally {
      await setTypeIntakeForm(handle.db, world.types.get('solo-video')!.id, 'individual');
    }
  });

  it('remembers a device for its own link until the day after the consultation; "Leave quickly" and a reissued link end it', async () => {
    const b = await couple();
    const device = await openDevice(handle.db, b.primaryToken, NOW);
    expect(device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] = await handle.db.select().from(intakeDevices).where(eq(intakeDevices.linkId, await linkIdOf(handle.db, b.primaryToken)));
    expect(stored!.tokenHash).not.toContain(device);
    expect(await getIntakeGate({ actor: link(b.primaryToken), deviceToken: device, now: NOW })).toEqual({ state: 'open' });
    // The booker's device does not open the partner's link.
    expect(await getIntakeGate({ actor: link(b.partnerToken!), deviceToken: device, now: NOW })).toMatchObject({ state: 'needs_code' });
    const endsAt = new Date(b.startsAt.getTime() + 80 * MIN);
    expect(await getIntakeGate({ actor: link(b.primaryToken), deviceToken: device, now: new Date(endsAt.getTime() + DAY - 1000) })).toEqual({ state: 'open' });
    expect(await getIntakeGate({ actor: link(b.primaryToken), deviceToken: device, now: new Date(endsAt.getTime() + DAY) })).toEqual({ state: 'none' });

    // Leave quickly: this device needs a new code; another device of the same person is untouched.
    const second = await openDevice(handle.db, b.primaryToken, NOW);
    await forgetIntakeDevice({ actor: link(b.primaryToken), deviceToken: device, now: NOW });
    expect(await getIntakeGate({ actor: link(b.primaryToken), deviceToken: device, now: NOW })).toMatchObject({ state: 'needs_code' });
    expect(await getIntakeGate({ actor: link(b.primaryToken), deviceToken: second, now: NOW })).toEqual({ state: 'open' });

    // The practice reissues the booker's link: the old link reaches nothing, the new one needs a new code.
    const reissued = await reissueClientLink({ actor: world.actors['own clinician'], bookingId: b.id, holder: 'primary', now: NOW });
    if (!reissued.ok) throw new Error('reissue failed');
    expect(await getIntakeGate({ actor: link(b.primaryToken), deviceToken: second, now: NOW })).toBeNull();
    expect(await verifyIntakeCode({ actor: link(b.primaryToken), code: '123456', now: NOW })).toEqual({ ok: false, code: 'not_found' });
    expect(await requestIntakeCode({ actor: link(b.primaryToken), now: NOW, clientAddress: ip() })).toEqual({ ok: false, code: 'not_found' });
    expect(await getIntakeGate({ actor: link(reissued.token), deviceToken: second, now: NOW })).toMatchObject({ state: 'needs_code' });
  });

  it('does not send a code that was used or has expired by the time its email goes out', async () => {
    const b = await couple();
    await openDevice(handle.db, b.partnerToken!, NOW); // asked and used at once
    const [used] = await handle.db.select({ id: messages.id }).from(messages).where(and(eq(messages.bookingId, b.id), eq(messages.kind, 'intake_code')));
    const transport = keepingTransport();
    expect(await deliverMessage(handle.db, { messageId: used!.id, retryCount: 0, retryLimit: 10, now: NOW }, transport)).toBe('skipped');
    await requestIntakeCode({ actor: link(b.primaryToken), now: NOW, clientAddress: ip() });
    const [late] = await handle.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.bookingId, b.id), eq(messages.kind, 'intake_code'), eq(messages.recipient, 'primary')));
    expect(await deliverMessage(handle.db, { messageId: late!.id, retryCount: 0, retryLimit: 10, now: new Date(NOW.getTime() + CODE_LIFETIME_MS + 1000) }, transport)).toBe('skipped');
    expect(transport.sent).toEqual([]);
    const skipped = await handle.db.select({ state: messages.state, reason: messages.skipReason }).from(messages).where(and(eq(messages.bookingId, b.id), eq(messages.kind, 'intake_code')));
    expect(skipped).toEqual([
      { state: 'skipped', reason: 'code_expired' },
      { state: 'skipped', reason: 'code_expired' },
    ]);
    expect((await codeRows(b.primaryToken)).map((c) => c.codeCiphertext)).toEqual([null]);
  });
});
