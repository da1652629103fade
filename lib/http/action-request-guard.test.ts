import { describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT_BYTES, isPlainReply, refuseUnreadableAction } from './action-request-guard';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1:3000/book/x/details', {
    method: 'POST',
    body,
    headers: { 'Next-Action': 'abc', Host: '127.0.0.1:3000', Origin: 'http://127.0.0.1:3000', 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
  });

describe('isPlainReply', () => {
  it('accepts what plain arguments encode to', () => {
    expect(isPlainReply([{ name: 'Ana', n: 3, ok: true, none: null, list: ['a', '$$5 fee'] }, '$undefined', '$D2026-11-30T10:00:00.000Z', '$NaN'], null)).toBe(true);
    expect(isPlainReply(['token', null, '$K1'], new Set(['0', '_1_reason']))).toBe(true);
  });
  it('refuses every other tag, a non-list root and absurd nesting', () => {
    for (const tag of ['$Q1', '$W1', '$@1', '$F1', '$h1', '$R1', '$B1', '$n-x', '$T', '$Dnot-a-date', '$S1', '$Z']) expect(isPlainReply([tag], null), tag).toBe(false);
    expect(isPlainReply(['$K1'], null), 'FormData only in multipart').toBe(false);
    expect(isPlainReply({ a: 1 }, null)).toBe(false);
    let deep: unknown = [];
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(isPlainReply(deep, null)).toBe(false);
  });
});

describe('refuseUnreadableAction', () => {
  it('lets a well-formed action post through (and ignores requests that are not action posts)', async () => {
    expect(await refuseUnreadableAction(post('[{"a":1}]'))).toBeNull();
    expect(await refuseUnreadableAction(new Request('http://x/', { method: 'GET' }))).toBeNull();
  });
  it('answers 400, 403 and 413 with a plain sentence', async () => {
    expect((await refuseUnreadableAction(post('nope')))?.status).toBe(400);
    expect((await refuseUnreadableAction(post('[]', { Origin: 'https://evil.example' })))?.status).toBe(403);
    const big = 'a'.repeat(ACTION_BODY_LIMIT_BYTES + 1);
    const refused = await refuseUnreadableAction(post(big, { 'Content-Length': String(big.length) }));
    expect(refused?.status).toBe(413);
    expect(await refused?.text()).toContain('too large');
  });
  it('reads a multipart body as React sends it, and leaves the original body unread', async () => {
    const form = new FormData();
    form.append('_1_reason', 'moving away');
    form.append('0', JSON.stringify(['token', null, '$K1']));
    const request = new Request('http://127.0.0.1:3000/m/t/cancel', { method: 'POST', body: form, headers: { 'Next-Action': 'abc', Host: '127.0.0.1:3000' } });
    expect(await refuseUnreadableAction(request)).toBeNull();
    expect((await request.formData()).get('_1_reason')).toBe('moving away');
  });
});
