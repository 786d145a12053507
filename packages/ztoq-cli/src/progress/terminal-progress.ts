import type { Migration, MigrationPhase } from '@ztoq/core';
import cliProgress from 'cli-progress';
import type { CliIo } from '../cli-io.js';
import type { ProgressDisplay } from './progress-display.js';
import { countText, etaText, rateText } from './progress-text.js';

interface BarPayload {
  phase: MigrationPhase;
  entityType: string;
  /** Extract reads without knowing how much there is; its bar fills when the phase ends. */
  totalKnown: boolean;
  startedAt: number;
  finished: boolean;
  done: number;
}

const BAR_SIZE = 24;

/**
 * One live bar per phase and entity type (cli-progress's MultiBar), each with its counts,
 * rate and ETA. Log lines are written above the bars through the bar's own log, so they
 * never tear a bar; when the command ends, the bars are drawn a last time and the cursor
 * is put back below them.
 */
export class TerminalProgress implements ProgressDisplay {
  readonly io: CliIo;
  readonly #bars = new Map<string, { bar: cliProgress.SingleBar; payload: BarPayload }>();
  readonly #multibar: cliProgress.MultiBar;
  readonly #phaseStarts = new Map<MigrationPhase, number>();
  #stopped = false;

  constructor(io: CliIo, terminal: NodeJS.WriteStream) {
    this.#multibar = new cliProgress.MultiBar({
      stream: terminal,
      format: formatLine,
      barsize: BAR_SIZE,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      // The command handles Ctrl-C itself (migrate stops cleanly) and stops the display after.
      gracefulExit: false,
      fps: 10,
    });
    this.io = {
      ...io,
      stderr: (text) => {
        if (this.#bars.size === 0 || this.#stopped) io.stderr(text);
        else this.#multibar.log(text);
      },
    };
  }

  follow(migration: Migration): void {
    migration.on('progress', ({ phase, entityType, done, total }) => {
      const key = `${phase} ${entityType}`;
      const existing = this.#bars.get(key);
      if (!existing) {
        const payload: BarPayload = {
          phase,
          entityType,
          totalKnown: total !== undefined,
          // Rates count from the phase's start: the first event already carries a page's worth.
          startedAt: this.#phaseStarts.get(phase) ?? Date.now(),
          finished: false,
          done,
        };
        const bar = this.#multibar.create(total ?? done, done, payload);
        this.#bars.set(key, { bar, payload });
        return;
      }
      existing.payload.done = done;
      if (total !== undefined) existing.bar.setTotal(total);
      else if (done > existing.bar.getTotal()) existing.bar.setTotal(done);
      existing.bar.update(done);
    });
    migration.on('phase', ({ phase, state }) => {
      if (state === 'started') this.#phaseStarts.set(phase, Date.now());
      if (state !== 'finished') return;
      for (const { bar, payload } of this.#bars.values()) {
        if (payload.phase !== phase) continue;
        payload.finished = true;
        // What was read is all there was: the bar of a stream read to its end is full.
        if (!payload.totalKnown) bar.setTotal(payload.done);
        bar.update(payload.done, payload);
      }
    });
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#bars.size > 0) this.#multibar.stop();
  }
}

function formatLine(options: cliProgress.Options, params: cliProgress.Params, payload: BarPayload): string {
  const figures = {
    done: params.value,
    ...(payload.totalKnown ? { total: params.total } : {}),
    startedAt: payload.startedAt,
    now: payload.finished && params.stopTime ? params.stopTime : Date.now(),
  };
  const progress = payload.totalKnown || payload.finished ? params.progress : 0;
  const bar = cliProgress.Format.BarFormat(progress, options);
  const count =
    payload.totalKnown || payload.finished ? countText(params.value, params.total) : `${params.value} read`;
  const state = payload.finished ? 'done' : etaText(figures);
  return [
    `${payload.phase.padEnd(9)} ${payload.entityType.padEnd(14)} ${bar}`,
    count.padStart(11),
    rateText(figures).padStart(7),
    state,
  ]
    .join(' ')
    .trimEnd();
}
