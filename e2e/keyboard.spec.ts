import { VIDEO_LANES, expect, expectVisibleFocus, tabTo, test } from './fixtures';
import { TYPES } from './pages/booking-flow';
import { dateIn, timeIn } from './support/dates';

test('a complete booking with the keyboard only', async ({ page, flow, privateLink, person, zone, lane, notBefore }) => {
  const keys = page.keyboard;
  await page.goto('/');

  // The first Tab offers the skip link, visibly; it moves focus to the main content.
  await keys.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expectVisibleFocus(skip);
  await keys.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  // Choose the consultation type from its card.
  const choose = page.getByRole('link', { name: `Choose a time for ${TYPES.individualVideo.title}`, exact: true });
  await tabTo(page, choose);
  await expectVisibleFocus(choose);
  await keys.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a time' })).toBeVisible();
  await flow.picker.ready();

  // After the page changes, Tab continues at the new page's content, not back at the top.
  await keys.press('Tab');
  await expectVisibleFocus(page.getByRole('link', { name: 'All consultations' }));

  // The time-zone select is reachable and shows the browser's zone.
  await tabTo(page, flow.picker.zone);
  await expectVisibleFocus(flow.picker.zone);
  await expect(flow.picker.zone).toHaveValue(zone);

  // Walk the weeks with "Next week" (Enter) to this test's day, then open it with Space.
  const date = await flow.picker.openDay(lane(VIDEO_LANES.keyboard), notBefore, 'keyboard');
  await expect(flow.picker.dayHeading(date)).toBeVisible();

  // A random time on that day, with Enter.
  const times = await flow.picker.timesOn(date);
  const label = times[Math.floor(Math.random() * times.length)]!;
  const time = flow.picker.timeButton(label);
  await tabTo(page, time, { max: 60 });
  await expectVisibleFocus(time);
  await keys.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your details' })).toBeVisible();
  const startMs = Date.parse(new URL(page.url()).searchParams.get('start') ?? '');
  expect(label).toBe(timeIn(startMs, zone));
  expect(dateIn(startMs, zone)).toBe(date);

  // The form, field by field.
  const form = flow.details;
  await keys.press('Tab');
  await expectVisibleFocus(page.getByRole('link', { name: 'Choose a different time' }));
  await tabTo(page, form.name);
  await expectVisibleFocus(form.name);
  await keys.type(person.name);
  await keys.press('Tab');
  await expectVisibleFocus(form.email);
  await keys.type(person.email);
  await keys.press('Tab');
  await expectVisibleFocus(form.phone);
  await keys.type(person.phone);
  // Into the radio group: focus lands on the checked option; arrows change the choice.
  await keys.press('Tab');
  await expectVisibleFocus(form.channel('Email'));
  await keys.press('ArrowRight');
  await expectVisibleFocus(form.channel('Phone call'));
  await expect(form.channel('Phone call')).toBeChecked();
  await keys.press('ArrowRight');
  await expect(form.channel('Text message')).toBeChecked();
  await keys.press('ArrowLeft');
  await expect(form.channel('Phone call')).toBeChecked();
  await keys.press('Tab');
  await expectVisibleFocus(form.voicemail);
  await keys.press('Space');
  await expect(form.voicemail).toBeChecked();
  await tabTo(page, form.note);
  await expectVisibleFocus(form.note);
  await keys.type(person.note);
  // The honeypot is never reached: from the note, Tab goes straight to the consent box.
  await keys.press('Tab');
  await expectVisibleFocus(form.consent);
  await keys.press('Space');
  await expect(form.consent).toBeChecked();
  await tabTo(page, form.submit);
  await expectVisibleFocus(form.submit);
  await keys.press('Enter');

  await page.waitForURL(/\/m\/[A-Za-z0-9_-]{43}\?booked=1$/);
  const url = new URL(page.url());
  const link = privateLink(url.pathname.split('/')[2]!);
  await expect(link.bannerNamed("You're booked")).toBeVisible();
  await expect(link.when).toContainText(`${label} – `);
  await expect(page.getByText(person.name, { exact: true })).toBeVisible();

  // The private link's actions are reachable by keyboard too.
  await tabTo(page, link.rescheduleLink, { max: 60 });
  await expectVisibleFocus(link.rescheduleLink);
  await keys.press('Tab');
  await expectVisibleFocus(link.cancelLink);
});

