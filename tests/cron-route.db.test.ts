import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { messages } from '../db/schema';
import { GET, POST } from '../app/api/cron/route';
import { bookConsultation } from '../lib/bookings/commands';
import { resetEnvForTests } from '../lib/env';
import { workDueJobs } from '../lib/messaging/worker';
import { ADDRESS_CHAIN_HEADER } from '../lib/abuse/client-address';
import { bookingInput, type TestPractice, withTestPractice } from './support/practice-fixture';

/*
 * The cron route (a serverless scheduler's worker) on each driver, called as Next.js calls it:
 * hidden without a secret, 401 for a wrong one (429 after ten from one address), 405 for GET; with
 * the secret it delivers what is due (to the development mailbox), runs housekeeping once an
 * hour, and answers counts only.
 */

const NOW = new Date('2026-12-01T14:00:00Z');
const SECRET = 'cron-secret-for-tests-' + 'x'.repeat(24);

let handle: DatabaseHandle;
let fx: TestPractice;
withTestPractice((h, practice) => {
  handle = h;
  fx = practice;
});

function useSecret(value: string | undefined): void {
  if (value === undefined) delete process.env.HAVEN_CRON_SECRET;
  else process.env.HAVEN_CRON_SECRET = value;
  resetEnvForTests();
}
afterEach(() => useSecret(undefined));

// A fresh address per call site: rate-limit counters are shared by every test file on a server database.
const address = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
function call(authorization: string | null, from: string): Promise<Response> {
  const headers: Record<string, string> = { [ADDRESS_CHAIN_HEADER]: from };
  if (authorization !== null) headers.authorization = authorization;
  return POST(new Request('http://localhost/api/cron', { method: 'POST', headers }));
}

describe(`the cron route on ${process.env.TEST_DB_DRIVER ?? 'pglite'}`, () => {
  it('is not there without a secret, refuses a wrong one plainly, and only POST', async () => {
    useSecret(undefined);
    expect((await call(`Bearer ${SECRET}`, address())).status).toBe(404);

    useSecret(SECRET);
    const from = address();
    for (const authorization of [null, '', 'Bearer', `Bearer ${SECRET}x`, `Bearer ${SECRET.slice(0, -1)}`, `Basic ${SECRET}`, SECRET]) {
      const refused = await call(authorization, from);
      expect(refused.status, String(authorization)).toBe(401);
      expect(await refused.text()).toBe('');
    }
    expect(GET().status).toBe(405);
    expect(GET().headers.get('allow')).toBe('POST');
  });

  it('slows a guesser: the eleventh wrong secret from one address is 429, and the right one still works', async () => {
    useSecret(SECRET);
    const from = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    for (let i = 0; i < 10; i++) expect((await call('Bearer wrong', from)).status).toBe(401);
    const limited = await call('Bearer wrong', from);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const allowed = await call(`Bearer ${SECRET}`, from);
    expect(allowed.status).toBe(200);
    // The file's first call with the secret: this hour's housekeeping runs in it.
    expect(((await allowed.json()) as { housekept: boolean }).housekept).toBe(true);
  });

  it('with the secret: delivers what is due, housekeeps once an hour, answers counts only', async () => {
    useSecret(SECRET);
    const booked = await bookConsultation({
      input: bookingInput({ typeSlug: 'solo-video', startsAt: '2026-12-04T15:00:00.000Z', clinicianId: fx.clinician.id }),
      requester: { ip: '192.0.2.60' },
      practiceSlug: fx.practice.slug,
      now: NOW,
    });
    expect(booked.ok).toBe(true);
    if (!booked.ok) return;

    const first = await call(`Bearer ${SECRET}`, address());
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const body = (await first.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['budgetSpent', 'delivered', 'failed', 'housekept', 'ms']);
    expect(body.delivered).toBeGreaterThanOrEqual(2);
    expect(body.budgetSpent).toBe(false);

    const rows = await handle.db.select({ kind: messages.kind, state: messages.state }).from(messages).where(eq(messages.bookingId, booked.bookingId));
    expect(rows.map((r) => `${r.kind}:${r.state}`).sort()).toEqual(['booking_confirmed:sent', 'practice_new_booking:sent', 'reminder:queued']);

    // Housekeeping ran in this hour already (in the call before): not again.
    const second = (await (await call(`Bearer ${SECRET}`, address())).json()) as { housekept: boolean; delivered: number };
    expect(second.housekept).toBe(false);
  });

  it('stops on its budget and says so', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await bookConsultation({
        input: bookingInput({ typeSlug: 'solo-video', startsAt: `2026-12-0${7 + i}T15:00:00.000Z`, clinicianId: fx.clinician.id }),
        requester: { ip: '192.0.2.61' },
        practiceSlug: fx.practice.slug,
        now: NOW,
      });
      expect(r.ok).toBe(true);
    }
    const summary = await workDueJobs(handle, { ms: 20_000, jobs: 1 });
    expect(summary.delivered + summary.failed).toBe(1);
    expect(summary.budgetSpent).toBe(true);
    const rest = await workDueJobs(handle, { ms: 20_000, jobs: 100 });
    expect(rest.budgetSpent).toBe(false);
    const left = await handle.db.select({ state: messages.state }).from(messages).where(eq(messages.practiceId, fx.practice.id));
    expect(left.filter((m) => m.state !== 'sent' && m.state !== 'queued')).toEqual([]);
    // Everything due went out; what is left waits for its time (the reminders).
    const queued = await handle.db
      .select({ kind: messages.kind })
      .from(messages)
      .where(and(eq(messages.practiceId, fx.practice.id), eq(messages.state, 'queued')));
    expect(queued.filter((m) => m.kind !== 'reminder' && m.kind !== 'intake_reminder')).toEqual([]);
  });
});
