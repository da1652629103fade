/**
 * Clinician week view benchmark: `npx tsx bench/week-view.bench.ts` (or `npm run bench:week`).
 *
 * The server work behind /clinician with a busy week: an in-memory PGlite with the real
 * migrations and the demo practice, plus 500 bookings of the demo clinician within the week
 * ahead; then, per iteration, the page's data call (findSchedule, the same range and clinician)
 * and rendering the page's WeekView component to HTML with react-dom/server.
 * Target: median <= 100 ms per iteration on PGlite. Prints numbers; not a timed test.
 */
import Module from 'node:module';
import { performance } from 'node:perf_hooks';

// Outside Next, `server-only` throws on import (it is meant for the React server bundle): point it
// at an empty module, as vitest.config.ts does, before the data layer is loaded (imports below are dynamic).
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = resolver._resolveFilename;
resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
  return resolveFilename.call(this, request === 'server-only' ? require.resolve('../tests/support/empty-module.ts') : request, ...rest);
};

const BOOKINGS = 500;
const WARMUP = 5;
const ITERATIONS = 30;
const MINUTE = 60_000;

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function main() {
  // React's production build, as `next start` runs it (the development build is several times slower).
  (process.env as Record<string, string>).NODE_ENV = 'production';
  // Fixed bench secrets (the demo seed seals the demo clinician's TOTP secret with the data key).
  process.env.HAVEN_DATA_KEYS ??= 'bench1:' + Buffer.alloc(32, 7).toString('base64');
  process.env.HAVEN_HASH_SECRET ??= 'bench-hash-secret';

  const { and, eq, inArray } = await import('drizzle-orm');
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { openDatabase, useDatabaseForTests } = await import('../db/client');
  const { migrateDatabase } = await import('../db/migrator');
  const { seedDemoIfEmpty } = await import('../db/seed-demo');
  const schema = await import('../db/schema');
  const { countQueries } = await import('../db/query-counter');
  const { findSchedule } = await import('../lib/staff/schedule-queries');
  const { WeekView } = await import('../app/(staff)/clinician/_components/week-view');
  const { localDateKey } = await import('../app/(staff)/clinician/_lib/format');
  const { scheduleFetchRange, scheduleWindow } = await import('../lib/staff/schedule-window');
  type StaffActor = import('../lib/auth/actor').StaffActor;

  const opened = performance.now();
  const handle = await openDatabase({ driver: 'pglite', dataDir: null });
  await migrateDatabase(handle);
  const now = new Date();
  await seedDemoIfEmpty(handle.db, now);
  useDatabaseForTests(handle);
  const { db } = handle;

  const [user] = await db
    .select({ id: schema.staffUsers.id, practiceId: schema.staffUsers.practiceId, clinicianId: schema.staffUsers.clinicianId })
    .from(schema.staffUsers)
    .where(eq(schema.staffUsers.role, 'clinician'))
    .limit(1);
  if (!user?.clinicianId) throw new Error('The demo seed has no clinician user.');
  const actor: StaffActor = { kind: 'staff', userId: user.id, role: 'clinician', practiceId: user.practiceId, clinicianId: user.clinicianId, sessionId: crypto.randomUUID() };
  const types = await db
    .select({ id: schema.consultationTypes.id, durationMinutes: schema.consultationTypes.durationMinutes })
    .from(schema.consultationTypes)
    .where(eq(schema.consultationTypes.practiceId, user.practiceId));

  // 500 consultations of 15 minutes every 20 minutes from the next hour on (≈ 6.9 days: all in the
  // week the page shows), skipping the seeded bookings so the no-double-booking constraint holds.
  const existing = await db
    .select({ startsAt: schema.bookings.startsAt, endsAt: schema.bookings.endsAt })
    .from(schema.bookings)
    .where(and(eq(schema.bookings.clinicianId, user.clinicianId), inArray(schema.bookings.status, ['requested', 'confirmed'])));
  const clashes = (from: number, until: number) =>
    existing.some((b) => b.startsAt.getTime() - 30 * MINUTE < until && b.endsAt.getTime() + 30 * MINUTE > from);
  const statuses = ['confirmed', 'confirmed', 'confirmed', 'requested', 'completed', 'no_show'] as const;
  const rows: (typeof schema.bookings.$inferInsert)[] = [];
  let start = Math.ceil(now.getTime() / (60 * MINUTE)) * 60 * MINUTE;
  for (let i = 0; rows.length < BOOKINGS; i++, start += 20 * MINUTE) {
    const end = start + 15 * MINUTE;
    if (clashes(start, end)) continue;
    const n = rows.length;
    const startsAt = new Date(start);
    const endsAt = new Date(end);
    rows.push({
      practiceId: user.practiceId,
      clinicianId: user.clinicianId,
      consultationTypeId: types[n % types.length]!.id,
      startsAt,
      endsAt,
      blocked: { from: startsAt, until: endsAt },
      status: statuses[n % statuses.length]!,
      clientTimeZone: 'America/New_York',
      clientName: `Bench Client ${n}`,
      partnerName: n % 5 === 0 ? `Bench Partner ${n}` : null,
      clientEmail: `bench.${n}@example.test`,
      clientPhone: '+1 555 0100',
      preferredChannel: 'email',
      consentedAt: now,
      idempotencyKey: crypto.randomUUID(),
    });
  }
  for (let i = 0; i < rows.length; i += 100) await db.insert(schema.bookings).values(rows.slice(i, i + 100));
  const setupMs = performance.now() - opened;

  // Exactly what app/(staff)/clinician/page.tsx asks for and renders.
  // (No ?date=: today and the week ahead.)
  async function once() {
    const t0 = performance.now();
    const schedule = await findSchedule({ actor, ...scheduleFetchRange(null, now.getTime()), clinicianId: actor.clinicianId ?? undefined });
    const window = scheduleWindow(null, localDateKey(now, schedule.practice.timeZone));
    const t1 = performance.now();
    const html = renderToString(createElement(WeekView, { entries: schedule.entries, timeZone: schedule.practice.timeZone, window, locale: 'en-US' }));
    const t2 = performance.now();
    return { data: t1 - t0, render: t2 - t1, total: t2 - t0, entries: schedule.entries.length, bytes: Buffer.byteLength(html) };
  }

  for (let i = 0; i < WARMUP; i++) await once();
  const { result: probe, queries } = await countQueries(() => once());
  const samples: Array<Awaited<ReturnType<typeof once>>> = [];
  for (let i = 0; i < ITERATIONS; i++) samples.push(await once());

  const stat = (pick: (s: (typeof samples)[number]) => number) => {
    const sorted = samples.map(pick).sort((a, b) => a - b);
    return `median ${percentile(sorted, 50).toFixed(2).padStart(7)} ms  p95 ${percentile(sorted, 95).toFixed(2).padStart(7)} ms`;
  };
  console.log(
    `node ${process.version}, PGlite in memory; setup (migrate, seed, ${rows.length} bookings) ${(setupMs / 1000).toFixed(1)} s; ` +
      `${probe.entries} entries in the week view, ${(probe.bytes / 1024).toFixed(0)} kB of HTML, ${queries} query per call; ${ITERATIONS} iterations after ${WARMUP} warm-up`,
  );
  console.log(`findSchedule (data)            ${stat((s) => s.data)}`);
  console.log(`WeekView renderToString        ${stat((s) => s.render)}`);
  console.log(`server time (data + render)    ${stat((s) => s.total)}   target: median <= 100 ms`);
  await handle.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
