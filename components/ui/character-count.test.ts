import { describe, expect, it } from 'vitest';
import { tooLongMessage } from '@/lib/text/length';
import { characterCount } from './character-count';

describe('characterCount', () => {
  it('counts what the server counts (trimmed) with grouped numbers', () => {
    expect(characterCount('a'.repeat(812), 1000)).toMatchObject({ length: 812, over: false, text: '812 of 1,000', announcement: '' });
    expect(characterCount('  hi  ', 1000).text).toBe('2 of 1,000');
    expect(characterCount('a'.repeat(1000), 1000).over).toBe(false);
  });

  it('says plainly when over, by how much', () => {
    const c = characterCount('a'.repeat(1203), 1000);
    expect(c.over).toBe(true);
    expect(c.text).toBe('1,203 of 1,000: 203 too many. Please shorten it; nothing is sent until it fits.');
    expect(c.announcement).toBe('Too long by 203 characters.');
    expect(characterCount('a'.repeat(1001), 1000).announcement).toBe('Too long by 1 character.');
  });
});

describe('tooLongMessage', () => {
  it('names the length, the limit and the excess', () => {
    expect(tooLongMessage(1203, 1000)).toBe('This is 1,203 characters; the limit is 1,000. Please shorten it by 203.');
  });
});
