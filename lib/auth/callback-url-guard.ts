/**
 * next-auth v4 answers a `callbackUrl` query parameter or callback-url cookie that is not an http(s)
 * URL or a "/path" with HTTP 500 (and logs the whole value). Anyone can send one, so the auth route
 * refuses such requests first with a 400, by the same rule next-auth applies (core/lib/assert.js).
 */
const CALLBACK_COOKIES = ['next-auth.callback-url', '__Secure-next-auth.callback-url'];

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? 'http://haven.invalid' : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return rest.join('=');
      }
    }
  }
  return undefined;
}

export function refuseInvalidCallbackUrl(request: Request): Response | null {
  const values = [new URL(request.url).searchParams.get('callbackUrl'), ...CALLBACK_COOKIES.map((name) => cookieValue(request.headers.get('cookie'), name))];
  if (values.every((value) => !value || isHttpUrl(value))) return null;
  return new Response('This sign-in address is not valid. Please open the sign-in page again.', {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
