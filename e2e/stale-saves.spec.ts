import type { Page } from '@playwright/test';
import { signInTo } from './pages/sign-in';
import { BookingSeed, removeBookings, seedBookings, type SeededBooking } from './support/booking-seed';
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

test('consultation type: a stale save shows the saved settings; keeping mine saves over them', async ({ page, staff, staffDb }) => {
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId });
  const type = await seed.addType({ title: `Stale type ${Date.now()}`, feeCents: 20_000, minNoticeMinutes: 1440, horizonDays: 60 });
  try {
    await signInTo(page, clinician, '/clinician/settings');
    const tabA = page;
    const tabB = await page.context().newPage();
    await tabB.goto('/clinician/settings');
    const formA = tabA.getByRole('form', { name: type.title });
    const formB = tabB.getByRole('form', { name: type.title });

    await formA.getByLabel('Fee (US dollars)').fill('150');
    await formA.getByRole('button', { name: `Save ${type.title}` }).click();
    await expect(formA.getByRole('status', { name: 'Settings saved' })).toBeVisible();

    // Tab B still shows $200: its save is refused, the saved $150 is shown, its own $175 stays.
    await formB.getByLabel('Fee (US dollars)').fill('175');
    await formB.getByRole('button', { name: `Save ${type.title}` }).click();
    const notice = formB.getByRole('alert', { name: `${type.title}: settings not saved, they changed elsewhere` });
    await expect(notice).toContainText('This consultation type changed after you opened this page');
    await expect(notice.getByRole('definition').filter({ hasText: '$150' })).toHaveCount(1);
    await expect(formB.getByLabel('Fee (US dollars)')).toHaveValue('175');

    await notice.getByRole('button', { name: 'Keep mine (replace the saved settings)' }).click();
    await expect(formB.getByRole('status', { name: 'Settings saved' })).toBeVisible();
    await tabA.reload();
    await expect(tabA.getByRole('form', { name: type.title }).getByLabel('Fee (US dollars)')).toHaveValue('175');
  } finally {
    await seed.remove();
  }
});

test('weekly hours: a stale save shows the saved week; using it puts the saved rows in the form', async ({ page, staff }) => {
  const clinician = await staff({ role: 'clinician' });
  await signInTo(page, clinician, '/clinician/availability');
  const tabA = page;
  const tabB = await page.context().newPage();
  await tabB.goto('/clinician/availability');
  const row = (p: Page, n: number) => p.getByRole('group', { name: `Hours row ${n}`, exact: true });

  await tabA.getByRole('button', { name: 'Add hours' }).click();
  await row(tabA, 1).getByLabel('Day').selectOption({ label: 'Tuesday' });
  await tabA.getByRole('button', { name: 'Save weekly hours' }).click();
  await expect(tabA.getByRole('status', { name: 'Weekly hours saved' })).toBeVisible();

  await tabB.getByRole('button', { name: 'Add hours' }).click();
  await row(tabB, 1).getByLabel('Day').selectOption({ label: 'Friday' });
  await tabB.getByRole('button', { name: 'Save weekly hours' }).click();
  const notice = tabB.getByRole('alert', { name: 'Weekly hours not saved: they changed elsewhere' });
  await expect(notice).toContainText('Your availability changed after you opened this page');
  await expect(notice.getByRole('list', { name: 'The saved weekly hours' })).toContainText('Tuesday 09:00–17:00');
  await expect(row(tabB, 1).getByLabel('Day')).toHaveValue('5');

  await notice.getByRole('button', { name: 'Use the saved hours' }).click();
  await expect(row(tabB, 1).getByLabel('Day')).toHaveValue('2');
  // Built on the saved version now: a further change saves.
  await row(tabB, 1).getByLabel('End').fill('16:00');
  await tabB.getByRole('button', { name: 'Save weekly hours' }).click();
  await expect(tabB.getByRole('status', { name: 'Weekly hours saved' })).toBeVisible();
});

test('clients’ page wording: a stale save shows the saved wording; keeping mine saves over it', async ({ page, staff }) => {
  const clinician = await staff({ role: 'clinician' });
  await signInTo(page, clinician, '/clinician/settings');
  const tabA = page;
  const tabB = await page.context().newPage();
  await tabB.goto('/clinician/settings');
  const wording = (tab: Page) => tab.getByRole('form', { name: "What clients' pages say" });
  const save = (tab: Page) => wording(tab).getByRole('button', { name: "Save clients' page wording" }).click();

  await wording(tabA).getByLabel('Title of private-link pages').fill('Visit');
  await save(tabA);
  await expect(wording(tabA).getByRole('status', { name: 'Wording saved' })).toContainText('Saved.');

  // Tab B was opened before that save: refused, the saved title shown, B's own title kept.
  await wording(tabB).getByLabel('Title of private-link pages').fill('Your appointment');
  await save(tabB);
  const notice = wording(tabB).getByRole('alert', { name: 'Wording not saved: it changed elsewhere' });
  await expect(notice).toContainText('The wording of clients’ pages changed after you opened this page');
  await expect(notice.getByLabel('The saved wording')).toContainText('Title: Visit');
  await expect(wording(tabB).getByLabel('Title of private-link pages')).toHaveValue('Your appointment');

  await notice.getByRole('button', { name: 'Keep mine (replace the saved wording)' }).click();
  await expect(wording(tabB).getByRole('status', { name: 'Wording saved' })).toContainText('Saved.');
  await tabA.reload();
  await expect(wording(tabA).getByLabel('Title of private-link pages')).toHaveValue('Your appointment');
});
