import type { Migration, MigrationPhase } from '@ztoq/core';
import type { CliIo } from '../cli-io.js';
import type { ProgressDisplay } from './progress-display.js';
import { countText, durationText, etaText, rateText } from './progress-text.js';

interface Line {
  phase: MigrationPhase;
  entityType: string;
  done: number;
  total?: number;
  startedAt: number;
  /** Whether it moved since it was last printed. */
  changed: boolean;
}

/**
 * Progress for logs: every `intervalMs`, one line per entity type that moved since the last
 * tick, and one line when each phase ends. A steady interval keeps a long CI log readable and
 * still shows a run that has not hung.
 */
export class PlainProgress implements ProgressDisplay {
  readonly io: CliIo;
  readonly #lines = new Map<string, Line>();
  readonly #phaseStarts = new Map<MigrationPhase, number>();
  readonly #timer: NodeJS.Timeout;
  #stopped = false;

  constructor(io: CliIo, intervalMs: number) {
    this.io = io;
    this.#timer = setInterval(() => this.#tick(), intervalMs);
    // A display must never keep the process alive after the command is done.
    this.#timer.unref();
  }

  follow(migration: Migration): void {
    migration.on('phase', ({ phase, state }) => {
      if (state === 'started') {
        this.#phaseStarts.set(phase, Date.now());
        return;
      }
      this.#tick();
      const seconds = Math.round((Date.now() - (this.#phaseStarts.get(phase) ?? Date.now())) / 1000);
      this.io.stderr(`${phase}: finished in ${durationText(seconds)}\n`);
    });
    migration.on('progress', ({ phase, entityType, done, total }) => {
      const key = `${phase} ${entityType}`;
      // Rates count from the phase's start: the first progress event already carries a page's worth.
      const startedAt = this.#phaseStarts.get(phase) ?? Date.now();
      const line = this.#lines.get(key) ?? { phase, entityType, done, startedAt, changed: true };
      line.done = done;
      if (total !== undefined) line.total = total;
      line.changed = true;
      this.#lines.set(key, line);
    });
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
  }

  #tick(): void {
    const now = Date.now();
    for (const line of this.#lines.values()) {
      if (!line.changed) continue;
      line.changed = false;
      const figures = { ...line, now };
      const percent =
        line.total === undefined || line.total === 0
          ? ''
          : ` (${Math.floor((line.done / line.total) * 100)}%)`;
      const extras = [rateText(figures), etaText(figures)].filter((text) => text !== '');
      this.io.stderr(
        `progress: ${line.phase} ${line.entityType} ${countText(line.done, line.total)}${percent}${extras.length > 0 ? `, ${extras.join(', ')}` : ''}\n`,
      );
    }
  }
}
