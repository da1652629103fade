import { config } from 'zod/v4/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { forContext } from './engine';
import { baseQuestionnaire } from './questionnaires';
import { answersSchema, draftInputSchema } from './schema';

// As in the app (app/_components/zod-jitless.tsx): no `new Function`.
beforeAll(() => {
  config({ jitless: true });
});

const TODAY = '2026-11-30';
const inPerson = forContext(baseQuestionnaire('individual'), { modality: 'in_person' });
const video = forContext(baseQuestionnaire('individual'), { modality: 'video' });

/** The fewest answers that send an in-person individual intake. */
const MINIMAL = {
  'preferred-name': 'Sam',
  'birth-date': '1990-03-04',
  'contact-ok': ['email'],
  'emergency-name': 'Alex',
  'emergency-phone': '555 0100',
  'reasons-now': 'We would like to feel close again.',
  'medications-any': false,
  'consent-treatment-signature': 'Sam Example',
  'privacy-ack': 'acknowledged',
};

function errorsOf(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));
}

describe('answersSchema', () => {
  it('accepts the minimal answers on submit and returns them pruned', () => {
    const result = answersSchema(inPerson, 'submit', { today: TODAY }).safeParse({ ...MINIMAL, 'preferred-name': '  Sam  ', stray: 'x', 'contact-notes': '' });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ ...MINIMAL, 'preferred-name': 'Sam' });
  });

  it('requires visible required questions on submit only, with specific words', () => {
    expect(answersSchema(inPerson, 'draft', { today: TODAY }).safeParse({}).success).toBe(true);
    const errors = errorsOf(answersSchema(inPerson, 'submit', { today: TODAY }).safeParse({}));
    expect(errors).toMatchObject({
      'preferred-name': 'Please answer this question',
      'contact-ok': 'Please choose at least one answer',
      'medications-any': 'Please choose yes or no',
      'consent-treatment-signature': 'Please type your full name to sign',
      'privacy-ack': 'Please choose one answer',
      'birth-date': 'Please enter a date',
    });
    expect(errors).not.toHaveProperty('medications-which');
    expect(errors).not.toHaveProperty('telehealth-location');
  });

  it('requires the telehealth consent for video, and follow-ups once they show', () => {
    const errors = errorsOf(answersSchema(video, 'submit', { today: TODAY }).safeParse({ ...MINIMAL, 'medications-any': true }));
    expect(Object.keys(errors).sort()).toEqual(['medications-which', 'telehealth-location', 'telehealth-signature']);
  });

  it('type-checks visible answers even in a draft', () => {
    const errors = errorsOf(
      answersSchema(inPerson, 'draft', { today: TODAY }).safeParse({
        'phq9-1': 'LA0000-0',
        'contact-ok': ['email', 'carrier-pigeon'],
        'medications-any': 'yes',
        'birth-date': '1990-02-30',
        'preferred-name': 'x'.repeat(101),
        'reasons-now': 'y'.repeat(5001),
        'sexual-concerns': 'pain',
      }),
    );
    expect(errors).toEqual({
      'phq9-1': 'Please choose one of the answers shown',
      'contact-ok': 'Please choose from the answers shown',
      'medications-any': 'Please choose yes or no',
      'birth-date': 'Please enter a real date (year, month and day)',
      'preferred-name': 'Please keep this to 100 characters or fewer (it has 101)',
      'reasons-now': 'Please keep this to 5000 characters or fewer (it has 5001)',
      'sexual-concerns': 'Please choose from the answers shown',
    });
  });

  it('refuses a birth date in the future, accepts today', () => {
    const schema = answersSchema(inPerson, 'draft', { today: TODAY });
    expect(errorsOf(schema.safeParse({ 'birth-date': '2026-12-01' }))).toEqual({ 'birth-date': 'This date cannot be in the future' });
    expect(schema.safeParse({ 'birth-date': TODAY }).success).toBe(true);
    expect(errorsOf(schema.safeParse({ 'birth-date': '1850-01-01' }))).toEqual({ 'birth-date': 'Please check the year' });
  });

  it('neither checks nor keeps hidden answers', () => {
    const result = answersSchema(inPerson, 'submit', { today: TODAY }).safeParse({
      ...MINIMAL,
      'medications-which': { not: 'valid' },
      'auditc-1': 'never',
      'auditc-2': 'nonsense',
      'telehealth-location': 'Home',
    });
    expect(result.success).toBe(true);
    expect(result.data).not.toHaveProperty('medications-which');
    expect(result.data).not.toHaveProperty('auditc-2');
    expect(result.data).not.toHaveProperty('telehealth-location');
    expect(result.data).toHaveProperty('auditc-1', 'never');
  });

  it('checks only one step when asked', () => {
    const errors = errorsOf(answersSchema(inPerson, 'submit', { today: TODAY, section: 'about-you' }).safeParse({}));
    expect(Object.keys(errors).sort()).toEqual(['birth-date', 'preferred-name']);
  });
});

