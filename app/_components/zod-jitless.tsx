'use client';

import { config } from 'zod/v4/core';

/**
 * Zod compiles object schemas with `new Function` when it may, and probes for that once; under
 * the Content-Security-Policy (no 'unsafe-eval': lib/http/content-security-policy.ts) the probe
 * is refused and reported as a violation, although Zod catches it and falls back. `jitless` skips
 * the probe in the browser. Rendered once, in the root layout, before any form validates.
 */
config({ jitless: true });

export function ZodJitless() {
  return null;
}
