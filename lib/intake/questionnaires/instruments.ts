/**
 * The screeners, as FHIR R4 questionnaire sections: PHQ-9, GAD-7, AUDIT-C, CSI-4.
 * Item wording is the instruments' own (validated wording must not be paraphrased); only the
 * introductions around them are Haven's.
 *
 * Sources and licences:
 * - PHQ-9: Kroenke K, Spitzer RL, Williams JB. The PHQ-9: validity of a brief depression severity
 *   measure. J Gen Intern Med 2001;16(9):606-13. GAD-7: Spitzer RL, Kroenke K, Williams JB, Löwe B.
 *   A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med
 *   2006;166(10):1092-7. Both © Pfizer Inc., developed with an educational grant from Pfizer:
 *   "No permission required to reproduce, translate, display or distribute" (phqscreeners.com).
 * - AUDIT-C: Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. The AUDIT alcohol consumption
 *   questions (AUDIT-C). Arch Intern Med 1998;158(16):1789-95. The AUDIT is a WHO instrument in
 *   the public domain.
 * - CSI-4: Funk JL, Rogge RD. Testing the ruler with item response theory: increasing precision of
 *   measurement for relationship satisfaction with the Couples Satisfaction Index. J Fam Psychol
 *   2007;21(4):572-83. Free for research and clinical use. It has no LOINC code: Haven codes.
 *
 * LOINC codes, checked (2026-11-30) against:
 * - loinc.org/69729-2 (PHQ-SADS panel; lists the GAD-7 items 69725-0, 68509-9, 69733-4, 69734-2,
 *   69735-9, 69689-8, 69736-7, total 70274-6, and the PHQ-9 items 44250-9 … in order);
 * - HL7 US Core (STU6.1–9) Questionnaire/QuestionnaireResponse "phq-9-example" (items 44250-9,
 *   44255-8, 44259-0, 44254-1, 44251-7, 44258-2, 44252-5, …; answers LA6568-5, LA6569-3, LA6570-1,
 *   LA6571-9) and Observation "PHQ9-panel-example-44249-1" / "PHQ9-item-example-44261-6" (total);
 * - an LHC-Forms export (lformsVersion 34.3.0, in a public repository) of 44249-1 "PHQ-9 quick
 *   depression assessment panel [Reported.PHQ]" with the same answer codes and ordinal values 0–3;
 *   a third-party LOINC code page (healthassure.in) for 44260-8 ("Thoughts
 *   that you would be better off dead, or of hurting yourself in some way in last 2 weeks");
 *   44253-3 (item 8, "Moving or speaking so slowly…") in several public FHIR PHQ-9 resources (a FSH
 *   QuestionnaireResponse example with linkId "/44253-3", a Kotlin FHIR test asserting item 8's code);
 * - GAD-7 panel 69737-5: an LHC-Forms export of 69737-5 "Generalized anxiety disorder 7 item (GAD-7)";
 * - AUDIT-C: loinc.org/75626-2 "Total score [AUDIT-C]", member of panel 72109-2 "Alcohol Use
 *   Disorder Identification Test - Consumption [AUDIT-C]"; 68519-8 and 68520-6 in US Core's
 *   QuestionnaireResponse AUDIT-C; 68518-0 ("How often do you have a drink containing alcohol") in
 *   several public FHIR/CDA code maps (not seen on loinc.org itself). The LOINC answer codes of
 *   the AUDIT-C items could not all be confirmed, so its answers use Haven codes (scored the same).
 */
import type { QuestionnaireItem } from 'fhir/r4';
import { HAVEN_ITEMS, LOINC, choice, display, group, helpItem, loincCode, safetyExtension, scoredOptions, when, type OptionSpec } from './build';

