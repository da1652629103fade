import { and, eq } from 'drizzle-orm';
import { intakeQuestionnaires } from '../db/schema';
import { signInTo } from './pages/sign-in';
import { expectAccessible } from './support/axe';
import { BookingSeed } from './support/booking-seed';
import { answers, seedIntake } from './support/intake-review-seed';
import { expect, test } from './support/staff-fixture';

/**
 * The practice adapts its intake (issue 9): turn an optional section off and add a question of its
 * own → a new questionnaire version; an intake sent on the old version keeps it and still renders
 * with the old questions; a save from a stale copy is refused with both versions shown; which
 * questionnaire a consultation type asks.
 */

const DAY = 86_400_000;
const daysAhead = (days: number) => {
  const at = new Date(Date.now() + days * DAY);
  at.setUTCHours(15, 0, 0, 0);
  return at;
};

test('a section off and a question of the practice’s own make a new version; an intake started earlier keeps its version', async ({ page, staff, staffDb }) => {
  // Two tabs, a save, a stale save and two intake views: more than the default minute on a busy machine.
  test.slow();
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId, type: { intakeForm: 'individual', title: 'Individual consultation' } });
  try {
    // Sent on version 1 (with an answer in the optional sexual-health section).
    const before = await seed.add(daysAhead(2), { clientName: `Olive Early ${seed.tag}` });
    await seedIntake(staffDb, {
      bookingId: before.id,
      holder: 'primary',
      status: 'sent',
      answers: answers({ reason: 'Early answer', phq9: [0, 0, 0, 0, 0, 0, 0, 0, 0], gad7: [0, 0, 0, 0, 0, 0, 0], extra: { 'sexual-concerns-details': 'OLD-SECTION-ANSWER' } }),
    });

    await signInTo(page, clinician, '/clinician/settings/intake');
    await expect(page.getByRole('heading', { level: 1, name: 'Intake questions' })).toBeVisible();
    await expect(page).toHaveTitle(/^Intake questions · /);
    const individual = page.getByRole('region', { name: 'Individual questionnaire' });
    await expect(individual.getByTestId('custom-individual-version')).toHaveText('Version 1 (2026.1)');
    await expectAccessible(page, 'the intake settings');

    // A second tab, opened now: it will be stale after the first saves.
    const second = await page.context().newPage();
    await second.goto('/clinician/settings/intake');
    const secondIndividual = second.getByRole('region', { name: 'Individual questionnaire' });
    await expect(secondIndividual.getByTestId('custom-individual-version')).toHaveText('Version 1 (2026.1)');

    await individual.getByLabel('Ask “Sexual health and intimacy”').uncheck();
    await individual.getByLabel('Section', { exact: true }).selectOption({ label: 'What brings you here' });
    await individual.getByLabel('Yes / no', { exact: true }).check();
    await individual.getByLabel('Question', { exact: true }).fill('Will you need parking at the office?');
    await individual.getByRole('button', { name: 'Add question' }).click();
    await expect(individual.getByRole('listitem', { name: 'Will you need parking at the office?' })).toBeVisible();
    await individual.getByRole('button', { name: 'Save as a new version' }).click();
    await expect(individual.getByRole('status', { name: 'Individual questionnaire saved' })).toContainText('Saved as version 2');
    await expect(individual.getByTestId('custom-individual-version')).toHaveText('Version 2 (2026.1+p2)');
    await expect(page.getByTestId('individual-versions').locator('tbody tr')).toHaveCount(2);
    await expect(page.getByTestId('individual-versions').locator('tbody tr').first()).toContainText(clinician.displayName);

    const [v2] = await staffDb.db
      .select({ customization: intakeQuestionnaires.customization })
      .from(intakeQuestionnaires)
      .where(and(eq(intakeQuestionnaires.practiceId, clinician.practiceId), eq(intakeQuestionnaires.form, 'individual'), eq(intakeQuestionnaires.version, 2)));
    expect(v2?.customization.disabledSections).toEqual(['sexual-health']);
    expect(v2?.customization.questions.map((q) => [q.text, q.type, q.section])).toEqual([['Will you need parking at the office?', 'boolean', 'reasons']]);

    // The stale tab: refused, both shown; taking the saved one shows version 2.
    await secondIndividual.getByRole('button', { name: 'Save as a new version' }).click();
    const stale = secondIndividual.getByTestId('stale-notice');
    await expect(stale).toBeVisible();
    await expect(stale).toContainText('Nothing was saved');
    await expect(stale).toContainText('Will you need parking at the office?');
    await stale.getByRole('button', { name: 'Use the saved version' }).click();
    await expect(secondIndividual.getByTestId('custom-individual-version')).toHaveText('Version 2 (2026.1+p2)');
    await expect(secondIndividual.getByLabel('Ask “Sexual health and intimacy”')).not.toBeChecked();
    await second.close();

    // Sent after the change: the practice's question, no sexual-health section.
    const after = await seed.add(daysAhead(3), { clientName: `Pat Later ${seed.tag}` });
    await seedIntake(staffDb, {
      bookingId: after.id,
      holder: 'primary',
      status: 'sent',
      answers: answers({ reason: 'Later answer', phq9: [0, 0, 0, 0, 0, 0, 0, 0, 0], gad7: [0, 0, 0, 0, 0, 0, 0], extra: { [`practice-${v2!.customization.questions[0]!.id}`]: true, 'sexual-concerns-details': 'NEVER-KEPT' } }),
    });
    await page.goto(`/clinician/bookings/${after.id}/intake`);
    await expect(page.getByText('Questionnaire version 2026.1+p2')).toBeVisible();
    await expect(page.locator('main')).toContainText('Will you need parking at the office?');
    await expect(page.locator('main')).toContainText('(the practice’s question)');
    await expect(page.getByRole('heading', { name: 'Sexual health and intimacy' })).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText('NEVER-KEPT');

    // The intake sent before keeps version 1: its section and answer still render.
    await page.goto(`/clinician/bookings/${before.id}/intake`);
    await expect(page.getByText('Questionnaire version 2026.1', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sexual health and intimacy' })).toBeVisible();
    await expect(page.locator('main')).toContainText('OLD-SECTION-ANSWER');
    await expect(page.locator('main')).not.toContainText('Will you need parking');
  } finally {
    await seed.remove();
  }
});

test('a consultation type asks the questionnaire chosen for it, or none', async ({ page, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId, type: { intakeForm: 'individual', title: 'Individual consultation' } });
  try {
    const booking = await seed.add(daysAhead(2), { clientName: `Nora None ${seed.tag}` });
    await signInTo(page, clinician, '/clinician/settings/intake');
    const form = page.getByRole('form', { name: 'Questionnaire for Individual consultation' });
    // An individual type is not offered the couples questionnaire.
    await expect(form.getByRole('option', { name: /Couples questionnaire/ })).toHaveCount(0);
    await form.getByLabel('Individual consultation').selectOption('none');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('status')).toContainText('Saved.');
    await page.goto(`/clinician/bookings/${booking.id}`);
    await expect(page.locator('main')).toContainText('This consultation type asks no intake questionnaire.');
  } finally {
    await seed.remove();
  }
});
