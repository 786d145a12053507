import type { FinishedRunStatus } from '../ports/state-store.js';
import type { QueueState } from './projects-queue.js';

/**
 * A project's place in the queue once a run of it ends. Succeeded and partial are done: a
 * partial run has said what it could not carry, and running it again would not carry more.
 * A failed one waits for a person, so one broken project does not hold up the others. An
 * interrupted run (a spent time budget, a cancelled job) is in progress, and its next run
 * continues it from the store.
 */
export function queueStateAfterRun(status: FinishedRunStatus | 'not-started'): QueueState {
  switch (status) {
    case 'succeeded':
    case 'partial':
      return 'done';
    case 'interrupted':
      return 'in-progress';
    default:
      return 'failed';
  }
}
