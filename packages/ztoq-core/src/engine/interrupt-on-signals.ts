import type { Logger } from '../ports/logger.js';

export interface SignalInterrupt {
  /** Aborted at the first SIGINT or SIGTERM; hand it to the migration. */
  readonly signal: AbortSignal;
  /** Stops listening; call it when the run is over. */
  dispose(): void;
}

/**
 * Turns the first SIGINT or SIGTERM (Ctrl-C, a cancelled CI job) into an abort, so requests in
 * flight finish and reach the store and the next run resumes instead of re-checking
 * unconfirmed creates. A repeated signal calls `onRepeat` (a terminal quits at once).
 */
export function interruptOnSignals(options: {
  logger: Logger;
  /** Said once, at the first signal. */
  message: string;
  onRepeat?: () => void;
}): SignalInterrupt {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) {
      options.onRepeat?.();
      return;
    }
    options.logger.warn(options.message);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
