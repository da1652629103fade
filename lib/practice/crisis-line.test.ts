import { describe, expect, it } from 'vitest';
import { DEFAULT_CRISIS_LINE, HELPLINE_DIRECTORY_URL, crisisLineOf, crisisRegionOf, crisisTextParts } from './crisis-line';

describe('crisis line: zone → region', () => {
  it.each([
    ['America/New_York', 'us'],
    ['America/Los_Angeles', 'us'],
    ['America/Indiana/Indianapolis', 'us'],
    ['Pacific/Honolulu', 'us'],
    ['America/Anchorage', 'us'],
    ['America/Phoenix', 'us'],
    ['US/Eastern', 'us'],
    ['Asia/Kolkata', 'elsewhere'],
    ['Australia/Lord_Howe', 'elsewhere'],
    ['Pacific/Kiritimati', 'elsewhere'],
    ['America/Toronto', 'elsewhere'],
    ['America/Mexico_City', 'elsewhere'],
    ['Europe/London', 'elsewhere'],
    ['UTC', 'elsewhere'],
    ['', 'elsewhere'],
    [null, 'elsewhere'],
  ] as const)('%s → %s', (zone, region) => {
    expect(crisisRegionOf(zone)).toBe(region);
  });

  it('tells people outside the US to call their local number and links a directory, with no US number', () => {
    expect(DEFAULT_CRISIS_LINE.elsewhere).toContain('local emergency number');
    expect(DEFAULT_CRISIS_LINE.elsewhere).toContain(HELPLINE_DIRECTORY_URL);
    expect(DEFAULT_CRISIS_LINE.elsewhere).not.toMatch(/988|911/);
  });

  it('uses the practice wording when set, the default when blank', () => {
    expect(crisisLineOf({ crisisLineUs: '  ', crisisLineElsewhere: 'Call 112 in the EU.' })).toEqual({ us: DEFAULT_CRISIS_LINE.us, elsewhere: 'Call 112 in the EU.' });
  });
});

describe('crisis line: links in the wording', () => {
  it('links 988, 911 and https addresses, and leaves short numbers and punctuation alone', () => {
    expect(crisisTextParts(DEFAULT_CRISIS_LINE.us).filter((p) => p.kind !== 'text')).toEqual([
      { kind: 'tel', text: '988', href: 'tel:988' },
      { kind: 'tel', text: '911', href: 'tel:911' },
    ]);
    expect(crisisTextParts('Go to https://findahelpline.com. Or call +44 116 123 (2 lines).')).toEqual([
      { kind: 'text', text: 'Go to ' },
      { kind: 'url', text: 'https://findahelpline.com', href: 'https://findahelpline.com' },
      { kind: 'text', text: '. Or call ' },
      { kind: 'tel', text: '+44 116 123', href: 'tel:+44116123' },
      { kind: 'text', text: ' (2 lines).' },
    ]);
  });
});
