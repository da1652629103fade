import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, dateLocaleFor, localeFromAcceptLanguage, normalizeLocale, parseAcceptLanguage, pickLocale } from './locale';

describe('parseAcceptLanguage', () => {
  it('orders by q, keeps header order on ties, drops q=0 and wildcards stay for pickLocale to skip', () => {
    expect(parseAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual(['fr-CH', 'fr', 'en', 'de', '*']);
    expect(parseAcceptLanguage('de;q=0.5, en-GB')).toEqual(['en-GB', 'de']);
    expect(parseAcceptLanguage('en-GB;q=0, de')).toEqual(['de']);
    expect(parseAcceptLanguage('en;q=abc, de')).toEqual(['de']);
  });

  it('copes with nothing, junk and very long headers', () => {
    expect(parseAcceptLanguage(null)).toEqual([]);
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage(',,;;')).toEqual([]);
    expect(parseAcceptLanguage('en,'.repeat(10_000)).length).toBeLessThanOrEqual(20);
  });
});

describe('normalizeLocale / pickLocale', () => {
  it('canonicalises valid tags and refuses malformed ones', () => {
    expect(normalizeLocale('EN-gb')).toBe('en-GB');
    expect(normalizeLocale('de')).toBe('de');
    expect(normalizeLocale('*')).toBeNull();
    expect(normalizeLocale('not a locale')).toBeNull();
    expect(normalizeLocale('en-GB<script>')).toBeNull();
    expect(normalizeLocale('x'.repeat(100))).toBeNull();
  });

  it('takes the first usable locale, else en-US', () => {
    expect(pickLocale(['*', 'bad tag', 'de-DE', 'en-US'])).toBe('de-DE');
    expect(pickLocale([])).toBe(DEFAULT_LOCALE);
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en-GB');
    expect(localeFromAcceptLanguage('garbage;;;')).toBe('en-US');
    expect(localeFromAcceptLanguage(undefined)).toBe('en-US');
  });
});

describe('dateLocaleFor', () => {
  it("keeps English words with the viewer's region and clock", () => {
    expect(dateLocaleFor('en-US')).toEqual({ locale: 'en-US', hourCycle: 'h12' });
    expect(dateLocaleFor('en-GB')).toEqual({ locale: 'en-GB', hourCycle: 'h23' });
    expect(dateLocaleFor('de-DE')).toEqual({ locale: 'en-DE', hourCycle: 'h23' });
    expect(dateLocaleFor('de')).toEqual({ locale: 'en', hourCycle: 'h23' });
    expect(dateLocaleFor('ja-JP')).toEqual({ locale: 'en-JP', hourCycle: 'h23' });
    expect(dateLocaleFor('en-AU')).toEqual({ locale: 'en-AU', hourCycle: 'h12' });
    expect(dateLocaleFor('garbage')).toEqual({ locale: 'en-US', hourCycle: 'h12' });
  });
});