/** The PHQ-9 / GAD-7 answer scale (LOINC answer list, ordinals 0–3). */
const FREQUENCY_LAST_TWO_WEEKS: OptionSpec[] = scoredOptions([
  { system: LOINC, code: 'LA6568-5', display: 'Not at all' },
  { system: LOINC, code: 'LA6569-3', display: 'Several days' },
  { system: LOINC, code: 'LA6570-1', display: 'More than half the days' },
  { system: LOINC, code: 'LA6571-9', display: 'Nearly every day' },
]);

const PHQ9_ITEMS: ReadonlyArray<[loinc: string, text: string]> = [
  ['44250-9', 'Little interest or pleasure in doing things'],
  ['44255-8', 'Feeling down, depressed, or hopeless'],
  ['44259-0', 'Trouble falling or staying asleep, or sleeping too much'],
  ['44254-1', 'Feeling tired or having little energy'],
  ['44251-7', 'Poor appetite or overeating'],
  ['44258-2', 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down'],
  ['44252-5', 'Trouble concentrating on things, such as reading the newspaper or watching television'],
  ['44253-3', 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual'],
  ['44260-8', 'Thoughts that you would be better off dead or of hurting yourself in some way'],
];

const GAD7_ITEMS: ReadonlyArray<[loinc: string, text: string]> = [
  ['69725-0', 'Feeling nervous, anxious, or on edge'],
  ['68509-9', 'Not being able to stop or control worrying'],
  ['69733-4', 'Worrying too much about different things'],
  ['69734-2', 'Trouble relaxing'],
  ['69735-9', 'Being so restless that it is hard to sit still'],
  ['69689-8', 'Becoming easily annoyed or irritable'],
  ['69736-7', 'Feeling afraid as if something awful might happen'],
];

const ITEM9_HELP =
  'Many people have thoughts like these at hard times, and it helps your clinician to know. ' +
  'This form is not watched in real time: if you might act on these thoughts, please call or text 988 ' +
  '(US) or your local emergency number now.';

function frequencyItem(prefix: string, index: number, [code, text]: [string, string]): QuestionnaireItem {
  return choice(`${prefix}-${index + 1}`, text, FREQUENCY_LAST_TWO_WEEKS, { code: loincCode(code, text) });
}

export function phq9Section(): QuestionnaireItem {
  const items = PHQ9_ITEMS.map((entry, index) => frequencyItem('phq9', index, entry));
  return group('phq9', 'How you have been feeling', [
    display('phq9-intro', 'Over the last 2 weeks, how often have you been bothered by any of the following problems?'),
    ...items.map((item) => (item.linkId === 'phq9-9' ? withSafetyNote(item) : item)),
  ], { code: loincCode('44249-1', 'PHQ-9 quick depression assessment panel [Reported.PHQ]') });
}

/** PHQ-9 item 9 raises the self_harm flag above "Not at all" and says why it is asked. */
function withSafetyNote(item: QuestionnaireItem): QuestionnaireItem {
  return { ...item, extension: [safetyExtension('self_harm', { ordinalAbove: 0 })], item: [helpItem(item.linkId, ITEM9_HELP)] };
}

export function gad7Section(): QuestionnaireItem {
  return group('gad7', 'Worry and anxiety', [
    display('gad7-intro', 'Over the last 2 weeks, how often have you been bothered by the following problems?'),
    ...GAD7_ITEMS.map((entry, index) => frequencyItem('gad7', index, entry)),
  ], { code: loincCode('69737-5', 'Generalized anxiety disorder 7 item (GAD-7)') });
}

/** AUDIT-C answer code for "Never" on item 1: items 2 and 3 are then not asked and score 0. */
export const AUDITC_NEVER = 'never';

export function auditcSection(): QuestionnaireItem {
  const notNever = { enableWhen: [when.isNot('auditc-1', AUDITC_NEVER)] };
  return group('alcohol', 'Alcohol', [
    display('alcohol-intro', 'These three questions are asked of everyone. There are no right answers; a rough idea is fine.'),
    choice('auditc-1', 'How often do you have a drink containing alcohol?', scoredOptions([
      { code: AUDITC_NEVER, display: 'Never' },
      { code: 'monthly-or-less', display: 'Monthly or less' },
      { code: '2-4-a-month', display: '2 to 4 times a month' },
      { code: '2-3-a-week', display: '2 to 3 times a week' },
      { code: '4-plus-a-week', display: '4 or more times a week' },
    ]), { code: loincCode('68518-0', 'How often do you have a drink containing alcohol') }),
    choice('auditc-2', 'How many standard drinks containing alcohol do you have on a typical day?', scoredOptions([
      { code: '1-2', display: '1 or 2' },
      { code: '3-4', display: '3 or 4' },
      { code: '5-6', display: '5 or 6' },
      { code: '7-9', display: '7 to 9' },
      { code: '10-plus', display: '10 or more' },
    ]), {
      ...notNever,
      code: loincCode('68519-8', 'How many standard drinks containing alcohol do you have on a typical day'),
      help: 'A standard drink is a small glass of wine, a bottle or can of regular beer, or a single measure of spirits.',
    }),
    choice('auditc-3', 'How often do you have six or more drinks on one occasion?', scoredOptions([
      { code: 'never', display: 'Never' },
      { code: 'less-than-monthly', display: 'Less than monthly' },
      { code: 'monthly', display: 'Monthly' },
      { code: 'weekly', display: 'Weekly' },
      { code: 'daily', display: 'Daily or almost daily' },
    ]), { ...notNever, code: loincCode('68520-6', 'How often do you have 6 or more drinks on 1 occasion') }),
  ], { code: loincCode('72109-2', 'Alcohol Use Disorder Identification Test - Consumption [AUDIT-C]') });
}

function csiCode(n: number, text: string) {
  return [{ system: HAVEN_ITEMS, code: `csi4-${n}`, display: text }];
}

const CSI_TRUE_SCALE = scoredOptions([
  { code: 'not-at-all', display: 'Not at all' },
  { code: 'a-little', display: 'A little' },
  { code: 'somewhat', display: 'Somewhat' },
  { code: 'mostly', display: 'Mostly' },
  { code: 'almost-completely', display: 'Almost completely' },
  { code: 'completely', display: 'Completely' },
]);

/** CSI-4 (Funk & Rogge 2007): item 1 scored 0–6, items 2–4 0–5; total 0–21, below 13.5 = notable distress. */
export function csi4Items(): QuestionnaireItem {
  const happiness = 'Please indicate the degree of happiness, all things considered, of your relationship.';
  const warm = 'I have a warm and comfortable relationship with my partner.';
  const rewarding = 'How rewarding is your relationship with your partner?';
  const satisfied = 'In general, how satisfied are you with your relationship?';
  return group('csi4', 'How your relationship feels to you', [
    choice('csi4-1', happiness, scoredOptions([
      { code: 'extremely-unhappy', display: 'Extremely unhappy' },
      { code: 'fairly-unhappy', display: 'Fairly unhappy' },
      { code: 'a-little-unhappy', display: 'A little unhappy' },
      { code: 'happy', display: 'Happy' },
      { code: 'very-happy', display: 'Very happy' },
      { code: 'extremely-happy', display: 'Extremely happy' },
      { code: 'perfect', display: 'Perfect' },
    ]), { code: csiCode(1, happiness) }),
    choice('csi4-2', warm, CSI_TRUE_SCALE.map((o) => ({ ...o, display: o.code === 'not-at-all' ? 'Not at all true' : `${o.display} true` })), { code: csiCode(2, warm) }),
    choice('csi4-3', rewarding, CSI_TRUE_SCALE, { code: csiCode(3, rewarding) }),
    choice('csi4-4', satisfied, CSI_TRUE_SCALE, { code: csiCode(4, satisfied) }),
  ], { code: [{ system: HAVEN_ITEMS, code: 'csi4', display: 'Couples Satisfaction Index, 4 items (Funk & Rogge 2007)' }] });
}
