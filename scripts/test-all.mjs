#!/usr/bin/env node
/**
 * `npm test`: every suite, in order, with one summary line at the end.
 *   1. type check            2. unit + property tests (vitest "unit")
 *   3. data layer on PGlite, the PostgreSQL server, and the Neon driver (vitest "db")
 *   4. end-to-end in Chromium against the built app (Playwright)
 * Outside CI, the server and Neon runs are skipped with a loud message when no PostgreSQL
 * answers at TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres). With CI=true
 * nothing may be skipped. `npm test -- unit db` runs only the named stages.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const STAGES = ['typecheck', 'unit', 'db', 'e2e'];
const only = new Set(process.argv.slice(2));
const unknown = [...only].filter((stage) => !STAGES.includes(stage));
if (unknown.length > 0) {
  console.error(`Unknown test stage${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. The stages are: ${STAGES.join(', ')} (none: all of them).`);
  process.exit(2);
}
const wants = (stage) => only.size === 0 || only.has(stage);
const serverUrl = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-test-'));

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function vitest(label, project, env = {}) {
  const out = path.join(reportDir, `${label.replace(/\W+/g, '-')}.json`);
  const { ok, seconds } = run(label, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  let p = 0;
  let f = 0;
  let s = 0;
  try {
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    p = report.numPassedTests;
    f = report.numFailedTests;
    s = report.numPendingTests + report.numTodoTests;
  } catch {
    f = 1;
  }
  if (!ok && f === 0) f = 1; // a crash outside a test still fails the run
  if (p + f === 0) f = 1; // "no tests ran" is a failure, not a pass
  record(label, p, f, s, seconds);
}

function record(label, p, f, s, seconds) {
  passed += p;
  failed += f;
  skipped += s;
  lines.push(`${f ? '✗' : '✓'} ${label.padEnd(34)} ${String(p).padStart(4)} passed ${String(f).padStart(3)} failed${s ? ` ${s} skipped` : ''}  (${seconds}s)`);
}

function skip(label, why) {
  if (ci) {
    console.error(`\n!! ${label}: ${why} — not allowed with CI=true`);
    record(label, 0, 1, 0, '0.0');
  } else {
    const banner = `!! SKIPPED ${label}: ${why}`;
    console.warn(`\n${'!'.repeat(banner.length)}\n${banner}\n${'!'.repeat(banner.length)}`);
    lines.push(`! ${label.padEnd(34)} SKIPPED: ${why}`);
    skipped += 1;
  }
}

function serverAnswers() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: serverUrl.hostname, port: Number(serverUrl.port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const hasServer = await serverAnswers();
const noServer = `no PostgreSQL answers at ${serverUrl.host} (set TEST_PG_URL)`;

if (wants('typecheck')) {
  const { ok, seconds } = run('type check (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', '.']);
  record('type check', ok ? 1 : 0, ok ? 0 : 1, 0, seconds);
}
if (wants('unit')) vitest('unit + property tests', 'unit');
if (wants('db')) {
  vitest('data layer on PGlite', 'db', { TEST_DB_DRIVER: 'pglite' });
  if (hasServer) {
    vitest('data layer on PostgreSQL server', 'db', { TEST_DB_DRIVER: 'pg', TEST_PG_URL: serverUrl.toString() });
    vitest('data layer on Neon driver (ws proxy)', 'db', { TEST_DB_DRIVER: 'neon', TEST_PG_URL: serverUrl.toString() });
  } else {
    skip('data layer on PostgreSQL server', noServer);
    skip('data layer on Neon driver', noServer);
  }
}
if (wants('e2e')) {
  if (!hasServer) skip('end-to-end (Playwright)', noServer);
  else {
    const build = run('next build', 'npx', ['next', 'build']);
    if (!build.ok) record('next build', 0, 1, 0, build.seconds);
    else {
      const out = path.join(reportDir, 'playwright.json');
      const { ok, seconds } = run('end-to-end (Playwright)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
        TEST_PG_URL: serverUrl.toString(),
      });
      let p = 0;
      let f = 0;
      let s = 0;
      try {
        const stats = JSON.parse(fs.readFileSync(out, 'utf8')).stats;
        p = stats.expected + stats.flaky;
        f = stats.unexpected;
        s = stats.skipped;
      } catch {
        f = 1;
      }
      if (!ok && f === 0) f = 1;
      if (p + f === 0) f = 1;
      record('end-to-end (Playwright)', p, f, s, seconds);
    }
  }
}

console.log('\n━━ summary ━━');
for (const line of lines) console.log(line);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
