import { VIDEO_LANES, expect, newPerson, test } from './fixtures';
import { BookingFlow, TYPES } from './pages/booking-flow';
import { longDateIn, projectLocale, shortDateIn } from './support/dates';

test('“slot just taken”: the second person sees nearby times, keeps what they typed, and books one', async ({
  flow: flowA,
  privateLink,
  person: personA,
  zone,
  lane,
  notBefore,
  newClient,
}) => {
  const b = await newClient();
  const flowB = new BookingFlow(b.page);
  const personB = newPerson();

  // Both choose the same time and fill in the form.
  await flowA.chooseType(TYPES.individualVideo);
  const chosen = await flowA.chooseTime(lane(VIDEO_LANES.race), notBefore);
  await flowB.chooseType(TYPES.individualVideo);
  const chosenB = await flowB.chooseGivenTime(chosen.date, chosen.label);
  expect(chosenB.startsAt).toBe(chosen.startsAt);
  await flowA.details.fill(personA);
  await flowB.details.fill(personB);

  // A books first and wins.
  const tokenA = await flowA.submitAndLand();
  await expect(privateLink(tokenA).bannerNamed("You're booked")).toBeVisible();

  // B submits the same time: told it was just taken, offered the nearest free times, focus on the message.
  await flowB.details.submit.click();
  const taken = flowB.details.slotTaken;
  await expect(taken).toBeVisible();
  await expect(taken).toBeFocused();
  await expect(taken).toContainText('That time was just taken — here are the nearest free times');
  const alternatives = taken.getByRole('button');
  await expect(alternatives.first()).toBeVisible();
  const names = await alternatives.allTextContents();
  expect(names.length).toBeGreaterThan(0);
  // "Wed, Dec 30 at 4:00 PM" (en-US) or "Wed 30 Dec at 16:00" (en-GB, the berlin project).
  const shape = projectLocale() === 'en-US' ? /^[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2} at \d{1,2}:\d{2} [AP]M$/ : /^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} at \d{2}:\d{2}$/;
  for (const name of names) expect(name).toMatch(shape);
  expect(names).not.toContain(`${shortDateIn(chosen.startMs, zone)} at ${chosen.label}`);
  expect(b.page.url()).toContain('/details?');

  // Nothing B typed was lost.
  await flowB.details.expectFilled(personB);

  // B takes an alternative on the same day (this test's own day): the summary shows it, the
  // details stay, and booking succeeds.
  const sameDay = names.filter((n) => n.startsWith(`${shortDateIn(chosen.startMs, zone)} at `));
  expect(sameDay.length).toBeGreaterThan(0);
  const pick = sameDay[Math.floor(Math.random() * sameDay.length)]!;
  const pickedTime = pick.split(' at ')[1]!;
  await taken.getByRole('button', { name: pick, exact: true }).click();
  await expect(taken).toHaveCount(0);
  await expect(flowB.details.summaryHeading).toBeFocused();
  await expect(b.page.getByTestId('form-status')).toContainText(`at ${pickedTime}. Your details are kept`);
  await expect(flowB.details.summary).toContainText(`${pickedTime} – `);
  await flowB.details.expectFilled(personB);

  const linkB = privateLink(await flowB.submitAndLand(), b.page);
  await expect(linkB.bannerNamed("You're booked")).toBeVisible();
  await expect(linkB.when).toContainText(`${pickedTime} – `);
  await expect(b.page.getByText(personB.name, { exact: true })).toBeVisible();

  // A's booking is untouched.
  const linkA = privateLink(tokenA);
  await linkA.goto();
  await expect(linkA.status).toHaveText('Confirmed');
  await expect(linkA.whenDate).toHaveText(longDateIn(chosen.startMs, zone));
  await expect(linkA.when).toContainText(`${chosen.label} – `);
});
