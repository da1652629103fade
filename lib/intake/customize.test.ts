import { describe, expect, it } from 'vitest';
import { EMPTY_CUSTOMIZATION, type IntakeCustomization } from './customization-types';
import { applyCustomization, customizationSchema, customizationSchemaFor } from './customize';
import { assertSupported, extensionOf, findItem, optionsOf, sectionsOf } from './engine';
import { baseQuestionnaire } from './questionnaires';
import { HAVEN_EXTENSIONS } from './types';

const individual = baseQuestionnaire('individual');

const CUSTOM: IntakeCustomization = {
  disabledSections: ['sexual-health', 'gad7'],
  questions: [
    { id: 'referral', section: 'reasons', type: 'choice', text: 'How did you hear about us?', options: ['A friend', 'Online', 'My doctor'], required: true },
    { id: 'parking', section: 'contact', type: 'boolean', text: 'Will you need parking?', required: false },
    { id: 'anything-else', section: 'consent', type: 'text', text: 'Anything else before we meet?', required: false },
  ],
};

describe('applyCustomization', () => {
  const custom = applyCustomization(individual, CUSTOM, 3);

  it('versions the result and keeps it in the supported subset', () => {
    expect(custom.version).toBe('2026.1+p3');
    expect(() => assertSupported(custom)).not.toThrow();
    expect(individual.version).toBe('2026.1');
  });

  it('removes the turned-off optional sections only', () => {
    expect(sectionsOf(custom).map((s) => s.linkId)).toEqual(['about-you', 'contact', 'reasons', 'relationship', 'health', 'alcohol', 'phq9', 'consent']);
    const forced = applyCustomization(individual, { disabledSections: ['phq9', 'consent'], questions: [] }, 1);
    expect(sectionsOf(forced).map((s) => s.linkId)).toContain('phq9');
    expect(sectionsOf(forced).map((s) => s.linkId)).toContain('consent');
  });

  it('appends each practice question at the end of its section', () => {
    const reasons = sectionsOf(custom).find((s) => s.linkId === 'reasons')!;
    expect(reasons.item?.at(-1)?.linkId).toBe('practice-referral');
    expect(sectionsOf(custom).find((s) => s.linkId === 'contact')!.item?.at(-1)?.linkId).toBe('practice-parking');
    expect(sectionsOf(custom).find((s) => s.linkId === 'consent')!.item?.at(-1)?.linkId).toBe('practice-anything-else');
    const referral = findItem(custom, 'practice-referral')!;
    expect(referral).toMatchObject({ type: 'choice', required: true, text: 'How did you hear about us?' });
    expect(optionsOf(referral).map((o) => [o.code, o.display])).toEqual([
      ['option-1', 'A friend'],
      ['option-2', 'Online'],
      ['option-3', 'My doctor'],
    ]);
    expect(extensionOf(referral, HAVEN_EXTENSIONS.practiceQuestion)?.valueString).toBe('referral');
    expect(findItem(custom, 'practice-parking')?.type).toBe('boolean');
    expect(findItem(custom, 'practice-anything-else')?.type).toBe('text');
  });

  it('changes nothing but the version when empty', () => {
    expect(applyCustomization(individual, EMPTY_CUSTOMIZATION, 1)).toEqual({ ...individual, version: '2026.1+p1' });
  });

  it('refuses a question id used twice (assertSupported)', () => {
    const twice = { disabledSections: [], questions: [CUSTOM.questions[1]!, CUSTOM.questions[1]!] };
    expect(() => applyCustomization(individual, twice, 2)).toThrow(/used twice/);
  });
});

describe('customizationSchema', () => {
  const errors = (input: unknown, schema = customizationSchemaFor('individual')) => {
    const result = schema.safeParse(input);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('accepts a valid customization', () => {
    expect(errors(CUSTOM)).toEqual({});
    expect(customizationSchema.safeParse(CUSTOM).success).toBe(true);
  });

  it('refuses non-optional sections, screener sections, bad options and too many questions', () => {
    const q = CUSTOM.questions[0]!;
    expect(errors({ disabledSections: ['phq9'], questions: [] })).toEqual({ 'disabledSections.0': 'This section cannot be turned off' });
    expect(errors({ disabledSections: [], questions: [{ ...q, section: 'phq9' }] })).toEqual({ 'questions.0.section': 'Questions cannot be added to this section' });
    expect(errors({ disabledSections: ['sexual-health'], questions: [{ ...q, section: 'sexual-health' }] })).toEqual({ 'questions.0.section': 'This section is turned off' });
    expect(errors({ disabledSections: [], questions: [{ ...q, options: ['Only one'] }] })).toEqual({ 'questions.0.options': 'A choice question needs 2 to 12 answers' });
    expect(errors({ disabledSections: [], questions: [{ ...q, options: Array.from({ length: 13 }, (_, i) => `O${i}`) }] })).toHaveProperty('questions.0.options');
    expect(errors({ disabledSections: [], questions: [{ ...q, options: ['Yes', 'yes'] }] })).toEqual({ 'questions.0.options': 'Each answer must be different' });
    expect(errors({ disabledSections: [], questions: [{ ...q, text: 'x'.repeat(301) }] })).toHaveProperty('questions.0.text');
    expect(errors({ disabledSections: [], questions: [{ ...q, text: '   ' }] })).toHaveProperty('questions.0.text');
    expect(errors({ disabledSections: [], questions: [{ ...CUSTOM.questions[1]!, options: ['a', 'b'] }] })).toEqual({ 'questions.0.options': 'Only a choice question has answers to choose from' });
    expect(errors({ disabledSections: [], questions: [{ ...q, id: 'Bad Id' }] })).toHaveProperty('questions.0.id');
    expect(errors({ disabledSections: [], questions: [q, q] })).toEqual({ 'questions.1.id': 'Two questions have the same id' });
    const many = Array.from({ length: 21 }, (_, i) => ({ ...q, id: `q${i}` }));
    expect(errors({ disabledSections: [], questions: many })).toEqual({ questions: 'At most 20 questions of your own' });
  });

  it('knows which sections belong to which form', () => {
    expect(errors({ disabledSections: ['relationship'], questions: [] })).toEqual({});
    expect(errors({ disabledSections: ['relationship'], questions: [] }, customizationSchemaFor('couples'))).toEqual({ 'disabledSections.0': 'This section cannot be turned off' });
    expect(errors({ disabledSections: [], questions: [{ ...CUSTOM.questions[0]!, section: 'couple' }] }, customizationSchemaFor('couples'))).toEqual({});
    expect(errors({ disabledSections: [], questions: [{ ...CUSTOM.questions[0]!, section: 'couple' }] })).toHaveProperty('questions.0.section');
  });
});
