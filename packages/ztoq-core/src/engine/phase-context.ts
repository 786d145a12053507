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
  readonly http: HttpLayer | undefined;
  readonly result: MigrationResult;
}

/** Thrown between units of work once the run's signal is aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new MigrationInterrupted();
}

export class MigrationInterrupted extends Error {
  constructor() {
    super('interrupted; run the same command again to resume');
    this.name = 'MigrationInterrupted';
  }
}
