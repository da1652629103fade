import { describe, expect, it } from 'vitest';
import { cleanName, stripInvisibleControls } from './plain-text';
import { personNameSchema } from './schemas';

describe('stripInvisibleControls', () => {
  it('removes bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)', () => {
    const all = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    expect(stripInvisibleControls(`Ana${all}Ruiz`)).toBe('AnaRuiz');
    // The classic spoof: "Ana" then a right-to-left override that shows "zuiR" reversed.
    expect(stripInvisibleControls('Ana \u202eziuR\u202c')).toBe('Ana ziuR');
  });

  it('removes marks, zero-width spaces, word joiners, BOMs, soft hyphens, tags and control characters', () => {
    expect(stripInvisibleControls('A\u200eB\u200fC\u061cD\u200bE\u2060F\ufeffG\u00adH\u{E0041}I\u0007J')).toBe('ABCDEFGHIJ');
  });

  it('keeps joiners between letters (Persian, Indic) and inside emoji sequences, removes stray ones', () => {
    expect(stripInvisibleControls('\u0645\u06cc\u200c\u0634\u0648\u062f')).toBe('\u0645\u06cc\u200c\u0634\u0648\u062f');
    expect(stripInvisibleControls('\u0915\u094d\u200d\u0937')).toBe('\u0915\u094d\u200d\u0937');
    expect(stripInvisibleControls('👩\u200d💻')).toBe('👩\u200d💻');
    expect(stripInvisibleControls('\u200dAna\u200c')).toBe('Ana');
    expect(stripInvisibleControls('Ana \u200d Ruiz')).toBe('Ana  Ruiz');
    expect(stripInvisibleControls('A\u200d\u200d\u200dB')).toBe('A\u200dB');
  });

  it('keeps ordinary names in any script untouched (NFC)', () => {
    for (const name of ['José Núñez', 'Zoë O’Brien-Smith', '李小龍', 'محمد علی', 'Ngọc Ánh', 'Ólafur']) {
      expect(stripInvisibleControls(name)).toBe(name.normalize('NFC'));
    }
    expect(stripInvisibleControls('Jose\u0301')).toBe('José');
  });
});

describe('cleanName', () => {
  it('turns line breaks and tabs into one space and trims', () => {
    expect(cleanName('  Ana\n\tRuiz\u2028 ')).toBe('Ana Ruiz');
  });
});

describe('personNameSchema', () => {
  it('stores the cleaned name and counts its length after cleaning', () => {
    expect(personNameSchema(10).parse('\u202eAna Ruiz\u202c')).toBe('Ana Ruiz');
    expect(personNameSchema(3).safeParse('A\u200bn\u200ba').success).toBe(true);
    expect(personNameSchema(3).safeParse('Anna').success).toBe(false);
  });

  it('a name made only of invisible characters is empty', () => {
    expect(personNameSchema(10).min(1, 'empty').safeParse('\u202e\u2066\u200b').success).toBe(false);
  });
});
