import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookingLinks, bookings, intakeCodes, intakes, staffUsers } from '../../db/schema';
import { rowsOf } from '../../tests/support/db-helpers';
import { completeAnswers, questionnaireForBooking } from '../../tests/support/intake-fixture';
import { giveTypesIntakes, linkIdOf, openDevice } from '../../tests/support/intake-world';
import { bookingInput } from '../../tests/support/practice-fixture';
import { createStaffWorld, type StaffWorld } from '../../tests/support/staff-world';
import { openTestDatabase } from '../../tests/support/test-db';
import { testDriver, TEST_DATA_KEYS } from '../../tests/support/test-env';
import { sealTotpSecret } from '../auth/totp-secret';
import { bookConsultation, cancelBooking } from '../bookings/commands';
import { openCancelText } from '../bookings/cancel-text-crypto';
import { openLinkToken } from '../bookings/link-token-seal';
import { getStaffDraft, saveStaffDraft } from '../drafts/staff-drafts';
import { resetEnvForTests } from '../env';
import { getIntakeForClient, saveIntakeDraft, submitIntake } from '../intake/client-intake';
import { requestIntakeCode } from '../intake/device-access';
import { openAnswers, openCode, openSummary } from '../intake/intake-crypto';
import { getClinicalRecord, saveClinicalNotes } from '../staff/clinical-notes';
import { columnName, countNotUnderKey, ENCRYPTED_COLUMNS, envelopeColumnsInDatabase, rotateEncryptedColumns } from './encrypted-columns';
import { decryptText, parseKeyring } from './envelope';
import { dataKeyring } from './keyring';

/*
 * Key rotation (npm run keys:rotate): every envelope column of the schema is in the registry;
 * values written under k1 are re-encrypted under k2 in batches, resumably, and afterwards every
 * one of them opens with a keyring holding k2 alone, through the app's own readers.
 * (The shared test database's other rows, under the suite's key, go along and are rotated back
 * at the end, so later test files read them as before.)
 */

const K1 = 'k1:' + Buffer.alloc(32, 1).toString('base64');
const K2 = 'k2:' + Buffer.alloc(32, 2).toString('base64');
const NOW = new Date('2026-11-30T14:00:00Z');

function useKeys(spec: string) {
  process.env.HAVEN_DATA_KEYS = spec;
  resetEnvForTests();
}

let handle: DatabaseHandle;
let world: StaffWorld;
beforeAll(async () => {
  handle = await openTestDatabase();
  world = await createStaffWorld(handle.db);
  await giveTypesIntakes(handle.db, world);
});
afterAll(async () => {
  // Everything back under the suite's key, whatever happened above.
  if (handle) {
    useKeys(`${TEST_DATA_KEYS},${K2},${K1}`);
    await rotateEncryptedColumns(handle.db, dataKeyring(), { batchSize: 500 });
    useKeys(TEST_DATA_KEYS);
    await handle.close();
  }
});

const SECRET = {
  note: 'ROTATE-NOTE what brings me',
  cancel: 'ROTATE-CANCEL my reason',
  clinician: 'ROTATE-CLINICIAN private notes',
  draft: 'ROTATE-STAFF-DRAFT typing',
  totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  intakeDraft: 'ROTATE-INTAKE-DRAFT',
  intakeSent: 'ROTATE-INTAKE-SENT',
};

