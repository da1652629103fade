import type { MessageKind } from '../kinds';
import type { TemplateContext } from './context';
import type { Block, Fact } from './document';

/**
 * What each client message says: one function per kind, written for someone who may be anxious
 * or embarrassed and is reading on a phone. Short, warm, plain.
 *
 * Discretion rules these functions keep (render.test.ts checks them):
 * - The subject and the first lines (heading, greeting, first paragraph: what a lock screen or an
 *   inbox preview shows) hold only the practice's word, a date and time, and the recipient's own
 *   or their partner's first name. The clinician's name comes later, in the details.
 * - No reason, note, decline text, type name or intake content: the view holds none of them.
 * - A person's message carries only their own private link.
 */
export type Draft = { subject: string; heading: string; blocks: Block[] };

export type ClientKind = Exclude<MessageKind, `practice_${string}`>;

export const CLIENT_MESSAGES: Record<ClientKind, (ctx: TemplateContext) => Draft> = {
  booking_confirmed: (ctx) => ({
    subject: `${ctx.word} confirmed: ${ctx.when.short}`,
    heading: `Your ${ctx.lower} is confirmed`,
    blocks: [
      greeting(ctx),
      p(`Thank you for booking. Your ${ctx.lower} is confirmed, and the details are below.`),
      details(ctx),
      ...nextSteps(),
      ...intakeLine(ctx),
      ...privateLink(ctx, `See or change your ${ctx.lower}`),
      closing(ctx),
    ],
  }),

  request_received: (ctx) => ({
    subject: `${ctx.word} request received: ${ctx.when.short}`,
    heading: 'We received your request',
    blocks: [
      greeting(ctx),
      p(`Thank you for reaching out. Your request has reached the practice, and the time is held for you while they look at it. You will get another email as soon as they answer.`),
      details(ctx, 'Requested time'),
      p('Your private page shows where your request stands. If your plans change, you can cancel the request there.'),
      ...privateLink(ctx, 'See your request'),
      closing(ctx),
    ],
  }),

  request_approved: (ctx) => ({
    subject: `${ctx.word} confirmed: ${ctx.when.short}`,
    heading: `Your ${ctx.lower} is confirmed`,
    blocks: [
      greeting(ctx),
      p(`Good news: the practice has confirmed the time you asked for. The details are below.`),
      details(ctx),
      ...nextSteps(),
      ...intakeLine(ctx),
      ...privateLink(ctx, `See or change your ${ctx.lower}`),
      closing(ctx),
    ],
  }),

  request_declined: (ctx) => ({
    subject: `About your ${ctx.lower} request`,
    heading: `About your ${ctx.lower} request`,
    blocks: [
      greeting(ctx),
      p(`We're sorry: the time you asked for, ${ctx.when.sentence}, could not be confirmed.`),
      p(`${ctx.clinician || 'The practice'} left a message for you. You can read it on your private page.`),
      ...privateLink(ctx, 'Read the message on your private page'),
      p(`If you would like to find another time, the practice will be glad to help: ${callThePractice(ctx)}.`),
    ],
  }),

  booking_rescheduled: (ctx) => ({
    subject: `${ctx.word} moved: ${ctx.when.short}`,
    heading: `Your ${ctx.lower} has a new time`,
    blocks: [
      greeting(ctx),
      p(
        byWhom(ctx, {
          you: `You moved your ${ctx.lower} to a new time. This email confirms it.`,
          practice: `The practice moved your ${ctx.lower} to a new time.`,
          other: (name) => `${name} moved your ${ctx.lower} to a new time.`,
          nobody: `Your ${ctx.lower} has a new time.`,
        }) + ' The earlier time no longer applies.',
      ),
      details(ctx, 'New time'),
      ...nextSteps(),
      ...intakeLine(ctx),
      ...privateLink(ctx, `See or change your ${ctx.lower}`),
      closing(ctx),
    ],
  }),

  booking_cancelled: (ctx) => ({
    subject: `${ctx.word} cancelled: ${ctx.when.short}`,
    heading: `Your ${ctx.lower} is cancelled`,
    blocks: [
      greeting(ctx),
      p(
        byWhom(ctx, {
          you: `You cancelled your ${ctx.lower} on ${ctx.when.sentence}. This email confirms it.`,
          practice: `The practice cancelled your ${ctx.lower} on ${ctx.when.sentence}.`,
          other: (name) => `${name} cancelled your ${ctx.lower} on ${ctx.when.sentence}.`,
          nobody: `Your ${ctx.lower} on ${ctx.when.sentence} is cancelled.`,
        }),
      ),
      ...(ctx.view.hasMessageOnPage ? [p('There is a message for you from the practice. You can read it on your private page.')] : []),
      ...privateLink(ctx, ctx.view.hasMessageOnPage ? 'Read the message on your private page' : 'Open your private page'),
      p(`If you would like another time, the practice will be glad to help: ${callThePractice(ctx)}.`),
    ],
  }),

  link_issued: (ctx) => ({
    subject: 'Your new private link',
    heading: 'Your new private link',
    blocks: [
      greeting(ctx),
      p(`The practice made a new private link for your ${ctx.lower} on ${ctx.when.sentence}. Any link you had before no longer works.`),
      p(`Use this link from now on to see, change or cancel your ${ctx.lower}.`),
      ...privateLink(ctx, 'Open your private page'),
      p(`If you did not expect this email, please ${callThePractice(ctx)}.`),
    ],
  }),

  intake_code: (ctx) => ({
    subject: ctx.view.intakeCode ? `Your code: ${ctx.view.intakeCode}` : 'Your code',
    heading: 'Your code',
    blocks: [
      greeting(ctx),
      p(`Your code is ${ctx.view.intakeCode ?? '(no longer valid)'}. Type it on your private page to continue. It works for 10 minutes.`),
      p(`If you did not ask for a code, you can ignore this email; nothing has been opened. If it keeps happening, please ${callThePractice(ctx)}.`),
      ...privateLink(ctx, 'Open your private page'),
    ],
  }),

  intake_reminder: (ctx) => ({
    subject: `Before your ${ctx.lower}: ${ctx.when.short}`,
    heading: `Before your ${ctx.lower}`,
    blocks: [
      greeting(ctx),
      p(`Your ${ctx.lower} is on ${ctx.when.sentence}. Before you meet, the practice asks you to answer a few questions on your private page. Whatever you have already answered is saved there.`),
      ...privateLink(ctx, 'Continue on your private page'),
      closing(ctx),
    ],
  }),

  reminder: (ctx) => ({
    subject: `${ctx.word} reminder: ${ctx.when.short}`,
    heading: `A reminder of your ${ctx.lower}`,
    blocks: [
      greeting(ctx),
      p(`This is a friendly reminder of your upcoming ${ctx.lower}. The details are below.`),
      details(ctx),
      ...(ctx.view.modality === 'video'
        ? [p('Opening your private page a few minutes early gives you time to check your camera and sound.')]
        : ctx.view.modality === 'phone'
          ? [p('Please keep your phone nearby at that time.')]
          : []),
      p(`Need to change or cancel? Your private page shows whether that can still be done there; otherwise please ${callThePractice(ctx)}.`),
      ...privateLink(ctx, `See or change your ${ctx.lower}`),
    ],
  }),
};

