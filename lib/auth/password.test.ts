import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, PASSWORD_HASH_OPTIONS, dummyPasswordHash, hashPassword, verifyAgainstDummy, verifyPassword } from './password';

describe('password hashing (argon2id)', () => {
  it('hashes with argon2id and the configured parameters, salted', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    const options = parseOptions(a);
    expect(options).toMatchObject({ memoryCost: PASSWORD_HASH_OPTIONS.memoryCost, timeCost: PASSWORD_HASH_OPTIONS.timeCost, parallelism: 1, outputLen: 32, saltLen: 16 });
    expect(options.algorithm).toBe(2); // Argon2id
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword(stored, 'Correct horse battery staple')).toBe(false);
  });

  it('never throws on garbage: unreadable hash or over-long input is simply false', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
    const stored = await hashPassword('x'.repeat(MAX_PASSWORD_LENGTH));
    expect(await verifyPassword(stored, 'x'.repeat(MAX_PASSWORD_LENGTH))).toBe(true);
    expect(await verifyPassword(stored, 'x'.repeat(MAX_PASSWORD_LENGTH + 1))).toBe(false);
    await expect(hashPassword('x'.repeat(MAX_PASSWORD_LENGTH + 1))).rejects.toThrow(/limited/);
  });

  it('the dummy check always fails, and costs what a real one does (same algorithm and parameters)', async () => {
    expect(await verifyAgainstDummy('correct horse battery staple')).toBe(false);
    expect(await verifyAgainstDummy('')).toBe(false);
    const real = parseOptions(await hashPassword('correct horse battery staple'));
    const dummy = parseOptions(await dummyPasswordHash());
    // Timing follows from the work argon2 does, which these fix; wall-clock comparisons are
    // too noisy on a shared CI machine to assert.
    expect(dummy).toEqual(real);
  });
});
