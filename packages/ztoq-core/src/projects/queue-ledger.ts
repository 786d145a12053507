import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectEntry } from '../config/projects-file.js';
import { StoreError } from '../errors.js';
import type { StateStoreSession } from '../ports/state-store.js';
import { markProject, type QueueState, readProjectsQueue } from './projects-queue.js';

/** Where the queue's per-project outcomes persist between runs of a chain. */
export interface QueueLedger {
  /** The state of every entry, in file order. */
  states(entries: readonly ProjectEntry[]): Promise<Map<string, QueueState>>;
  record(projectKey: string, state: QueueState): Promise<void>;
}

/**
 * The queue in the state store (a PostgreSQL `database-url`): states follow the store's runs
 * and marks, as `ztoq projects` shows them. A project that failed before its store was
 * written (refused credentials, an unknown qTest project) has no run, so its failure is a mark:
 * without it the project would stay pending and a chain would start it again and again.
 */
export function storeQueueLedger(store: StateStoreSession): QueueLedger {
  return {
    async states(entries) {
      const queue = await readProjectsQueue(store, entries);
      return new Map(queue.map((project) => [project.projectKey, project.state]));
    },
    async record(projectKey, state) {
      // In progress and pending follow from the runs themselves.
      if (state === 'done' || state === 'failed') await markProject(store, projectKey, state);
    },
  };
}

interface LedgerFile {
  version: 1;
  projects: Record<string, { state: QueueState; recordedAt: string }>;
}

/**
 * The queue in a JSON file, for the embedded store: each project's store is its own directory
 * (and cache entry), so the queue across projects needs a record of its own. Written to a
 * temporary file and renamed, so a killed run never leaves half a file.
 */
export function fileQueueLedger(file: string): QueueLedger {
  const read = async (): Promise<LedgerFile> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, projects: {} };
      throw new StoreError(`cannot read the project queue ${file}: ${String(error)}`);
    }
    try {
      const parsed = JSON.parse(text) as LedgerFile;
      if (parsed.version !== 1 || typeof parsed.projects !== 'object') throw new Error('unknown format');
      return parsed;
    } catch (error) {
      throw new StoreError(`the project queue ${file} is not readable JSON: ${(error as Error).message}`);
    }
  };
  return {
    async states(entries) {
      const ledger = await read();
      return new Map(
        entries.map((entry) => [entry.projectKey, ledger.projects[entry.projectKey]?.state ?? 'pending']),
      );
    },
    async record(projectKey, state) {
      const ledger = await read();
      ledger.projects[projectKey] = { state, recordedAt: new Date().toISOString() };
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(ledger, null, 2)}\n`);
      await rename(temporary, file);
    },
  };
}
