/**
 * Haven's own sections of the intake (the screeners are in instruments.ts), written for a practice
 * that sees individuals and couples about intimacy and sexual concerns. Plain, warm words; only
 * what the clinician needs before the first meeting is required.
 */
import type { QuestionnaireItem } from 'fhir/r4';
import type { IntakeForm } from '../types';
import { choice, dateItem, display, group, longText, notInFuture, onlyForVideo, optionalSection, safetyExtension, shortText, signature, when, yesNo, type OptionSpec } from './build';

const YES_NO: OptionSpec[] = [
  { code: 'yes', display: 'Yes' },
  { code: 'no', display: 'No' },
];

export function aboutYouSection(): QuestionnaireItem {
  return group('about-you', 'About you', [
    display('about-you-intro', 'Take your time. Your answers go only to your clinician, and you can save and come back at any point.'),
    shortText('preferred-name', 'What would you like us to call you?', { required: true, maxLength: 100 }),
    shortText('pronouns', 'Your pronouns', { maxLength: 50, help: 'For example she/her, he/him, they/them. Leave it empty if you prefer.' }),
    dateItem('birth-date', 'Date of birth', { required: true, extension: [notInFuture] }),
    choice('sex-at-birth', 'Sex assigned at birth', [
      { code: 'female', display: 'Female' },
      { code: 'male', display: 'Male' },
      { code: 'intersex', display: 'Intersex' },
      { code: 'prefer-not-to-say', display: 'Prefer not to say' },
    ], { help: 'Asked only because one of the alcohol questions is scored differently by sex assigned at birth. "Prefer not to say" is fine.' }),
    shortText('gender', 'Your gender, in your own words', { maxLength: 100, help: 'Optional.' }),
  ]);
}

export function contactSection(): QuestionnaireItem {
  return group('contact', 'Staying in touch safely', [
    display('contact-intro', 'Some people share a phone, an inbox or a home. Tell us how we can reach you safely, and what we should never do.'),
    shortText('contact-phone', 'A phone number we may use', { maxLength: 40 }),
    choice('contact-ok', 'How may we contact you?', [
      { code: 'email', display: 'Email' },
      { code: 'phone-call', display: 'Phone call' },
      { code: 'text', display: 'Text message' },
    ], { repeats: true, required: true }),
    choice('contact-avoid', 'Is there anything we should NOT do?', [
      { code: 'no-voicemail', display: "Please don't leave voicemails" },
      { code: 'no-texts', display: "Please don't send text messages" },
      { code: 'no-practice-name', display: "Please don't say the practice's name if someone else answers" },
      { code: 'no-calls', display: "Please don't call me" },
    ], { repeats: true }),
    longText('contact-notes', 'Anything else about contacting you safely?'),
    group('emergency', 'Emergency contact', [
      display('emergency-intro', 'Someone we may call only if we are seriously worried about your safety.'),
      shortText('emergency-name', 'Their name', { required: true, maxLength: 150 }),
      shortText('emergency-relationship', 'How they know you', { maxLength: 100, help: 'For example friend, sister, partner.' }),
      shortText('emergency-phone', 'Their phone number', { required: true, maxLength: 40 }),
    ]),
  ]);
}

export function reasonsSection(): QuestionnaireItem {
  return group('reasons', 'What brings you here', [
    longText('reasons-now', 'What brings you here now?', { required: true }),
    longText('reasons-goals', 'What would you like to be different after our work together?'),
    yesNo('prior-therapy', 'Have you seen a therapist or counsellor before?'),
    longText('prior-therapy-details', 'What was helpful, and what was not?', {
      enableWhen: [when.yes('prior-therapy')],
    }),
  ]);
}

