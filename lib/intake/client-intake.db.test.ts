import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { bookings, intakes, messages } from '../../db/schema';
import { rowsOf } from '../../tests/support/db-helpers';
import { completeAnswers, questionnaireForBooking } from '../../tests/support/intake-fixture';
import { giveTypesIntakes, openDevice } from '../../tests/support/intake-world';
import { seedBooking, withStaffWorld, type StaffWorld } from '../../tests/support/staff-world';
import { testDriver } from '../../tests/support/test-env';
import { deliverMessage } from '../messaging/deliver';
import { QUEUES } from '../messaging/queue';
import { keepingTransport } from '../../tests/support/intake-world';
import { getIntakeForClient, getIntakeStatusForLink, saveIntakeDraft, submitIntake } from './client-intake';
import { findItem, optionsOf, questionsOf, sectionsOf } from './engine';
import { openAnswers, openDraft, openSummary } from './intake-crypto';
import type { Answers, Questionnaire } from './types';

const NOW = new Date('2026-11-30T15:00:00Z');
const MIN = 60_000;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * MIN);

let handle: DatabaseHandle;
let world: StaffWorld;
withStaffWorld((h, w) => {
  handle = h;
  world = w;
});
beforeAll(async () => giveTypesIntakes(handle.db, world));

const link = (token: string) => ({ kind: 'link' as const, token });

type Person = { token: string; device: string };
async function couple(typeSlug: 'couple-video' | 'couple-request' = 'couple-video') {
  const b = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug });
  const primary: Person = { token: b.primaryToken, device: await openDevice(handle.db, b.primaryToken, NOW) };
  const partner: Person = { token: b.partnerToken!, device: await openDevice(handle.db, b.partnerToken!, NOW) };
  const { questionnaire } = await questionnaireForBooking(handle.db, b.id);
  return { booking: b, primary, partner, q: questionnaire };
}

const save = (p: Person, answers: Answers, now = NOW, step = 0) => saveIntakeDraft({ actor: link(p.token), deviceToken: p.device, draft: { answers, step }, now });
const read = (p: Person, now = NOW) => getIntakeForClient({ actor: link(p.token), deviceToken: p.device, now });

async function intakeRow(bookingId: string, holder: 'primary' | 'partner') {
  const [row] = await handle.db.select().from(intakes).where(and(eq(intakes.bookingId, bookingId), eq(intakes.holder, holder)));
  return row;
}

/** The code of the answer option with the highest score (PHQ-9 "Nearly every day"). */
function highest(q: Questionnaire, linkId: string): string {
  const options = optionsOf(findItem(q, linkId)!);
  return [...options].sort((a, b) => (b.ordinal ?? 0) - (a.ordinal ?? 0))[0]!.code;
}
function lowest(q: Questionnaire, linkId: string): string {
  const options = optionsOf(findItem(q, linkId)!);
  return [...options].sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0))[0]!.code;
}

async function attentionMessages(bookingId: string) {
  return handle.db.select().from(messages).where(and(eq(messages.bookingId, bookingId), eq(messages.kind, 'practice_intake_attention')));
}

