import { IN_PERSON_LANES, VIDEO_LANES } from './fixtures';
import { TYPES } from './pages/booking-flow';
import { longDateIn, timeIn, timeWithZoneIn } from './support/dates';
import { partnerTokenOf } from './support/link-tokens';
import { expect, test } from './support/staff-fixture';
import { maskEmail } from '../lib/messaging/mask';

/** "s•••@example.com": how a page shows an address to someone who is not its owner. */

test.describe('couples consultations', () => {
  test('a couples video consultation gives each partner their own private link to the same booking', async ({
    flow,
    privateLink,
    person,
    zone,
    lane,
    notBefore,
    page,
    newClient,
    baseURL,
    staffDb,
  }) => {
    await flow.chooseType(TYPES.couplesVideo);
    const chosen = await flow.chooseTime(lane(VIDEO_LANES.couplesVideo), notBefore);
    await expect(page.getByRole('group', { name: 'Your partner' })).toBeVisible();
    await flow.details.fill(person, { partner: true });
    const primaryToken = await flow.submitAndLand();

    const primary = privateLink(primaryToken);
    await expect(primary.bannerNamed("You're booked")).toBeVisible();
    await expect(page.getByText(`${person.name} and ${person.partnerName}`, { exact: true })).toBeVisible();
    await expect(primary.whenDate).toHaveText(longDateIn(chosen.startMs, zone));
    await expect(primary.when).toContainText(`${chosen.label} – ${timeIn(chosen.startMs + 80 * 60_000, zone)}`);
    const reference = (await primary.reference.textContent())?.trim() ?? '';
    expect(reference).toMatch(/^\S{6,}$/);

    // The partner's own link is emailed to the partner, never shown to the booker: the page says where it went.
    const banner = primary.bannerNamed("You're booked");
    await expect(banner.getByTestId('partner-link-emailed')).toHaveText(
      `We've emailed ${person.partnerName.split(' ')[0]}'s own private link to ${maskEmail(person.partnerEmail)}.`,
    );
    await expect(banner.getByTestId('own-link-emailed')).toHaveText(`We've emailed you the link to this page too, at ${maskEmail(person.email)}.`);
    const partnerToken = await partnerTokenOf(staffDb, primaryToken);
    expect(partnerToken).not.toBe(primaryToken);
    expect(await page.content()).not.toContain(partnerToken);
    expect(await page.content()).not.toContain(person.partnerEmail);
    const partnerUrl = `${baseURL}/m/${partnerToken}`;

    // The partner opens their link in their own browser: same booking, seen as the partner.
    const partnerClient = await newClient();
    const partner = privateLink(partnerToken, partnerClient.page);
    const response = await partnerClient.page.goto(partnerUrl);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toContain('no-store');
    await expect(partner.heading).toHaveText('Your consultation');
    await expect(partner.reference).toHaveText(reference);
    await expect(partner.status).toHaveText('Confirmed');
    await expect(partner.whenDate).toHaveText(longDateIn(chosen.startMs, zone));
    await expect(partner.partnerLinkEmailed).toHaveCount(0);
    await expect(partner.banner).toHaveCount(0);
    await partner.cancelLink.click();
    await expect(partnerClient.page.getByText(`${person.name} will see it as cancelled on their own link too`)).toBeVisible();

    // The primary link, opened again (a new visit in the same browser), is still the same booking.
    await primary.goto();
    await expect(primary.reference).toHaveText(reference);
    await primary.cancelLink.click();
    await expect(page.getByText(`${person.partnerName} will see it as cancelled on their own link too`)).toBeVisible();
  });

  test('the in-person couples consultation is request-to-approve: “Request sent”, status requested', async ({
    flow,
    privateLink,
    person,
    zone,
    lane,
    notBefore,
    page,
  }) => {
    await flow.chooseType(TYPES.couplesInPerson);
    await expect(page.getByText("You're sending a request: the practice confirms it within one business day.")).toBeVisible();
    const chosen = await flow.chooseTime(lane(IN_PERSON_LANES.couplesInPerson), notBefore);
    await expect(flow.details.submit).toHaveText('Request consultation');
    await flow.details.fill(person, { partner: true });
    // The booker asks not to be emailed (a phone call is their way): their partner is still emailed their own link.
    await flow.details.emails.uncheck();
    const token = await flow.submitAndLand();

    const link = privateLink(token);
    await expect(link.bannerNamed("Request sent — we'll confirm within one business day")).toBeVisible();
    await expect(page.getByText("You're booked")).toHaveCount(0);
    await expect(link.status).toHaveText('Requested: waiting for the practice to confirm');
    await expect(link.whenDate).toHaveText(longDateIn(chosen.startMs, zone));
    await expect(link.when).toContainText(`${chosen.label} – ${timeIn(chosen.startMs + 80 * 60_000, zone)}`);
    await expect(link.practiceTime).toContainText(`Office time: ${timeWithZoneIn(chosen.startMs, 'America/New_York')}`);
    const banner = link.bannerNamed("Request sent — we'll confirm within one business day");
    await expect(banner.getByTestId('partner-link-emailed')).toHaveText(`We've emailed ${person.partnerName.split(' ')[0]}'s own private link to ${maskEmail(person.partnerEmail)}.`);
    await expect(banner.getByTestId('own-link-emailed')).toHaveText("As you asked, we won't email you: bookmark this page, it's your private link.");
    // On a later visit (no ?booked=1) the page says nothing of either address.
    await link.goto();
    await expect(page.getByTestId('partner-link-emailed')).toHaveCount(0);
    expect(await page.content()).not.toContain(maskEmail(person.partnerEmail));
  });
});
