import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { startNeonWsProxy } from './neon-ws-proxy';
import { testDriver, testServerUrl } from './test-env';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
    neonProxy: string;
  }
}

/**
 * For the server drivers: a fresh database per run (created here, migrated by the first test
 * file, dropped at the end) and, for Neon, the local WebSocket proxy. PGlite needs nothing:
 * each test file opens its own in-memory instance.
 */
export default async function setup(project: TestProject) {
  const driver = testDriver();
  project.provide('testDatabaseUrl', '');
  project.provide('neonProxy', '');
  if (driver === 'pglite') return;

  const serverUrl = new URL(testServerUrl());
  const name = `haven_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  project.provide('testDatabaseUrl', dbUrl.toString());

  let proxy: Awaited<ReturnType<typeof startNeonWsProxy>> | undefined;
  if (driver === 'neon') {
    proxy = await startNeonWsProxy({ host: serverUrl.hostname, port: Number(serverUrl.port || 5432) });
    project.provide('neonProxy', proxy.address);
  }

  return async () => {
    await proxy?.close();
    const cleanup = new pg.Client({ connectionString: serverUrl.toString() });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
}
