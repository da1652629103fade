import { spawn } from 'node:child_process';
import path from 'node:path';
import { VIDEO_LANES, expect, test as base } from './fixtures';
import { TYPES } from './pages/booking-flow';

/**
 * The demo as a newcomer runs it (`npm run demo`: a production build on the embedded database, no
 * SMTP server): a booking's messages appear on the development mailbox page. The suite's own
 * servers send to the SMTP sink, so this spec starts one more embedded-database server without
 * SMTP_URL for itself (only while it runs, beside the other tests).
 */
const DEMO_PORT = process.env.E2E_DEMO_PORT ?? '3103';
const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}`;
const PRACTICE_EMAIL = 'hello@example.com';

const test = base.extend<object, { demoServer: string }>({
  demoServer: [
    async ({}, use) => {
      // No SMTP: the development mailbox; the worker in the app process, as on any embedded database.
      const child = spawn(path.join('node_modules', '.bin', 'tsx'), ['e2e/support/serve.mts', 'pglite', DEMO_PORT, '--no-smtp'], {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      let exited = false;
      child.on('exit', () => (exited = true));
      await expect
        .poll(
          async () => {
            if (exited) throw new Error(`The demo server exited while starting:\n${stderr}`);
            return fetch(`${DEMO_URL}/api/health`).then((r) => r.ok, () => false);
          },
          { message: 'the demo server is up', timeout: 150_000, intervals: [250] },
        )
        .toBe(true);
      await use(DEMO_URL);
      const gone = new Promise((resolve) => (exited ? resolve(null) : child.once('exit', resolve)));
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    },
    { scope: 'worker', auto: true, timeout: 180_000 },
  ],
});
test.use({ baseURL: DEMO_URL });

test('a booking in the demo shows its messages on the development mailbox page', async ({ flow, privateLink, person, lane, notBefore, page }) => {
  await flow.chooseType(TYPES.individualVideo);
  const chosen = await flow.chooseTime(lane(VIDEO_LANES.smoke), notBefore);
  await flow.details.fill(person);
  const token = await flow.submitAndLand();
  const reference = ((await privateLink(token).reference.textContent()) ?? '').trim();

  await page.goto('/dev/mailbox');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Development mailbox — messages the demo would have emailed');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  const rows = page.getByRole('row');
  const toClient = rows.filter({ hasText: person.email });
  const toPractice = rows.filter({ hasText: PRACTICE_EMAIL }).filter({ hasText: reference });
  // Delivered by the in-process worker a moment after the booking: reload until both are there.
  await expect(async () => {
    await page.reload();
    await expect(toClient).toHaveCount(1, { timeout: 500 });
    await expect(toPractice).toHaveCount(1, { timeout: 500 });
  }).toPass({ timeout: 15_000, intervals: [250] });
  await expect(toClient.getByRole('link')).toHaveText(/confirmed/i);
  // Newest first.
  const times = await rows.locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
  expect(times).toEqual([...times].sort((a, b) => b - a));

  // The client's message: HTML in a sandboxed frame, the text with their private link, the invitation.
  await toClient.getByRole('link').click();
  await expect(page.getByTestId('message-to')).toHaveText(person.email);
  const frame = page.locator('iframe[title="The message as HTML"]');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('iframe[title="The message as HTML"]').locator('body')).toContainText(chosen.label);
  const text = page.getByTestId('message-text');
  await expect(text).toContainText(chosen.label);
  await expect(page.getByTestId('message-calendar')).toContainText('METHOD:REQUEST');
  // The private link in it works from here.
  await text.getByRole('link', { name: `${DEMO_URL}/m/${token}` }).click();
  await expect(page).toHaveURL(`${DEMO_URL}/m/${token}`);
  await expect(privateLink(token).reference).toHaveText(reference);
});