describe(`keys:rotate on ${testDriver()}`, () => {
  it('knows every envelope column of the schema', async () => {
    expect((await envelopeColumnsInDatabase(handle.db)).sort()).toEqual(ENCRYPTED_COLUMNS.map(columnName).sort());
  });

  it('re-encrypts everything under the new key, in resumable batches; afterwards the old key can be dropped', { timeout: 120_000 }, async () => {
    // Written by the app under k1 (the suite's key stays readable for other files' rows).
    useKeys(`${K1},${TEST_DATA_KEYS}`);
    const clinician = world.actors['own clinician'];
    const slot = () => world.slots().toISOString();
    const booked = await bookConsultation({
      input: bookingInput({ typeSlug: 'couple-video', startsAt: slot(), clinicianId: world.clinician.id, note: SECRET.note, partnerName: 'Sam Lee', partnerEmail: 'sam-rotate@example.com' }),
      requester: { ip: '192.0.2.77' },
      practiceSlug: world.practice.slug,
      now: NOW,
    });
    if (!booked.ok) throw new Error(booked.reason);
    const cancelled = await bookConsultation({
      input: bookingInput({ typeSlug: 'solo-video', startsAt: slot(), clinicianId: world.clinician.id }),
      requester: { ip: '192.0.2.78' },
      practiceSlug: world.practice.slug,
      now: NOW,
    });
    if (!cancelled.ok) throw new Error(cancelled.reason);
    expect(await cancelBooking({ actor: { kind: 'link', token: cancelled.primaryToken }, input: { reason: SECRET.cancel }, now: NOW })).toEqual({ ok: true });
    expect(await saveClinicalNotes({ actor: clinician, bookingId: booked.bookingId, notes: SECRET.clinician, version: 0, now: NOW })).toMatchObject({ ok: true });
    await saveStaffDraft({ actor: clinician, formKey: `clinical-notes:${booked.bookingId}`, values: { notes: SECRET.draft }, now: NOW });
    await handle.db
      .update(staffUsers)
      .set({ totpSecretCiphertext: sealTotpSecret(dataKeyring(), clinician.userId, SECRET.totp), totpEnabledAt: NOW })
      .where(eq(staffUsers.id, clinician.userId));
    const primaryDevice = await openDevice(handle.db, booked.primaryToken, NOW);
    const partnerDevice = await openDevice(handle.db, booked.partnerToken!, NOW);
    const { questionnaire } = await questionnaireForBooking(handle.db, booked.bookingId);
    expect(await saveIntakeDraft({ actor: { kind: 'link', token: booked.primaryToken }, deviceToken: primaryDevice, draft: { answers: { 'reasons-now': SECRET.intakeDraft }, step: 1 }, now: NOW })).toMatchObject({ ok: true });
    const sentAnswers = completeAnswers(questionnaire, { 'partner-safety': 'no' }, (item) => (item.type === 'text' ? SECRET.intakeSent : 'Sam'));
    expect(await submitIntake({ actor: { kind: 'link', token: booked.partnerToken! }, deviceToken: partnerDevice, answers: sentAnswers, submitKey: crypto.randomUUID(), now: NOW })).toMatchObject({ ok: true });
    await requestIntakeCode({ actor: { kind: 'link', token: booked.primaryToken }, now: NOW, clientAddress: '192.0.2.79' }); // waiting for its email

    const k1Only = parseKeyring(K1);
    for (const c of ENCRYPTED_COLUMNS) {
      const rows = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from ${sql.identifier(c.table)} where split_part(${sql.identifier(c.column)}, '.', 2) = 'k1'`));
      expect(rows[0]!.n, columnName(c)).toBeGreaterThan(0);
    }

    // Rotate to k2. The first run stops after its first batch (a crash); a rerun continues.
    useKeys(`${K2},${K1},${TEST_DATA_KEYS}`);
    const keyring = dataKeyring();
    await expect(
      rotateEncryptedColumns(handle.db, keyring, {
        batchSize: 2,
        onBatch: () => {
          throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    const batches: string[] = [];
    const results = await rotateEncryptedColumns(handle.db, keyring, { batchSize: 2, onBatch: (p) => batches.push(p.column) });
    expect(results.map((r) => r.column)).toEqual(ENCRYPTED_COLUMNS.map(columnName));
    for (const r of results) expect(r.rotated + r.unreadable, r.column).toBe(r.pendingBefore);
    expect(batches.filter((b) => b === 'booking_links.token_ciphertext').length).toBeGreaterThan(1);
    const unreadable = results.reduce((n, r) => n + r.unreadable, 0);
    if (testDriver() === 'pglite') expect(unreadable).toBe(0);
    for (const c of ENCRYPTED_COLUMNS) {
      expect(await countNotUnderKey(handle.db, c, 'k2'), columnName(c)).toBe(results.find((r) => r.column === columnName(c))!.unreadable);
    }
    // A second run finds nothing to do.
    expect((await rotateEncryptedColumns(handle.db, keyring)).every((r) => r.rotated === 0)).toBe(true);

    // Only k2 now: everything opens, through the app's own readers.
    useKeys(K2);
    const record = await getClinicalRecord({ actor: clinician, bookingId: booked.bookingId, now: NOW });
    expect(record).toMatchObject({ clientNote: SECRET.note, clinicianNotes: SECRET.clinician });
    const [cancelRow] = await handle.db.select({ text: bookings.cancelTextCiphertext }).from(bookings).where(eq(bookings.id, cancelled.bookingId));
    expect(openCancelText('client', cancelled.bookingId, cancelRow!.text)).toBe(SECRET.cancel);
    expect((await getStaffDraft({ actor: clinician, formKey: `clinical-notes:${booked.bookingId}`, now: NOW }))?.values).toEqual({ notes: SECRET.draft });
    const [user] = await handle.db.select({ totp: staffUsers.totpSecretCiphertext }).from(staffUsers).where(eq(staffUsers.id, clinician.userId));
    expect(decryptText(dataKeyring(), user!.totp!, `staff-totp:${clinician.userId}`)).toBe(SECRET.totp);
    const links = await handle.db.select({ tokenHash: bookingLinks.tokenHash, tokenCiphertext: bookingLinks.tokenCiphertext }).from(bookingLinks).where(eq(bookingLinks.bookingId, booked.bookingId));
    expect(links.map((l) => openLinkToken(l)).sort()).toEqual([booked.primaryToken, booked.partnerToken].sort());
    expect((await getIntakeForClient({ actor: { kind: 'link', token: booked.primaryToken }, deviceToken: primaryDevice, now: NOW }))!.draft).toEqual({ answers: { 'reasons-now': SECRET.intakeDraft }, step: 1 });
    const [sent] = await handle.db.select().from(intakes).where(and(eq(intakes.bookingId, booked.bookingId), eq(intakes.holder, 'partner')));
    expect(openAnswers(sent!.id, sent!.answersCiphertext!).answers).toEqual(sentAnswers);
    expect(openSummary(sent!.id, sent!.summaryCiphertext!).flags).toEqual([]);
    const [code] = await handle.db.select().from(intakeCodes).where(and(eq(intakeCodes.linkId, await linkIdOf(handle.db, booked.primaryToken)), sql`${intakeCodes.codeCiphertext} is not null`));
    expect(openCode(code!.id, code!.codeCiphertext!)).toMatch(/^\d{6}$/);
    // And k1 alone opens none of them any more.
    expect(() => decryptText(k1Only, sent!.answersCiphertext!, `intake-answers:${sent!.id}`)).toThrow();
  });
});
