import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreError, WriterLockHeld, ZtoqError } from '../errors.js';
import { toStoreError } from './store-error.js';
import { LOCK_POLL_MS } from './writer-locks/wait-for-lock.js';

/**
 * PGlite keeps no lock of its own: two processes opening one data directory corrupt it. A
 * lock file holding the owner's process id keeps a second `ztoq` out while the first runs,
 * and is recognised as stale once its process is gone (a crash leaves it behind).
 */
export const LOCK_FILE_NAME = 'ztoq-store.lock';

/** Lock files this process holds, so a recycled process id (containers start at 1) is not mistaken for us. */
const heldByThisProcess = new Set<string>();

export type ReleaseLock = () => Promise<void>;

export interface WaitForDirectory {
  signal?: AbortSignal;
  /** Called once, when the directory is found held, with the holder's process id. */
  onWait?: (pid: number) => void;
}

/**
 * Takes the directory's lock, or refuses with `WriterLockHeld` (the embedded store's writer
 * lock is this one: it keeps every other process out); with `wait`, polls until the holder
 * is gone or the signal aborts.
 */
export async function lockDirectory(directory: string, wait?: WaitForDirectory): Promise<ReleaseLock> {
  let announced = false;
  for (;;) {
    try {
      return await tryLockDirectory(directory);
    } catch (error) {
      if (!(error instanceof HeldByProcess) || !wait) throw error;
      if (!announced) {
        announced = true;
        wait.onWait?.(error.pid);
      }
    }
    try {
      await sleep(LOCK_POLL_MS, undefined, wait.signal ? { signal: wait.signal } : {});
    } catch {
      throw new ZtoqError(`stopped waiting for the store at ${directory}; nothing was written`);
    }
  }
}

class HeldByProcess extends WriterLockHeld {
  readonly pid: number;
  constructor(message: string, pid: number) {
    super(message);
    this.pid = pid;
  }
}

async function tryLockDirectory(directory: string): Promise<ReleaseLock> {
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
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw toStoreError(`cannot use ${directory} for the store`, error);
    }
    const holder = await readHolder(lockPath);
    if (holder !== undefined && isRunningHolder(holder, lockPath)) {
      throw new HeldByProcess(
        `the store at ${directory} is in use by process ${holder}; wait for it to finish or pass --wait ` +
          `(if no ztoq is running, delete ${lockPath})`,
        holder,
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
