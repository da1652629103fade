import type { Page } from '@playwright/test';
import { signInTo } from './pages/sign-in';
import { removeBookings, seedBookings, type SeededBooking } from './support/booking-seed';
import { expect, test } from './support/staff-fixture';

/**
 * A save from a stale copy is refused with both versions in view (issue 7): two tabs of one
 * person, the same form; the second tab's save never silently replaces the first's.
 */

const HOUR = 3_600_000;

let seeded: SeededBooking[] = [];
test.afterEach(async ({ staffDb }) => {
  await removeBookings(staffDb, seeded);
  seeded = [];
});

async function saveNotes(page: Page) {
  await page.getByRole('button', { name: 'Save notes' }).click();
}

const staleNotice = (page: Page) => page.getByRole('alert', { name: 'Notes not saved: they changed elsewhere' });

test('notes: a second tab’s stale save shows both texts; keep mine, use the saved one, or merge by hand', async ({ page, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  seeded = await seedBookings(staffDb, { practiceId: clinician.practiceId, starts: [new Date(Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR)] });
  const path = `/clinician/bookings/${seeded[0]!.id}`;
  await signInTo(page, clinician, path);
  const tabA = page;
  const tabB = await page.context().newPage();
  await tabB.goto(path);

  // Tab A saves first.
  await tabA.getByLabel('Private notes').fill('A: talked about sleep.');
  await saveNotes(tabA);
  await expect(tabA.getByRole('status', { name: 'Notes saved' })).toContainText('Saved.');

  // Tab B, opened before that save, is refused: A's text is shown, B's stays in the form.
  await tabB.getByLabel('Private notes').fill('B: family history.');
  await saveNotes(tabB);
  await expect(staleNotice(tabB)).toContainText('These notes changed after you opened this page');
  await expect(staleNotice(tabB)).toBeFocused();
  await expect(tabB.getByLabel('The saved notes')).toHaveValue('A: talked about sleep.');
  await expect(tabB.getByLabel('Private notes')).toHaveValue('B: family history.');
  await expect(tabB.getByRole('status', { name: 'Notes saved' })).toHaveCount(0);

  // B merges by hand and saves: now deliberately over A's.
  await tabB.getByLabel('Private notes').fill('A: talked about sleep.\nB: family history.');
  await saveNotes(tabB);
  await expect(tabB.getByRole('status', { name: 'Notes saved' })).toContainText('Saved.');
  await expect(staleNotice(tabB)).toHaveCount(0);

  // Tab A still holds its first save's version: its next save is refused; A keeps its own.
  await tabA.getByLabel('Private notes').fill('A: only mine.');
  await saveNotes(tabA);
  await expect(tabA.getByLabel('The saved notes')).toHaveValue('A: talked about sleep.\nB: family history.');
  await tabA.getByRole('button', { name: 'Keep mine (replace the saved notes)' }).click();
  await expect(tabA.getByRole('status', { name: 'Notes saved' })).toContainText('Saved.');

  // Tab B is stale again; this time it takes the saved notes.
  await tabB.getByLabel('Private notes').fill('B: typed on an old copy.');
  await saveNotes(tabB);
  await expect(tabB.getByLabel('The saved notes')).toHaveValue('A: only mine.');
  await tabB.getByRole('button', { name: 'Use the saved notes' }).click();
  await expect(tabB.getByLabel('Private notes')).toHaveValue('A: only mine.');
  await expect(staleNotice(tabB)).toHaveCount(0);

  await tabB.reload();
  await expect(tabB.getByLabel('Private notes')).toHaveValue('A: only mine.');
});
