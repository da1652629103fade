/**
 * Intake autosave benchmark: `npx tsx bench/intake-autosave.bench.ts` (or `npm run bench:intake`).
 *
 * The server's part of one autosave round trip (saveIntakeDraft: resolve the private link, check
 * the device, lock or create the person's intake row, validate the draft against the
 * questionnaire (answersSchema), prune hidden answers, stamp signatures, seal with AES-256-GCM,
 * write, look for a new safety flag), for a realistic half-filled individual intake (about half
 * of the questions answered, with a few paragraphs of free text), each save changing one answer
 * as a person typing would. On the embedded PGlite and, when one answers at BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), a fresh PostgreSQL database. Prints numbers; not a
 * timed test. The browser's debounce (≈ 2 s) and the network are not included.
 */
import { performance } from 'node:perf_hooks';
import { exitOnError, onPgliteAndPostgres, percentile, type Open } from './support/harness';

const SAVES = 300;
const WARMUP = 30;
const NOW = new Date('2026-12-01T14:00:00Z'); // Tue 09:00 in New York

function stats(samples: number[]): string {
  const at = (p: number) => percentile(samples, p);
  return `p50 ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms, max ${at(100).toFixed(2)} ms (n=${samples.length})`;
}

const PARAGRAPH =
  'We have been together eleven years and the last two have been hard. We talk less, and when we do it often turns into an argument about small things. ';

async function run(label: string, open: Open) {
  const { useDatabaseForTests } = await import('../db/client');
  const { migrateDatabase } = await import('../db/migrator');
  const { createTestPractice, bookingInput } = await import('../tests/support/test-practice');
  const { completeAnswers, questionnaireForBooking, setTypeIntakeForm } = await import('../tests/support/intake-fixture');
  const { bookConsultation } = await import('../lib/bookings/commands');
  const { requestIntakeCode, verifyIntakeCode } = await import('../lib/intake/device-access');
  const { saveIntakeDraft } = await import('../lib/intake/client-intake');
  const { openCode } = await import('../lib/intake/intake-crypto');
  const { intakeCodes, intakes } = await import('../db/schema');
  const { desc, eq } = await import('drizzle-orm');
  const { questionsOf } = await import('../lib/intake/engine');

  const handle = await open();
  await migrateDatabase(handle);
  useDatabaseForTests(handle);
  const fx = await createTestPractice(handle.db);
  await setTypeIntakeForm(handle.db, fx.types.get('solo-video')!.id, 'individual');
  const booked = await bookConsultation({
    input: bookingInput({ typeSlug: 'solo-video', startsAt: '2026-12-04T15:00:00.000Z', clinicianId: fx.clinician.id }),
    requester: { ip: null },
    practiceSlug: fx.practice.slug,
    now: NOW,
  });
  if (!booked.ok) throw new Error(`booking refused: ${booked.reason}`);
  const actor = { kind: 'link' as const, token: booked.primaryToken };

  // The device step, as the page does it (the code read from its sealed row, as the email job does).
  await requestIntakeCode({ actor, now: NOW, clientAddress: '192.0.2.1' });
  const [code] = await handle.db.select().from(intakeCodes).orderBy(desc(intakeCodes.createdAt)).limit(1);
  const verified = await verifyIntakeCode({ actor, code: openCode(code!.id, code!.codeCiphertext!), now: NOW });
  if (!verified.ok) throw new Error(`code refused: ${verified.code}`);

  // A realistic half-filled draft: the first half of a complete answer set, long answers as a few sentences.
  const { questionnaire: q } = await questionnaireForBooking(handle.db, booked.bookingId);
  const full = completeAnswers(q, { 'medications-any': true, 'partner-safety': 'no' }, (item) => (item.type === 'text' ? PARAGRAPH.repeat(3) : 'Alex Rivera'));
  const keys = Object.keys(full);
  const half: Record<string, unknown> = Object.fromEntries(keys.slice(0, Math.ceil(keys.length / 2)).map((k) => [k, full[k]]));
  const typing = keys.find((k) => typeof full[k] === 'string' && (full[k] as string).length > 100) ?? keys[0]!;

  const times: number[] = [];
  for (let i = 0; i < SAVES + WARMUP; i++) {
    const draft = { answers: { ...half, [typing]: `${String(full[typing])} ${'x'.repeat(i % 40)}` }, step: 4 };
    const now = new Date(NOW.getTime() + i * 2_000);
    const t = performance.now();
    const saved = await saveIntakeDraft({ actor, deviceToken: verified.deviceToken, draft, now });
    const ms = performance.now() - t;
    if (!saved.ok) throw new Error(`save ${i} refused: ${saved.code} ${JSON.stringify(saved.fieldErrors ?? {})}`);
    if (i >= WARMUP) times.push(ms);
  }
  const [row] = await handle.db.select({ draft: intakes.draftCiphertext, revision: intakes.draftRevision }).from(intakes).where(eq(intakes.bookingId, booked.bookingId));
  console.log(
    `${label}: saveIntakeDraft ${stats(times)} — draft ${Object.keys(half).length} of ${questionsOf(q).length} questions, ${JSON.stringify(half).length} bytes JSON, ${row!.draft!.length} bytes sealed, revision ${row!.revision}`,
  );
  await handle.close();
}

onPgliteAndPostgres(run).catch(exitOnError);
