import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm test stage names', () => {
  it('refuses an unknown stage, listing the stages, before running anything', () => {
    const run = spawnSync(process.execPath, ['scripts/test-all.mjs', 'unit', 'bogus-stage'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown test stage: bogus-stage');
    expect(run.stderr).toContain('typecheck, unit, db, e2e');
    expect(run.stdout).not.toContain('passed');
  });
});
