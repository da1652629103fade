import { expect, test, type Locator, type Page } from '@playwright/test';
import { SlotPicker } from './slot-picker';

/** Someone booking: unique per test, so per-email limits and "3 open bookings" never bite. */
export type Person = {
  name: string;
  email: string;
  phone: string;
  note: string;
  partnerName: string;
  partnerEmail: string;
};

/** The demo practice's consultation types (db/seed-demo.ts). */
export const TYPES = {
  phone: { slug: 'free-phone-call', title: 'Free 15-minute phone call' },
  individualVideo: { slug: 'individual-video', title: 'Individual consultation by video' },
  individualInPerson: { slug: 'individual-in-person', title: 'Individual consultation in person' },
  couplesVideo: { slug: 'couples-video', title: 'Couples consultation by video' },
  couplesInPerson: { slug: 'couples-in-person', title: 'Couples consultation in person' },
} as const;
export type ConsultationType = (typeof TYPES)[keyof typeof TYPES];

/** What was chosen in step 1, read back from the details page's URL. */
export type Chosen = { date: string; label: string; startsAt: string; startMs: number; tz: string };

/** The public booking flow: practice page → choose a time → your details → private link. */
export class BookingFlow {
  readonly picker: SlotPicker;
  readonly details: DetailsForm;

  constructor(readonly page: Page) {
    this.picker = new SlotPicker(page);
    this.details = new DetailsForm(page);
  }

  /** From the practice page, "Choose a time" on the type's card. */
  async chooseType(type: ConsultationType) {
    await this.page.goto('/');
    await this.page.getByRole('link', { name: `Choose a time for ${type.title}`, exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`/book/${type.slug}$`));
    await expect(this.page.getByRole('heading', { level: 1, name: 'Choose a time' })).toBeVisible();
    await this.picker.ready();
  }

  /** Opens the `dayIndex`-th open day on or after `notBefore`, picks a random time, lands on the details form. */
  async chooseTime(dayIndex: number, notBefore: string): Promise<Chosen> {
    const date = await this.picker.openDay(dayIndex, notBefore);
    const label = await this.picker.chooseRandomTime(date);
    return this.onDetailsPage(date, label);
  }

  /** Picks a given time (by its label) on a given date. */
  async chooseGivenTime(date: string, label: string): Promise<Chosen> {
    await this.picker.openDate(date);
    await this.picker.timeButton(label).click();
    return this.onDetailsPage(date, label);
  }

  private async onDetailsPage(date: string, label: string): Promise<Chosen> {
    await this.page.waitForURL(/\/details\?/);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Your details' })).toBeVisible();
    const query = new URL(this.page.url()).searchParams;
    const startsAt = query.get('start') ?? '';
    const startMs = Date.parse(startsAt);
    expect(startMs, `start in ${this.page.url()}`).not.toBeNaN();
    // Times are picked at random: say which one, for whoever reads a failure.
    test.info().annotations.push({ type: 'time picked', description: `${date} ${label} (${startsAt})` });
    return { date, label, startsAt, startMs, tz: query.get('tz') ?? '' };
  }

  /** Submits the details form and waits for the private link; returns its token. */
  async submitAndLand(expectedQuery = 'booked=1'): Promise<string> {
    await this.details.submit.click();
    await this.page.waitForURL(new RegExp(`/m/[A-Za-z0-9_-]{43}\\?${expectedQuery}$`));
    return tokenFromUrl(this.page.url());
  }
}

export function tokenFromUrl(url: string): string {
  const token = /\/m\/([A-Za-z0-9_-]{43})/.exec(new URL(url).pathname)?.[1];
  if (!token) throw new Error(`No private-link token in ${url}`);
  return token;
}

/** Step 2: the details form. */
export class DetailsForm {
  readonly name: Locator;
  readonly email: Locator;
  readonly phone: Locator;
  readonly partnerName: Locator;
  readonly partnerEmail: Locator;
  readonly note: Locator;
  readonly consent: Locator;
  readonly voicemail: Locator;
  readonly texts: Locator;
  readonly emails: Locator;
  readonly submit: Locator;
  readonly summary: Locator;
  readonly summaryHeading: Locator;
  readonly slotTaken: Locator;
  readonly formError: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel('Your name', { exact: true });
    this.email = page.getByLabel('Your email', { exact: true });
    this.phone = page.getByLabel('Your phone number', { exact: true });
    this.partnerName = page.getByLabel("Partner's name", { exact: true });
    this.partnerEmail = page.getByLabel("Partner's email", { exact: true });
    this.note = page.getByLabel('What brings you');
    this.consent = page.getByRole('checkbox', { name: /may contact me about this consultation/ });
    this.voicemail = page.getByRole('checkbox', { name: 'leave me a voicemail' });
    this.texts = page.getByRole('checkbox', { name: 'send me text messages' });
    this.emails = page.getByRole('checkbox', { name: 'send me email' });
    this.submit = page.getByRole('button', { name: /^(Book|Request) consultation$/ });
    this.summary = page.getByTestId('booking-summary');
    this.summaryHeading = page.getByRole('heading', { name: 'Your consultation' });
    this.slotTaken = page.getByRole('alert', { name: 'Time no longer available' });
    this.formError = page.getByRole('alert', { name: 'Booking problem' });
  }

  channel(label: 'Email' | 'Phone call' | 'Text message'): Locator {
    return this.page.getByRole('radio', { name: label, exact: true });
  }

  /** Fills everything a person would, partner fields only when asked. Leaves consent to `agree`. */
  async fill(person: Person, options: { partner?: boolean; agree?: boolean } = {}) {
    await this.name.fill(person.name);
    await this.email.fill(person.email);
    await this.phone.fill(person.phone);
    await this.channel('Phone call').check();
    await this.voicemail.check();
    if (options.partner) {
      await this.partnerName.fill(person.partnerName);
      await this.partnerEmail.fill(person.partnerEmail);
    }
    await this.note.fill(person.note);
    if (options.agree ?? true) await this.consent.check();
  }

  /** Everything `fill` typed is still there. */
  async expectFilled(person: Person, options: { partner?: boolean; agree?: boolean } = {}) {
    await expect(this.name).toHaveValue(person.name);
    await expect(this.email).toHaveValue(person.email);
    await expect(this.phone).toHaveValue(person.phone);
    await expect(this.channel('Phone call')).toBeChecked();
    await expect(this.voicemail).toBeChecked();
    if (options.partner) {
      await expect(this.partnerName).toHaveValue(person.partnerName);
      await expect(this.partnerEmail).toHaveValue(person.partnerEmail);
    }
    await expect(this.note).toHaveValue(person.note);
    if (options.agree ?? true) await expect(this.consent).toBeChecked();
  }
}
