import type { HttpLayer } from '../http/http-layer.js';
import type { Logger } from '../ports/logger.js';
import type { Source } from '../ports/source.js';
import type { StateStore } from '../ports/state-store.js';
import type { Target } from '../ports/target.js';
import type { MigrationEvents } from './migration-events.js';
import type { ResolvedMigrationOptions } from './migration-options.js';
import type { MigrationResult } from './migration-result.js';

/** Everything a phase needs; the result is filled in as the phases go. */
export interface PhaseContext {
  readonly source: Source;
  readonly target: Target;
  readonly store: StateStore;
  readonly options: ResolvedMigrationOptions;
  readonly runId: string;
  readonly migrationId: string;
  readonly events: MigrationEvents;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  /** Called once a unit of work is stored that the next run need not redo (see run-stop.ts). */
  readonly progressed: () => void;
  /**
   * The latest run of this migration was stopped (Ctrl-C, a time budget): this run resumes it,
   * so what that run finished (every extract stream) is not done again.
   */
  readonly resumesInterrupted: boolean;
  readonly http: HttpLayer | undefined;
  readonly result: MigrationResult;
}

/** Thrown between units of work once the run's signal is aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new MigrationInterrupted();
}

/**
 * Whether `error` is the run's stop reaching work that was in flight: a read aborted under the
 * signal throws the signal's reason (or an `AbortError`, or an error caused by either) once
 * the signal fired. Anything else is a real error, even when it happens after a stop.
 */
export function isStopError(error: unknown, signal: AbortSignal): boolean {
  if (!signal.aborted) return false;
  for (let cause = error, depth = 0; cause !== undefined && depth < 5; depth += 1) {
    if (cause === signal.reason) return true;
    if (!(cause instanceof Error)) return false;
    if (cause.name === 'AbortError') return true;
    cause = cause.cause;
  }
  return false;
}

export class MigrationInterrupted extends Error {
  constructor() {
    super('interrupted; run the same command again to resume');
    this.name = 'MigrationInterrupted';
  }
}
