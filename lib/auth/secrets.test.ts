import { afterEach, describe, expect, it } from 'vitest';
import { env, resetEnvForTests } from '../env';
import { authSecret, keyedHash, useSecureAuthCookies } from './secrets';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

const KEY = 'k1:' + Buffer.alloc(32, 1).toString('base64');
const SECRET = 'x'.repeat(44);

function withEnv(vars: Record<string, string | undefined>) {
  const base = { DATABASE_URL: undefined, DATABASE_DRIVER: undefined, NEXTAUTH_SECRET: undefined, AUTH_SECRET: undefined, NEXTAUTH_URL: undefined };
  process.env = { ...saved, ...base, HAVEN_DATA_KEYS: KEY, ...vars } as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(process.env)) if (v === undefined) delete process.env[k];
  resetEnvForTests();
}

describe('production start-up rules for staff sign-in', () => {
  const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db', HAVEN_HASH_SECRET: 'h', APP_URL: 'https://book.example.com' };

  it('refuses to start without NEXTAUTH_SECRET (or AUTH_SECRET) and NEXTAUTH_URL', () => {
    withEnv(prod);
    expect(() => env()).toThrow(/NEXTAUTH_SECRET: required in production/);
    withEnv({ ...prod, NEXTAUTH_SECRET: SECRET });
    expect(() => env()).toThrow(/NEXTAUTH_URL: required in production/);
    withEnv({ ...prod, NEXTAUTH_SECRET: 'short', NEXTAUTH_URL: 'https://book.example.com' });
    expect(() => env()).toThrow(/at least 32 characters/);
    withEnv({ ...prod, AUTH_SECRET: SECRET, NEXTAUTH_URL: 'https://book.example.com' });
    expect(env().AUTH_SECRET).toBe(SECRET);
  });

  it('uses the configured secret, and derives one only where that is allowed', () => {
    withEnv({ ...prod, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: 'https://book.example.com' });
    expect(authSecret()).toBe(SECRET);
    withEnv({ NODE_ENV: 'development', HAVEN_HASH_SECRET: 'one' });
    const derived = authSecret();
    expect(derived).toMatch(/^[A-Za-z0-9_-]{43}$/);
    withEnv({ NODE_ENV: 'development', HAVEN_HASH_SECRET: 'two' });
    expect(authSecret()).not.toBe(derived);
  });

  it('uses secure cookies in production, except for a plain-http localhost demo', () => {
    withEnv({ ...prod, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: 'https://book.example.com' });
    expect(useSecureAuthCookies()).toBe(true);
    withEnv({ NODE_ENV: 'production', APP_URL: 'http://localhost:3000' });
    expect(useSecureAuthCookies()).toBe(false);
    withEnv({ NODE_ENV: 'production', APP_URL: 'http://haven.internal' });
    expect(useSecureAuthCookies()).toBe(true);
    withEnv({ NODE_ENV: 'development' });
    expect(useSecureAuthCookies()).toBe(false);
  });

  it('keyed hashes depend on the purpose and the secret', () => {
    withEnv({ NODE_ENV: 'development', HAVEN_HASH_SECRET: 'one' });
    const ip = keyedHash('ip', '203.0.113.1');
    expect(ip).not.toContain('203');
    expect(keyedHash('email', '203.0.113.1')).not.toBe(ip);
    withEnv({ NODE_ENV: 'development', HAVEN_HASH_SECRET: 'two' });
    expect(keyedHash('ip', '203.0.113.1')).not.toBe(ip);
  });
});
