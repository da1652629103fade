import { describe, expect, it } from 'vitest';
import { assertSupported, findItem, forContext, helpTextOf, isSignature, optionsOf, questionsOf, sectionsOf, visibleQuestions } from '../engine';
import { INTAKE_FORMS } from '../types';
import { baseQuestionnaire, optionalSectionsOf } from './index';

const linkIdsOf = (form: 'individual' | 'couples') => sectionsOf(baseQuestionnaire(form)).map((s) => s.linkId);

describe('baseQuestionnaire', () => {
  it.each(INTAKE_FORMS)('%s is in the supported subset, versioned 2026.1', (form) => {
    const q = baseQuestionnaire(form);
    expect(() => assertSupported(q)).not.toThrow();
    expect(q.version).toBe('2026.1');
    expect(q.resourceType).toBe('Questionnaire');
  });

  it('has the documented steps in order', () => {
    expect(linkIdsOf('individual')).toEqual(['about-you', 'contact', 'reasons', 'relationship', 'sexual-health', 'health', 'alcohol', 'phq9', 'gad7', 'consent']);
    expect(linkIdsOf('couples')).toEqual(['about-you', 'contact', 'reasons', 'relationship', 'couple', 'sexual-health', 'health', 'alcohol', 'phq9', 'gad7', 'consent']);
  });

  it('carries the screeners with their LOINC codes and 0–3 ordinals', () => {
    const q = baseQuestionnaire('individual');
    expect(findItem(q, 'phq9')?.code?.[0]?.code).toBe('44249-1');
    expect(findItem(q, 'gad7')?.code?.[0]?.code).toBe('69737-5');
    expect(findItem(q, 'alcohol')?.code?.[0]?.code).toBe('72109-2');
    const phq = Array.from({ length: 9 }, (_, i) => findItem(q, `phq9-${i + 1}`)?.code?.[0]?.code);
    expect(phq).toEqual(['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8']);
    const gad = Array.from({ length: 7 }, (_, i) => findItem(q, `gad7-${i + 1}`)?.code?.[0]?.code);
    expect(gad).toEqual(['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7']);
    expect(optionsOf(findItem(q, 'phq9-9')!).map((o) => [o.code, o.ordinal])).toEqual([
      ['LA6568-5', 0],
      ['LA6569-3', 1],
      ['LA6570-1', 2],
      ['LA6571-9', 3],
    ]);
    expect(helpTextOf(findItem(q, 'phq9-9')!)).toMatch(/988/);
  });

  it('scores CSI-4 item 1 from 0 to 6 and items 2–4 from 0 to 5 (couples only)', () => {
    const q = baseQuestionnaire('couples');
    expect(optionsOf(findItem(q, 'csi4-1')!).map((o) => o.ordinal)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const n of [2, 3, 4]) expect(optionsOf(findItem(q, `csi4-${n}`)!).map((o) => o.ordinal)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(findItem(baseQuestionnaire('individual'), 'csi4-1')).toBeUndefined();
    expect(findItem(q, 'partner-safety')?.text).toBe('Do you ever feel afraid of your partner?');
    expect(findItem(baseQuestionnaire('individual'), 'partner-safety')).toBeUndefined();
  });

  it('asks AUDIT-C items 2–3 only when item 1 is not "never", and medications only after yes', () => {
    const q = baseQuestionnaire('individual');
    const shown = (answers: Record<string, string | boolean>) => visibleQuestions(q, answers).map((i) => i.linkId);
    expect(shown({ 'auditc-1': 'never' })).not.toContain('auditc-2');
    expect(shown({ 'auditc-1': 'monthly-or-less' })).toEqual(expect.arrayContaining(['auditc-2', 'auditc-3']));
    expect(shown({ 'medications-any': false })).not.toContain('medications-which');
    expect(shown({ 'medications-any': true })).toContain('medications-which');
  });

  it('has telehealth consent only for video', () => {
    const q = baseQuestionnaire('individual');
    const ids = (modality: 'video' | 'in_person') => questionsOf(forContext(q, { modality })).map((i) => i.linkId);
    expect(ids('video')).toEqual(expect.arrayContaining(['telehealth-location', 'telehealth-signature']));
    expect(ids('in_person')).not.toContain('telehealth-location');
    expect(ids('in_person')).not.toContain('telehealth-signature');
  });

  it('signs consents by typed name; couples also sign the no-secrets policy', () => {
    const signed = (form: 'individual' | 'couples') => questionsOf(baseQuestionnaire(form)).filter(isSignature).map((i) => i.linkId);
    expect(signed('individual')).toEqual(['consent-treatment-signature', 'telehealth-signature']);
    expect(signed('couples')).toEqual(['consent-treatment-signature', 'telehealth-signature', 'no-secrets-signature']);
  });

  it('keeps every sexual-health question optional, each section with a note on why it is asked', () => {
    const q = baseQuestionnaire('individual');
    const section = sectionsOf(q).find((s) => s.linkId === 'sexual-health')!;
    const questions = questionsOf({ resourceType: 'Questionnaire', status: 'active', item: [section] });
    expect(questions.length).toBeGreaterThan(3);
    expect(questions.every((i) => !i.required)).toBe(true);
    expect(questions.filter((i) => !helpTextOf(i)).map((i) => i.linkId)).toEqual([]);
    expect(section.item?.[0]?.text).toMatch(/optional/);
  });
});

describe('optionalSectionsOf', () => {
  it('lists the sections a practice may turn off', () => {
    expect(optionalSectionsOf('individual').map((s) => s.linkId)).toEqual(['relationship', 'sexual-health', 'alcohol', 'gad7']);
    expect(optionalSectionsOf('couples').map((s) => s.linkId)).toEqual(['sexual-health', 'alcohol', 'gad7']);
    expect(optionalSectionsOf('couples').every((s) => s.title.length > 0)).toBe(true);
  });
});
