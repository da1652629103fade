/** The environment of the app servers under test: fixed test secrets. Rate limits stay on (each test sends its own X-Forwarded-For). */
export const E2E_ENV = {
  NODE_ENV: 'production',
  HAVEN_DATA_KEYS: 'e2e1:' + Buffer.alloc(32, 9).toString('base64'),
  HAVEN_HASH_SECRET: 'e2e-hash-secret',
  // Staff sessions (next-auth) are required in production; NEXTAUTH_URL is set per port in serve.mts.
  NEXTAUTH_SECRET: 'e2e-nextauth-secret-' + 'x'.repeat(32),
  NEXT_TELEMETRY_DISABLED: '1',
} as const;
