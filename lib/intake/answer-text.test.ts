import { describe, expect, it } from 'vitest';
import { answerText, NOT_ANSWERED } from './answer-text';
import { findItem } from './engine';
import { baseQuestionnaire } from './questionnaires';

const q = baseQuestionnaire('individual');
const item = (linkId: string) => findItem(q, linkId)!;

describe('answerText', () => {
  it('reads choices by their words', () => {
    expect(answerText(item('phq9-1'), 'LA6570-1')).toBe('More than half the days');
    expect(answerText(item('contact-avoid'), ['no-voicemail', 'no-texts'])).toBe("Please don't leave voicemails, Please don't send text messages");
    expect(answerText(item('sex-at-birth'), 'prefer-not-to-say')).toBe('Prefer not to say');
  });

  it('reads yes/no, dates, text and the unanswered', () => {
    expect(answerText(item('medications-any'), true)).toBe('Yes');
    expect(answerText(item('medications-any'), false)).toBe('No');
    expect(answerText(item('birth-date'), '1990-03-04')).toBe('March 4, 1990');
    expect(answerText(item('birth-date'), '1990-03-04', 'en-GB')).toBe('4 March 1990');
    expect(answerText(item('reasons-now'), 'We argue about sex.')).toBe('We argue about sex.');
    expect(answerText(item('reasons-now'), undefined)).toBe(NOT_ANSWERED);
    expect(answerText(item('contact-avoid'), [])).toBe(NOT_ANSWERED);
  });
});
