import { eq } from 'drizzle-orm';
import { intakes } from '../db/schema';
import { signInTo } from './pages/sign-in';
import { expectAccessible } from './support/axe';
import { BookingSeed } from './support/booking-seed';
import { addPartner, answers, intakeAuditCount, seedIntake } from './support/intake-review-seed';
import { expect, test, type StaffAccount, type StaffDb } from './support/staff-fixture';

/**
 * The clinician's side of intakes (issue 9): the inbox with flags first and scores, a couple's two
 * intakes side by side, one audit row per intake per view, "Mark reviewed", the FHIR download; the
 * front desk and another clinician refused, the desk seeing states only. Intakes are sealed
 * straight into the database as the app writes them (e2e/support/intake-seed.ts).
 */

const DAY = 86_400_000;
/** Days ahead at 15:00 UTC (10:00 or 11:00 in New York): upcoming, inside the week. */
const daysAhead = (days: number) => {
  const at = new Date(Date.now() + days * DAY);
  at.setUTCHours(15, 0, 0, 0);
  return at;
};

const CALM = 'CALM-ANSWER: things feel stuck since the move';
const HURTING = 'HURTING-ANSWER: I cannot see a way forward';

type World = {
  clinician: StaffAccount;
  seed: BookingSeed;
  calm: { bookingId: string; name: string; intakeId: string };
  flagged: { bookingId: string; name: string; intakeId: string };
  couple: { bookingId: string; name: string; partner: string; intakeIds: [string, string] };
  started: { bookingId: string; name: string; intakeId: string };
};

async function createWorld(staff: (o: { role: 'clinician' | 'front_desk'; practiceId?: string }) => Promise<StaffAccount>, staffDb: StaffDb): Promise<World> {
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId, type: { intakeForm: 'individual' } });
  const coupleType = await seed.addType({ title: 'Couples consultation', audience: 'couple', durationMinutes: 80, intakeForm: 'couples' });

  const calm = await seed.add(daysAhead(2), { clientName: `Casey Calm ${seed.tag}` });
  // PHQ-9 9 (mild), GAD-7 14 (moderate).
  const calmIntake = await seedIntake(staffDb, { bookingId: calm.id, holder: 'primary', status: 'sent', answers: answers({ reason: CALM, phq9: [1, 1, 1, 1, 1, 1, 1, 2, 0], gad7: [2, 2, 2, 2, 2, 2, 2] }) });
  const flagged = await seed.add(daysAhead(4), { clientName: `Frankie Flag ${seed.tag}` });
  // PHQ-9 item 9 above 0: the self-harm flag.
  const flaggedIntake = await seedIntake(staffDb, { bookingId: flagged.id, holder: 'primary', status: 'sent', answers: answers({ reason: HURTING, phq9: [2, 2, 2, 2, 1, 2, 1, 1, 1], gad7: [1, 1, 1, 1, 1, 1, 1] }) });
  const couple = await seed.add(daysAhead(3), { clientName: `Alex Pair ${seed.tag}`, typeId: coupleType.id });
  const partner = `Riley Pair ${seed.tag}`;
  await addPartner(staffDb, couple.id, partner);
  const coupleA = await seedIntake(staffDb, {
    bookingId: couple.id,
    holder: 'primary',
    status: 'sent',
    answers: answers({ reason: 'We keep having the same argument.', phq9: [0, 1, 0, 0, 0, 0, 0, 0, 0], gad7: [1, 0, 0, 0, 0, 0, 0], extra: { 'partner-safety': 'no', 'csi4-1': 'happy', 'csi4-2': 'mostly', 'csi4-3': 'mostly', 'csi4-4': 'mostly' } }),
  });
  const coupleB = await seedIntake(staffDb, {
    bookingId: couple.id,
    holder: 'partner',
    status: 'sent',
    answers: answers({ reason: 'I want us to feel safe again.', phq9: [1, 1, 0, 0, 0, 0, 0, 0, 0], gad7: [1, 1, 0, 0, 0, 0, 0], extra: { 'partner-safety': 'yes', 'csi4-1': 'fairly-unhappy', 'csi4-2': 'a-little', 'csi4-3': 'a-little', 'csi4-4': 'a-little' } }),
  });
  const started = await seed.add(daysAhead(5), { clientName: `Sam Started ${seed.tag}` });
  const startedIntake = await seedIntake(staffDb, { bookingId: started.id, holder: 'primary', status: 'in_progress', answers: answers({ reason: 'DRAFT-ANSWER', phq9: [], gad7: [] }) });
  return {
    clinician,
    seed,
    calm: { bookingId: calm.id, name: calm.clientName, intakeId: calmIntake.id },
    flagged: { bookingId: flagged.id, name: flagged.clientName, intakeId: flaggedIntake.id },
    couple: { bookingId: couple.id, name: couple.clientName, partner, intakeIds: [coupleA.id, coupleB.id] },
    started: { bookingId: started.id, name: started.clientName, intakeId: startedIntake.id },
  };
}

