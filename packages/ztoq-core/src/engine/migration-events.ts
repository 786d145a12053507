import { EventEmitter } from 'node:events';
import type { MigrationPhase } from '../ports/state-store.js';
import type { MigrationResult } from './migration-result.js';

export interface MigrationEventMap {
  phase: { phase: MigrationPhase; state: 'started' | 'finished'; counts?: Record<string, number> };
  /** `total` is known for transform, load and validate; extract only knows what it has read. */
  progress: { phase: MigrationPhase; entityType: string; done: number; total?: number };
  'entity-failed': { phase: MigrationPhase; entityType: string; sourceId: string; error: string };
  done: MigrationResult;
}

export type MigrationEventName = keyof MigrationEventMap;
export type MigrationListener<E extends MigrationEventName> = (event: MigrationEventMap[E]) => void;

/** A typed face on EventEmitter; a listener that throws is not allowed to break the run. */
export class MigrationEvents {
  readonly #emitter = new EventEmitter();

  on<E extends MigrationEventName>(event: E, listener: MigrationListener<E>): () => void {
    this.#emitter.on(event, listener);
    return () => this.#emitter.off(event, listener);
  }

  emit<E extends MigrationEventName>(event: E, payload: MigrationEventMap[E]): void {
    for (const listener of this.#emitter.listeners(event)) {
      try {
        (listener as MigrationListener<E>)(payload);
      } catch {
        // A progress bar that throws must not fail a migration; the listener owns its errors.
      }
    }
  }
}
