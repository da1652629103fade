import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { clinicians, practices } from '../db/schema';
import { builtServerActions } from './support/app-inventory';
import { signInOverHttp } from './support/http-sign-in';
import { expect, test } from './support/staff-fixture';

/**
 * Per-address limits take the client from the trusted proxy hops (lib/abuse/client-address.ts).
 * The e2e servers run with HAVEN_TRUSTED_PROXY_HOPS=1: the test plays the one proxy in front, so
 * the last X-Forwarded-For entry it sends is "what the proxy saw"; anything before it is what a
 * client wrote, and must not buy a fresh allowance. 30 sign-in attempts per address per 15 minutes,
 * 10 booking attempts per address per hour (lib/abuse/rate-limit.ts).
 */
test.describe.configure({ mode: 'parallel' });

const randomIp = () => `203.0.${crypto.randomInt(256)}.${crypto.randomInt(256)}`;
const unknownEmail = () => `nobody.${crypto.randomBytes(5).toString('hex')}@e2e.test`;

test('sign-in: a rotating client-written X-Forwarded-For does not escape the per-address limit', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const seenByProxy = randomIp();
  const answers: (string | null)[] = [];
  for (let i = 0; i < 31; i++) {
    answers.push(await signInOverHttp(request, { email: unknownEmail(), password: 'wrong' }, { 'X-Forwarded-For': `198.51.100.${i}, ${seenByProxy}` }));
  }
  expect(answers.slice(0, 30).every((a) => a === 'invalid')).toBe(true);
  expect(answers[30]).toMatch(/^rate_limited:\d+$/);
  // Another address is unaffected.
  expect(await signInOverHttp(request, { email: unknownEmail(), password: 'wrong' }, { 'X-Forwarded-For': randomIp() })).toBe('invalid');
  await request.dispose();
});

test('sign-in: garbage in X-Forwarded-For falls into one shared, limited bucket — not into no limit', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const answers: (string | null)[] = [];
  // What the one trusted proxy "saw" is not an address: a fresh piece of garbage every time, with
  // a real-looking address written before it. (The berlin project runs this too, into the same
  // shared bucket: count refusals, not the exact attempt that is refused.)
  for (let i = 0; i < 31; i++) {
    const header = i === 0 ? 'unknown' : `10.0.0.3, not-an-address-${i}`;
    answers.push(await signInOverHttp(request, { email: unknownEmail(), password: 'wrong' }, { 'X-Forwarded-For': header }));
  }
  expect(answers.filter((a) => a?.startsWith('rate_limited')).length).toBeGreaterThan(0);
  expect(answers[30]).toMatch(/^rate_limited:\d+$/);
  await request.dispose();
});

test('booking: a rotating client-written X-Forwarded-For does not escape the per-address limit', async ({ playwright, baseURL, staffDb }) => {
  const action = builtServerActions().find((a) => a.key === 'app/(public)/book/[type]/details/actions.ts#bookConsultationAction');
  expect(action).toBeDefined();
  const [clinician] = await staffDb.db
    .select({ id: clinicians.id })
    .from(clinicians)
    .innerJoin(practices, eq(practices.id, clinicians.practiceId))
    .where(eq(practices.slug, 'demo'));
  expect(clinician).toBeDefined();
  const request = await playwright.request.newContext({ baseURL });
  const seenByProxy = randomIp();
  const codes: string[] = [];
  for (let i = 0; i < 11; i++) {
    const id = crypto.randomBytes(4).toString('hex');
    // A well-formed booking at a time that is never open (03:07 UTC, a minute no slot starts on):
    // each attempt is counted, then told the time is taken. A new email each time (5 per email).
    const input = {
      typeSlug: 'individual-video',
      startsAt: '2027-03-03T03:07:00.000Z',
      clinicianId: clinician!.id,
      clientTimeZone: 'America/New_York',
      idempotencyKey: crypto.randomUUID(),
      name: `Rate Test ${id}`,
      email: `rate.${id}@example.com`,
      phone: '(917) 555-0142',
      preferredChannel: 'email',
      okToLeaveVoicemail: false,
      okToText: false,
      okToEmail: true,
      consent: true,
    };
    const response = await request.post('/book/individual-video/details', {
      headers: {
        'Next-Action': action!.id,
        Accept: 'text/x-component',
        Origin: baseURL!,
        'Content-Type': 'text/plain;charset=UTF-8',
        'X-Forwarded-For': `198.51.100.${i}, ${seenByProxy}`,
      },
      data: JSON.stringify([input, { couple: false }]),
      maxRedirects: 0,
    });
    const body = await response.text();
    codes.push(/"code":"(\w+)"/.exec(body)?.[1] ?? `status ${response.status()}`);
  }
  expect(codes.slice(0, 10).includes('rate_limited')).toBe(false);
  expect(codes[10]).toBe('rate_limited');
  await request.dispose();
});