const test2 = test.extend<{ world: World }>({
  world: async ({ staff, staffDb }, use) => {
    const world = await createWorld(staff, staffDb);
    await use(world);
    await world.seed.remove();
  },
});

test2('the inbox lists flags first, then upcoming consultations, with scores and bands and no answer', async ({ page, world, staffDb }) => {
  await signInTo(page, world.clinician, '/clinician/intakes');
  await expect(page.getByRole('heading', { level: 1, name: 'Intakes' })).toBeVisible();
  await expect(page).toHaveTitle(/^Intakes · /);

  const rows = page.getByTestId('intake-row');
  await expect(rows).toHaveCount(5);
  // Flags first (soonest first among them), then upcoming consultations soonest first.
  await expect(rows.nth(0)).toContainText(world.couple.partner);
  await expect(rows.nth(1)).toContainText(world.flagged.name);
  for (const i of [0, 1]) await expect(rows.nth(i).getByTestId('safety-marker')).toBeVisible();
  await expect(rows.nth(1).getByTestId('intake-flags')).toHaveText('Thoughts of self-harm');
  await expect(rows.nth(2)).toContainText(world.calm.name);
  await expect(rows.nth(3)).toContainText(world.couple.name);
  await expect(rows.nth(4)).toContainText(world.started.name);
  await expect(rows.nth(4).getByTestId('intake-status')).toHaveText('In progress');
  await expect(rows.nth(2).getByTestId('intake-row-scores')).toContainText('9 / 27 · Mild');
  await expect(rows.nth(2).getByTestId('intake-row-scores')).toContainText('14 / 21 · Moderate');
  await expect(page.getByTestId('flagged-count')).toContainText('2 intakes need your attention');
  // No answer is ever on the inbox.
  await expect(page.locator('main')).not.toContainText(CALM);
  await expectAccessible(page, 'the intake inbox');
  // The inbox opened no intake.
  expect(await intakeAuditCount(staffDb, [...world.couple.intakeIds, world.calm.intakeId, world.flagged.intakeId], 'intake.viewed')).toBe(0);

  // The row leads to the booking's intakes.
  await rows.nth(3).getByRole('link', { name: new RegExp(world.couple.name) }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/clinician/bookings/${world.couple.bookingId}/intake`);
});

test2("a couple's two intakes side by side (stacked on a phone), each partner's flag for the clinician, one audit row per intake per view", async ({ page, world, staffDb }) => {
  // Two long questionnaires and axe over them: more than the default minute on a busy machine.
  test2.slow();
  // The couple: both intakes, side by side on a wide screen.
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInTo(page, world.clinician, `/clinician/bookings/${world.couple.bookingId}/intake`);
  await expect(page).toHaveTitle(/^Intake · /);
  const primary = page.getByTestId('intake-primary');
  const partner = page.getByTestId('intake-partner');
  await expect(primary.getByRole('heading', { level: 2, name: world.couple.name })).toBeVisible();
  await expect(partner.getByRole('heading', { level: 2, name: world.couple.partner })).toBeVisible();
  // The partner's safety answer: flagged at the top and on their column, for the clinician.
  await expect(page.getByTestId('intake-flags')).toContainText(`${world.couple.partner}: needs your attention`);
  await expect(page.getByTestId('intake-flags')).toContainText('Afraid of their partner');
  await expect(partner.getByTestId('safety-marker')).toBeVisible();
  await expect(primary.getByTestId('safety-marker')).toHaveCount(0);
  await expect(partner).toContainText('I want us to feel safe again.');
  await expect(primary.getByTestId('intake-scores')).toContainText('CSI-4');
  const [a, b] = [await primary.boundingBox(), await partner.boundingBox()];
  expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
  expect(Math.abs(b!.y - a!.y)).toBeLessThan(2);
  await expectAccessible(page, "a couple's intakes");

  // Stacked on a phone (the same page: CSS, no new read).
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(async () => (await partner.boundingBox())!.y).toBeGreaterThan((await primary.boundingBox())!.y + (await primary.boundingBox())!.height - 1);

  // Exactly one audit row per intake for this one view (no prefetch, no re-render read them again).
  await page.waitForLoadState('networkidle');
  for (const id of world.couple.intakeIds) expect(await intakeAuditCount(staffDb, [id], 'intake.viewed')).toBe(1);

  // Mark the booker's reviewed: no re-read (still one row each), the state is saved.
  await primary.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(primary.getByRole('status', { name: 'Intake reviewed' })).toContainText('marked as reviewed');
  const [row] = await staffDb.db.select({ status: intakes.status }).from(intakes).where(eq(intakes.id, world.couple.intakeIds[0]));
  expect(row?.status).toBe('reviewed');
  expect(await intakeAuditCount(staffDb, [world.couple.intakeIds[0]], 'intake.reviewed')).toBe(1);
  await page.waitForLoadState('networkidle');
  expect(await intakeAuditCount(staffDb, world.couple.intakeIds, 'intake.viewed')).toBe(2);
});

test2('an intake in progress shows its state only; the week view and the consultation page say the state and lead to the intake', async ({ page, world, staffDb }) => {
  // An intake in progress: its state, never the draft.
  await signInTo(page, world.clinician, `/clinician/bookings/${world.started.bookingId}/intake`);
  await expect(page.getByTestId('intake-state')).toContainText('In progress');
  await expect(page.locator('main')).not.toContainText('DRAFT-ANSWER');
  expect(await intakeAuditCount(staffDb, [world.started.intakeId], 'intake.viewed')).toBe(0);

  // The week view says each booking's intake state, small.
  await page.goto('/clinician');
  const calmEntry = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: world.calm.name }) });
  await expect(calmEntry.getByTestId('intake-state')).toHaveText('Intake: sent');
  // The consultation page links to the intake.
  await page.goto(`/clinician/bookings/${world.flagged.bookingId}`);
  await expect(page.getByTestId('intake-state')).toHaveText('Intake: sent');
  await page.getByRole('link', { name: 'Open the intake' }).click();
  await expect(page.getByTestId('intake-flags')).toContainText('Thoughts of self-harm');
  await expect(page.locator('main')).toContainText(HURTING);
});

test2('the download is a FHIR QuestionnaireResponse naming its questionnaire version, audited, with nothing personal in its address or name', async ({ page, world, staffDb }) => {
  await signInTo(page, world.clinician, `/clinician/bookings/${world.calm.bookingId}/intake`);
  const link = page.getByRole('link', { name: 'Download (FHIR QuestionnaireResponse)' });
  await expect(link).toHaveAttribute('href', `/clinician/intakes/${world.calm.intakeId}/download`);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const filename = download.suggestedFilename();
  expect(filename).toBe(`questionnaire-response-${world.calm.bookingId.slice(0, 8).toUpperCase()}.json`);
  const body = await (await download.createReadStream()).toArray();
  const response = JSON.parse(Buffer.concat(body).toString('utf8')) as { resourceType: string; status: string; questionnaire: string; item: unknown[] };
  expect(response).toMatchObject({ resourceType: 'QuestionnaireResponse', status: 'completed' });
  expect(response.questionnaire).toBe('https://haven.health/fhir/Questionnaire/intake-individual|2026.1');
  expect(JSON.stringify(response)).toContain(CALM);
  expect(await intakeAuditCount(staffDb, [world.calm.intakeId], 'intake.downloaded')).toBe(1);

  const headers = (await page.request.get(`/clinician/intakes/${world.calm.intakeId}/download`)).headers();
  expect(headers['content-disposition']).toBe(`attachment; filename="${filename}"`);
  expect(headers['cache-control']).toBe('no-store');
  // Not sent yet: nothing to download.
  expect((await page.request.get(`/clinician/intakes/${world.started.intakeId}/download`)).status()).toBe(404);
});

test2('the front desk sees only not started / in progress / sent, and is refused the inbox, the intake and the download', async ({ page, world, staff, staffDb }) => {
  const desk = await staff({ role: 'front_desk', practiceId: world.clinician.practiceId });
  await signInTo(page, desk);
  for (const path of ['/clinician/intakes', `/clinician/bookings/${world.calm.bookingId}/intake`]) {
    // The clinician area's layout refuses the front desk before anything streams: a real 404.
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: "We couldn't find that page" })).toBeVisible();
    await expect(page.locator('main')).not.toContainText(CALM);
  }
  expect((await page.request.get(`/clinician/intakes/${world.calm.intakeId}/download`)).status()).toBe(404);
  expect(await intakeAuditCount(staffDb, [world.calm.intakeId], 'intake.downloaded')).toBe(0);
  expect(await intakeAuditCount(staffDb, [world.calm.intakeId], 'intake.viewed')).toBe(0);

  // The schedule: the state per booking (a couple's per person), nothing more.
  await page.goto('/desk');
  const rowOf = (name: string) => page.getByTestId('booking-row').filter({ has: page.getByRole('link', { name }) });
  await expect(rowOf(world.calm.name).getByTestId('intake-state')).toHaveText('Sent');
  await expect(rowOf(world.started.name).getByTestId('intake-state')).toHaveText('In progress');
  await expect(rowOf(world.couple.name).getByTestId('intake-state')).toHaveText('Client: sentPartner: sent');
  const main = page.locator('main');
  for (const text of ['PHQ', 'Mild', 'Moderate', 'self-harm', 'Afraid', 'Reviewed', 'attention', CALM, HURTING]) await expect(main).not.toContainText(text);

  // A reviewed intake still reads "sent" at the desk.
  await staffDb.db.update(intakes).set({ status: 'reviewed', reviewedAt: new Date() }).where(eq(intakes.id, world.calm.intakeId));
  await page.goto(`/desk/bookings/${world.calm.bookingId}`);
  await expect(page.getByTestId('intake-state')).toHaveText('Intake: Sent');
  await expect(page.locator('main')).not.toContainText('Reviewed');
});

test2('another clinician of the practice is refused the intake and the download, and does not see it in their inbox', async ({ page, world, staff, staffDb }) => {
  const other = await staff({ role: 'clinician', practiceId: world.clinician.practiceId });
  await signInTo(page, other, '/clinician/intakes');
  await expect(page.getByRole('heading', { level: 1, name: 'Intakes' })).toBeVisible();
  await expect(page.getByTestId('intake-row')).toHaveCount(0);
  // The page streams behind its loading state, so "not found" arrives as the not-found page.
  await page.goto(`/clinician/bookings/${world.flagged.bookingId}/intake`);
  await expect(page.getByRole('heading', { level: 1, name: "We couldn't find that page" })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(HURTING);
  expect((await page.request.get(`/clinician/intakes/${world.flagged.intakeId}/download`)).status()).toBe(404);
  expect(await intakeAuditCount(staffDb, [world.flagged.intakeId], 'intake.viewed')).toBe(0);
});
