import { expect, type Locator, type Page } from '@playwright/test';
import { forContext, isQuestion, sectionsOf, allItems, enabledLinkIds, optionsOf, isSignature } from '../../lib/intake/engine';
import { baseQuestionnaire } from '../../lib/intake/questionnaires';
import type { AnswerValue, IntakeForm, Questionnaire, QuestionnaireItem } from '../../lib/intake/types';
import { NEUTRAL_SITE } from '../../components/intake/neutral-site';
import { waitForIntakeCode, type IntakeHolder } from '../support/intake-seed';
import { tabTo } from '../support/keyboard';
import { mailTo } from '../support/mailbox';

/** The control of a question (its first radio / checkbox for choices): components/intake/ids.ts. */
export function controlOf(page: Page, linkId: string, code?: string): Locator {
  return page.locator(`[id="q-${linkId}${code ? `--${code}` : ''}"]`);
}

/**
 * A link holder's intake, /m/<token>/intake: the code gate, the steps, the review, the sent view.
 * `questionnaire` is the one the page renders (the base questionnaire for the booking's form and
 * modality: the specs' practices have no customization), so answers can be filled step by step.
 */
export class IntakePage {
  readonly questionnaire: Questionnaire;
  readonly heading: Locator;
  readonly progress: Locator;
  readonly next: Locator;
  readonly back: Locator;
  readonly saveStatus: Locator;
  readonly errorSummary: Locator;
  readonly leaveQuickly: Locator;
  readonly crisisPanel: Locator;
  readonly supportPanel: Locator;
  readonly codeInput: Locator;
  readonly sendCodeButton: Locator;

  constructor(
    readonly page: Page,
    readonly holder: IntakeHolder,
    form: IntakeForm,
    modality: 'video' | 'in_person' = 'video',
  ) {
    this.questionnaire = forContext(baseQuestionnaire(form), { modality });
    this.heading = page.getByRole('heading', { level: 1 });
    this.progress = page.getByTestId('intake-progress');
    this.next = page.getByRole('button', { name: /^(Next|Review your answers|Back to review)$/ });
    this.back = page.getByRole('button', { name: 'Back', exact: true });
    this.saveStatus = page.getByTestId('save-status');
    this.errorSummary = page.getByTestId('error-summary');
    this.leaveQuickly = page.getByRole('button', { name: 'Leave quickly' });
    this.crisisPanel = page.getByTestId('crisis-panel');
    this.supportPanel = page.getByTestId('support-panel');
    this.codeInput = page.getByLabel('6-digit code');
    this.sendCodeButton = page.getByRole('button', { name: 'Email me a code' });
  }

  get path() {
    return `/m/${this.holder.token}/intake`;
  }

  get sections(): QuestionnaireItem[] {
    return sectionsOf(this.questionnaire);
  }

  async goto() {
    return this.page.goto(this.path);
  }

