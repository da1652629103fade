import { createAccessWorld } from './support/access-world';
import { expect, test } from './support/staff-fixture';

/** Staff page titles name the signed-in person's own practice, never the deployment's default one. */
test('another practice\'s front desk sees its own practice in the title, not the demo practice', async ({ page, staffDb, baseURL }) => {
  const world = await createAccessWorld(staffDb);
  try {
    const cookie = await world.cookieFor('foreignDesk');
    const [name, value] = cookie!.split(/=(.*)/s) as [string, string];
    await page.context().addCookies([{ name, value, url: baseURL! }]);
    await page.goto('/desk');
    await expect(page).toHaveTitle(`Schedule · ${world.practiceNames.elsewhere}`);
    expect(await page.title()).not.toContain('Maya Lindqvist');

    const home = await world.cookieFor('clinician');
    const [homeName, homeValue] = home!.split(/=(.*)/s) as [string, string];
    await page.context().clearCookies();
    await page.context().addCookies([{ name: homeName, value: homeValue, url: baseURL! }]);
    await page.goto('/clinician');
    await expect(page).toHaveTitle(`Today & week · ${world.practiceNames.home}`);
  } finally {
    await world.remove();
  }
});
