/**
 * One writer per project: a run that writes (to the store or to the target) holds the
 * project's writer lock for as long as it runs, so two runs of one project never interleave
 * their creates. The lock is the store's, because the store is what both runs share: a
 * workflow's concurrency group or a cron schedule cannot see a run started by hand.
 */

/** Who holds a writer lock, as a refused run prints it. */
export interface WriterLockHolder {
  host: string;
  pid: number;
  /** ISO timestamp. */
  startedAt: string;
  /** Known once the lock is held: which migration a run continues is decided under the lock. */
  migrationId?: string;
}

export interface AcquireWriterLockOptions {
  /** Wait for the holder to finish instead of failing at once; the signal ends the wait. */
  wait?: boolean;
  signal?: AbortSignal;
  /** Called once when the lock is busy and `wait` is set, naming who the run waits for. */
  onWait?: (holder: WriterLockHolder | undefined) => void;
}

export interface WriterLock {
  readonly projectKey: string;
  /**
   * Aborted when the lock can no longer be guaranteed (its database session was lost): the
   * run must stop writing, because another run may now take the lock. The reason is an Error.
   */
  readonly lost: AbortSignal;
  /** Records which migration the holder runs, for a refused run to print. */
  identify(migrationId: string): Promise<void>;
  /** Idempotent; a lost lock releases nothing. */
  release(): Promise<void>;
}

/** The store capability the engine asks for before it writes anything. */
export interface WriterLocks {
  /**
   * Takes the project's writer lock, or throws `WriterLockHeld` naming the holder (after
   * waiting, with `wait`, until the signal aborts). Re-entrant nowhere: a second acquire of a
   * held project is refused even in the same process.
   */
  acquireWriterLock(
    projectKey: string,
    holder: WriterLockHolder,
    options?: AcquireWriterLockOptions,
  ): Promise<WriterLock>;
  /** Who holds the project's lock now, if anyone; for `status`. */
  writerLockHolder(projectKey: string): Promise<WriterLockHolder | undefined>;
}

/** The holder as a refused or waiting run names it. */
export function describeHolder(holder: WriterLockHolder | undefined): string {
  if (!holder) return 'another run (it has not recorded itself yet)';
  const migration = holder.migrationId ? `migration ${holder.migrationId}, ` : '';
  return `process ${holder.pid} on ${holder.host} (${migration}started ${holder.startedAt})`;
}