  /** Never leaves for the real neutral site: answers it with a blank page. */
  async interceptNeutralSite() {
    await this.page.context().route(NEUTRAL_SITE, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Weather</p>' }));
  }

  /** The gate: asks for a code, reads it from the holder's inbox (the SMTP sink), types it. */
  async unlock() {
    await expect(this.sendCodeButton).toBeVisible();
    const seen = new Set((await mailTo(this.holder.email)).map((m) => m.file));
    await this.sendCodeButton.click();
    await expect(this.page.getByTestId('code-sent')).toBeVisible();
    const { code } = await waitForIntakeCode(this.holder.email, seen);
    await this.codeInput.fill(code);
    await this.page.getByRole('button', { name: 'Continue' }).click();
    await expect(this.progress).toBeVisible();
  }

  async expectStep(index: number) {
    await expect(this.progress).toHaveText(`Step ${index + 1} of ${this.sections.length}:`);
    await expect(this.heading).toContainText(this.sections[index]!.text!);
  }

  /** Waits until autosave says everything on the page is saved. */
  async expectSaved() {
    await expect(this.saveStatus).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
    await expect(this.saveStatus).toContainText(/^Saved/);
  }

  /** Answers one question through its control, as a person would. */
  async answer(item: QuestionnaireItem, value: AnswerValue) {
    const { linkId } = item;
    switch (item.type) {
      case 'boolean':
        await controlOf(this.page, linkId, value === true ? undefined : 'false').check();
        return;
      case 'choice': {
        const codes = Array.isArray(value) ? (value as string[]) : [value as string];
        const first = optionsOf(item)[0]!.code;
        for (const code of codes) await controlOf(this.page, linkId, code === first ? undefined : code).check();
        return;
      }
      default:
        await controlOf(this.page, linkId).fill(String(value));
    }
  }

  /**
   * The same, with the keyboard alone: Tab to the control, then type, Space (a checkbox, the first
   * radio) or an arrow key (another radio: arrows move the choice). Dates are typed in the
   * browser's field order (`locale`).
   */
  async answerByKeyboard(item: QuestionnaireItem, value: AnswerValue, locale: string) {
    const { linkId } = item;
    const first = controlOf(this.page, linkId);
    await tabTo(this.page, first);
    switch (item.type) {
      case 'boolean':
      case 'choice': {
        const codes = item.type === 'boolean' ? ['true', 'false'] : optionsOf(item).map((o) => o.code);
        const wanted = item.type === 'boolean' ? String(value) : Array.isArray(value) ? (value as string[])[0]! : String(value);
        if (item.type === 'choice' && item.repeats) {
          await this.page.keyboard.press('Space');
          return;
        }
        const index = codes.indexOf(wanted);
        if (index === 0) await this.page.keyboard.press('Space');
        for (let i = 0; i < index; i++) await this.page.keyboard.press('ArrowDown');
        return;
      }
      case 'date': {
        const [y, m, d] = String(value).split('-');
        await this.page.keyboard.type(locale === 'en-US' ? `${m}${d}${y}` : `${d}${m}${y}`);
        return;
      }
      default:
        await this.page.keyboard.type(String(value));
    }
  }

  /** A valid answer for a required question (signatures: the holder's name). */
  defaultAnswer(item: QuestionnaireItem): AnswerValue {
    if (isSignature(item)) return this.holder.name;
    switch (item.type) {
      case 'boolean':
        return false;
      case 'choice':
        return item.repeats ? [optionsOf(item)[0]!.code] : optionsOf(item)[0]!.code;
      case 'integer':
        return 2;
      case 'decimal':
        return 1.5;
      case 'date':
        return '1988-04-12';
      case 'text':
        return `Some words about it, typed by ${this.holder.firstName}.`;
      default:
        return `${this.holder.firstName} answer`;
    }
  }

  /**
   * Fills this step: `answers` first (linkId → value), then every visible required question not yet
   * answered. Returns what was given, for the review.
   */
  async fillStep(index: number, answers: Record<string, AnswerValue> = {}, known: Record<string, AnswerValue> = {}): Promise<Record<string, AnswerValue>> {
    const section = this.sections[index]!;
    const given: Record<string, AnswerValue> = {};
    for (const [linkId, value] of Object.entries(answers)) {
      const item = allItems(this.questionnaire).find((e) => e.item.linkId === linkId)!.item;
      await this.answer(item, value);
      given[linkId] = value;
    }
    const all = { ...known, ...given };
    const enabled = enabledLinkIds(this.questionnaire, all);
    for (const { item } of allItems(this.questionnaire).filter((e) => e.section === section)) {
      if (!isQuestion(item) || !item.required || !enabled.has(item.linkId) || item.linkId in all) continue;
      const value = this.defaultAnswer(item);
      await this.answer(item, value);
      given[item.linkId] = value;
      all[item.linkId] = value;
    }
    return given;
  }

  /** Fills every step from `from` on (and `answers` where their step comes), then Next each time, to the review. */
  async completeFrom(from: number, answers: Record<string, AnswerValue> = {}, known: Record<string, AnswerValue> = {}) {
    const all = { ...known };
    for (let i = from; i < this.sections.length; i++) {
      await this.expectStep(i);
      const section = this.sections[i]!;
      const here = Object.fromEntries(Object.entries(answers).filter(([linkId]) => allItems(this.questionnaire).some((e) => e.item.linkId === linkId && e.section === section)));
      Object.assign(all, await this.fillStep(i, here, all));
      await this.next.click();
    }
    await expect(this.heading).toContainText('Check your answers');
    return all;
  }
}
