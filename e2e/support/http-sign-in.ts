import type { APIRequestContext } from '@playwright/test';

/**
 * A staff sign-in over plain HTTP, as a script (or an attacker with curl) would do it: fetch the
 * CSRF token, post the Credentials callback. Returns next-auth's error code (`invalid`,
 * `locked:15`, `rate_limited:12`…) or null on success. `headers` go on both requests.
 */
export async function signInOverHttp(
  request: APIRequestContext,
  credentials: { email: string; password: string; code?: string },
  headers: Record<string, string> = {},
): Promise<string | null> {
  const csrf = await request.get('/api/auth/csrf', { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post('/api/auth/callback/credentials', {
    headers,
    form: { csrfToken, email: credentials.email, password: credentials.password, code: credentials.code ?? '', json: 'true' },
    maxRedirects: 0,
  });
  const location = response.headers()['location'] ?? ((await response.json().catch(() => ({}))) as { url?: string }).url ?? '';
  return new URL(location, 'http://x').searchParams.get('error');
}
