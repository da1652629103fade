import { TYPES } from './pages/booking-flow';
import { BookingSeed } from './support/booking-seed';
import { longDateIn, projectLocale, timeIn } from './support/dates';
import { expect, test } from './support/staff-fixture';

/**
 * Times follow the viewer's locale (issue 7): los-angeles runs en-US (12-hour), berlin en-GB
 * (24-hour). Server-rendered text uses the request's Accept-Language; client components the
 * browser's language — and the page hydrates without a mismatch.
 */

const TWELVE_HOUR = /^\d{1,2}:\d{2} (AM|PM)$/;
const TWENTY_FOUR_HOUR = /^\d{2}:\d{2}$/;
const clockOf = (locale: string) => (locale === 'en-US' ? TWELVE_HOUR : TWENTY_FOUR_HOUR);

test('the slot picker shows times on the locale’s clock', async ({ page, flow, notBefore }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await flow.chooseType(TYPES.individualVideo);
  const date = await flow.picker.openDay(0, notBefore);
  const times = await flow.picker.timesOn(date);
  expect(times.length).toBeGreaterThan(0);
  for (const time of times) expect(time).toMatch(clockOf(projectLocale()));
  expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
});

test('server-rendered and client-rendered times on a private link follow the locale, without a hydration mismatch', async ({
  page,
  request,
  staff,
  staffDb,
}) => {
  const desk = await staff({ role: 'front_desk' });
  const world = await BookingSeed.create(staffDb, { practiceId: desk.practiceId, availableAllDay: true });
  try {
    // 14:00 UTC five days out: 2 PM-ish in every project's zone shows the clock's difference.
    const start = new Date(Math.floor((Date.now() + 5 * 86_400_000) / 86_400_000) * 86_400_000 + 14 * 3_600_000);
    const booking = await world.add(start, { clientTimeZone: test.info().project.use.timezoneId });
    const zone = test.info().project.use.timezoneId!;
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    await page.goto(`/m/${booking.primaryToken}`);
    // Client component (WhenWhere): the date and "start – end".
    await expect(page.getByTestId('when-client')).toHaveText(longDateIn(start.getTime(), zone));
    await expect(page.getByRole('definition').filter({ has: page.getByTestId('when-client') })).toContainText(
      `${timeIn(start.getTime(), zone)} – ${timeIn(start.getTime() + 50 * 60_000, zone)}`,
    );
    // Server component: "You can move or cancel online until <date> at <time>."
    const cutoff = page.getByText(/^You can move or cancel online until /);
    const cutoffTime = /at (.+)\.$/.exec((await cutoff.textContent()) ?? '')?.[1] ?? '';
    expect(cutoffTime).toMatch(clockOf(projectLocale()));
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);

    // The server picks the locale from Accept-Language, validated, with en-US as the fallback.
    const html = async (acceptLanguage: string) =>
      (await (await request.get(`/m/${booking.primaryToken}`, { headers: { 'Accept-Language': acceptLanguage } })).text()).replace(/<[^>]+>/g, '');
    const until = (text: string) => /You can move or cancel online until .*? at ([^.]+)\./.exec(text)?.[1] ?? '';
    expect(until(await html('de-DE,de;q=0.9,en;q=0.8'))).toMatch(TWENTY_FOUR_HOUR);
    expect(until(await html('en-GB'))).toMatch(TWENTY_FOUR_HOUR);
    expect(until(await html('en-US,en;q=0.9'))).toMatch(TWELVE_HOUR);
    expect(until(await html('*;q=0.5, not a locale'))).toMatch(TWELVE_HOUR);
  } finally {
    await world.remove();
  }
});
