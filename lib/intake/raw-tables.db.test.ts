import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { devMailbox, messages } from '../../db/schema';
import { rowsOf } from '../../tests/support/db-helpers';
import { completeAnswers, questionnaireForBooking } from '../../tests/support/intake-fixture';
import { giveTypesIntakes, openDevice } from '../../tests/support/intake-world';
import { bookingInput } from '../../tests/support/practice-fixture';
import { withStaffWorld, type StaffWorld } from '../../tests/support/staff-world';
import { testDriver } from '../../tests/support/test-env';
import { bookConsultation } from '../bookings/commands';
import { deliverMessage } from '../messaging/deliver';
import { findItem, optionsOf } from './engine';
import { saveIntakeDraft, submitIntake } from './client-intake';
import type { QuestionnaireItem } from './types';

/*
 * The raw-table check: a couple's two full intakes whose every typed answer, name and signature
 * is a sentinel (both sent, one with a safety flag each), a third person's draft, every message
 * about them delivered (into the development mailbox, as the demo does); then every row of every
 * table of the database — the app's and the job queue's — is read as text (row_to_json) and no
 * sentinel is found anywhere.
 */

const NOW = new Date('2026-11-30T14:00:00Z');
const MARK = 'ZQXSENTINEL';

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});
beforeAll(async () => giveTypesIntakes(handle.db, world));

/** Free text: a sentence; short answers (names, signatures, phone): the sentinel within the item's length. */
const typed = (who: string) => (item: QuestionnaireItem) =>
  item.type === 'text' ? `${MARK}-${who}-${item.linkId}: we argue about sex and I feel unsafe at home` : `${MARK}-${who} Jordan Q. Private`.slice(0, item.maxLength ?? 300);

function highest(item: QuestionnaireItem): string {
  return [...optionsOf(item)].sort((a, b) => (b.ordinal ?? 0) - (a.ordinal ?? 0))[0]!.code;
}

describe(`no intake plaintext in any table on ${testDriver()}`, () => {
  it('finds no sentinel in any row of any table after full intakes are sent, drafted and their messages delivered', { timeout: 120_000 }, async () => {
    let ip = 0;
    const book = async (typeSlug: 'couple-video' | 'solo-video') => {
      const booked = await bookConsultation({
        input: bookingInput({ typeSlug, startsAt: world.slots().toISOString(), clinicianId: world.clinician.id, ...(typeSlug === 'couple-video' ? { partnerName: 'Sam Lee', partnerEmail: `sam-${crypto.randomUUID().slice(0, 6)}@example.com` } : {}) }),
        requester: { ip: `192.0.2.${++ip}` },
        practiceSlug: world.practice.slug,
        now: NOW,
      });
      if (!booked.ok) throw new Error(booked.reason);
      return booked;
    };
    const couple = await book('couple-video');
    const solo = await book('solo-video');
    const { questionnaire: q } = await questionnaireForBooking(handle.db, couple.bookingId);
    const { questionnaire: soloQ } = await questionnaireForBooking(handle.db, solo.bookingId);

    for (const [holder, token] of [['primary', couple.primaryToken], ['partner', couple.partnerToken!]] as const) {
      const device = await openDevice(handle.db, token, NOW);
      const answers = completeAnswers(q, { 'phq9-9': highest(findItem(q, 'phq9-9')!), 'partner-safety': holder === 'partner' ? 'yes' : 'no', 'medications-any': true }, typed(holder));
      expect(Object.values(answers).filter((v) => typeof v === 'string' && v.startsWith(MARK)).length).toBeGreaterThan(10);
      // Half of it saved as a draft first, then sent.
      const half = Object.fromEntries(Object.entries(answers).slice(0, Math.ceil(Object.keys(answers).length / 2)));
      expect(await saveIntakeDraft({ actor: { kind: 'link', token }, deviceToken: device, draft: { answers: half, step: 3 }, now: NOW })).toMatchObject({ ok: true });
      expect(await submitIntake({ actor: { kind: 'link', token }, deviceToken: device, answers, submitKey: crypto.randomUUID(), now: NOW })).toEqual({ ok: true, submittedAt: NOW.toISOString() });
    }
    const soloDevice = await openDevice(handle.db, solo.primaryToken, NOW);
    const soloAnswers = completeAnswers(soloQ, { 'medications-any': true }, typed('solo'));
    expect(await saveIntakeDraft({ actor: { kind: 'link', token: solo.primaryToken }, deviceToken: soloDevice, draft: { answers: soloAnswers, step: 5 }, now: NOW })).toMatchObject({ ok: true });

    // Deliver every message about them now (reminders too), through the app's transport (the development mailbox here).
    const due = await handle.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(inArray(messages.bookingId, [couple.bookingId, solo.bookingId]), inArray(messages.state, ['queued', 'retrying'])));
    const outcomes = [];
    for (const m of due) outcomes.push(await deliverMessage(handle.db, { messageId: m.id, retryCount: 0, retryLimit: 10, now: NOW }));
    expect(outcomes).toContain('sent');
    const attention = await handle.db.select({ state: messages.state }).from(messages).where(and(eq(messages.bookingId, couple.bookingId), eq(messages.kind, 'practice_intake_attention')));
    expect(attention).toEqual([{ state: 'sent' }, { state: 'sent' }]);

    // Every table of every schema (the app's, pg-boss's, the migrations'), every row, as text.
    const tables = rowsOf<{ schema: string; name: string }>(
      await handle.db.execute(
        sql`select table_schema as schema, table_name as name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
      ),
    );
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(expect.arrayContaining(['public.intakes', 'public.messages', 'public.dev_mailbox', 'pgboss.job', 'public.audit_events']));
    const scan = async () => {
      let rows = 0;
      const hits: string[] = [];
      for (const t of tables) {
        const dump = rowsOf<{ j: string }>(await handle.db.execute(sql`select row_to_json(t)::text as j from ${sql.identifier(t.schema)}.${sql.identifier(t.name)} t`));
        rows += dump.length;
        for (const r of dump) if (/ZQXSENTINEL|Jordan Q\. Private|feel unsafe at home/i.test(r.j)) hits.push(`${t.schema}.${t.name}`);
      }
      return { rows, hits };
    };
    // The check can fail: a sentinel written in clear is found.
    const [control] = await handle.db
      .insert(devMailbox)
      .values({ toAddress: 'control@example.com', fromAddress: 'x@example.com', subject: `${MARK} control`, textBody: '', htmlBody: '' })
      .returning({ id: devMailbox.id });
    expect((await scan()).hits).toEqual(['public.dev_mailbox']);
    await handle.db.delete(devMailbox).where(eq(devMailbox.id, control!.id));
    const { rows, hits } = await scan();
    console.log(`[raw-table check, ${testDriver()}] ${tables.length} tables, ${rows} rows read as text: ${hits.length} sentinel hits.`);
    expect(hits).toEqual([]);
    expect(rows).toBeGreaterThan(50);
  });
});