describe('draftInputSchema', () => {
  it('accepts a normal draft, reading null as unanswered', () => {
    expect(draftInputSchema.safeParse({ answers: MINIMAL, step: 3 }).data).toEqual({ answers: MINIMAL, step: 3 });
    expect(draftInputSchema.parse(JSON.parse('{"answers": {"a": null, "b": "x"}, "step": 0}'))).toEqual({ answers: { b: 'x' }, step: 0 });
  });

  it('refuses prototype keys, odd keys, oversized values and extra fields', () => {
    const bad = [
      JSON.parse('{"answers": {"__proto__": "x"}, "step": 0}'),
      { answers: { constructor: 'x' }, step: 0 },
      { answers: { 'a b': 'x' }, step: 0 },
      { answers: { ok: 'x'.repeat(5001) }, step: 0 },
      { answers: { ok: { nested: true } }, step: 0 },
      { answers: { ok: Array.from({ length: 51 }, () => 'a') }, step: 0 },
      { answers: { ok: Number.NaN }, step: 0 },
      { answers: Object.fromEntries(Array.from({ length: 401 }, (_, i) => [`k${i}`, 1])), step: 0 },
      { answers: {}, step: -1 },
      { answers: {}, step: 1.5 },
      { answers: {}, step: 0, extra: 1 },
      { answers: [], step: 0 },
    ];
    for (const input of bad) expect(draftInputSchema.safeParse(input).success, JSON.stringify(input).slice(0, 80)).toBe(false);
  });
});

describe('the total size of a draft', () => {
  it('refuses answers longer than can be saved at once, with words the page shows, and accepts them at the limit', async () => {
    const { DRAFT_LIMITS, TOO_MUCH_TEXT } = await import('./schema');
    const answers = (total: number) =>
      Object.fromEntries(Array.from({ length: Math.ceil(total / 4000) }, (_, i) => [`q${i}`, 'é'.repeat(Math.min(4000, total - i * 4000))]));
    expect(draftInputSchema.safeParse({ answers: answers(DRAFT_LIMITS.totalText), step: 0 }).success).toBe(true);
    const over = draftInputSchema.safeParse({ answers: answers(DRAFT_LIMITS.totalText + 1), step: 0 });
    expect(over.success).toBe(false);
    expect(over.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['_form', TOO_MUCH_TEXT]]);
    // What the browser would send at the limit fits the action body limit, in the worst case (3-byte characters).
    const { ACTION_BODY_LIMIT_BYTES } = await import('../http/action-request-guard');
    const body = JSON.stringify([{ answers: answers(DRAFT_LIMITS.totalText), step: 0 }]);
    expect(Buffer.byteLength(body.replaceAll('é', '€'))).toBeLessThan(ACTION_BODY_LIMIT_BYTES);
  });
});
