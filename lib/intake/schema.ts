/**
 * The zod schemas of an intake, made from the questionnaire itself: one schema for the form
 * (zodResolver) and the server (safeParse). Pass the questionnaire as the person sees it
 * (`forContext(q, context)`), so that video-only items are not asked of an in-person booking.
 *
 * - Visible answers are always type-checked: known codes, whole numbers, lengths (string 300,
 *   text 5000 unless the item says less), real dates (birth dates not in the future).
 * - `submit` also requires every visible required question.
 * - Hidden questions are never checked nor required; the output is the pruned answers
 *   (`pruneAnswers`: hidden, empty and unknown answers removed).
 * - Errors are keyed by linkId with plain, specific words.
 */
import { z } from 'zod';
import { allItems, answersOfQuestions, extensionOf, isSignature, optionsOf, visibleQuestions } from './engine';
import { HAVEN_EXTENSIONS, type AnswerValue, type Answers, type Questionnaire, type QuestionnaireItem } from './types';

export type AnswersMode = 'draft' | 'submit';
export type AnswersSchemaOptions = {
  /** Check (and in submit mode require) only this step's questions (linkId of a top-level group). */
  section?: string;
  /** Today as YYYY-MM-DD (the date a birth date may not be after); defaults to the local date. */
  today?: string;
};

export const DEFAULT_MAX_LENGTH = { string: 300, text: 5000 } as const;
const MAX_CHOICES = 50;
const EARLIEST_DATE = '1900-01-01';

/** The local calendar date as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function maxLengthOf(item: QuestionnaireItem): number {
  const fallback = item.type === 'text' ? DEFAULT_MAX_LENGTH.text : DEFAULT_MAX_LENGTH.string;
  return Math.min(item.maxLength ?? fallback, fallback);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** What to say when a required question has no answer. */
export function requiredMessage(item: QuestionnaireItem): string {
  if (isSignature(item)) return 'Please type your full name to sign';
  switch (item.type) {
    case 'choice':
      return item.repeats ? 'Please choose at least one answer' : 'Please choose one answer';
    case 'boolean':
      return 'Please choose yes or no';
    case 'date':
      return 'Please enter a date';
    case 'integer':
    case 'decimal':
      return 'Please enter a number';
    default:
      return 'Please answer this question';
  }
}

function checkText(item: QuestionnaireItem, value: unknown): string | null {
  if (typeof value !== 'string') return 'Please type your answer as text';
  const max = maxLengthOf(item);
  const length = item.type === 'text' ? value.length : value.trim().length;
  if (length > max) return `Please keep this to ${max} characters or fewer (it has ${length})`;
  if (isSignature(item) && value.trim().length < 2) return 'Please type your full name to sign';
  return null;
}

function checkChoice(item: QuestionnaireItem, value: unknown): string | null {
  const codes = new Set(optionsOf(item).map((option) => option.code));
  if (!item.repeats) {
    if (typeof value !== 'string') return 'Please choose one answer';
    return codes.has(value) ? null : 'Please choose one of the answers shown';
  }
  if (!Array.isArray(value) || !value.every((code) => typeof code === 'string')) return 'Please choose from the answers shown';
  if (value.length > Math.min(codes.size, MAX_CHOICES) || new Set(value).size !== value.length) return 'Please choose each answer only once';
  return value.every((code) => codes.has(code)) ? null : 'Please choose from the answers shown';
}

function checkDate(item: QuestionnaireItem, value: unknown, today: string): string | null {
  if (typeof value !== 'string' || !isRealDate(value)) return 'Please enter a real date (year, month and day)';
  if (value < EARLIEST_DATE) return 'Please check the year';
  const notInFuture = extensionOf(item, HAVEN_EXTENSIONS.notInFuture)?.valueBoolean === true;
  return notInFuture && value > today ? 'This date cannot be in the future' : null;
}

/** Why this (non-empty) value is not a valid answer to the item, or null when it is. */
export function answerProblem(item: QuestionnaireItem, value: unknown, today: string = localToday()): string | null {
  switch (item.type) {
    case 'string':
    case 'text':
      return checkText(item, value);
    case 'choice':
      return checkChoice(item, value);
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Please choose yes or no';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? null : 'Please enter a whole number';
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'Please enter a number';
    case 'date':
      return checkDate(item, value, today);
    default:
      return 'This question cannot be answered here';
  }
}

function inSection(q: Questionnaire, questions: QuestionnaireItem[], section: string | undefined): QuestionnaireItem[] {
  if (!section) return questions;
  const ids = new Set(allItems(q).filter((entry) => entry.section.linkId === section).map((entry) => entry.item.linkId));
  return questions.filter((item) => ids.has(item.linkId));
}

