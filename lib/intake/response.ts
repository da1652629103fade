/**
 * A sent intake as a FHIR R4 `QuestionnaireResponse` (the clinician's download, for an EHR).
 * Items nest like the questionnaire's (groups keep their questions); only answered, visible
 * questions appear; choices carry system/code/display; a signature carries when it was given and
 * on which questionnaire version as an extension on its item.
 */
import type { Extension, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from 'fhir/r4';
import { childrenOf, isQuestion, optionsOf, pruneAnswers } from './engine';
import { HAVEN_ANSWERS } from './questionnaires/build';
import { HAVEN_EXTENSIONS, type AnswerValue, type Questionnaire, type QuestionnaireItem, type Signature, type StoredAnswers } from './types';

export type ResponseMeta = {
  id: string;
  status: 'completed' | 'in-progress';
  /** ISO date-time the intake was sent (or last saved). */
  authored: string;
  subjectDisplay?: string;
};

function codingAnswer(item: QuestionnaireItem, code: string): QuestionnaireResponseItemAnswer {
  const option = (item.answerOption ?? []).find((candidate) => candidate.valueCoding?.code === code)?.valueCoding;
  const display = optionsOf(item).find((candidate) => candidate.code === code)?.display;
  return { valueCoding: { system: option?.system ?? HAVEN_ANSWERS, code, ...(display ? { display } : {}) } };
}

/** The answer entries of one question (several for a repeating choice). */
export function answersOf(item: QuestionnaireItem, value: AnswerValue): QuestionnaireResponseItemAnswer[] {
  switch (item.type) {
    case 'choice':
      return (Array.isArray(value) ? (value as readonly string[]) : [String(value)]).map((code) => codingAnswer(item, code));
    case 'boolean':
      return [{ valueBoolean: value === true }];
    case 'integer':
      return [{ valueInteger: Number(value) }];
    case 'decimal':
      return [{ valueDecimal: Number(value) }];
    case 'date':
      return [{ valueDate: String(value) }];
    default:
      return [{ valueString: String(value) }];
  }
}

export function signatureExtension(signature: Signature): Extension {
  return {
    url: HAVEN_EXTENSIONS.signature,
    extension: [
      { url: 'signedAt', valueDateTime: signature.signedAt },
      { url: 'questionnaireVersion', valueString: signature.questionnaireVersion },
    ],
  };
}

function responseItems(items: QuestionnaireItem[], answers: Record<string, AnswerValue>, signatures: StoredAnswers['signatures']): QuestionnaireResponseItem[] {
  return items.flatMap((item): QuestionnaireResponseItem[] => {
    if (item.type === 'display') return [];
    const text = item.text ? { text: item.text } : {};
    if (!isQuestion(item)) {
      const children = responseItems(childrenOf(item), answers, signatures);
      return children.length ? [{ linkId: item.linkId, ...text, item: children }] : [];
    }
    const value = answers[item.linkId];
    if (value === undefined) return [];
    const signature = signatures[item.linkId];
    return [{ linkId: item.linkId, ...text, ...(signature ? { extension: [signatureExtension(signature)] } : {}), answer: answersOf(item, value) }];
  });
}

export function toQuestionnaireResponse(q: Questionnaire, stored: StoredAnswers, meta: ResponseMeta): QuestionnaireResponse {
  const answers = pruneAnswers(q, stored.answers);
  return {
    resourceType: 'QuestionnaireResponse',
    id: meta.id,
    ...(q.url ? { questionnaire: q.version ? `${q.url}|${q.version}` : q.url } : {}),
    status: meta.status,
    authored: meta.authored,
    ...(meta.subjectDisplay ? { subject: { display: meta.subjectDisplay } } : {}),
    item: responseItems(q.item ?? [], answers, stored.signatures),
  };
}
