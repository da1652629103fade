import { eq } from 'drizzle-orm';
import { clinicians, practices } from '../db/schema';
import { signInTo } from './pages/sign-in';
import { expect, test } from './support/staff-fixture';

/**
 * A clinician's settings for messages (issue 8): the practice's sender name and reminder hours
 * (under the practice settings' edit version, shared with the sign-in rule on the same page), and
 * their own video room link.
 */
test('a clinician sets a neutral sender name, reminder hours and their video room; the sign-in rule saves after them without a stale warning', async ({ page, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  await signInTo(page, clinician, '/clinician/settings');

  const emails = page.getByRole('form', { name: 'Emails to clients' });
  const sender = emails.getByLabel('Sender name');
  await expect(sender).toHaveValue('Appointments');
  await expect(emails.getByRole('radio', { name: '24 hours before' })).toBeChecked();
  await expect(emails.getByTestId('subject-word')).toContainText('“Appointment”');

  // Not plain text: refused on the field, nothing saved.
  await sender.fill('Dr Rowan <rowan@example.com>');
  await emails.getByRole('button', { name: 'Save email settings' }).click();
  await expect(sender).toHaveAttribute('aria-invalid', 'true');
  await expect(sender).toBeFocused();

  await sender.fill('Front office');
  await emails.getByRole('radio', { name: '48 hours before' }).check();
  await emails.getByRole('button', { name: 'Save email settings' }).click();
  await expect(emails.getByRole('status', { name: 'Email settings saved' })).toContainText('Saved.');
  const [saved] = await staffDb.db
    .select({ name: practices.emailSenderName, hours: practices.reminderHoursBefore })
    .from(practices)
    .where(eq(practices.id, clinician.practiceId));
  expect(saved).toEqual({ name: 'Front office', hours: 48 });

  // The sign-in rule on the same page shares the version: it saves without calling itself stale.
  const rule = page.getByRole('form', { name: 'Sign-in rule' });
  await rule.getByRole('checkbox', { name: 'Require two-step sign-in for everyone, the front desk too' }).check();
  await rule.getByRole('button', { name: 'Save sign-in rule' }).click();
  await expect(rule.getByRole('status', { name: 'Sign-in rule saved' })).toContainText('Everyone now needs two-step sign-in');

  // And the email settings save again after the rule (only the version moved in between).
  await emails.getByRole('radio', { name: 'No reminders' }).check();
  await emails.getByRole('button', { name: 'Save email settings' }).click();
  // The same words as the first save: wait for the value to land, not for the sentence.
  await expect
    .poll(async () => (await staffDb.db.select({ hours: practices.reminderHoursBefore }).from(practices).where(eq(practices.id, clinician.practiceId)))[0]!.hours)
    .toBe(0);
  await expect(emails.getByRole('status', { name: 'Email settings saved' })).toContainText('Saved.');
  await expect(emails.getByRole('alert')).toHaveCount(0);
  await page.reload();
  await expect(emails.getByLabel('Sender name')).toHaveValue('Front office');
  await expect(emails.getByRole('radio', { name: 'No reminders' })).toBeChecked();

  // The video room: https only.
  const video = page.getByRole('form', { name: 'Your video room' });
  const room = video.getByLabel(/Video room link/);
  await room.fill('http://meet.example.com/rowan');
  await video.getByRole('button', { name: 'Save video room link' }).click();
  await expect(room).toHaveAttribute('aria-invalid', 'true');
  await expect(video.getByText('Please paste the full https:// address of your video room')).toBeVisible();
  await room.fill('https://meet.example.com/rowan');
  await video.getByRole('button', { name: 'Save video room link' }).click();
  await expect(video.getByRole('status', { name: 'Video room saved' })).toContainText('from 24 hours before');
  const [me] = await staffDb.db
    .select({ url: clinicians.videoRoomUrl })
    .from(clinicians)
    .where(eq(clinicians.practiceId, clinician.practiceId));
  expect(me!.url).toBe('https://meet.example.com/rowan');
});
