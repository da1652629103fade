import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite silently loses data when two processes open one folder. Before opening, take a lock
 * file holding our pid; refuse (with a clear message) when a live process holds it.
 */
export class PgliteFolderBusyError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${pid}). ` +
        'Only one process may open it at a time: stop that process (for example the running ' +
        'dev server) and try again, or set PGLITE_DATA_DIR to another folder.',
    );
    this.name = 'PgliteFolderBusyError';
  }
}

const held = new Set<string>();

export function lockFileFor(dataDir: string): string {
  return path.resolve(dataDir) + '.lock';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquirePgliteLock(dataDir: string): void {
  const file = lockFileFor(dataDir);
  if (held.has(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      held.add(file);
      registerRelease();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new PgliteFolderBusyError(dataDir, owner);
      }
      // A stale lock from a process that died (or our own pid reused): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database folder ${dataDir}`);
}

export function releasePgliteLock(dataDir: string): void {
  const file = lockFileFor(dataDir);
  if (!held.delete(file)) return;
  try {
    if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
  } catch {
    // already gone
  }
}

let registered = false;
function registerRelease(): void {
  if (registered) return;
  registered = true;
  const releaseAll = () => {
    for (const file of held) {
      try {
        if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
      } catch {
        // ignore
      }
    }
    held.clear();
  };
  process.once('exit', releaseAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      releaseAll();
      // Keep the default behaviour (terminate) unless someone else, e.g. Next.js, handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}
