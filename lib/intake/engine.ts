/**
 * The questionnaire engine: which items exist, which are shown, and what is kept. Pure and
 * shared by the browser (the form) and the server (validation, storage, scoring).
 *
 * The FHIR R4 subset Haven supports (anything else is refused by `assertSupported`):
 * - `item.type`: group, display, string, text, boolean, choice (`repeats` for several), integer,
 *   decimal, date. Top-level items are groups: each is one step of the form.
 * - `required`, `readOnly` is not used; `maxLength` on string/text.
 * - `enableWhen` (operators exists, =, !=, >, <, >=, <=; answerBoolean, answerCoding (by code),
 *   answerInteger, answerDecimal, answerString, answerDate) with `enableBehavior` all | any
 *   (FHIR: required when there is more than one condition; Haven reads a missing one as `all`).
 *   A question whose condition refers to a hidden question sees it as unanswered; the children
 *   of a hidden group are hidden.
 * - `answerOption` with `valueCoding` (code + display) and the `ordinalValue` extension for
 *   scored items; help text as a child `display` item with itemControl `help`.
 * - Haven's extensions (types.ts `HAVEN_EXTENSIONS`): safety flag, signature, when-modality,
 *   optional section, practice question.
 */
import type { QuestionnaireItemEnableWhen } from 'fhir/r4';
import {
  FHIR_EXTENSIONS,
  HAVEN_EXTENSIONS,
  SUPPORTED_ITEM_TYPES,
  type AnswerValue,
  type Answers,
  type IntakeContext,
  type Questionnaire,
  type QuestionnaireItem,
  type QuestionnaireItemAnswerOption,
} from './types';

const SUPPORTED = new Set<string>(SUPPORTED_ITEM_TYPES);

/** An item that takes an answer (not a group, not display text). */
export function isQuestion(item: QuestionnaireItem): boolean {
  return item.type !== 'group' && item.type !== 'display';
}

/** Help text is a child display item with itemControl "help". */
export function isHelpItem(item: QuestionnaireItem): boolean {
  return (
    item.type === 'display' &&
    (item.extension ?? []).some(
      (ext) => ext.url === FHIR_EXTENSIONS.itemControl && ext.valueCodeableConcept?.coding?.some((coding) => coding.code === 'help'),
    )
  );
}

/** The help text attached to an item, if any. */
export function helpTextOf(item: QuestionnaireItem): string | null {
  const help = (item.item ?? []).find(isHelpItem);
  return help?.text ?? null;
}

/** The item's own children, without its help text. */
export function childrenOf(item: QuestionnaireItem): QuestionnaireItem[] {
  return (item.item ?? []).filter((child) => !isHelpItem(child));
}

export function extensionOf(item: { extension?: QuestionnaireItem['extension'] }, url: string) {
  return (item.extension ?? []).find((ext) => ext.url === url);
}

export function isSignature(item: QuestionnaireItem): boolean {
  return extensionOf(item, HAVEN_EXTENSIONS.signature)?.valueBoolean === true;
}

/** The ordinal (score) value of an answer option, or null. */
export function ordinalOf(option: QuestionnaireItemAnswerOption): number | null {
  const ext = extensionOf(option, FHIR_EXTENSIONS.ordinalValue) ?? extensionOf(option.valueCoding ?? {}, FHIR_EXTENSIONS.ordinalValue);
  const value = ext?.valueDecimal ?? ext?.valueInteger;
  return typeof value === 'number' ? value : null;
}

/** The answer options of a choice item as { code, display, ordinal }. */
export function optionsOf(item: QuestionnaireItem): Array<{ code: string; display: string; ordinal: number | null }> {
  return (item.answerOption ?? []).flatMap((option) =>
    option.valueCoding?.code ? [{ code: option.valueCoding.code, display: option.valueCoding.display ?? option.valueCoding.code, ordinal: ordinalOf(option) }] : [],
  );
}

/** Every item, depth first, with its top-level section. */
export function allItems(q: Questionnaire): Array<{ item: QuestionnaireItem; section: QuestionnaireItem; parents: QuestionnaireItem[] }> {
  const out: Array<{ item: QuestionnaireItem; section: QuestionnaireItem; parents: QuestionnaireItem[] }> = [];
  const walk = (items: QuestionnaireItem[], section: QuestionnaireItem | null, parents: QuestionnaireItem[]) => {
    for (const item of items) {
      const top = section ?? item;
      out.push({ item, section: top, parents });
      walk(item.item ?? [], top, [...parents, item]);
    }
  };
  walk(q.item ?? [], null, []);
  return out;
}

/** The answerable items (questions), in document order. */
export function questionsOf(q: Questionnaire): QuestionnaireItem[] {
  return allItems(q).map((entry) => entry.item).filter(isQuestion);
}

export function findItem(q: Questionnaire, linkId: string): QuestionnaireItem | undefined {
  return allItems(q).find((entry) => entry.item.linkId === linkId)?.item;
}

/** The steps of the form: the top-level groups. */
export function sectionsOf(q: Questionnaire): QuestionnaireItem[] {
  return (q.item ?? []).filter((item) => item.type === 'group');
}