function errorsOf(questions: QuestionnaireItem[], answers: Answers, mode: AnswersMode, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const item of questions) {
    const value: unknown = answers[item.linkId];
    const problem = isEmpty(value) ? (mode === 'submit' && item.required ? requiredMessage(item) : null) : answerProblem(item, value, today);
    if (problem) errors[item.linkId] = problem;
  }
  return errors;
}

/** Every problem with these answers, keyed by linkId (empty when they are fine). */
export function answerErrors(q: Questionnaire, answers: Answers, mode: AnswersMode, opts: AnswersSchemaOptions = {}): Record<string, string> {
  return errorsOf(inSection(q, visibleQuestions(q, answers), opts.section), answers, mode, opts.today ?? localToday());
}

const answersInput = z.record(z.string(), z.unknown());

/**
 * The schema over a whole answer set: errors keyed by linkId, output = the pruned answers.
 * Input is any record (the form's values); unknown keys are dropped, not refused.
 * (One transform, so that which questions are visible is worked out once a parse.)
 */
export function answersSchema(q: Questionnaire, mode: AnswersMode, opts: AnswersSchemaOptions = {}) {
  return answersInput.transform((input, ctx): Record<string, AnswerValue> => {
    const answers = input as Answers;
    const visible = visibleQuestions(q, answers);
    const errors = Object.entries(errorsOf(inSection(q, visible, opts.section), answers, mode, opts.today ?? localToday()));
    for (const [linkId, message] of errors) ctx.addIssue({ code: 'custom', path: [linkId], message, input: answers[linkId] });
    return errors.length ? z.NEVER : answersOfQuestions(visible, answers);
  });
}

export type AnswersSchema = ReturnType<typeof answersSchema>;

/* ----------------------------------------------------------------------------------------------
 * What the browser sends with an autosave: bounded before any questionnaire logic runs.
 * -------------------------------------------------------------------------------------------- */

/**
 * `totalText`: all typed answers together, in characters. At 3 bytes a character (UTF-8) plus the
 * JSON around them this stays well under the 256 kB a server action may carry
 * (lib/http/action-request-guard.ts), so a long intake is refused with words, never with a 413
 * that autosave would retry for ever.
 */
export const DRAFT_LIMITS = { keys: 400, keyLength: 100, choices: 50, codeLength: 100, stringLength: 5000, steps: 100, totalText: 40_000 } as const;

export const TOO_MUCH_TEXT = `Your answers are longer than we can save at once (${DRAFT_LIMITS.totalText.toLocaleString('en-US')} characters in all). Please shorten the longest ones; you can tell the clinician the rest when you meet.`;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);

const linkIdKey = z
  .string()
  .max(DRAFT_LIMITS.keyLength)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Not a question id')
  .refine((key) => !FORBIDDEN_KEYS.has(key), 'Not a question id');

export const answerValueSchema = z.union([
  z.string().max(DRAFT_LIMITS.stringLength),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(DRAFT_LIMITS.codeLength)).max(DRAFT_LIMITS.choices),
]);

/** Refuses objects with too many keys or prototype keys before looking at any value. */
const boundedRecord = z
  .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'Answers must be an object')
  .refine((value) => Object.keys(value).length <= DRAFT_LIMITS.keys, `At most ${DRAFT_LIMITS.keys} answers`)
  // zod's record skips a JSON "__proto__" key silently; refuse it (and its kin) outright.
  .refine((value) => Object.keys(value).every((key) => !FORBIDDEN_KEYS.has(key)), 'Not a question id')
  .pipe(z.record(linkIdKey, answerValueSchema.nullable()))
  .transform(withoutNulls);

function totalTextOf(answers: Record<string, AnswerValue>): number {
  return Object.values(answers).reduce<number>((sum, value) => sum + (typeof value === 'string' ? value.length : 0), 0);
}

/** A cleared field may arrive as null (JSON has no undefined, and NaN becomes null): unanswered. */
function withoutNulls(answers: Record<string, AnswerValue | null>): Record<string, AnswerValue> {
  return Object.fromEntries(Object.entries(answers).filter((entry): entry is [string, AnswerValue] => entry[1] !== null));
}

export const draftInputSchema = z
  .object({
    answers: boundedRecord,
    step: z.number().int().min(0).max(DRAFT_LIMITS.steps),
  })
  .strict()
  .refine((draft) => totalTextOf(draft.answers) <= DRAFT_LIMITS.totalText, { message: TOO_MUCH_TEXT, path: ['_form'] });

export type DraftInput = z.infer<typeof draftInputSchema>;
