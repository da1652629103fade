import { describe, expect, it } from 'vitest';
import { baseQuestionnaire } from './questionnaires';
import { safetyExtension } from './questionnaires/build';
import { safetyFlagsOf, safetyRulesOf } from './safety';
import type { Questionnaire } from './types';

const individual = baseQuestionnaire('individual');
const couples = baseQuestionnaire('couples');

describe('safetyFlagsOf', () => {
  it('reads its rules from the questionnaire', () => {
    expect(safetyRulesOf(individual)).toEqual([{ linkId: 'phq9-9', flag: 'self_harm', ordinalAbove: 0 }]);
    expect(safetyRulesOf(couples)).toEqual([
      { linkId: 'partner-safety', flag: 'partner_fear', code: 'yes' },
      { linkId: 'phq9-9', flag: 'self_harm', ordinalAbove: 0 },
    ]);
  });

  it('raises self_harm when PHQ-9 item 9 is above "Not at all"', () => {
    expect(safetyFlagsOf(individual, {})).toEqual([]);
    expect(safetyFlagsOf(individual, { 'phq9-9': 'LA6568-5' })).toEqual([]);
    for (const code of ['LA6569-3', 'LA6570-1', 'LA6571-9']) expect(safetyFlagsOf(individual, { 'phq9-9': code })).toEqual(['self_harm']);
    expect(safetyFlagsOf(individual, { 'phq9-8': 'LA6571-9' })).toEqual([]);
  });

  it('raises partner_fear on "yes" to the private safety question, couples only', () => {
    expect(safetyFlagsOf(couples, { 'partner-safety': 'yes' })).toEqual(['partner_fear']);
    expect(safetyFlagsOf(couples, { 'partner-safety': 'no' })).toEqual([]);
    expect(safetyFlagsOf(individual, { 'partner-safety': 'yes' })).toEqual([]);
    expect(safetyFlagsOf(couples, { 'partner-safety': 'yes', 'phq9-9': 'LA6569-3' })).toEqual(['self_harm', 'partner_fear']);
  });

  it('ignores the answer of a hidden question', () => {
    const q: Questionnaire = {
      resourceType: 'Questionnaire',
      status: 'active',
      item: [
        {
          linkId: 's',
          type: 'group',
          item: [
            { linkId: 'gate', type: 'boolean' },
            {
              linkId: 'afraid',
              type: 'boolean',
              enableWhen: [{ question: 'gate', operator: '=', answerBoolean: true }],
              extension: [safetyExtension('partner_fear', { code: 'yes' })],
            },
          ],
        },
      ],
    };
    expect(safetyFlagsOf(q, { gate: true, afraid: true })).toEqual(['partner_fear']);
    expect(safetyFlagsOf(q, { gate: false, afraid: true })).toEqual([]);
  });
});
