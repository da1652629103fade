import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce } from './content-security-policy';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')]));

describe('contentSecurityPolicy', () => {
  it('lets only nonce-carrying scripts run (and what they load), never inline or eval in production', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123==', development: false, https: true }));
    expect(policy.get('script-src')).toBe(`'self' 'nonce-abc123==' 'strict-dynamic'`);
    expect(policy.get('script-src')).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(policy.get('object-src')).toBe(`'none'`);
    expect(policy.get('base-uri')).toBe(`'none'`);
    expect(policy.get('frame-ancestors')).toBe(`'none'`);
    expect(policy.get('form-action')).toBe(`'self'`);
    expect(policy.has('upgrade-insecure-requests')).toBe(true);
  });

  it('allows eval only in development, and upgrades requests only on an https origin', () => {
    expect(contentSecurityPolicy({ nonce: 'n', development: true, https: false })).toContain(`'unsafe-eval'`);
    expect(contentSecurityPolicy({ nonce: 'n', development: false, https: false })).not.toContain('upgrade-insecure-requests');
  });
});

describe('newNonce', () => {
  it('is 128 random bits, different every time', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(new Set(Array.from({ length: 100 }, newNonce)).size).toBe(100);
  });
});
