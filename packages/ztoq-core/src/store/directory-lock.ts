import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../errors.js';

/**
 * PGlite keeps no lock of its own: two processes opening one data directory corrupt it. A
 * lock file holding the owner's process id keeps a second `ztoq` out while the first runs,
 * and is recognised as stale once its process is gone (a crash leaves it behind).
 */
export const LOCK_FILE_NAME = 'ztoq-store.lock';

/** Lock files this process holds, so a recycled process id (containers start at 1) is not mistaken for us. */
const heldByThisProcess = new Set<string>();

export type ReleaseLock = () => Promise<void>;

export async function lockDirectory(directory: string): Promise<ReleaseLock> {
  const lockPath = join(directory, LOCK_FILE_NAME);
  // Two tries: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
      heldByThisProcess.add(lockPath);
      return async () => {
        heldByThisProcess.delete(lockPath);
        await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(lockPath);
    if (holder !== undefined && isRunningHolder(holder, lockPath)) {
      throw new StoreError(
        `the store at ${directory} is in use by process ${holder}; wait for it to finish ` +
          `(if no ztoq is running, delete ${lockPath})`,
      );
    }
    await rm(lockPath, { force: true });
  }
  throw new StoreError(`the store at ${directory} was locked by another process while opening it`);
}

async function readHolder(lockPath: string): Promise<number | undefined> {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  // A lock file without a valid process id was cut short by a crash; it counts as stale.
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function isRunningHolder(pid: number, lockPath: string): boolean {
  if (pid === process.pid) return heldByThisProcess.has(lockPath);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
