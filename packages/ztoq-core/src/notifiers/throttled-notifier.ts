import type { MigrationNotice, Notifier } from '../ports/notifier.js';

/** Progress in a mailbox or a channel is useful every quarter of an hour, not every page. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Passes every notice on except `progress`, of which at most one per interval goes through,
 * counted from the run's start: a run that is over in ten minutes sends no progress at all.
 * Milestones (start, phases, failure, end) are never held back.
 */
export function throttleProgress(
  notifier: Notifier,
  options: { intervalMs?: number; now?: () => number } = {},
): Notifier {
  const intervalMs = options.intervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  const now = options.now ?? Date.now;
  let lastSent: number | undefined;
  return {
    name: notifier.name,
    async notify(notice: MigrationNotice) {
      if (notice.kind === 'run-started') lastSent = now();
      if (notice.kind === 'progress') {
        const time = now();
        if (lastSent !== undefined && time - lastSent < intervalMs) return;
        lastSent = time;
      }
      await notifier.notify(notice);
    },
  };
}
