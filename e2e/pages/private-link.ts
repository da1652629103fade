import fs from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { SlotPicker } from './slot-picker';

/** The client's private link, /m/<token>, and its reschedule and cancel pages. */
export class PrivateLinkPage {
  readonly heading: Locator;
  readonly banner: Locator;
  readonly status: Locator;
  readonly reference: Locator;
  readonly whenDate: Locator;
  readonly when: Locator;
  readonly practiceTime: Locator;
  readonly addToCalendar: Locator;
  readonly rescheduleLink: Locator;
  readonly cancelLink: Locator;
  readonly cannotChange: Locator;
  /** On the booker's confirmation: where the partner's own link was emailed (masked). */
  readonly partnerLinkEmailed: Locator;
  readonly picker: SlotPicker;

  constructor(
    readonly page: Page,
    readonly token: string,
  ) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.banner = page.getByTestId('banner');
    this.status = page.getByTestId('booking-status');
    this.reference = page.getByTestId('booking-reference');
    this.whenDate = page.getByTestId('when-client');
    // The "When" definition: date, "9:00 AM – 9:50 AM · zone", and the practice's time when it differs.
    this.when = page.getByRole('definition').filter({ has: this.whenDate });
    this.practiceTime = page.getByTestId('when-practice');
    this.addToCalendar = page.getByRole('link', { name: 'Add to calendar' });
    this.rescheduleLink = page.getByRole('link', { name: 'Reschedule', exact: true });
    this.cancelLink = page.getByRole('link', { name: 'Cancel consultation', exact: true });
    this.cannotChange = page.getByTestId('cannot-change');
    this.partnerLinkEmailed = page.getByTestId('partner-link-emailed');
    this.picker = new SlotPicker(page);
  }

  get path() {
    return `/m/${this.token}`;
  }

  async goto(suffix = '') {
    const response = await this.page.goto(this.path + suffix);
    return response;
  }

  /** The named status banner ("You're booked", "Your consultation has been moved", …). */
  bannerNamed(name: string | RegExp): Locator {
    return this.page.getByRole('status', { name });
  }

  /** Downloads "Add to calendar" and returns the file's name and text. */
  async downloadCalendar(): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.addToCalendar.click()]);
    const file = await download.path();
    return { filename: download.suggestedFilename(), text: await fs.readFile(file, 'utf8') };
  }

  /** Reschedule → a random other time on `date` that `accept`s → confirm. Returns the time's label. */
  async reschedule(date: string, accept: (label: string) => boolean): Promise<string> {
    await this.rescheduleLink.click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Choose a new time' })).toBeVisible();
    await this.picker.openDate(date);
    const label = await this.picker.chooseRandomTime(date, accept);
    await expect(this.picker.timeButton(label)).toHaveAttribute('aria-pressed', 'true');
    await expect(this.page.getByTestId('new-time')).toContainText(`at ${label} · `);
    await this.page.getByRole('button', { name: 'Reschedule to this time' }).click();
    await this.page.waitForURL(new RegExp(`/m/${this.token}\\?rescheduled=1$`));
    return label;
  }

  /** Cancel consultation → reason → Confirm cancellation. */
  async cancel(reason: string) {
    await this.cancelLink.click();
    await this.confirmCancellation(reason);
  }

  /** On the cancel page: reason → Confirm cancellation → back on the link page. */
  async confirmCancellation(reason: string) {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Cancel your consultation' })).toBeVisible();
    await this.page.getByLabel('Would you like to tell us why?').fill(reason);
    await this.page.getByRole('button', { name: 'Confirm cancellation' }).click();
    await this.page.waitForURL(new RegExp(`/m/${this.token}\\?cancelled=1$`));
  }
}
