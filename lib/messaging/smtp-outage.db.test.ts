import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { messages } from '../../db/schema';
import { startSmtpSink, type SmtpSink } from '../../tests/support/smtp-sink';
import { TEST_DATA_KEYS, testDriver } from '../../tests/support/test-env';
import { bookingInput, type TestPractice, withTestPractice } from '../../tests/support/practice-fixture';
import { bookConsultation } from '../bookings/commands';
import { env, resetEnvForTests } from '../env';
import { closeTransports } from './transport';
import { startWorker, type Worker } from './worker';
import { waitFor } from '../../tests/support/db-helpers';

/*
 * The mail server is down for a while: every message is retried with backoff and delivered once
 * it is back — none lost, none sent twice — with a real SMTP server (tests/support/smtp-sink.ts)
 * that first refuses connections, then answers 451 after each message, then accepts.
 *
 * - PostgreSQL: two `npm run worker` processes (scripts/worker.ts) at once, each with its own pool.
 * - Neon driver: two workers in this process on two database handles (two pools).
 * - PGlite: the app's own in-process worker (one process owns the database).
 *
 * Retries start after 1 s (HAVEN_DELIVERY_RETRY_SECONDS) and double: pg-boss waits
 * delay × 2^(n−1) × (1 + random) after the n-th failure, so successive gaps fall in [1,2), [2,4), [4,8) s.
 */

const NOW = new Date('2026-12-01T14:00:00Z');
const driver = testDriver();
// PGlite works one statement at a time in one process: half as many keeps its run under a minute on a busy machine.
const BOOKINGS = driver === 'pglite' ? 10 : 20;

let handle: DatabaseHandle;
let fx: TestPractice;
withTestPractice((h, practice) => {
  handle = h;
  fx = practice;
});


/** 20 weekday slots inside the fixture's hours (09:00–17:00 New York), two hours apart. */
function slots(): string[] {
  const days = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08'];
  return days.flatMap((d) => ['14', '16', '18', '20'].map((h) => `${d}T${h}:00:00.000Z`)).slice(0, BOOKINGS);
}

type Running = { stop(): Promise<void> };

