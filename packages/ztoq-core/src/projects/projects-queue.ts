import type { ProjectEntry } from '../config/projects-file.js';
import { migrationStatus } from '../engine/migration-status.js';
import type { StateStoreSession } from '../ports/state-store.js';

export type QueueState = 'pending' | 'in-progress' | 'done' | 'failed';
/** What `ztoq projects mark` may set; `pending` puts a project back in line. */
export type QueueMark = 'pending' | 'done' | 'failed';

/** A project's mark is a checkpoint of its own: the store has no other per-project record to hold it. */
export const QUEUE_MARK_STREAM = 'projects-queue:mark';

export interface QueuedProject extends ProjectEntry {
  state: QueueState;
  /** `mark` when a person set the state after the latest run; `runs` when it follows the store's runs. */
  stateFrom: 'mark' | 'runs';
  latestRun: { id: string; phase: string; status: string } | null;
}

/**
 * The multi-project queue: the projects file says which projects and in what order; the store
 * says how far each has got. A project's state follows its latest migration — nothing run yet is
 * pending, a validate that succeeded is done, a phase that failed is failed, anything else is in
 * progress — unless a person marked it after that run: a mark holds until the next run, so a
 * project marked failed and migrated again afterwards shows how that run went.
 */
export async function readProjectsQueue(
  store: StateStoreSession,
  entries: readonly ProjectEntry[],
): Promise<QueuedProject[]> {
  const queue: QueuedProject[] = [];
  for (const entry of entries) {
    const status = await migrationStatus(store, entry.projectKey);
    const latest = await store.latestRun(entry.projectKey);
    const mark = await store.getCheckpoint(entry.projectKey, QUEUE_MARK_STREAM);
    const markState = (mark?.cursor as { state?: QueueMark } | undefined)?.state;
    const lastRunAt = latest ? (latest.finishedAt ?? latest.startedAt) : undefined;
    const latestRun = latest ? { id: latest.id, phase: latest.phase, status: latest.status } : null;
    if (mark && markState && (lastRunAt === undefined || mark.savedAt >= lastRunAt)) {
      queue.push({ ...entry, state: markState, stateFrom: 'mark', latestRun });
      continue;
    }
    const phase = (name: string) => status.phases.find((candidate) => candidate.phase === name)?.status;
    const state: QueueState = !latest
      ? 'pending'
      : latest.status === 'running'
        ? 'in-progress'
        : phase('validate') === 'succeeded'
          ? 'done'
          : status.phases.some((candidate) => candidate.status === 'failed')
            ? 'failed'
            : 'in-progress';
    queue.push({ ...entry, state, stateFrom: 'runs', latestRun });
  }
  return queue;
}

/**
 * What to migrate next: a project already under way comes before a new one, so an interrupted
 * migration is finished first; then the first pending one in file order. Failed projects wait
 * for a person (fix, then `mark … pending`).
 */
export function nextProject(queue: readonly QueuedProject[]): QueuedProject | undefined {
  return (
    queue.find((project) => project.state === 'in-progress') ??
    queue.find((project) => project.state === 'pending')
  );
}

export async function markProject(
  store: StateStoreSession,
  projectKey: string,
  state: QueueMark,
): Promise<void> {
  await store.saveCheckpoint(projectKey, { stream: QUEUE_MARK_STREAM, cursor: { state } });
}
