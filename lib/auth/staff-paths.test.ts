import { describe, expect, it } from 'vitest';
import { SIGN_IN_MAX_PASSWORD_LENGTH, signInCredentialsSchema, signInWithCodeSchema, twoStepCodeSchema } from './schemas';
import { MAX_PASSWORD_LENGTH } from './password';
import { STAFF_HOME, landingPathFor, parseSignInReason, safeCallbackPath, signInHref, signInNotice, twoStepHref } from './staff-paths';

describe('safeCallbackPath', () => {
  it('keeps same-origin paths with their query and fragment', () => {
    expect(safeCallbackPath('/clinician')).toBe('/clinician');
    expect(safeCallbackPath('/clinician/requests?status=open#top')).toBe('/clinician/requests?status=open#top');
    expect(safeCallbackPath('/desk?q=Jordan%20Ellis')).toBe('/desk?q=Jordan%20Ellis');
    expect(safeCallbackPath('/')).toBe('/');
  });

  it('refuses anything that could leave the site (open redirects)', () => {
    for (const value of [
      'https://evil.example/clinician',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'clinician',
      ' /clinician',
      '',
      '/' + 'a'.repeat(2000),
    ]) {
      expect(safeCallbackPath(value), JSON.stringify(value)).toBeNull();
    }
    expect(safeCallbackPath(undefined)).toBeNull();
    expect(safeCallbackPath(['/clinician'])).toBeNull();
  });

  it('never returns to the sign-in or two-step pages or an API route, even through dot segments', () => {
    expect(safeCallbackPath('/sign-in?callbackUrl=/sign-in')).toBeNull();
    expect(safeCallbackPath('/two-step')).toBeNull();
    expect(safeCallbackPath('/api/auth/signout')).toBeNull();
    expect(safeCallbackPath('/clinician/../api/auth/signout')).toBeNull();
    expect(safeCallbackPath('/sign-in-help')).toBe('/sign-in-help');
  });

  it("drops Next's internal _rsc parameter", () => {
    expect(safeCallbackPath('/desk?_rsc=abc123&day=2026-12-01')).toBe('/desk?day=2026-12-01');
  });
});

describe('landingPathFor', () => {
  it('goes to the role home without a usable return address', () => {
    expect(landingPathFor('clinician', null)).toBe(STAFF_HOME.clinician);
    expect(landingPathFor('front_desk', 'https://evil.example')).toBe('/desk');
  });

  it('returns the person where they were', () => {
    expect(landingPathFor('clinician', '/clinician/audit?page=2')).toBe('/clinician/audit?page=2');
    expect(landingPathFor('front_desk', '/desk?q=casey')).toBe('/desk?q=casey');
  });

  it('never sends the front desk into the clinician area', () => {
    expect(landingPathFor('front_desk', '/clinician')).toBe('/desk');
    expect(landingPathFor('front_desk', '/clinician/requests')).toBe('/desk');
    expect(landingPathFor('front_desk', '/clinicians-directory')).toBe('/clinicians-directory');
  });
});

describe('sign-in links and notices', () => {
  it('builds encoded links and drops unsafe return addresses', () => {
    expect(signInHref({ callbackUrl: '/desk?q=a&b=c', reason: 'idle' })).toBe('/sign-in?callbackUrl=%2Fdesk%3Fq%3Da%26b%3Dc&reason=idle');
    expect(signInHref({ callbackUrl: '//evil.example' })).toBe('/sign-in');
    expect(twoStepHref('/clinician')).toBe('/two-step?callbackUrl=%2Fclinician');
    expect(twoStepHref(null)).toBe('/two-step');
  });

  it('knows only its own reasons', () => {
    expect(parseSignInReason('idle')).toBe('idle');
    expect(parseSignInReason('<b>')).toBeNull();
    expect(parseSignInReason(undefined)).toBeNull();
  });

  it('explains the idle sign-out with the real timeout', () => {
    expect(signInNotice('idle', { idleMinutes: 15, absoluteHours: 12 }).title).toBe('You were signed out after 15 minutes without activity');
    expect(signInNotice('absolute', { idleMinutes: 15, absoluteHours: 12 }).title).toContain('12 hours');
  });
});

describe('sign-in schemas', () => {
  it('matches the server password limit', () => {
    expect(SIGN_IN_MAX_PASSWORD_LENGTH).toBe(MAX_PASSWORD_LENGTH);
  });

  it('asks for what is missing, in words', () => {
    const empty = signInCredentialsSchema.safeParse({ email: ' ', password: '', code: '' });
    expect(empty.success).toBe(false);
    const messages = Object.fromEntries((empty.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({ email: 'Enter your email address.', password: 'Enter your password.' });
    expect(signInCredentialsSchema.parse({ email: ' Ana@Example.com ', password: 'x', code: '' }).email).toBe('Ana@Example.com');
    expect(signInWithCodeSchema.safeParse({ email: 'a@b.co', password: 'x', code: '  ' }).success).toBe(false);
    expect(signInWithCodeSchema.parse({ email: 'a@b.co', password: 'x', code: ' abcd-efgh-jkmn ' }).code).toBe('abcd-efgh-jkmn');
  });

  it('accepts a six-digit set-up code with spaces, nothing else', () => {
    expect(twoStepCodeSchema.parse({ code: '123 456' }).code).toBe('123456');
    expect(twoStepCodeSchema.safeParse({ code: '12345' }).success).toBe(false);
    expect(twoStepCodeSchema.safeParse({ code: 'abcdef' }).success).toBe(false);
  });
});
