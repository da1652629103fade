import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { bookings, messages } from '../db/schema';
import { VIDEO_LANES } from './fixtures';
import { TYPES, tokenFromUrl } from './pages/booking-flow';
import { SignInPage } from './pages/sign-in';
import { removeBookings, seedBookings, type SeededBooking } from './support/booking-seed';
import { instantAt } from './support/dates';
import { expectDiscreet, mailTo, privateLinkIn, waitForMail, type ReceivedMail } from './support/mailbox';
import { expect, test } from './support/staff-fixture';

/**
 * Email, end to end: the app servers send through nodemailer to a real SMTP server (the sink
 * started by playwright.config.ts), the worker delivering in the app process. Each person is told
 * at their own address with their own private link; no message carries a note, a reason, a decline
 * text, a consultation type's name or the words therapy / sex / couples. Run once (los-angeles):
 * what a message says depends on its recipient, not on the browser.
 */

/** The demo practice's address and name (db/seed-demo.ts): where its notices go; the name is in every footer. */
const PRACTICE_EMAIL = 'hello@example.com';
const TYPE_NAMES = Object.values(TYPES).map((t) => t.title);
/** The type e2e/support/booking-seed.ts makes. */
const SEEDED_TYPE_NAME = 'Individual consultation';

/** Distinctive text that must never reach an email. */
function sentinels() {
  const id = crypto.randomBytes(4).toString('hex');
  return { note: `Sentinel note ${id} about our marriage`, reason: `Sentinel reason ${id}: moving away`, decline: `Sentinel decline ${id}: not a fit` };
}

const aboutBooking = (reference: string) => (m: ReceivedMail) => m.text.includes(reference);

test('a couple’s booking, moved and cancelled by private link: each partner at their own address with their own link, and the practice, are told', async ({
  flow,
  privateLink,
  person,
  zone,
  lane,
  notBefore,
  page,
  newClient,
  baseURL,
}) => {
  const secret = sentinels();
  const booker = { ...person, note: secret.note };
  await flow.chooseType(TYPES.couplesVideo);
  const chosen = await flow.chooseTime(lane(VIDEO_LANES.messagesCouple), notBefore);
  await flow.details.fill(booker, { partner: true });
  const token = await flow.submitAndLand();
  const link = privateLink(token);
  const reference = ((await link.reference.textContent()) ?? '').trim();
  expect(reference).not.toBe('');

  // Booked: the booker, the partner and the practice each get their own message.
  const confirmed = (m: ReceivedMail) => /confirmed/i.test(m.subject);
  const [bookerConfirmed, partnerConfirmed, practiceNotice] = await Promise.all([
    waitForMail(person.email, confirmed),
    waitForMail(person.partnerEmail, confirmed),
    waitForMail(PRACTICE_EMAIL, aboutBooking(reference)),
  ]);
  expect(bookerConfirmed.to).toEqual([person.email]);
  expect(partnerConfirmed.to).toEqual([person.partnerEmail]);
  expect(privateLinkIn(bookerConfirmed)).toBe(`${baseURL}/m/${token}`);
  // In the booker's own zone (the browser's, kept with their link).
  expect(bookerConfirmed.text).toContain(chosen.label);

  // The partner's own link, from their own email: another token, their own view of the booking.
  const partnerUrl = privateLinkIn(partnerConfirmed);
  expect(partnerUrl).toMatch(new RegExp(`^${baseURL}/m/[A-Za-z0-9_-]{43}$`));
  const partnerToken = tokenFromUrl(partnerUrl);
  expect(partnerToken).not.toBe(token);
  const partnerClient = await newClient();
  const partnerPage = privateLink(partnerToken, partnerClient.page);
  expect((await partnerClient.page.goto(partnerUrl))?.status()).toBe(200);
  await expect(partnerPage.reference).toHaveText(reference);
  await expect(partnerPage.status).toHaveText('Confirmed');
  await partnerPage.cancelLink.click();
  await expect(partnerClient.page.getByText(`${person.name} will see it as cancelled on their own link too`)).toBeVisible();

  // The practice's notice names the booking, never the note.
  expect(practiceNotice.subject).toContain(reference);

  // Invitations: a REQUEST each, on the booking's UID.
  for (const m of [bookerConfirmed, partnerConfirmed]) expect(m.calendar?.method).toBe('REQUEST');
  const uid = bookerConfirmed.calendar!.uid;
  expect(uid).toBeTruthy();
  expect(partnerConfirmed.calendar!.uid).toBe(uid);
  const confirmedSequence = bookerConfirmed.calendar!.sequence!;

  // Moved by the booker: both are told, the partner by whom; the invitation is updated (higher SEQUENCE).
  const newLabel = await link.reschedule(chosen.date, (label) => Math.abs(instantAt(chosen.startMs, label, zone) - chosen.startMs) >= 90 * 60_000);
  const moved = (m: ReceivedMail) => /moved/i.test(m.subject);
  const [bookerMoved, partnerMoved] = await Promise.all([waitForMail(person.email, moved), waitForMail(person.partnerEmail, moved)]);
  expect(bookerMoved.text).toContain(newLabel);
  expect(partnerMoved.text).toContain(person.name.split(' ')[0]!);
  expect(privateLinkIn(partnerMoved)).toBe(partnerUrl);
  for (const m of [bookerMoved, partnerMoved]) {
    expect(m.calendar?.method).toBe('REQUEST');
    expect(m.calendar?.uid).toBe(uid);
    expect(m.calendar?.sequence).toBeGreaterThan(confirmedSequence);
  }

  // Cancelled by the booker, with a reason: both are told (METHOD:CANCEL), and the practice — without the reason.
  await page.goto(link.path);
  await link.cancel(secret.reason);
  const cancelled = (m: ReceivedMail) => /cancel/i.test(m.subject);
  const [bookerCancelled, partnerCancelled, practiceCancelled] = await Promise.all([
    waitForMail(person.email, cancelled),
    waitForMail(person.partnerEmail, cancelled),
    waitForMail(PRACTICE_EMAIL, (m) => aboutBooking(reference)(m) && cancelled(m)),
  ]);
  for (const m of [bookerCancelled, partnerCancelled]) {
    expect(m.calendar?.method).toBe('CANCEL');
    expect(m.calendar?.uid).toBe(uid);
    expect(m.calendar?.sequence).toBeGreaterThan(bookerMoved.calendar!.sequence!);
  }

  for (const m of [bookerConfirmed, partnerConfirmed, practiceNotice, bookerMoved, partnerMoved, bookerCancelled, partnerCancelled, practiceCancelled]) {
    expectDiscreet(m, { secrets: [secret.note, secret.reason], typeNames: TYPE_NAMES });
  }
});

