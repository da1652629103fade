/**
 * A practice's adaptation of a base questionnaire: optional sections turned off, its own questions
 * added at the end of a section. Every saved change is a new version (`<base>+p<n>`).
 *
 * Practice questions may go in any section except the screeners (PHQ-9, GAD-7, AUDIT-C: validated
 * instruments are not extended). Only optional sections can be turned off; `applyCustomization`
 * ignores anything else (the schema refuses it at save time), so a screener or the safety
 * questions can never be removed.
 */
import { z } from 'zod';
import { assertSupported, extensionOf } from './engine';
import { baseQuestionnaire } from './questionnaires';
import { answerOption, question } from './questionnaires/build';
import {
  PRACTICE_QUESTION_TYPES,
  type IntakeCustomization,
  type PracticeQuestion,
} from './customization-types';
import { HAVEN_EXTENSIONS, INTAKE_FORMS, type IntakeForm, type Questionnaire, type QuestionnaireItem } from './types';

/** Answer codes of practice choice questions: `option-1`, `option-2`… in their order. */
export const PRACTICE_ANSWERS = 'https://haven.health/fhir/CodeSystem/practice-answer';
export const PRACTICE_LIMITS = { questions: 20, text: 300, optionsMin: 2, optionsMax: 12, optionText: 100 } as const;
const INSTRUMENT_SECTIONS = new Set(['phq9', 'gad7', 'alcohol']);

export function practiceLinkId(id: string): string {
  return `practice-${id}`;
}

export function practiceOptionCode(index: number): string {
  return `option-${index + 1}`;
}

function isOptionalSection(section: QuestionnaireItem): boolean {
  return extensionOf(section, HAVEN_EXTENSIONS.optionalSection)?.valueBoolean === true;
}

/** The item a practice question becomes. */
export function practiceItem(p: PracticeQuestion): QuestionnaireItem {
  const extension = [{ url: HAVEN_EXTENSIONS.practiceQuestion, valueString: p.id }];
  const base = { required: p.required, extension };
  if (p.type === 'choice') {
    const options = (p.options ?? []).map((display, index) => answerOption({ system: PRACTICE_ANSWERS, code: practiceOptionCode(index), display }));
    return question('choice', practiceLinkId(p.id), p.text, { ...base, answerOption: options });
  }
  return question(p.type === 'boolean' ? 'boolean' : 'text', practiceLinkId(p.id), p.text, base);
}

function customizedSection(section: QuestionnaireItem, questions: PracticeQuestion[]): QuestionnaireItem {
  const added = questions.filter((p) => p.section === section.linkId).map(practiceItem);
  return added.length ? { ...section, item: [...(section.item ?? []), ...added] } : section;
}

/** The base questionnaire as this practice asks it, version `${base.version}+p${version}`. */
export function applyCustomization(base: Questionnaire, c: IntakeCustomization, version: number): Questionnaire {
  const disabled = new Set(c.disabledSections);
  const sections = (base.item ?? [])
    .filter((section) => !(disabled.has(section.linkId) && isOptionalSection(section)))
    .map((section) => customizedSection(section, c.questions));
  const result: Questionnaire = { ...base, version: `${base.version}+p${version}`, item: sections };
  assertSupported(result);
  return result;
}

/* ----------------------------------------------------------------------------------------------
 * The settings form's schema.
 * -------------------------------------------------------------------------------------------- */

/** Sections of a form: those that can be turned off, and those a question can be added to. */
export function customizableSectionsOf(form: IntakeForm): { optional: string[]; forQuestions: string[] } {
  const sections = baseQuestionnaire(form).item ?? [];
  return {
    optional: sections.filter(isOptionalSection).map((s) => s.linkId),
    forQuestions: sections.map((s) => s.linkId).filter((id) => !INSTRUMENT_SECTIONS.has(id)),
  };
}

const trimmed = (max: number, message: string) => z.string().trim().min(1, message).max(max, message);

export const practiceQuestionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Question ids are lower-case letters, digits and dashes'),
    section: z.string().min(1, 'Please choose a section'),
    type: z.enum(PRACTICE_QUESTION_TYPES, 'Please choose a kind of question'),
    text: trimmed(PRACTICE_LIMITS.text, `Please write the question (up to ${PRACTICE_LIMITS.text} characters)`),
    options: z.array(trimmed(PRACTICE_LIMITS.optionText, `Each answer needs words (up to ${PRACTICE_LIMITS.optionText} characters)`)).optional(),
    required: z.boolean(),
  })
  .superRefine((p, ctx) => {
    const count = p.options?.length ?? 0;
    if (p.type === 'choice' && (count < PRACTICE_LIMITS.optionsMin || count > PRACTICE_LIMITS.optionsMax)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `A choice question needs ${PRACTICE_LIMITS.optionsMin} to ${PRACTICE_LIMITS.optionsMax} answers` });
    }
    if (p.type !== 'choice' && count > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only a choice question has answers to choose from' });
    if (p.options && new Set(p.options.map((o) => o.toLowerCase())).size !== p.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Each answer must be different' });
    }
  });

function checkCustomization(c: IntakeCustomization, allowed: { optional: Set<string>; forQuestions: Set<string> }, ctx: z.RefinementCtx): void {
  c.disabledSections.forEach((linkId, i) => {
    if (!allowed.optional.has(linkId)) ctx.addIssue({ code: 'custom', path: ['disabledSections', i], message: 'This section cannot be turned off' });
  });
  const seen = new Set<string>();
  c.questions.forEach((p, i) => {
    if (!allowed.forQuestions.has(p.section)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'section'], message: 'Questions cannot be added to this section' });
    else if (c.disabledSections.includes(p.section)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'section'], message: 'This section is turned off' });
    if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'Two questions have the same id' });
    seen.add(p.id);
  });
}

function customizationSchemaOf(allowed: { optional: string[]; forQuestions: string[] }) {
  const sets = { optional: new Set(allowed.optional), forQuestions: new Set(allowed.forQuestions) };
  return z
    .object({
      disabledSections: z.array(z.string()).max(20),
      questions: z.array(practiceQuestionSchema).max(PRACTICE_LIMITS.questions, `At most ${PRACTICE_LIMITS.questions} questions of your own`),
    })
    .strict()
    .superRefine((c, ctx) => checkCustomization(c, sets, ctx))
    .transform((c): IntakeCustomization => ({ disabledSections: [...new Set(c.disabledSections)], questions: c.questions }));
}

/** The customization of one form (sections checked against that form). */
export function customizationSchemaFor(form: IntakeForm) {
  return customizationSchemaOf(customizableSectionsOf(form));
}

/** Form-agnostic: sections checked against either form (use `customizationSchemaFor` when the form is known). */
export const customizationSchema = customizationSchemaOf({
  optional: [...new Set(INTAKE_FORMS.flatMap((form) => customizableSectionsOf(form).optional))],
  forQuestions: [...new Set(INTAKE_FORMS.flatMap((form) => customizableSectionsOf(form).forQuestions))],
});

export type CustomizationInput = z.input<typeof customizationSchema>;
