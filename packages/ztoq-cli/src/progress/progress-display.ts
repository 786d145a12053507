import type { Migration } from '@ztoq/core';
import type { CliIo } from '../cli-io.js';
import type { Verbosity } from '../cli-logger.js';
import { PlainProgress } from './plain-progress.js';
import { TerminalProgress } from './terminal-progress.js';

/** How a command shows a running migration on stderr. */
export interface ProgressDisplay {
  /** The io diagnostics go through while the display runs, so a log line never tears a bar. */
  readonly io: CliIo;
  follow(migration: Migration): void;
  /** Draws the final state and gives the terminal back; safe to call twice. */
  stop(): void;
}

export interface ProgressDisplayOptions {
  verbosity: Verbosity;
  /** Without a terminal: milliseconds between progress lines. */
  intervalMs: number;
}

/** Without a terminal, steady plain progress lines are printed instead of bars. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 10_000;

/**
 * Bars on a terminal; plain lines at a steady interval without one (CI logs keep every
 * line, so redrawn bars would fill them); nothing with `--quiet`.
 */
export function createProgressDisplay(io: CliIo, options: ProgressDisplayOptions): ProgressDisplay {
  if (options.verbosity === 'quiet') return { io, follow: () => undefined, stop: () => undefined };
  if (io.terminal) return new TerminalProgress(io, io.terminal);
  return new PlainProgress(io, options.intervalMs);
}