function relationshipStatus(): QuestionnaireItem {
  return choice('relationship-status', 'Your relationship status', [
    { code: 'single', display: 'Single' },
    { code: 'dating', display: 'Dating' },
    { code: 'in-a-relationship', display: 'In a relationship' },
    { code: 'married', display: 'Married or in a civil partnership' },
    { code: 'more-than-one', display: 'In more than one relationship' },
    { code: 'separated', display: 'Separated or divorced' },
    { code: 'widowed', display: 'Widowed' },
    { code: 'other', display: 'Something else' },
  ]);
}

export function relationshipSection(form: IntakeForm): QuestionnaireItem {
  if (form === 'individual') {
    return group('relationship', 'Relationships', [
      relationshipStatus(),
      longText('relationship-history', 'Anything about your relationships, past or present, you would like us to know?'),
    ], { extension: [optionalSection] });
  }
  return group('relationship', 'Your relationship', [
    display('relationship-intro', 'Your partner answers their own questions on their own link. Neither of you sees the other\u2019s answers.'),
    relationshipStatus(),
    choice('together-length', 'How long have you been together?', [
      { code: 'under-1-year', display: 'Less than a year' },
      { code: '1-3-years', display: '1 to 3 years' },
      { code: '3-10-years', display: '3 to 10 years' },
      { code: '10-20-years', display: '10 to 20 years' },
      { code: 'over-20-years', display: 'More than 20 years' },
    ], { required: true }),
    yesNo('living-together', 'Do you live together?'),
    longText('relationship-history', 'How did your relationship begin, and what have been its important moments?'),
  ]);
}

export function coupleSection(csi4: QuestionnaireItem): QuestionnaireItem {
  return group('couple', 'You as a couple', [
    longText('couple-hopes', 'What do you hope will change between you?', { required: true }),
    longText('couple-strengths', 'What works well between you? What are your strengths as a couple?'),
    csi4,
    choice('sex-choice', 'When you have sex together, does it feel freely chosen, or more like a duty?', [
      { code: 'freely-chosen', display: 'Freely chosen' },
      { code: 'mostly-chosen', display: 'Mostly freely chosen' },
      { code: 'sometimes-duty', display: 'Sometimes like a duty' },
      { code: 'mostly-duty', display: 'Mostly like a duty' },
      { code: 'not-having-sex', display: "We aren't having sex at the moment" },
    ], { help: 'There is no right answer. You can skip this.' }),
    group('partner-safety-group', 'Your safety', [
      choice('partner-safety', 'Do you ever feel afraid of your partner?', YES_NO, {
        extension: [safetyExtension('partner_fear', { code: 'yes' })],
        help: 'We ask each partner this alone. Only your clinician sees your answer; your partner never sees it, or whether you answered.',
      }),
    ]),
  ]);
}

export function sexualHealthSection(): QuestionnaireItem {
  return group('sexual-health', 'Sexual health and intimacy', [
    display(
      'sexual-health-intro',
      'Many people come to us because of something about sex or intimacy. These questions help your clinician understand ' +
        'before you meet, so you don\u2019t have to find the words in the room. Every question here is optional: skip anything you like.',
    ),
    choice('sexual-concerns', 'Is anything about sex or intimacy on your mind?', [
      { code: 'desire-low', display: 'Low or no desire' },
      { code: 'desire-difference', display: 'Different levels of desire with a partner' },
      { code: 'arousal', display: 'Difficulty becoming aroused' },
      { code: 'erection', display: 'Erections' },
      { code: 'orgasm', display: 'Orgasm (difficult, absent, or too soon)' },
      { code: 'pain', display: 'Pain during sex' },
      { code: 'disconnection', display: 'Feeling disconnected or avoiding intimacy' },
      { code: 'past-experiences', display: 'Past experiences that make sex hard' },
      { code: 'identity', display: 'Questions about sexuality or identity' },
      { code: 'other', display: 'Something else' },
    ], {
      repeats: true,
      help: 'Knowing what is on your mind lets your clinician prepare, so you don\u2019t have to start from the beginning. Choose any that fit, or none.',
    }),
    longText('sexual-concerns-details', 'Would you like to say more?', {
      help: 'Only if you want to. Your own words help your clinician understand what matters most to you.',
    }),
    choice('sexual-concerns-duration', 'How long has this been a concern?', [
      { code: 'under-6-months', display: 'Less than 6 months' },
      { code: '6-24-months', display: '6 months to 2 years' },
      { code: 'over-2-years', display: 'More than 2 years' },
      { code: 'always', display: 'As long as I can remember' },
    ], {
      enableWhen: [when.answered('sexual-concerns')],
      help: 'Something new and something long-standing are often approached differently.',
    }),
    choice('unwanted-experiences', 'Have you had sexual experiences that were unwanted or that you did not agree to?', [
      ...YES_NO,
      { code: 'prefer-not-to-say', display: 'I would rather not say' },
    ], { help: 'Asked because such experiences can shape how sex feels now. You don\u2019t need to give details, here or ever.' }),
    longText('sexual-health-medical', 'Anything about your body or sexual health your clinician should know?', {
      help: 'Health, hormones and medicines can affect desire and sex. For example a condition, surgery, menopause, contraception or a medication.',
    }),
  ], { extension: [optionalSection] });
}

