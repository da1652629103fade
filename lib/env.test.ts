import { afterEach, describe, expect, it } from 'vitest';
import { env, resetEnvForTests } from './env';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

function withEnv(vars: Record<string, string | undefined>) {
  process.env = { ...saved, DATABASE_URL: undefined, DATABASE_DRIVER: undefined, ...vars };
  for (const [k, v] of Object.entries(process.env)) if (v === undefined) delete process.env[k];
  resetEnvForTests();
  return env();
}

const KEY = 'k1:' + Buffer.alloc(32, 1).toString('base64');

describe('env: mail and the worker', () => {
  const server = { NODE_ENV: 'production', HAVEN_DATA_KEYS: KEY, DATABASE_URL: 'postgres://h/db', HAVEN_HASH_SECRET: 's', NEXTAUTH_SECRET: 'x'.repeat(32), APP_URL: 'https://book.example.com', NEXTAUTH_URL: 'https://book.example.com' };

  it('sends by SMTP when SMTP_URL is set, to the development mailbox in development or on the embedded demo, and nowhere otherwise', () => {
    expect(withEnv({ ...server, SMTP_URL: 'smtp://mail.example.com:587' }).mailTransport).toBe('smtp');
    expect(withEnv({ NODE_ENV: 'development', HAVEN_DATA_KEYS: KEY }).mailTransport).toBe('mailbox');
    expect(withEnv({ NODE_ENV: 'production', HAVEN_DATA_KEYS: KEY }).mailTransport).toBe('mailbox');
    expect(withEnv(server).mailTransport).toBe('none');
    expect(() => withEnv({ ...server, SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL must be an smtp/);
  });

  it('works the queue in the app process on the embedded database and in development, in separate workers on a production server', () => {
    expect(withEnv({ NODE_ENV: 'production', HAVEN_DATA_KEYS: KEY }).workerMode).toBe('in-process');
    expect(withEnv({ NODE_ENV: 'development', HAVEN_DATA_KEYS: KEY, DATABASE_URL: 'postgres://h/db' }).workerMode).toBe('in-process');
    expect(withEnv(server).workerMode).toBe('separate');
    expect(withEnv({ ...server, HAVEN_WORKER: 'in-process' }).workerMode).toBe('in-process');
    expect(() => withEnv({ NODE_ENV: 'development', HAVEN_DATA_KEYS: KEY, HAVEN_WORKER: 'separate' })).toThrow(/HAVEN_WORKER: the embedded database/);
  });
});

describe('env', () => {
  it('picks the embedded database when DATABASE_URL is unset or empty', () => {
    expect(withEnv({}).databaseDriver).toBe('pglite');
    expect(withEnv({ DATABASE_URL: '', DATABASE_DRIVER: '' }).databaseDriver).toBe('pglite');
  });

  it('picks node-postgres for a postgres:// URL and Neon for a Neon host or when forced', () => {
    expect(withEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).databaseDriver).toBe('pg');
    expect(withEnv({ DATABASE_URL: 'postgresql://u:p@ep-cool-1.us-east-2.aws.neon.tech/db' }).databaseDriver).toBe('neon');
    expect(withEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', DATABASE_DRIVER: 'neon' }).databaseDriver).toBe('neon');
  });

  it('rejects a non-postgres URL and a server driver without a URL, naming the variable', () => {
    expect(() => withEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => withEnv({ DATABASE_DRIVER: 'pg' })).toThrow(/DATABASE_URL: required/);
  });

  it('refuses to start outside tests without a valid encryption key', () => {
    expect(() => withEnv({ NODE_ENV: 'development', HAVEN_DATA_KEYS: undefined })).toThrow(/HAVEN_DATA_KEYS/);
    expect(() => withEnv({ NODE_ENV: 'production', HAVEN_DATA_KEYS: 'k1:tooshort' })).toThrow(/32 bytes/);
    expect(withEnv({ NODE_ENV: 'development', HAVEN_DATA_KEYS: KEY }).databaseDriver).toBe('pglite');
    expect(() => withEnv({ NODE_ENV: 'production', HAVEN_DATA_KEYS: KEY, DATABASE_URL: 'postgres://h/db' })).toThrow(/HAVEN_HASH_SECRET/);
  });

  it('reads HAVEN_TRUSTED_PROXY_HOPS as 0 unless set, and refuses anything but 0–10', () => {
    expect(withEnv({}).HAVEN_TRUSTED_PROXY_HOPS).toBe(0);
    expect(withEnv({ HAVEN_TRUSTED_PROXY_HOPS: '' }).HAVEN_TRUSTED_PROXY_HOPS).toBe(0);
    expect(withEnv({ HAVEN_TRUSTED_PROXY_HOPS: ' 2 ' }).HAVEN_TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ['-1', '1.5', 'one', '11', 'true']) expect(() => withEnv({ HAVEN_TRUSTED_PROXY_HOPS: bad })).toThrow(/HAVEN_TRUSTED_PROXY_HOPS/);
  });

  it('builds links from APP_URL only, and requires it in production with a server database', () => {
    expect(withEnv({}).publicOrigin).toBe('http://localhost:3000');
    expect(withEnv({ APP_URL: 'https://book.example.com/some/path' }).publicOrigin).toBe('https://book.example.com');
    expect(() => withEnv({ APP_URL: 'ftp://book.example.com' })).toThrow(/APP_URL/);
    const production = { NODE_ENV: 'production', HAVEN_DATA_KEYS: KEY, HAVEN_HASH_SECRET: 'h', NEXTAUTH_SECRET: 'x'.repeat(32), NEXTAUTH_URL: 'https://b.example', DATABASE_URL: 'postgres://h/db' };
    expect(() => withEnv(production)).toThrow(/APP_URL: required in production/);
    expect(withEnv({ ...production, APP_URL: 'https://b.example' }).publicOrigin).toBe('https://b.example');
  });
});
