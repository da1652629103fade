import { TYPES } from './pages/booking-flow';
import { signInTo } from './pages/sign-in';
import { BookingSeed } from './support/booking-seed';
import { clock, instantAt, longDateIn, projectLocale, shortDateIn, timeIn } from './support/dates';
import { expect, test } from './support/staff-fixture';

/**
 * Times follow the viewer's locale (issue 7): los-angeles runs en-US (12-hour), berlin en-GB
 * (24-hour). Server-rendered text uses the request's Accept-Language; client components the
 * browser's language — and the page hydrates without a mismatch.
 */

const TWELVE_HOUR = /^\d{1,2}:\d{2} (AM|PM)$/;
const TWENTY_FOUR_HOUR = /^\d{2}:\d{2}$/;
/** The clock time in the cutoff line, before the zone's name: "at 9:00 AM PST (Los Angeles)" → "9:00 AM". */
const CUTOFF_TIME = /at (\d{1,2}:\d{2}(?: (?:AM|PM))?) /;
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
    // "You can move or cancel online until <date> at <time> <zone abbreviation> (<zone>)." (the zone is named).
    const cutoff = page.getByText(/^You can move or cancel online until /);
    const cutoffTime = CUTOFF_TIME.exec((await cutoff.textContent()) ?? '')?.[1] ?? '';
    expect(cutoffTime).toMatch(clockOf(projectLocale()));
    await expect(cutoff).toHaveText(/\([^)]+\)\.$/);
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);

    // The server picks the locale from Accept-Language, validated, with en-US as the fallback.
    const html = async (acceptLanguage: string) =>
      (await (await request.get(`/m/${booking.primaryToken}`, { headers: { 'Accept-Language': acceptLanguage } })).text()).replace(/<[^>]+>/g, '');
    const until = (text: string) => new RegExp(`You can move or cancel online until .*? ${CUTOFF_TIME.source}`).exec(text)?.[1] ?? '';
    expect(until(await html('de-DE,de;q=0.9,en;q=0.8'))).toMatch(TWENTY_FOUR_HOUR);
    expect(until(await html('en-GB'))).toMatch(TWENTY_FOUR_HOUR);
    expect(until(await html('en-US,en;q=0.9'))).toMatch(TWELVE_HOUR);
    expect(until(await html('*;q=0.5, not a locale'))).toMatch(TWELVE_HOUR);
  } finally {
    await world.remove();
  }
});

test("the clinician's week shows times on the locale's clock, and an 80-minute session after 11 PM names the date it ends", async ({
  page,
  staff,
  staffDb,
}) => {
  const NY = 'America/New_York'; // the staff fixture's practices are in New York
  const clinician = await staff({ role: 'clinician' });
  const seed = await BookingSeed.create(staffDb, { practiceId: clinician.practiceId, availableAllDay: true });
  try {
    const couples = await seed.addType({ title: 'Couples consultation', durationMinutes: 80 });
    // instantAt steps in 5 minutes from the instant it is given: give it a whole hour.
    const start = instantAt(Math.floor((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000, clock('11:00 PM'), NY);
    const end = start + 80 * 60_000;
    await seed.add(new Date(start), { typeId: couples.id, clientName: `Late Couple ${seed.tag}` });

    await signInTo(page, clinician);
    const row = page.getByRole('listitem').filter({ hasText: `Late Couple ${seed.tag}` });
    await expect(row).toContainText(`${timeIn(start, NY)} – ${shortDateIn(end, NY)}, ${timeIn(end, NY)}`);
    expect(timeIn(start, NY)).toMatch(clockOf(projectLocale()));
    await expect(page.getByTestId('schedule-range')).toContainText(projectLocale() === 'en-US' ? /Showing [A-Z][a-z]{2}, [A-Z][a-z]{2} \d/ : /Showing [A-Z][a-z]{2},? \d{1,2} [A-Z][a-z]{2} \d{4}/);
  } finally {
    await seed.remove();
  }
});
