import { eq } from 'drizzle-orm';
import { bookings } from '../db/schema';
import { TYPES } from './pages/booking-flow';
import { BookingSeed } from './support/booking-seed';
import { expect, test } from './support/staff-fixture';

/**
 * Limited text fields never cut what is pasted (issue 7): a counter shows how much is used, says
 * plainly when it is over, and the form is refused with a field error — everything typed stays.
 * Text is put in with insertText, the way a paste arrives (a `maxLength` would silently cut it).
 */

test('a 1,203-character note is kept whole, counted, and refused with a field error', async ({ page, flow, person, notBefore }) => {
  await flow.chooseType(TYPES.individualVideo);
  await flow.chooseTime(0, notBefore);
  await flow.details.fill({ ...person, note: '' });
  const note = flow.details.note;

  await note.fill('a'.repeat(812));
  await expect(note).toHaveAccessibleDescription(/812 of 1,000/);

  const pasted = 'The long story. '.repeat(76).slice(0, 1203);
  await note.fill('');
  await note.focus();
  await page.keyboard.insertText(pasted);
  await expect(note).toHaveValue(pasted);
  await expect(note).toHaveAccessibleDescription(/1,203 of 1,000: 203 too many\. Please shorten it; nothing is sent until it fits\./);

  await flow.details.submit.click();
  await expect(note).toHaveAccessibleDescription(/This is 1,203 characters; the limit is 1,000\. Please shorten it by 203\./);
  await expect(note).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/details\?/);
  await expect(note).toHaveValue(pasted);
});

test('a cancellation reason over 500 characters is kept, counted, and refused by the server with a field error', async ({ page, staff, staffDb }) => {
  const desk = await staff({ role: 'front_desk' });
  const world = await BookingSeed.create(staffDb, { practiceId: desk.practiceId, availableAllDay: true });
  try {
    const booking = await world.add(new Date(Date.now() + 5 * 86_400_000));
    await page.goto(`/m/${booking.primaryToken}/cancel`);
    const reason = page.getByLabel('Would you like to tell us why?');
    const pasted = 'x'.repeat(600);
    await reason.focus();
    await page.keyboard.insertText(pasted);
    await expect(reason).toHaveValue(pasted);
    await expect(reason).toHaveAccessibleDescription(/600 of 500: 100 too many/);

    await page.getByRole('button', { name: 'Confirm cancellation' }).click();
    await expect(reason).toHaveAccessibleDescription(/This is 600 characters; the limit is 500\. Please shorten it by 100\./);
    await expect(reason).toHaveValue(pasted);
    const [row] = await staffDb.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, booking.id));
    expect(row?.status).toBe('confirmed');
  } finally {
    await world.remove();
  }
});