describe(`a client's intake on ${testDriver()}`, () => {
  it('shows nothing without a device that proved the email, and each person only their own intake', async () => {
    const { booking, primary, partner, q } = await couple();
    expect(await getIntakeForClient({ actor: link(primary.token), now: NOW })).toBeNull();
    expect(await getIntakeForClient({ actor: link(primary.token), deviceToken: partner.device, now: NOW })).toBeNull();
    expect(await saveIntakeDraft({ actor: link(primary.token), deviceToken: partner.device, draft: { answers: {}, step: 0 }, now: NOW })).toEqual({ ok: false, code: 'not_found' });
    expect(await getIntakeStatusForLink({ actor: link(primary.token) })).toBe('not_started');

    const mine = await read(primary);
    expect(mine).toMatchObject({ status: 'not_started', draft: null, savedAt: null, sent: null, flags: [], open: true, firstName: booking.clientName.split(' ')[0] });
    // Video: the telehealth consent is asked; the couples form has the private safety question.
    expect(findItem(mine!.questionnaire, 'telehealth-signature')).toBeDefined();
    expect(findItem(mine!.questionnaire, 'partner-safety')).toBeDefined();
    expect(questionsOf(mine!.questionnaire).length).toBe(questionsOf(q).length);

    expect(await save(partner, { 'preferred-name': 'PARTNER-ONLY-NAME' })).toMatchObject({ ok: true, flags: [] });
    expect(await getIntakeStatusForLink({ actor: link(partner.token) })).toBe('in_progress');
    expect(await getIntakeStatusForLink({ actor: link(primary.token) })).toBe('not_started');
    const stillMine = await read(primary);
    expect(JSON.stringify(stillMine)).not.toContain('PARTNER-ONLY-NAME');
    expect(stillMine!.draft).toBeNull();
    expect((await read(partner))!.draft).toEqual({ answers: { 'preferred-name': 'PARTNER-ONLY-NAME' }, step: 0 });
    expect(await intakeRow(booking.id, 'primary')).toBeUndefined();
  });

  it('an in-person booking does not ask for the telehealth consent', async () => {
    const b = await seedBooking(handle.db, world, { startsAt: world.slots(), typeSlug: 'couple-request' });
    const device = await openDevice(handle.db, b.primaryToken, NOW);
    const mine = await getIntakeForClient({ actor: link(b.primaryToken), deviceToken: device, now: NOW });
    expect(findItem(mine!.questionnaire, 'telehealth-signature')).toBeUndefined();
    expect(findItem(mine!.questionnaire, 'consent-treatment-signature')).toBeDefined();
  });

  it('autosaves: hidden answers are dropped, signatures stamped when typed or changed, the revision raised, drafts sealed', async () => {
    const { booking, primary } = await couple();
    const first = await save(primary, { 'medications-any': false, 'medications-which': 'HIDDEN-SENTINEL', 'consent-treatment-signature': 'Alex Rivera', 'preferred-name': '  Alex  ' }, later(1), 2);
    expect(first).toEqual({ ok: true, savedAt: later(1).toISOString(), flags: [] });
    let row = await intakeRow(booking.id, 'primary');
    expect(row).toMatchObject({ status: 'in_progress', draftRevision: 1 });
    expect(row!.draftCiphertext).not.toContain('Alex');
    expect(row!.draftCiphertext).not.toContain('HIDDEN-SENTINEL');
    let draft = openDraft(row!.id, row!.draftCiphertext!);
    expect(draft.answers).toEqual({ 'medications-any': false, 'consent-treatment-signature': 'Alex Rivera', 'preferred-name': 'Alex' });
    expect(draft.step).toBe(2);
    const version = (await questionnaireForBooking(handle.db, booking.id)).questionnaire.version;
    expect(draft.signatures).toEqual({ 'consent-treatment-signature': { signedAt: later(1).toISOString(), questionnaireVersion: version } });

    // Unchanged: the first time stays. Changed: stamped again. Cleared: gone.
    await save(primary, { 'consent-treatment-signature': 'Alex Rivera', 'telehealth-signature': 'Alex Rivera' }, later(2));
    draft = openDraft(row!.id, (await intakeRow(booking.id, 'primary'))!.draftCiphertext!);
    expect(draft.signatures['consent-treatment-signature']!.signedAt).toBe(later(1).toISOString());
    expect(draft.signatures['telehealth-signature']!.signedAt).toBe(later(2).toISOString());
    await save(primary, { 'consent-treatment-signature': 'Alex M. Rivera' }, later(3));
    row = await intakeRow(booking.id, 'primary');
    draft = openDraft(row!.id, row!.draftCiphertext!);
    expect(draft.signatures).toEqual({ 'consent-treatment-signature': { signedAt: later(3).toISOString(), questionnaireVersion: version } });
    expect(row).toMatchObject({ draftRevision: 3, draftSavedAt: later(3) });

    // What the page gets back: exactly the saved draft, and when.
    expect(await read(primary, later(4))).toMatchObject({ status: 'in_progress', draft: { answers: { 'consent-treatment-signature': 'Alex M. Rivera' }, step: 0 }, savedAt: later(3).toISOString() });

    // Invalid input is refused with its field, and nothing is written.
    const bad = await save(primary, { 'medications-any': 'perhaps' }, later(5));
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    expect(Object.keys((bad as { fieldErrors: Record<string, string> }).fieldErrors)).toEqual(['medications-any']);
    expect(await saveIntakeDraft({ actor: link(primary.token), deviceToken: primary.device, draft: JSON.parse('{"answers":{"__proto__":"x"},"step":0}'), now: later(5) })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await saveIntakeDraft({ actor: link(primary.token), deviceToken: primary.device, draft: { answers: {}, step: -1 }, now: later(5) })).toMatchObject({ ok: false, code: 'invalid' });
    expect((await intakeRow(booking.id, 'primary'))!.draftRevision).toBe(3);
    // A first save that is refused leaves no intake behind.
    const other = await couple();
    expect(await save(other.partner, { 'medications-any': 'perhaps' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await intakeRow(other.booking.id, 'partner')).toBeUndefined();
  });

  it('keeps the step, up to the review page after the last section (a reload there comes back to it)', async () => {
    const { booking, primary } = await couple();
    const sections = sectionsOf((await questionnaireForBooking(handle.db, booking.id)).questionnaire).length;
    await save(primary, { 'preferred-name': 'Alex' }, later(1), sections);
    expect((await read(primary, later(2)))!.draft!.step).toBe(sections);
    await save(primary, { 'preferred-name': 'Alex' }, later(3), 99);
    expect((await read(primary, later(4)))!.draft!.step).toBe(sections);
  });

  it('a safety flag tells the practice once per intake (no content), and only that person sees it', async () => {
    const { booking, primary, partner, q } = await couple();
    expect(await attentionMessages(booking.id)).toEqual([]);
    const flagged = await save(primary, { 'phq9-9': highest(q, 'phq9-9') }, later(1));
    expect(flagged).toMatchObject({ ok: true, flags: ['self_harm'] });
    expect((await intakeRow(booking.id, 'primary'))!.flaggedAt).toEqual(later(1));
    await save(primary, { 'phq9-9': highest(q, 'phq9-9'), 'preferred-name': 'A' }, later(2));
    await save(primary, { 'phq9-9': lowest(q, 'phq9-9') }, later(3));
    await save(primary, { 'phq9-9': highest(q, 'phq9-9') }, later(4));
    const notices = await attentionMessages(booking.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ recipient: 'practice', state: 'queued', linkId: null, intakeCodeId: null });
    const jobs = rowsOf<{ data: unknown }>(await handle.db.execute(sql`select data from pgboss.job where name = ${QUEUES.deliver} and data->>'messageId' = ${notices[0]!.id}`));
    expect(jobs).toHaveLength(1);
    // The practice's email names the reference, not a word of the answers or the person.
    const transport = keepingTransport();
    expect(await deliverMessage(handle.db, { messageId: notices[0]!.id, retryCount: 0, retryLimit: 10, now: later(5) }, transport)).toBe('sent');
    const [mail] = transport.sent;
    expect(mail!.subject).toMatch(/^Needs your attention: [0-9A-Z-]+$/);
    expect(mail!.text + mail!.html).not.toMatch(/self|harm|PHQ|partner|afraid|flag/i);
    expect(mail!.text + mail!.html).not.toContain(booking.clientName);

    // The partner's safety answer: their own flag, their own notice; the booker never sees it.
    const own = await save(partner, { 'partner-safety': 'yes' }, later(6));
    expect(own).toMatchObject({ ok: true, flags: ['partner_fear'] });
    expect((await read(partner, later(6)))!.flags).toEqual(['partner_fear']);
    expect((await read(primary, later(6)))!.flags).toEqual(['self_harm']);
    expect((await read(primary, later(6)))!.draft!.answers).not.toHaveProperty('partner-safety');
    expect(await attentionMessages(booking.id)).toHaveLength(2);
  });

  it('sends once: complete answers checked on the server, sealed with a summary, locked; a repeat is the same send', async () => {
    const { booking, primary, q } = await couple();
    await save(primary, { 'consent-treatment-signature': 'Alex Rivera' }, later(1));
    const incomplete = await submitIntake({ actor: link(primary.token), deviceToken: primary.device, answers: { 'preferred-name': 'Alex' }, submitKey: crypto.randomUUID(), now: later(2) });
    expect(incomplete).toMatchObject({ ok: false, code: 'invalid' });
    expect(Object.keys((incomplete as { fieldErrors: Record<string, string> }).fieldErrors)).toContain('birth-date');
    expect(await getIntakeStatusForLink({ actor: link(primary.token) })).toBe('in_progress');

    const answers = completeAnswers(q, { 'consent-treatment-signature': 'Alex Rivera', 'phq9-9': highest(q, 'phq9-9'), 'partner-safety': 'no' });
    const key = crypto.randomUUID();
    const sent = await submitIntake({ actor: link(primary.token), deviceToken: primary.device, answers, submitKey: key, now: later(3) });
    expect(sent).toEqual({ ok: true, submittedAt: later(3).toISOString() });
    // The same key, another key, another device's retry: the first send stands.
    expect(await submitIntake({ actor: link(primary.token), deviceToken: primary.device, answers, submitKey: key, now: later(4) })).toEqual(sent);
    expect(await submitIntake({ actor: link(primary.token), deviceToken: primary.device, answers: { 'preferred-name': 'Changed' }, submitKey: crypto.randomUUID(), now: later(5) })).toEqual(sent);
    expect(await save(primary, { 'preferred-name': 'Changed' }, later(6))).toEqual({ ok: false, code: 'sent' });

    const row = await intakeRow(booking.id, 'primary');
    expect(row).toMatchObject({ status: 'sent', submitKey: key, submittedAt: later(3), draftCiphertext: null, flaggedAt: later(3) });
    const stored = openAnswers(row!.id, row!.answersCiphertext!);
    expect(stored.answers).toEqual(answers);
    expect(stored.signatures['consent-treatment-signature']!.signedAt).toBe(later(1).toISOString());
    const summary = openSummary(row!.id, row!.summaryCiphertext!);
    expect(summary.flags).toEqual(['self_harm']);
    expect(summary.scores.map((s) => s.instrument)).toEqual(expect.arrayContaining(['phq9', 'csi4']));
    expect(await attentionMessages(booking.id)).toHaveLength(1);

    const view = await read(primary, later(7));
    expect(view).toMatchObject({ status: 'sent', draft: null, open: false, sent: { submittedAt: later(3).toISOString(), stored: { answers } }, flags: ['self_harm'] });
    expect(await getIntakeStatusForLink({ actor: link(primary.token) })).toBe('sent');
    await handle.db.update(intakes).set({ status: 'reviewed', reviewedAt: later(8) }).where(eq(intakes.id, row!.id));
    expect(await getIntakeStatusForLink({ actor: link(primary.token) })).toBe('sent');
    expect((await read(primary, later(8)))!.status).toBe('sent');
  });

  it('a cancelled booking takes no new answers, but a sent intake stays readable to its author until the consultation has passed', async () => {
    const { booking, primary, partner, q } = await couple();
    await save(partner, { 'preferred-name': 'Sam' });
    await submitIntake({ actor: link(primary.token), deviceToken: primary.device, answers: completeAnswers(q), submitKey: crypto.randomUUID(), now: later(1) });
    await handle.db.update(bookings).set({ status: 'cancelled', cancelledAt: later(2), cancelledBy: 'client' }).where(eq(bookings.id, booking.id));
    expect(await save(partner, { 'preferred-name': 'Sam R' }, later(3))).toEqual({ ok: false, code: 'closed' });
    expect(await submitIntake({ actor: link(partner.token), deviceToken: partner.device, answers: completeAnswers(q), submitKey: crypto.randomUUID(), now: later(3) })).toEqual({ ok: false, code: 'closed' });
    expect((await read(partner, later(3)))).toMatchObject({ status: 'in_progress', open: false, draft: { answers: { 'preferred-name': 'Sam' } } });
    expect((await read(primary, later(3)))).toMatchObject({ status: 'sent', open: false });
    const passed = new Date(booking.startsAt.getTime() + 80 * MIN + 24 * 60 * MIN);
    expect(await read(primary, passed)).toBeNull();
  });
});
