import { setTimeout as sleep } from 'node:timers/promises';
import { WriterLockHeld, ZtoqError } from '../../errors.js';
import {
  type AcquireWriterLockOptions,
  describeHolder,
  type WriterLockHolder,
} from '../../ports/writer-lock.js';

/** How often a waiting run tries the lock again; a finished or killed holder is noticed within it. */
export const LOCK_POLL_MS = 1_000;

/**
 * Tries `attempt` until it takes the lock: once without `wait`, else until the signal aborts.
 * A refusal names the holder, read after the failed try so it is the current one.
 */
export async function acquireOrRefuse<Lock>(
  projectKey: string,
  options: AcquireWriterLockOptions,
  attempt: () => Promise<Lock | undefined>,
  readHolder: () => Promise<WriterLockHolder | undefined>,
): Promise<Lock> {
  let announced = false;
  for (;;) {
    const lock = await attempt();
    if (lock) return lock;
    const holder = await readHolder();
    if (!options.wait) throw new WriterLockHeld(refusal(projectKey, holder));
    if (!announced) {
      announced = true;
      options.onWait?.(holder);
    }
    try {
      await sleep(LOCK_POLL_MS, undefined, options.signal ? { signal: options.signal } : {});
    } catch {
      throw new ZtoqError(
        `stopped waiting for the writer lock of project ${projectKey}; nothing was written`,
      );
    }
  }
}

function refusal(projectKey: string, holder: WriterLockHolder | undefined): string {
  return (
    `project ${projectKey} is being migrated by ${describeHolder(holder)}; ` +
    'this run wrote nothing — run it again when that one has finished, or pass --wait to wait for it'
  );
}