/** The index of the step a linkId belongs to, or -1. */
export function sectionIndexOf(q: Questionnaire, linkId: string): number {
  const entry = allItems(q).find((e) => e.item.linkId === linkId);
  return entry ? sectionsOf(q).indexOf(entry.section) : -1;
}

/** Throws on anything outside the supported subset (unique linkIds, known types, conditions that point at questions). */
export function assertSupported(q: Questionnaire): void {
  const seen = new Set<string>();
  const entries = allItems(q);
  for (const { item } of entries) {
    if (!SUPPORTED.has(item.type)) throw new Error(`Questionnaire item ${item.linkId}: type "${item.type}" is not supported.`);
    if (seen.has(item.linkId)) throw new Error(`Questionnaire linkId "${item.linkId}" is used twice.`);
    seen.add(item.linkId);
  }
  for (const top of q.item ?? []) {
    if (top.type !== 'group') throw new Error(`Questionnaire item ${top.linkId}: top-level items must be groups (one per step).`);
  }
  for (const { item } of entries) {
    for (const condition of item.enableWhen ?? []) {
      const target = entries.find((e) => e.item.linkId === condition.question)?.item;
      if (!target || !isQuestion(target)) throw new Error(`Questionnaire item ${item.linkId}: enableWhen refers to "${condition.question}", which is not a question.`);
    }
  }
}

/** Keeps only the items that exist for this booking (`when-modality`). */
export function forContext(q: Questionnaire, context: IntakeContext): Questionnaire {
  const keep = (items: QuestionnaireItem[] | undefined): QuestionnaireItem[] | undefined =>
    items
      ?.filter((item) => {
        const modality = extensionOf(item, HAVEN_EXTENSIONS.modality)?.valueCode;
        return !modality || modality === context.modality;
      })
      .map((item) => (item.item ? { ...item, item: keep(item.item) } : item));
  return { ...q, item: keep(q.item) };
}

/** Is this a real answer (not empty text, not an empty list)? */
export function isAnswered(value: AnswerValue | undefined): value is AnswerValue {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'boolean';
}

function conditionHolds(condition: QuestionnaireItemEnableWhen, value: AnswerValue | undefined): boolean {
  const answered = isAnswered(value);
  if (condition.operator === 'exists') return answered === (condition.answerBoolean ?? true);
  if (!answered) return condition.operator === '!=';
  const expected: string | number | boolean | undefined =
    condition.answerCoding?.code ?? condition.answerBoolean ?? condition.answerInteger ?? condition.answerDecimal ?? condition.answerString ?? condition.answerDate;
  if (expected === undefined) return false;
  const values: ReadonlyArray<string | number | boolean> = Array.isArray(value) ? (value as readonly string[]) : [value as string | number | boolean];
  const compare = (a: string | number | boolean): boolean => {
    switch (condition.operator) {
      case '=':
        return a === expected;
      case '!=':
        return a !== expected;
      case '>':
        return a > expected;
      case '<':
        return a < expected;
      case '>=':
        return a >= expected;
      case '<=':
        return a <= expected;
      default:
        return false;
    }
  };
  // A repeating answer matches '=' when any choice matches, '!=' when none does.
  return condition.operator === '!=' ? values.every(compare) : values.some(compare);
}

/**
 * The linkIds of every enabled item for these answers. An item is enabled when its parents are
 * and its `enableWhen` holds against the answers of *enabled* questions only (a condition on a
 * hidden question sees no answer), computed to a fixed point.
 */
export function enabledLinkIds(q: Questionnaire, answers: Answers): Set<string> {
  const entries = allItems(q);
  let enabled = new Set(entries.map((e) => e.item.linkId));
  for (let round = 0; round <= entries.length; round += 1) {
    const next = new Set<string>();
    for (const { item, parents } of entries) {
      if (!parents.every((parent) => next.has(parent.linkId))) continue;
      const conditions = item.enableWhen ?? [];
      if (conditions.length > 0) {
        const results = conditions.map((condition) =>
          conditionHolds(condition, enabled.has(condition.question) ? answers[condition.question] : undefined),
        );
        const on = item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
        if (!on) continue;
      }
      next.add(item.linkId);
    }
    if (next.size === enabled.size && [...next].every((id) => enabled.has(id))) return next;
    enabled = next;
  }
  return enabled;
}

/** The questions shown for these answers, in document order. */
export function visibleQuestions(q: Questionnaire, answers: Answers): QuestionnaireItem[] {
  const enabled = enabledLinkIds(q, answers);
  return questionsOf(q).filter((item) => enabled.has(item.linkId));
}

/**
 * What is kept: answers to visible questions only, without empty values or unknown linkIds.
 * Hidden questions are never stored.
 */
export function pruneAnswers(q: Questionnaire, answers: Answers): Record<string, AnswerValue> {
  return answersOfQuestions(visibleQuestions(q, answers), answers);
}

/** The answers to these questions (already known to be the visible ones), empty ones dropped, strings trimmed (not long text). */
export function answersOfQuestions(questions: readonly QuestionnaireItem[], answers: Answers): Record<string, AnswerValue> {
  const kept: Record<string, AnswerValue> = {};
  for (const item of questions) {
    const value = answers[item.linkId];
    if (isAnswered(value)) kept[item.linkId] = typeof value === 'string' && item.type !== 'text' ? value.trim() : value;
  }
  return kept;
}
