import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquirePgliteLock, lockFileFor, PgliteFolderBusyError, releasePgliteLock } from './pglite-lock';

const dirs: string[] = [];
function tempDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-lock-'));
  dirs.push(dir);
  return path.join(dir, 'pglite');
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the embedded database folder lock', () => {
  it('refuses a second live process with a message that says what to do', async () => {
    const dataDir = tempDataDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      fs.writeFileSync(lockFileFor(dataDir), String(other.pid));
      expect(() => acquirePgliteLock(dataDir)).toThrow(PgliteFolderBusyError);
      expect(() => acquirePgliteLock(dataDir)).toThrow(/in use by another process \(pid \d+\).*stop that process/);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that died, and releases it', async () => {
    const dataDir = tempDataDir();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    fs.writeFileSync(lockFileFor(dataDir), String(dead.pid));
    acquirePgliteLock(dataDir);
    expect(fs.readFileSync(lockFileFor(dataDir), 'utf8')).toBe(String(process.pid));
    releasePgliteLock(dataDir);
    expect(fs.existsSync(lockFileFor(dataDir))).toBe(false);
  });

  it('is re-entrant within one process', () => {
    const dataDir = tempDataDir();
    acquirePgliteLock(dataDir);
    expect(() => acquirePgliteLock(dataDir)).not.toThrow();
    releasePgliteLock(dataDir);
  });
});
