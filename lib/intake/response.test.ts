import type { QuestionnaireResponse, QuestionnaireResponseItem } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { allItems, forContext, pruneAnswers } from './engine';
import { baseQuestionnaire } from './questionnaires';
import { toQuestionnaireResponse } from './response';
import { HAVEN_EXTENSIONS, type AnswerValue, type Questionnaire, type StoredAnswers } from './types';

const q = forContext(baseQuestionnaire('couples'), { modality: 'video' });

const ANSWERS = {
  'preferred-name': 'Sam',
  'birth-date': '1990-03-04',
  'sex-at-birth': 'female',
  'contact-ok': ['email', 'text'],
  'contact-avoid': ['no-voicemail'],
  'emergency-name': 'Alex',
  'emergency-phone': '555 0100',
  'reasons-now': 'We feel far apart.',
  'together-length': '3-10-years',
  'living-together': true,
  'couple-hopes': 'To talk again.',
  'csi4-1': 'a-little-unhappy',
  'csi4-2': 'somewhat',
  'csi4-3': 'mostly',
  'csi4-4': 'a-little',
  'sex-choice': 'sometimes-duty',
  'partner-safety': 'no',
  'medications-any': false,
  'medications-which': 'hidden: medications-any is no',
  'auditc-1': 'never',
  'auditc-2': '10-plus',
  'phq9-1': 'LA6569-3',
  'phq9-9': 'LA6568-5',
  'gad7-1': 'LA6571-9',
  'consent-treatment-signature': 'Sam Example',
  'telehealth-location': 'Home, Portland',
  'telehealth-signature': 'Sam Example',
  'privacy-ack': 'acknowledged',
  'no-secrets-signature': 'Sam Example',
};
const SIGNED = { signedAt: '2026-11-30T14:00:00.000Z', questionnaireVersion: '2026.1' };
const stored: StoredAnswers = {
  answers: ANSWERS,
  signatures: { 'consent-treatment-signature': SIGNED, 'telehealth-signature': SIGNED, 'no-secrets-signature': SIGNED },
};

/** Runtime check of the R4 shape Haven emits (the compile-time check is the declared type). */
function assertResponseShape(response: QuestionnaireResponse, questionnaire: Questionnaire): void {
  const known = new Map(allItems(questionnaire).map(({ item, parents }) => [item.linkId, { item, parent: parents.at(-1)?.linkId ?? null }]));
  const walk = (items: QuestionnaireResponseItem[], parent: string | null) => {
    for (const item of items) {
      const def = known.get(item.linkId);
      expect(def, item.linkId).toBeDefined();
      expect(def!.parent, `${item.linkId} nests like the questionnaire`).toBe(parent);
      expect(item.text).toBe(def!.item.text);
      if (def!.item.type === 'group') {
        expect(item.answer).toBeUndefined();
        expect(item.item?.length).toBeGreaterThan(0);
        walk(item.item ?? [], item.linkId);
        continue;
      }
      expect(item.item).toBeUndefined();
      for (const answer of item.answer ?? []) {
        const values = Object.keys(answer).filter((key) => key.startsWith('value'));
        expect(values, item.linkId).toHaveLength(1);
        if (answer.valueCoding) expect(answer.valueCoding).toEqual({ system: expect.any(String), code: expect.any(String), display: expect.any(String) });
      }
    }
  };
  expect(response.resourceType).toBe('QuestionnaireResponse');
  walk(response.item ?? [], null);
}

/** Reads the answers back by linkId, as Haven stores them. */
function answersFromResponse(response: QuestionnaireResponse, questionnaire: Questionnaire): Record<string, AnswerValue> {
  const repeats = new Set(allItems(questionnaire).filter(({ item }) => item.repeats).map(({ item }) => item.linkId));
  const out: Record<string, AnswerValue> = {};
  const walk = (items: QuestionnaireResponseItem[]) => {
    for (const item of items) {
      walk(item.item ?? []);
      const values = (item.answer ?? []).map((a) => a.valueCoding?.code ?? a.valueBoolean ?? a.valueDate ?? a.valueString ?? a.valueInteger ?? a.valueDecimal);
      if (values.length) out[item.linkId] = repeats.has(item.linkId) ? (values as string[]) : values[0]!;
    }
  };
  walk(response.item ?? []);
  return out;
}

describe('toQuestionnaireResponse', () => {
  const response: QuestionnaireResponse = toQuestionnaireResponse(q, stored, {
    id: 'intake-1',
    status: 'completed',
    authored: '2026-11-30T14:05:00.000Z',
    subjectDisplay: 'Sam',
  });

  it('is an R4 QuestionnaireResponse nested like the questionnaire', () => {
    assertResponseShape(response, q);
    expect(response).toMatchObject({
      id: 'intake-1',
      status: 'completed',
      authored: '2026-11-30T14:05:00.000Z',
      questionnaire: 'https://haven.health/fhir/Questionnaire/intake-couples|2026.1',
      subject: { display: 'Sam' },
    });
    const couple = response.item?.find((i) => i.linkId === 'couple');
    expect(couple?.item?.map((i) => i.linkId)).toEqual(['couple-hopes', 'csi4', 'sex-choice', 'partner-safety-group']);
  });

  it('round-trips every visible answer and leaves hidden ones out', () => {
    const back = answersFromResponse(response, q);
    expect(back).toEqual(pruneAnswers(q, ANSWERS));
    expect(back).not.toHaveProperty('medications-which');
    expect(back).not.toHaveProperty('auditc-2');
  });

  it('codes choices with their system and display', () => {
    const phq1 = response.item?.find((i) => i.linkId === 'phq9')?.item?.find((i) => i.linkId === 'phq9-1');
    expect(phq1?.answer).toEqual([{ valueCoding: { system: 'http://loinc.org', code: 'LA6569-3', display: 'Several days' } }]);
    const contact = response.item?.find((i) => i.linkId === 'contact')?.item?.find((i) => i.linkId === 'contact-ok');
    expect(contact?.answer?.map((a) => a.valueCoding?.code)).toEqual(['email', 'text']);
  });

  it('stamps signatures with time and questionnaire version', () => {
    const consent = response.item?.find((i) => i.linkId === 'consent');
    const signature = consent?.item?.find((i) => i.linkId === 'consent-treatment-signature');
    expect(signature?.answer).toEqual([{ valueString: 'Sam Example' }]);
    expect(signature?.extension).toEqual([
      {
        url: HAVEN_EXTENSIONS.signature,
        extension: [
          { url: 'signedAt', valueDateTime: '2026-11-30T14:00:00.000Z' },
          { url: 'questionnaireVersion', valueString: '2026.1' },
        ],
      },
    ]);
  });

  it('leaves out unanswered sections entirely', () => {
    const empty = toQuestionnaireResponse(q, { answers: { 'preferred-name': 'Sam' }, signatures: {} }, { id: 'x', status: 'in-progress', authored: '2026-11-30T14:05:00Z' });
    expect(empty.item).toEqual([{ linkId: 'about-you', text: 'About you', item: [{ linkId: 'preferred-name', text: 'What would you like us to call you?', answer: [{ valueString: 'Sam' }] }] }]);
    expect(empty).not.toHaveProperty('subject');
  });
});
