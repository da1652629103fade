/**
 * Small builders for Haven's questionnaires, so the instruments and sections read as data.
 * Everything here returns plain FHIR R4 `QuestionnaireItem`s (engine.ts documents the subset).
 */
import type { Extension, QuestionnaireItem, QuestionnaireItemAnswerOption, QuestionnaireItemEnableWhen } from 'fhir/r4';
import { FHIR_EXTENSIONS, HAVEN_EXTENSIONS, type SafetyFlag } from '../types';

export const LOINC = 'http://loinc.org';
/** Haven's own answer codes (choices that no public code system covers). */
export const HAVEN_ANSWERS = 'https://haven.health/fhir/CodeSystem/intake-answer';
/** Haven's own item codes (CSI-4 has no LOINC code). */
export const HAVEN_ITEMS = 'https://haven.health/fhir/CodeSystem/intake-item';

export type OptionSpec = { code: string; display: string; ordinal?: number; system?: string };
type ItemExtras = Partial<Omit<QuestionnaireItem, 'linkId' | 'type' | 'text'>> & { help?: string };

export function answerOption({ code, display, ordinal, system = HAVEN_ANSWERS }: OptionSpec): QuestionnaireItemAnswerOption {
  const option: QuestionnaireItemAnswerOption = { valueCoding: { system, code, display } };
  if (ordinal !== undefined) option.extension = [{ url: FHIR_EXTENSIONS.ordinalValue, valueDecimal: ordinal }];
  return option;
}

/** Options scored 0, 1, 2… in the order given. */
export function scoredOptions(options: ReadonlyArray<Omit<OptionSpec, 'ordinal'>>): OptionSpec[] {
  return options.map((option, index) => ({ ...option, ordinal: index }));
}

/** Help text: a child display item with itemControl "help" (linkId `<item>-help`). */
export function helpItem(linkId: string, text: string): QuestionnaireItem {
  return {
    linkId: `${linkId}-help`,
    type: 'display',
    text,
    extension: [
      {
        url: FHIR_EXTENSIONS.itemControl,
        valueCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/questionnaire-item-control', code: 'help', display: 'Help-Button' }] },
      },
    ],
  };
}

function withHelp(item: QuestionnaireItem, help: string | undefined): QuestionnaireItem {
  if (!help) return item;
  return { ...item, item: [helpItem(item.linkId, help), ...(item.item ?? [])] };
}

export function question(type: QuestionnaireItem['type'], linkId: string, text: string, extras: ItemExtras = {}): QuestionnaireItem {
  const { help, ...rest } = extras;
  return withHelp({ linkId, type, text, ...rest }, help);
}

export const shortText = (linkId: string, text: string, extras: ItemExtras = {}) => question('string', linkId, text, extras);
export const longText = (linkId: string, text: string, extras: ItemExtras = {}) => question('text', linkId, text, extras);
export const yesNo = (linkId: string, text: string, extras: ItemExtras = {}) => question('boolean', linkId, text, extras);
export const dateItem = (linkId: string, text: string, extras: ItemExtras = {}) => question('date', linkId, text, extras);

export function choice(linkId: string, text: string, options: OptionSpec[], extras: ItemExtras = {}): QuestionnaireItem {
  return question('choice', linkId, text, { ...extras, answerOption: options.map(answerOption) });
}

export function display(linkId: string, text: string, extras: ItemExtras = {}): QuestionnaireItem {
  return question('display', linkId, text, extras);
}

export function group(linkId: string, text: string, items: QuestionnaireItem[], extras: ItemExtras = {}): QuestionnaireItem {
  const { help, ...rest } = extras;
  return withHelp({ linkId, type: 'group', text, ...rest, item: items }, help);
}

/** A consent signed by typing one's full name (required; stored with time and questionnaire version). */
export function signature(linkId: string, text: string, extras: ItemExtras = {}): QuestionnaireItem {
  return question('string', linkId, text, {
    required: true,
    maxLength: 200,
    ...extras,
    extension: [...(extras.extension ?? []), { url: HAVEN_EXTENSIONS.signature, valueBoolean: true }],
  });
}

export const optionalSection: Extension = { url: HAVEN_EXTENSIONS.optionalSection, valueBoolean: true };
export const onlyForVideo: Extension = { url: HAVEN_EXTENSIONS.modality, valueCode: 'video' };
export const notInFuture: Extension = { url: HAVEN_EXTENSIONS.notInFuture, valueBoolean: true };

/**
 * The safety extension (complex): `flag` = the SafetyFlag raised; `threshold` says when: a
 * valueInteger = the answer's ordinal is above it, a valueCoding = the answer is that code.
 */
export function safetyExtension(flag: SafetyFlag, threshold: { ordinalAbove: number } | { code: string }): Extension {
  const trip: Extension = 'code' in threshold ? { url: 'threshold', valueCoding: { code: threshold.code } } : { url: 'threshold', valueInteger: threshold.ordinalAbove };
  return { url: HAVEN_EXTENSIONS.safety, extension: [{ url: 'flag', valueCode: flag }, trip] };
}

export function loincCode(code: string, display: string) {
  return [{ system: LOINC, code, display }];
}

export const when = {
  is: (questionLinkId: string, code: string): QuestionnaireItemEnableWhen => ({ question: questionLinkId, operator: '=', answerCoding: { code } }),
  isNot: (questionLinkId: string, code: string): QuestionnaireItemEnableWhen => ({ question: questionLinkId, operator: '!=', answerCoding: { code } }),
  yes: (questionLinkId: string): QuestionnaireItemEnableWhen => ({ question: questionLinkId, operator: '=', answerBoolean: true }),
  answered: (questionLinkId: string): QuestionnaireItemEnableWhen => ({ question: questionLinkId, operator: 'exists', answerBoolean: true }),
};
