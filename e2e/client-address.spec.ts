import crypto from 'node:crypto';
import { signInOverHttp } from './support/http-sign-in';
import { expect, test } from './support/staff-fixture';

/**
 * Per-address limits take the client from the trusted proxy hops (lib/abuse/client-address.ts).
 * The e2e servers run with HAVEN_TRUSTED_PROXY_HOPS=1: the test plays the one proxy in front, so
 * the last X-Forwarded-For entry it sends is "what the proxy saw"; anything before it is what a
 * client wrote, and must not buy a fresh allowance. 30 sign-in attempts per address per 15 minutes
 * (lib/abuse/rate-limit.ts). Booking reads the address through the same function
 * (requestClientAddress); since 5f79c0c its limit counts only attempts on an open time, inside the
 * booking transaction, so an over-the-wire check needs eleven real bookings — not here yet.
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
