/** The environment of the app servers under test: fixed test secrets, no rate limits. */
export const E2E_ENV = {
  NODE_ENV: 'production',
  HAVEN_DATA_KEYS: 'e2e1:' + Buffer.alloc(32, 9).toString('base64'),
  HAVEN_HASH_SECRET: 'e2e-hash-secret',
  // Every e2e booking comes from 127.0.0.1; limits have their own data-layer tests.
  HAVEN_DISABLE_RATE_LIMITS: 'true',
  NEXT_TELEMETRY_DISABLED: '1',
} as const;