/** Two real worker processes on the run's PostgreSQL database. */
async function workerProcesses(smtpUrl: string): Promise<Running> {
  const root = path.resolve(__dirname, '../..');
  const children: ChildProcess[] = [];
  const started: Promise<void>[] = [];
  for (let i = 0; i < 2; i++) {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: inject('testDatabaseUrl'),
        DATABASE_DRIVER: 'pg',
        SMTP_URL: smtpUrl,
        HAVEN_DELIVERY_RETRY_SECONDS: '1',
        HAVEN_DATA_KEYS: TEST_DATA_KEYS,
        HAVEN_HASH_SECRET: 'test-hash-secret',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    started.push(
      waitFor(
        () => output,
        (o) => o.includes('working the job queue') || child.exitCode !== null,
        30_000,
        `worker ${i} to start`,
      ).then((o) => {
        if (!o.includes('working the job queue')) throw new Error(`worker ${i} did not start: ${o}`);
      }),
    );
    children.push(child);
  }
  await Promise.all(started);
  return {
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', (code) => {
                expect(code, 'a worker stops cleanly on SIGTERM').toBe(0);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** Workers in this process: one on the test's handle (PGlite), or two on two handles (Neon: two pools). */
async function inProcessWorkers(): Promise<Running> {
  if (driver === 'pglite') {
    const worker = await startWorker(handle, { pollingIntervalSeconds: 0.5 });
    return { stop: () => worker.stop() };
  }
  const second = await openDatabase({ ...handle.options } as Parameters<typeof openDatabase>[0]);
  const workers: Worker[] = [await startWorker(handle, { pollingIntervalSeconds: 0.5 }), await startWorker(second, { pollingIntervalSeconds: 0.5 })];
  return {
    async stop() {
      for (const w of workers) await w.stop();
      await second.close();
    },
  };
}

let sink: SmtpSink | undefined;
afterAll(async () => {
  closeTransports();
  await sink?.close();
  delete process.env.SMTP_URL;
  delete process.env.HAVEN_DELIVERY_RETRY_SECONDS;
  resetEnvForTests();
});

describe(`an SMTP outage on ${driver}`, () => {
  it(`retries with growing delays and delivers every message exactly once (${driver === 'pg' ? 'two worker processes' : driver === 'neon' ? 'two workers, two pools' : 'the in-process worker'})`, { timeout: 90_000 }, async () => {
    sink = await startSmtpSink('down');
    process.env.SMTP_URL = sink.url;
    process.env.HAVEN_DELIVERY_RETRY_SECONDS = '1';
    resetEnvForTests();
    expect(env().mailTransport).toBe('smtp');

    for (const [i, startsAt] of slots().entries()) {
      const booked = await bookConsultation({
        input: bookingInput({ typeSlug: 'solo-video', startsAt, clinicianId: fx.clinician.id }),
        requester: { ip: `192.0.2.${100 + i}` },
        practiceSlug: fx.practice.slug,
        now: NOW,
      });
      expect(booked.ok, startsAt).toBe(true);
    }
    const due = () =>
      handle.db
        .select({ id: messages.id, state: messages.state, attempts: messages.attempts, sentTo: messages.sentTo, kind: messages.kind })
        .from(messages)
        .where(and(eq(messages.practiceId, fx.practice.id), ne(messages.kind, 'reminder')));
    expect(await due()).toHaveLength(2 * BOOKINGS); // a confirmation and the practice's notice each

    const started = Date.now();
    const workers = driver === 'pg' ? await workerProcesses(sink.url) : await inProcessWorkers();
    try {
      // Down: every message is tried and fails (connection refused).
      await waitFor(due, (rows) => rows.every((r) => r.state === 'retrying' && r.attempts >= 1), 30_000, 'every message to fail once');
      const downFor = Date.now() - started;
      // Then the server answers but refuses each message with 451, until every message has been refused twice.
      await sink.setPhase('rejecting');
      const refusedTwice = () => {
        const counts = new Map<string, number>();
        for (const r of sink!.rejected) counts.set(r.messageId, (counts.get(r.messageId) ?? 0) + 1);
        return counts;
      };
      await waitFor(refusedTwice, (c) => c.size === 2 * BOOKINGS && [...c.values()].every((n) => n >= 2), 45_000, 'every message to be refused twice');
      const upAt = Date.now();
      await sink.setPhase('up');
      const sent = await waitFor(due, (rows) => rows.every((r) => r.state === 'sent'), 45_000, 'every message to be sent');
      const total = Date.now() - started;
      await new Promise((r) => setTimeout(r, 1_500)); // a duplicate, if any, would arrive now

      // None lost, none twice: one accepted copy per message row, by Message-ID and by recipient.
      const host = new URL(env().publicOrigin).hostname;
      const byId = new Map<string, number>();
      for (const m of sink.received) byId.set(m.messageId, (byId.get(m.messageId) ?? 0) + 1);
      expect(sink.received).toHaveLength(2 * BOOKINGS);
      expect([...byId.keys()].sort()).toEqual(sent.map((r) => `<${r.id}@${host}>`).sort());
      expect([...byId.values()].every((n) => n === 1)).toBe(true);
      const byRecipient = (list: string[]) => list.reduce((m, a) => m.set(a, (m.get(a) ?? 0) + 1), new Map<string, number>());
      expect(byRecipient(sink.received.flatMap((m) => m.to.map((a) => a.toLowerCase())))).toEqual(byRecipient(sent.map((r) => r.sentTo!)));
      expect(byRecipient(sent.map((r) => r.sentTo!)).get(fx.practice.email!.toLowerCase())).toBe(BOOKINGS);

      // Every message was tried during the outage: refused once while down, twice with 451, then sent.
      for (const r of sent) expect(r.attempts, r.kind).toBeGreaterThanOrEqual(4);
      // The delays grew. Each message failed at least once while the server was down, so its first
      // two 451s are its 2nd and 3rd failures or later: pg-boss waits at least 2 s after the 2nd
      // and 4 s after the 3rd (delay × 2^(n−1), + up to as much again at random). A fixed 1 s retry
      // would fail both bounds.
      const g1: number[] = [];
      const g2: number[] = [];
      for (const r of sent) {
        const id = `<${r.id}@${host}>`;
        const refusals = sink.rejected.filter((x) => x.messageId === id).map((x) => x.at).sort((a, b) => a - b);
        const accepted = sink.received.find((x) => x.messageId === id)!.at;
        g1.push(refusals[1]! - refusals[0]!);
        g2.push((refusals[2] ?? accepted) - refusals[1]!);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      expect(Math.min(...g1), JSON.stringify(g1)).toBeGreaterThanOrEqual(1_990);
      expect(Math.min(...g2), JSON.stringify(g2)).toBeGreaterThanOrEqual(3_990);
      expect(median(g2)).toBeGreaterThan(median(g1));
      console.log(
        `[smtp outage ${driver}] ${2 * BOOKINGS} messages: down ${downFor} ms, 451 until ${upAt - started} ms, all sent at ${total} ms; ` +
          `attempts ${Math.min(...sent.map((r) => r.attempts))}–${Math.max(...sent.map((r) => r.attempts))}; ` +
          `gap between the 451s p50 ${median(g1)} ms (min ${Math.min(...g1)}), after the 2nd 451 p50 ${median(g2)} ms (min ${Math.min(...g2)})`,
      );
    } finally {
      await workers.stop();
    }
  });
});
