import { expect, type Locator, type Page } from '@playwright/test';
import { addDays, dateIn, dayLabel } from '../support/dates';
import { expectVisibleFocus, tabTo } from '../support/keyboard';

/** How to operate the picker: clicks, or the keyboard only (Tab to a control, Enter/Space). */
export type Via = 'mouse' | 'keyboard';

/** One open day in the week strip, as its button names it: "Wednesday, December 2, 14 times" (en-GB: "Wednesday 2 December, 14 times"). */
type OpenDay = { date: string; label: string; buttonName: string };

/**
 * The day-and-time picker (booking step 1 and reschedule): a week strip of day buttons, then the
 * chosen day's times grouped under Morning / Afternoon / Evening.
 */
export class SlotPicker {
  readonly days: Locator;
  readonly nextWeek: Locator;
  readonly previousWeek: Locator;
  readonly zone: Locator;

  constructor(readonly page: Page) {
    this.days = page.getByRole('list', { name: 'Days this week' });
    this.nextWeek = page.getByRole('button', { name: 'Next week' });
    this.previousWeek = page.getByRole('button', { name: 'Previous week' });
    this.zone = page.getByLabel('Show times in');
  }

  /** The picker renders after hydration (it needs the browser's zone). */
  async ready() {
    await expect(this.days).toBeVisible();
  }

  /** The open days of the week on screen, from the accessibility tree. */
  async openDaysThisWeek(labelToDate: Map<string, string>): Promise<OpenDay[]> {
    const snapshot = await this.days.ariaSnapshot();
    const open: OpenDay[] = [];
    for (const match of snapshot.matchAll(/button "(([A-Z][a-z]+day[^"]*?), \d+ times?)"/g)) {
      const [, buttonName, label] = match;
      const date = label ? labelToDate.get(label) : undefined;
      if (!buttonName || !label || !date) throw new Error(`Unexpected day button ${JSON.stringify(match[0])}`);
      open.push({ date, label, buttonName });
    }
    return open;
  }

  private async showNextWeek(via: Via): Promise<boolean> {
    if (!(await this.nextWeek.isEnabled())) return false;
    const before = await this.days.ariaSnapshot();
    if (via === 'keyboard') {
      await tabTo(this.page, this.nextWeek);
      await expectVisibleFocus(this.nextWeek);
      await this.page.keyboard.press('Enter');
    } else {
      await this.nextWeek.click();
    }
    await expect.poll(() => this.days.ariaSnapshot()).not.toBe(before);
    // The button keeps focus (it isn't re-rendered away), ready for the next press.
    if (via === 'keyboard') await expect(this.nextWeek).toBeFocused();
    return true;
  }

  /**
   * Walks the weeks from the one shown and opens the `index`-th (0-based) day with open times on
   * or after `notBefore` ('YYYY-MM-DD'). Returns that day's date.
   */
  async openDay(index: number, notBefore: string, via: Via = 'mouse'): Promise<string> {
    await this.ready();
    const labelToDate = dayLabels();
    let seen = 0;
    for (let week = 0; week < 14; week++) {
      const open = (await this.openDaysThisWeek(labelToDate)).filter((d) => d.date >= notBefore);
      const target = open[index - seen];
      if (target) {
        await this.chooseDay(target, via);
        return target.date;
      }
      seen += open.length;
      if (!(await this.showNextWeek(via))) break;
    }
    throw new Error(`Only ${seen} open days from ${notBefore}; wanted day #${index}`);
  }

  /** Walks forward from the week shown to `date` and opens it (it must have open times). */
  async openDate(date: string): Promise<void> {
    await this.ready();
    const labelToDate = dayLabels();
    for (let week = 0; week < 14; week++) {
      const target = (await this.openDaysThisWeek(labelToDate)).find((d) => d.date === date);
      if (target) return this.chooseDay(target, 'mouse');
      if (!(await this.showNextWeek('mouse'))) break;
    }
    throw new Error(`No open times on ${date}`);
  }

  private async chooseDay(day: OpenDay, via: Via) {
    const button = this.days.getByRole('button', { name: day.buttonName, exact: true });
    if (via === 'keyboard') {
      await tabTo(this.page, button);
      await expectVisibleFocus(button);
      await this.page.keyboard.press('Space');
    } else {
      await button.click();
    }
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(this.dayHeading(day.date)).toBeVisible();
  }

  dayHeading(date: string): Locator {
    return this.page.getByRole('heading', { level: 2, name: dayLabel(date), exact: true });
  }

  /** The times offered on the open day, as their buttons are named ("9:00 AM", en-GB "09:00"). */
  async timesOn(date: string): Promise<string[]> {
    const snapshot = await this.page.getByRole('region', { name: dayLabel(date), exact: true }).ariaSnapshot();
    return [...snapshot.matchAll(/button "(\d{1,2}:\d{2}(?: [AP]M| [ap]m)?)"/g)].map((m) => m[1]!);
  }

  timeButton(label: string): Locator {
    return this.page.getByRole('group', { name: /^(Morning|Afternoon|Evening)$/ }).getByRole('button', { name: label, exact: true });
  }

  /** Picks a random time on the open day (other tests use other days) and returns its label. */
  async chooseRandomTime(date: string, accept: (label: string) => boolean = () => true): Promise<string> {
    const times = (await this.timesOn(date)).filter(accept);
    if (!times.length) throw new Error(`No times on ${date}`);
    const label = times[Math.floor(Math.random() * times.length)]!;
    await this.timeButton(label).click();
    return label;
  }
}

/**
 * Day-button labels ("Wednesday, December 2") of the dates the picker can show (a week back to
 * ~13 weeks ahead: the 60-day horizon in any zone), mapped to the date. Unique in that range.
 */
function dayLabels(): Map<string, string> {
  const today = dateIn(Date.now(), 'UTC');
  const map = new Map<string, string>();
  for (let i = -7; i < 90; i++) {
    const d = addDays(today, i);
    map.set(dayLabel(d), d);
  }
  return map;
}