test('a client who unticked “OK to email” receives nothing; the practice is still told', async ({ flow, privateLink, person, lane, notBefore, staffDb }) => {
  const secret = sentinels();
  await flow.chooseType(TYPES.individualVideo);
  await flow.chooseTime(lane(VIDEO_LANES.messagesNoEmail), notBefore);
  await flow.details.fill({ ...person, note: secret.note });
  await flow.details.emails.uncheck();
  const link = privateLink(await flow.submitAndLand());
  const reference = ((await link.reference.textContent()) ?? '').trim();

  const notice = await waitForMail(PRACTICE_EMAIL, aboutBooking(reference));
  expectDiscreet(notice, { secrets: [secret.note], typeNames: TYPE_NAMES });
  // The client's message was never to be sent (no job exists for it), and none arrived.
  const [booking] = await staffDb.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.clientEmail, person.email));
  const owed = await staffDb.db.select({ recipient: messages.recipient, state: messages.state, skipReason: messages.skipReason }).from(messages).where(eq(messages.bookingId, booking!.id));
  expect(owed.filter((m) => m.recipient === 'primary')).toEqual([{ recipient: 'primary', state: 'skipped', skipReason: 'no_email_consent' }]);
  expect(await mailTo(person.email)).toEqual([]);
});

test.describe('a declined request', () => {
  let seeded: SeededBooking[] = [];
  test.afterEach(async ({ staffDb }) => {
    await removeBookings(staffDb, seeded);
    seeded = [];
  });

  test('the client’s email says a message is waiting on their private page, without its words; the page shows it', async ({ page, staff, staffDb, newClient }) => {
    const secret = sentinels();
    const clinician = await staff({ role: 'clinician' });
    seeded = await seedBookings(staffDb, { practiceId: clinician.practiceId, starts: [new Date(Date.now() + 6 * 86_400_000)], status: 'requested', clientNote: secret.note });
    const request = seeded[0]!;

    const signIn = new SignInPage(page);
    await signIn.goto({ callbackUrl: '/clinician/requests' });
    await signIn.signIn(clinician);
    const item = page.getByRole('listitem', { name: `Request from ${request.clientName}` });
    await item.getByRole('button', { name: 'Decline…' }).click();
    await item.getByLabel('Message to the client').fill(secret.decline);
    await item.getByRole('button', { name: 'Send and decline' }).click();
    await expect(item.getByRole('status', { name: 'Request' })).toContainText('Declined');

    const email = await waitForMail(request.clientEmail, (m) => /request/i.test(m.subject));
    expect(email.text).toMatch(/message for you[\s\S]{0,60}private page/i);
    expectDiscreet(email, { secrets: [secret.note, secret.decline], typeNames: [...TYPE_NAMES, SEEDED_TYPE_NAME] });
    const url = privateLinkIn(email);
    expect(tokenFromUrl(url)).toBe(request.primaryToken);

    const client = await newClient();
    await client.page.goto(url);
    await expect(client.page.getByTestId('decline-message')).toHaveText(secret.decline);
  });
});
