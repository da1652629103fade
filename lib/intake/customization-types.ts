/**
 * How a practice adapts a base questionnaire (individual or couples): optional sections it turns
 * off and questions of its own added to a section. Applied by `customize.ts`; every saved change
 * makes a new questionnaire version (db/schema/intakes.ts).
 */
export const PRACTICE_QUESTION_TYPES = ['text', 'choice', 'boolean'] as const;
export type PracticeQuestionType = (typeof PRACTICE_QUESTION_TYPES)[number];

export type PracticeQuestion = {
  /** Stable id (letters, digits, dashes): the item's linkId is `practice-<id>`. */
  id: string;
  /** linkId of the top-level section it is added to (at the end of the section). */
  section: string;
  type: PracticeQuestionType;
  text: string;
  /** For choice: the options, in order (codes are generated from their position). */
  options?: string[];
  required: boolean;
};

export type IntakeCustomization = {
  /** linkIds of optional sections the practice turned off. */
  disabledSections: string[];
  questions: PracticeQuestion[];
};

export const EMPTY_CUSTOMIZATION: IntakeCustomization = { disabledSections: [], questions: [] };
