import type {
  AcquireWriterLockOptions,
  WriterLock,
  WriterLockHolder,
  WriterLocks,
} from '../../ports/writer-lock.js';
import { acquireOrRefuse } from './wait-for-lock.js';

/**
 * Writer locks for the embedded store. Its directory lock already keeps every other process
 * out, so only runs inside this process can meet: two SDK migrations of one project on one
 * store object. A lock here is never lost.
 */
export class InProcessWriterLocks implements WriterLocks {
  readonly #holders = new Map<string, WriterLockHolder>();

  acquireWriterLock(
    projectKey: string,
    holder: WriterLockHolder,
    options: AcquireWriterLockOptions = {},
  ): Promise<WriterLock> {
    return acquireOrRefuse(
      projectKey,
      options,
      async () => {
        if (this.#holders.has(projectKey)) return undefined;
        this.#holders.set(projectKey, holder);
        let released = false;
        return {
          projectKey,
          lost: new AbortController().signal,
          identify: async (migrationId) => {
            if (!released) this.#holders.set(projectKey, { ...holder, migrationId });
          },
          release: async () => {
            if (released) return;
            released = true;
            this.#holders.delete(projectKey);
          },
        };
      },
      () => this.writerLockHolder(projectKey),
    );
  }

  async writerLockHolder(projectKey: string): Promise<WriterLockHolder | undefined> {
    return this.#holders.get(projectKey);
  }

  async close(): Promise<void> {
    this.#holders.clear();
  }
}
