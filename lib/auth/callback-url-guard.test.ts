import { describe, expect, it } from 'vitest';
import { refuseInvalidCallbackUrl } from './callback-url-guard';

const get = (query: string, cookie?: string) => new Request(`http://127.0.0.1:3000/api/auth/signin${query}`, { headers: cookie ? { cookie } : {} });

describe('refuseInvalidCallbackUrl', () => {
  it('lets paths and http(s) URLs through, as next-auth would', () => {
    expect(refuseInvalidCallbackUrl(get(''))).toBeNull();
    expect(refuseInvalidCallbackUrl(get('?callbackUrl=%2Fclinician'))).toBeNull();
    expect(refuseInvalidCallbackUrl(get('?callbackUrl=http%3A%2F%2F127.0.0.1%3A3000%2Fdesk'))).toBeNull();
    expect(refuseInvalidCallbackUrl(get('', 'next-auth.callback-url=http%3A%2F%2F127.0.0.1%3A3000'))).toBeNull();
  });
  it('refuses what next-auth answers with a 500', () => {
    expect(refuseInvalidCallbackUrl(get(`?callbackUrl=${'a'.repeat(3000)}`))?.status).toBe(400);
    expect(refuseInvalidCallbackUrl(get('?callbackUrl=javascript%3Aalert(1)'))?.status).toBe(400);
    expect(refuseInvalidCallbackUrl(get('', 'a=1; next-auth.callback-url=garbage'))?.status).toBe(400);
  });
});
