/**
 * Property tests of the generated schema (no fast-check in the project: a small seeded generator).
 * Over both questionnaires, both modalities, with and without a random practice customization:
 * - every generated valid answer set is accepted on submit, and the output is exactly its pruned
 *   answers (hidden answers stripped, whatever they hold);
 * - hidden questions are never required (removing every hidden answer changes nothing);
 * - one visible answer made invalid (unknown code, wrong type, too long, required removed) is
 *   refused with an error keyed by that linkId.
 * A failure prints its seed: rerun with that seed to reproduce.
 */
import { config } from 'zod/v4/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_QUESTION_TYPES, type IntakeCustomization } from './customization-types';
import { applyCustomization, customizableSectionsOf, customizationSchemaFor } from './customize';
import { enabledLinkIds, forContext, isSignature, optionsOf, pruneAnswers, questionsOf } from './engine';
import { baseQuestionnaire } from './questionnaires';
import { DEFAULT_MAX_LENGTH, answersSchema } from './schema';
import { INTAKE_FORMS, type AnswerValue, type IntakeContext, type IntakeForm, type Questionnaire, type QuestionnaireItem } from './types';

beforeAll(() => {
  config({ jitless: true });
});

const TODAY = '2026-11-30';
const CASES = 400;

/** mulberry32: a tiny, good-enough seeded PRNG. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T,>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const CHARS = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?\'"-éüßøñ—’😊\n';

function randomText(rng: Rng, length: number, multiline: boolean): string {
  let out = rng.pick(['S', 'é', '7', 'Z']);
  while (out.length < length - 1) {
    const c = rng.pick([...CHARS]);
    out += !multiline && c === '\n' ? ' ' : c;
  }
  return length > 1 ? out.slice(0, length - 1) + 'x' : out;
}

function maxLengthOf(item: QuestionnaireItem): number {
  const fallback = item.type === 'text' ? DEFAULT_MAX_LENGTH.text : DEFAULT_MAX_LENGTH.string;
  return Math.min(item.maxLength ?? fallback, fallback);
}

function randomDate(rng: Rng): string {
  if (rng.chance(0.1)) return TODAY;
  const start = Date.UTC(1900, 0, 1);
  const end = Date.UTC(2026, 10, 30);
  return new Date(start + Math.floor(rng.next() * (end - start))).toISOString().slice(0, 10);
}

function validValue(rng: Rng, item: QuestionnaireItem): AnswerValue {
  const codes = optionsOf(item).map((option) => option.code);
  switch (item.type) {
    case 'boolean':
      return rng.chance(0.5);
    case 'choice':
      return item.repeats ? codes.filter(() => rng.chance(0.4)) : rng.pick(codes);
    case 'date':
      return randomDate(rng);
    case 'integer':
      return rng.int(-1000, 1000);
    case 'decimal':
      return rng.int(-100000, 100000) / 100;
    default: {
      const max = maxLengthOf(item);
      const length = rng.chance(0.05) ? max : rng.int(isSignature(item) ? 2 : 1, Math.min(max, 60));
      return randomText(rng, length, item.type === 'text');
    }
  }
}

/** A choice with repeats must not come out empty (that reads as unanswered). */
function nonEmpty(rng: Rng, item: QuestionnaireItem, value: AnswerValue): AnswerValue {
  if (Array.isArray(value) && value.length === 0) return [rng.pick(optionsOf(item).map((o) => o.code))];
  return value;
}

const JUNK: readonly unknown[] = [42, 'zz-not-a-code', { nested: true }, ['zz'], true, '', 'x'.repeat(6000), null, -1.5, '2030-13-45'];

/** A random, valid practice customization (sections off, 0–3 questions of its own). */
function randomCustomization(rng: Rng, form: IntakeForm): IntakeCustomization {
  const { optional, forQuestions } = customizableSectionsOf(form);
  const disabledSections = optional.filter(() => rng.chance(0.3));
  const open = forQuestions.filter((section) => !disabledSections.includes(section));
  const questions = Array.from({ length: rng.int(0, 3) }, (_, i) => {
    const type = rng.pick(PRACTICE_QUESTION_TYPES);
    const options = type === 'choice' ? Array.from({ length: rng.int(2, 5) }, (_, n) => `Answer ${n + 1}`) : undefined;
    return { id: `q${i}`, section: rng.pick(open), type, text: `Practice question ${i + 1}?`, options, required: rng.chance(0.5) };
  });
  return customizationSchemaFor(form).parse({ disabledSections, questions });
}

type Case = { seed: number; q: Questionnaire; answers: Record<string, unknown>; visible: Set<string> };

