import type { Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { staffDrafts } from '../db/schema';
import { signInTo } from './pages/sign-in';
import { removeBookings, seedBookings, type SeededBooking } from './support/booking-seed';
import { expect, test, type StaffAccount, type StaffDb } from './support/staff-fixture';

/**
 * "Re-authenticating after a timeout returns the person to where they were, with nothing lost"
 * (issue 3): a clinician writes notes, walks away, is signed out for inactivity by the page
 * itself, signs in again and finds the unsaved notes back in the form — kept on the server as
 * an encrypted draft of theirs, never in the browser.
 */

const HOUR = 3_600_000;

/** Signs the clinician in straight to a consultation of theirs that started two hours ago. */
async function openPastConsultation(page: Page, clinician: StaffAccount, staffDb: StaffDb) {
  seeded = await seedBookings(staffDb, { practiceId: clinician.practiceId, starts: [new Date(Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR)] });
  const path = `/clinician/bookings/${seeded[0]!.id}`;
  const signIn = await signInTo(page, clinician, path);
  return { clinician, path, signIn };
}

let seeded: SeededBooking[] = [];

test.describe('unsaved staff work survives an idle sign-out', () => {
  test.afterEach(async ({ staffDb }) => {
    await removeBookings(staffDb, seeded);
    seeded = [];
  });

  test('notes typed before the idle timeout come back after signing in again, and save', async ({ page, staff, staffDb }) => {
    await page.clock.install();
    const { clinician, path, signIn } = await openPastConsultation(page, await staff({ role: 'clinician' }), staffDb);

    const notes = page.getByLabel('Private notes');
    const typed = 'Draft — wants to work on communication; ask about sleep next time.';
    await notes.fill(typed);
    await expect(page.getByTestId('draft-state')).toHaveText('Unsaved changes are kept as a draft.');
    // The draft on the server is ciphertext.
    const drafts = await staffDb.db.select().from(staffDrafts).where(eq(staffDrafts.userId, clinician.id));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.valuesCiphertext).not.toContain('communication');

    // Fifteen quiet minutes: the server ends the sign-in, and the page leaves by itself.
    expect(await staffDb.idleSessions(clinician.id, 16)).toBe(1);
    await page.clock.fastForward('15:05');
    await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('callbackUrl') === path);
    await expect(page.getByText(typed)).toHaveCount(0);

    await signIn.signIn(clinician);
    await expect(page).toHaveURL((url) => url.pathname === path);
    await expect(page.getByRole('status', { name: 'Your unsaved changes are back' })).toBeVisible();
    await expect(notes).toHaveValue(typed);

    await page.getByRole('button', { name: 'Save notes' }).click();
    await expect(page.getByRole('status', { name: 'Notes saved' })).toBeVisible();
    await page.reload();
    await expect(notes).toHaveValue(typed);
    await expect(page.getByRole('status', { name: 'Your unsaved changes are back' })).toHaveCount(0);
  });

  test('a restored draft can be thrown away, and the saved notes come back', async ({ page, staff, staffDb }) => {
    await openPastConsultation(page, await staff({ role: 'clinician' }), staffDb);

    const notes = page.getByLabel('Private notes');
    await notes.fill('Saved notes.');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await expect(page.getByRole('status', { name: 'Notes saved' })).toBeVisible();
    await notes.fill('Saved notes. And a second thought I may not keep.');
    await expect(page.getByTestId('draft-state')).toHaveText('Unsaved changes are kept as a draft.');

    await page.reload();
    await expect(notes).toHaveValue('Saved notes. And a second thought I may not keep.');
    await page.getByRole('button', { name: 'Discard these changes' }).click();
    await expect(notes).toHaveValue('Saved notes.');
    await expect(notes).toBeFocused();
    await page.reload();
    await expect(notes).toHaveValue('Saved notes.');
    await expect(page.getByRole('status', { name: 'Your unsaved changes are back' })).toHaveCount(0);
  });
});
