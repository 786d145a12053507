/**
 * A run's time budget: a CI job is killed at a hard limit (six hours on GitHub), and a kill
 * loses the requests in flight. Aborting the engine's signal before that stops it the way a
 * cancellation does (requests in flight finish, checkpoints are written), so the next run
 * continues where this one stopped.
 */
export interface TimeBudget {
  /** Aborted when the budget is spent or `parent` aborts. */
  readonly signal: AbortSignal;
  /** True once the budget, not the parent, stopped the run. */
  exhausted(): boolean;
  dispose(): void;
}

export function startTimeBudget(minutes: number, parent?: AbortSignal): TimeBudget {
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new RangeError(`time budget must be positive, got ${minutes}`);
  const controller = new AbortController();
  let spent = false;
  const timer = setTimeout(() => {
    spent = true;
    controller.abort(new Error(`the time budget of ${minutes} minutes is spent`));
  }, minutes * 60_000);
  // A long budget must not keep a finished process alive.
  timer.unref();
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onParentAbort, { once: true });
  if (parent?.aborted) onParentAbort();
  return {
    signal: controller.signal,
    exhausted: () => spent,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
