import { eq } from 'drizzle-orm';
import { clinicians } from '../db/schema';
import { BookingSeed } from './support/booking-seed';
import { expect, test } from './support/staff-fixture';

/**
 * The video room on a client's private page (issue 8): "Join video" from 24 hours before a
 * confirmed video consultation until its end, "will appear here from …" before that; never in the
 * page's title or link preview.
 */
const HOUR = 3_600_000;
const ROOM = 'https://meet.example.com/e2e-room-7c1';

test('the private page shows the video room inside its window only, and never in its title or preview', async ({ page, staff, staffDb }) => {
  const desk = await staff({ role: 'front_desk' });
  const seed = await BookingSeed.create(staffDb, { practiceId: desk.practiceId });
  try {
    const soon = await seed.add(new Date(Math.ceil((Date.now() + 10 * HOUR) / HOUR) * HOUR));
    const later = await seed.add(new Date(Math.ceil((Date.now() + 3 * 24 * HOUR) / HOUR) * HOUR));
    const requested = await seed.add(new Date(Math.ceil((Date.now() + 5 * HOUR) / HOUR) * HOUR), { status: 'requested' });
    await staffDb.db.update(clinicians).set({ videoRoomUrl: ROOM }).where(eq(clinicians.id, seed.clinicianId));

    const response = await page.goto(`/m/${soon.primaryToken}`);
    const video = page.getByRole('region', { name: 'Video' });
    await expect(video.getByRole('link', { name: 'Join video' })).toHaveAttribute('href', ROOM);
    // Not in the title, the description or any preview tag.
    await expect(page).toHaveTitle('Appointment');
    const head = await page.locator('head').innerHTML();
    expect(head).not.toContain(ROOM);
    expect(head).not.toMatch(/og:|twitter:/);
    expect(response!.headers()['referrer-policy']).toBe('no-referrer');

    await page.goto(`/m/${later.primaryToken}`);
    await expect(page.getByRole('region', { name: 'Video' }).getByTestId('video-later')).toHaveText(/^Your video link will appear here from .+ \(24 hours before\)\.$/);
    await expect(page.getByRole('link', { name: 'Join video' })).toHaveCount(0);
    expect(await page.content()).not.toContain(ROOM);

    // A request the practice has not confirmed: no room at all.
    await page.goto(`/m/${requested.primaryToken}`);
    await expect(page.getByRole('region', { name: 'Video' })).toHaveCount(0);
    expect(await page.content()).not.toContain(ROOM);
  } finally {
    await seed.remove();
  }
});
