/**
 * Signs of danger, read from the questionnaire's own safety extensions (types.ts
 * `HAVEN_EXTENSIONS.safety`): PHQ-9 item 9 above "Not at all" → self_harm; "yes" to the private
 * partner-safety question → partner_fear. Runs in the browser (crisis panels at once) and on the
 * server (flag + practice notice). Only visible answers count.
 */
import { allItems, extensionOf, optionsOf, pruneAnswers } from './engine';
import { HAVEN_EXTENSIONS, SAFETY_FLAGS, type AnswerValue, type Answers, type Questionnaire, type QuestionnaireItem, type SafetyFlag } from './types';

export type SafetyRule = {
  linkId: string;
  flag: SafetyFlag;
  /** Trips when the answer's ordinal is above this… */
  ordinalAbove?: number;
  /** …or when the answer is (or, for several choices, includes) this code. */
  code?: string;
};

function isSafetyFlag(value: unknown): value is SafetyFlag {
  return typeof value === 'string' && (SAFETY_FLAGS as readonly string[]).includes(value);
}

/** The safety rule an item carries, or null. */
export function safetyRuleOf(item: QuestionnaireItem): SafetyRule | null {
  const ext = extensionOf(item, HAVEN_EXTENSIONS.safety);
  if (!ext) return null;
  const flag = ext.extension?.find((sub) => sub.url === 'flag')?.valueCode;
  const threshold = ext.extension?.find((sub) => sub.url === 'threshold');
  if (!isSafetyFlag(flag) || !threshold) return null;
  if (typeof threshold.valueInteger === 'number') return { linkId: item.linkId, flag, ordinalAbove: threshold.valueInteger };
  if (threshold.valueCoding?.code) return { linkId: item.linkId, flag, code: threshold.valueCoding.code };
  return null;
}

export function safetyRulesOf(q: Questionnaire): SafetyRule[] {
  return allItems(q).flatMap(({ item }) => {
    const rule = safetyRuleOf(item);
    return rule ? [rule] : [];
  });
}

function codesOf(value: AnswerValue): readonly string[] {
  if (Array.isArray(value)) return value as readonly string[];
  return typeof value === 'string' ? [value] : [];
}

function trips(rule: SafetyRule, item: QuestionnaireItem, value: AnswerValue): boolean {
  if (rule.code !== undefined) return codesOf(value).includes(rule.code) || (value === true && rule.code === 'yes');
  const limit = rule.ordinalAbove;
  if (limit === undefined) return false;
  const ordinals = new Map(optionsOf(item).map((option) => [option.code, option.ordinal]));
  const scores = typeof value === 'number' ? [value] : codesOf(value).map((code) => ordinals.get(code) ?? null);
  return scores.some((score) => score !== null && score > limit);
}

/** The flags these answers raise, each once, in SAFETY_FLAGS order. */
export function safetyFlagsOf(q: Questionnaire, answers: Answers): SafetyFlag[] {
  const kept = pruneAnswers(q, answers);
  const raised = new Set<SafetyFlag>();
  const items = new Map(allItems(q).map(({ item }) => [item.linkId, item]));
  for (const rule of safetyRulesOf(q)) {
    const value = kept[rule.linkId];
    const item = items.get(rule.linkId);
    if (value !== undefined && item && trips(rule, item, value)) raised.add(rule.flag);
  }
  return SAFETY_FLAGS.filter((flag) => raised.has(flag));
}