function generateCase(seed: number): Case {
  const rng = prng(seed);
  const context: IntakeContext = { modality: rng.pick(['video', 'in_person'] as const) };
  const form = rng.pick(INTAKE_FORMS);
  const base = rng.chance(0.4) ? applyCustomization(baseQuestionnaire(form), randomCustomization(rng, form), rng.int(1, 9)) : baseQuestionnaire(form);
  const q = forContext(base, context);
  const questions = questionsOf(q);
  const answers: Record<string, unknown> = {};
  for (const item of questions) {
    if (item.required || rng.chance(0.7)) answers[item.linkId] = nonEmpty(rng, item, validValue(rng, item));
  }
  const enabled = enabledLinkIds(q, answers as Record<string, AnswerValue>);
  const visible = new Set(questions.filter((item) => enabled.has(item.linkId)).map((item) => item.linkId));
  for (const item of questions) {
    if (!visible.has(item.linkId) && rng.chance(0.5)) answers[item.linkId] = rng.pick(JUNK);
  }
  return { seed, q, answers, visible };
}

function errorPaths(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }): string[] {
  return (result.error?.issues ?? []).map((issue) => String(issue.path[0]));
}

type Mutation = { kind: string; apply: (answers: Record<string, unknown>) => void };

function mutationsFor(item: QuestionnaireItem, present: boolean): Mutation[] {
  const id = item.linkId;
  const set = (kind: string, value: unknown): Mutation => ({ kind, apply: (a) => void (a[id] = value) });
  const out: Mutation[] = [];
  if (item.type === 'choice') out.push(set('unknown code', item.repeats ? ['zz-unknown'] : 'zz-unknown'));
  if (item.type === 'boolean') out.push(set('wrong type', 'yes'));
  else if (item.type === 'integer' || item.type === 'decimal') out.push(set('wrong type', '12'));
  else out.push(set('wrong type', 42));
  if (item.type === 'string' || item.type === 'text') out.push(set('too long', 'y'.repeat(maxLengthOf(item) + 1)));
  if (item.type === 'date') out.push(set('not a date', '2026-02-30'));
  if (item.required && present) out.push({ kind: 'required removed', apply: (a) => void delete a[id] });
  return out;
}

describe('answersSchema properties', () => {
  const cases = Array.from({ length: CASES }, (_, i) => generateCase(0x5eed + i * 7919));

  it('covers practice questions', () => {
    expect(cases.filter(({ q }) => q.version !== '2026.1').length).toBeGreaterThan(CASES / 4);
  });

  it(`accepts ${CASES} generated valid answer sets and keeps exactly their visible answers`, () => {
    for (const { seed, q, answers, visible } of cases) {
      const result = answersSchema(q, 'submit', { today: TODAY }).safeParse(answers);
      expect(result.success, `seed ${seed}: ${JSON.stringify(result.error?.issues.slice(0, 2))}`).toBe(true);
      expect(result.data, `seed ${seed}`).toEqual(pruneAnswers(q, answers as Record<string, AnswerValue>));
      for (const linkId of Object.keys(result.data ?? {})) expect(visible.has(linkId), `seed ${seed}: kept hidden ${linkId}`).toBe(true);
    }
  });

  it('never requires a hidden question (removing every hidden answer changes nothing)', () => {
    for (const { seed, q, answers, visible } of cases) {
      const onlyVisible = Object.fromEntries(Object.entries(answers).filter(([linkId]) => visible.has(linkId)));
      const result = answersSchema(q, 'submit', { today: TODAY }).safeParse(onlyVisible);
      expect(result.success, `seed ${seed}`).toBe(true);
      expect(result.data, `seed ${seed}`).toEqual(pruneAnswers(q, answers as Record<string, AnswerValue>));
    }
  });

  it('refuses one invalid visible answer with an error keyed by its linkId', () => {
    let checked = 0;
    const kinds = new Set<string>();
    for (const { seed, q, answers, visible } of cases) {
      const rng = prng(seed ^ 0x9e3779b9);
      const item = rng.pick(questionsOf(q).filter((candidate) => visible.has(candidate.linkId)));
      const mutation = rng.pick(mutationsFor(item, answers[item.linkId] !== undefined));
      const mutated = { ...answers };
      mutation.apply(mutated);
      const result = answersSchema(q, 'submit', { today: TODAY }).safeParse(mutated);
      expect(result.success, `seed ${seed}: ${mutation.kind} on ${item.linkId} was accepted`).toBe(false);
      expect(errorPaths(result), `seed ${seed}: ${mutation.kind} on ${item.linkId}`).toContain(item.linkId);
      checked += 1;
      kinds.add(mutation.kind);
    }
    expect(checked).toBe(CASES);
    expect([...kinds].sort()).toEqual(['not a date', 'required removed', 'too long', 'unknown code', 'wrong type']);
  });
});
