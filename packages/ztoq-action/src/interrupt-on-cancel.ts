import type { Logger } from '@ztoq/core';

/**
 * Cancelling a workflow sends the step SIGINT, then SIGTERM a few seconds later, then kills it.
 * Turning the first signal into an abort lets the requests in flight finish and their results
 * reach the store, so the next run resumes instead of re-checking unconfirmed creates.
 */
export function interruptOnCancel(logger: Logger): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) return;
    logger.warn('the workflow was cancelled; stopping after the requests in flight');
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
