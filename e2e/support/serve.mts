/**
 * Starts the built app for Playwright on a fresh database: `tsx e2e/support/serve.mts pg 3100`
 * (a new database on the PostgreSQL server, dropped on exit) or `… pglite 3101` (a new
 * embedded database folder, removed on exit). Migrates and seeds the demo practice first, so
 * the app process is the only one that ever opens the database afterwards.
 *
 * The demo staff get e2e-only passwords (E2E_STAFF_PASSWORDS): production refuses to run with the
 * published demo ones. For PostgreSQL, the database URL is left in `e2eDatabaseUrlFile(port)` so
 * the specs' fixtures can create their own staff users (e2e/support/staff-fixture.ts).
 *
 * Mail goes to the e2e SMTP sink (E2E_ENV.SMTP_URL) unless `--no-smtp`; the embedded database's app
 * works the queue in-process, and `--worker` starts `npm run worker`'s script beside a PostgreSQL app.
 *
 * What the app (and the worker) print, stdout and stderr, passes through to this process's own
 * (Playwright shows a server's stderr) and is also appended, whole lines at a time, to
 * `<e2eLogDir()>/<driver>-<port>.app.log` (and `….worker.log`): e2e/log-privacy.spec.ts reads them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import pg from 'pg';
import { E2E_ENV, E2E_STAFF_PASSWORDS, e2eDatabaseUrlFile, e2eLogDir } from './e2e-env.ts';

const [driver, port, ...flags] = process.argv.slice(2);
if ((driver !== 'pg' && driver !== 'pglite') || !port || flags.some((f) => f !== '--worker' && f !== '--no-smtp')) {
  throw new Error('usage: serve.mts pg|pglite PORT [--worker] [--no-smtp]');
}
// `--worker` (server database only): the job queue is worked by an `npm run worker` process of its
// own beside the app (HAVEN_WORKER=separate), as a production deployment on PostgreSQL runs it.
const separateWorker = flags.includes('--worker');
if (separateWorker && driver !== 'pg') throw new Error('serve.mts: --worker needs the pg driver (only one process can open the embedded database)');

const serverUrl = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const env: Record<string, string> = { ...E2E_ENV, PORT: port, NEXTAUTH_URL: `http://127.0.0.1:${port}`, APP_URL: `http://127.0.0.1:${port}` };
// `--no-smtp`: no mail server, as `npm run demo` runs (the development mailbox). Empty is unset, and keeps a .env file's value out.
if (flags.includes('--no-smtp')) env.SMTP_URL = '';
let cleanup = async () => {};

if (driver === 'pg') {
  const name = `haven_e2e_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  // Leftovers of runs that were killed before they could clean up.
  const stale = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'haven_e2e_%'`);
  for (const { datname } of stale.rows) {
    if (Number(datname.slice('haven_e2e_'.length)) < Date.now() - 3_600_000) await admin.query(`drop database if exists ${datname} with (force)`);
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    fs.rmSync(e2eDatabaseUrlFile(port), { force: true });
    const c = new pg.Client({ connectionString: serverUrl.toString() });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-e2e-pglite-'));
  env.PGLITE_DATA_DIR = path.join(dir, 'db');
  cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
}

Object.assign(process.env, env);
const { openDatabase, databaseOptionsFromEnv } = await import('../../db/client');
const { migrateDatabase } = await import('../../db/migrator');
const { seedDemoIfEmpty } = await import('../../db/seed-demo');
const { DEMO_CLINICIAN_CREDENTIALS, DEMO_FRONT_DESK_CREDENTIALS } = await import('../../db/seed-staff');
const { setStaffPassword } = await import('../../lib/auth/staff-users');
const handle = await openDatabase(databaseOptionsFromEnv());
await migrateDatabase(handle);
await seedDemoIfEmpty(handle.db);
await setStaffPassword(handle.db, { email: DEMO_CLINICIAN_CREDENTIALS.email, password: E2E_STAFF_PASSWORDS.clinician });
await setStaffPassword(handle.db, { email: DEMO_FRONT_DESK_CREDENTIALS.email, password: E2E_STAFF_PASSWORDS.frontDesk });
await handle.close();
if (env.DATABASE_URL) fs.writeFileSync(e2eDatabaseUrlFile(port), env.DATABASE_URL, { mode: 0o600 });

/** Copies `from` to `to` as it comes, and its whole lines to the log file `fd` (a line is never split by the other stream's). */
function tee(from: Readable, to: Writable, fd: number): void {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  from.on('data', (chunk: Buffer) => {
    to.write(chunk);
    partial += decoder.write(chunk);
    const end = partial.lastIndexOf('\n');
    if (end < 0) return;
    fs.writeSync(fd, partial.slice(0, end + 1));
    partial = partial.slice(end + 1);
  });
  from.on('end', () => {
    partial += decoder.end();
    if (partial) fs.writeSync(fd, `${partial}\n`);
    partial = '';
  });
}

/** Starts `command` with its stdout and stderr passed on and logged to `<e2eLogDir()>/<driver>-<port>.<role>.log`. */
function startLogged(role: 'app' | 'worker', command: string, args: string[]): ChildProcess {
  fs.mkdirSync(e2eLogDir(), { recursive: true });
  // Appended: the demo server can be started more than once in a run (a new worker after a failure).
  const fd = fs.openSync(path.join(e2eLogDir(), `${driver}-${port}.${role}.log`), 'a', 0o600);
  const started = spawn(command, args, { stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  tee(started.stdout!, process.stdout, fd);
  tee(started.stderr!, process.stderr, fd);
  return started;
}

// A reader that went away (Playwright stopping) must not take this process down before it cleans up.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
if (separateWorker) env.HAVEN_WORKER = 'separate';
const child = startLogged('app', path.join('node_modules', '.bin', 'next'), ['start', '-p', port]);
const worker = separateWorker ? startLogged('worker', path.join('node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'scripts/worker.ts']) : null;
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  worker?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await cleanup().catch(() => {});
  process.exit(code);
};
child.on('exit', (code) => void stop(code ?? 0));
// A worker that dies takes the server down with it: the specs would otherwise wait for mail that never comes.
worker?.on('exit', (code) => {
  if (!stopping) console.error(`[serve] the worker process exited (${code}); stopping the server.`);
  void stop(code || 1);
});
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