function p(text: string): Block {
  return { type: 'paragraph', text };
}

function greeting(ctx: TemplateContext): Block {
  return p(ctx.recipientName ? `Hello ${ctx.recipientName},` : 'Hello,');
}

/** When, where or how, with whom, and (a couple) who comes. */
function details(ctx: TemplateContext, whenLabel = 'When'): Block {
  const facts: Fact[] = [{ label: whenLabel, lines: [ctx.when.date, ctx.when.rangeWithZone] }];
  switch (ctx.view.modality) {
    case 'in_person':
      facts.push({ label: 'Where', lines: ctx.practiceAddress.length ? ctx.practiceAddress : ["At the practice's office"] });
      break;
    case 'video':
      facts.push({ label: 'How', lines: ['By video. The link to join will be on your private page from 24 hours before.'] });
      break;
    case 'phone':
      facts.push({ label: 'How', lines: ['By phone. The practice will call you at the number you gave.'] });
      break;
  }
  if (ctx.clinician) facts.push({ label: 'With', lines: [ctx.clinician] });
  if (ctx.otherName) facts.push({ label: 'Who', lines: [`You and ${ctx.otherName}`] });
  return { type: 'facts', facts };
}

/** One line when the person has questions to answer before they meet (never what they answered). */
function intakeLine(ctx: TemplateContext): Block[] {
  return ctx.view.asksForIntake ? [p("Before you meet, please answer the practice's questions on your private page.")] : [];
}

function nextSteps(): Block[] {
  return [
    p('On your private page you can see these details, add them to your calendar, and reschedule or cancel. The page also says until when changes can be made online. You do not need to reply to this email.'),
  ];
}

/** The recipient's own link with the warning that goes with it, or what to do without one. */
function privateLink(ctx: TemplateContext, label: string): Block[] {
  if (!ctx.view.link) {
    return [p(`Please use the private link you were given when you booked, or ${callThePractice(ctx)}.`)];
  }
  const yours = ctx.otherName ? ` This link is yours alone; ${ctx.otherName} has their own.` : '';
  return [
    { type: 'action', label, href: ctx.view.link },
    { type: 'small', text: `Keep this link private: anyone who has it can see and change your ${ctx.lower}.${yours}` },
  ];
}

function closing(ctx: TemplateContext): Block {
  return p(`If you have a question, or anything is unclear, you are welcome to ${callThePractice(ctx)}.`);
}

function callThePractice(ctx: TemplateContext): string {
  return ctx.practicePhone ? `call the practice at ${ctx.practicePhone}` : 'contact the practice';
}

/** Words for who made the change this message reports. */
function byWhom(
  ctx: TemplateContext,
  words: { you: string; practice: string; other: (name: string) => string; nobody: string },
): string {
  const by = ctx.view.changedBy;
  if (by === 'staff') return words.practice;
  if (by !== null && by === ctx.view.recipient) return words.you;
  if ((by === 'primary' || by === 'partner') && ctx.otherName) return words.other(ctx.otherName);
  return words.nobody;
}
