/**
 * When the phases stop. An interrupt (Ctrl-C, a cancelled job) or a lost writer lock stops the
 * run at the next boundary between units of work. A time budget stops it there too, but only
 * once this run stored a unit the next run will not do again (a Zephyr page with its
 * checkpoint, a finished stream, a batch of confirmed creates): a budget spent before the run got
 * going (a slow start on a busy runner, a long transform) would otherwise stop every run of a
 * chain at the same place, and the chain would never end.
 */
export interface RunStop {
  /** What the phases honour: aborted by an interrupt, or by the budget once `progressed` was called. */
  readonly signal: AbortSignal;
  /** Says this run stored a unit of work that survives it. */
  progressed(): void;
  /** Stops listening to the budget, which may outlive the run. */
  dispose(): void;
}

export function runStop(stops: { interrupt: readonly AbortSignal[]; budget?: AbortSignal }): RunStop {
  const gate = new AbortController();
  let progressed = false;
  const { budget } = stops;
  const openIfDue = () => {
    if (progressed && budget?.aborted && !gate.signal.aborted) gate.abort(budget.reason);
  };
  if (budget && !budget.aborted) budget.addEventListener('abort', openIfDue, { once: true });
  return {
    signal: AbortSignal.any([...stops.interrupt, gate.signal]),
    progressed() {
      progressed = true;
      openIfDue();
    },
    dispose: () => budget?.removeEventListener('abort', openIfDue),
  };
}