export function healthSection(): QuestionnaireItem {
  return group('health', 'Your health', [
    longText('health-conditions', 'Any medical or mental health conditions we should know about?'),
    yesNo('medications-any', 'Do you take any medications?', { required: true }),
    longText('medications-which', 'Which medications, and for what?', {
      required: true,
      enableWhen: [when.yes('medications-any')],
    }),
    choice('substances', 'Do you use any of these?', [
      { code: 'none', display: 'None of these' },
      { code: 'tobacco', display: 'Tobacco or nicotine' },
      { code: 'cannabis', display: 'Cannabis' },
      { code: 'prescription-misuse', display: 'Prescription medicines not as prescribed' },
      { code: 'other-drugs', display: 'Other drugs' },
    ], { repeats: true }),
    longText('substances-details', 'How often, and how much?', {
      enableWhen: [when.answered('substances'), when.isNot('substances', 'none')],
      enableBehavior: 'all',
    }),
  ]);
}

export function consentSection(form: IntakeForm): QuestionnaireItem {
  const items: QuestionnaireItem[] = [
    display(
      'consent-treatment-text',
      'Therapy is voluntary: you may stop at any time. What you share is confidential, except where the law requires us to act ' +
        '\u2014 for example if someone is at serious risk of harm. Your clinician will talk this through with you at the first meeting.',
    ),
    signature('consent-treatment-signature', 'To agree to treatment, type your full name'),
    group('telehealth', 'Meeting by video', [
      display('telehealth-text', 'Video sessions are private and not recorded. If the connection fails, your clinician will call you on the number you gave.'),
      shortText('telehealth-location', 'Where will you be during sessions?', {
        required: true,
        maxLength: 300,
        help: 'A city or town is enough. We ask so that we know where to send help in an emergency, and which laws apply.',
      }),
      signature('telehealth-signature', 'To agree to meeting by video, type your full name'),
    ], { extension: [onlyForVideo] }),
    choice('privacy-ack', 'Privacy notice', [{ code: 'acknowledged', display: 'I have read the practice\u2019s privacy notice' }], { required: true }),
  ];
  if (form === 'couples') items.push(...noSecretsPolicy());
  return group('consent', 'Consent', items);
}

function noSecretsPolicy(): QuestionnaireItem[] {
  return [
    display(
      'no-secrets-text',
      'Our couples policy: in couples therapy, the couple is the client. If you tell your clinician something privately that ' +
        'matters to the work together, they will help you find a way to share it with your partner rather than keep it a secret ' +
        'between the two of you. Your answer to the safety question is the exception: it is never shared.',
    ),
    signature('no-secrets-signature', 'To agree to the couples policy, type your full name'),
  ];
}
