import type { MigrationResult } from '../engine/migration-result.js';

/** Writes an account of a finished run somewhere people can read it (HTML, JSON, CSV, …). */
export interface Reporter {
  readonly name: string;
  /** Writes into `context.outDir`, which exists; returns the paths written. */
  render(result: MigrationResult, context: ReporterContext): Promise<string[]>;
}

export interface ReporterContext {
  outDir: string;
}
