import type { MigrationReport, ReportEntityRow } from '../report/migration-report.js';

/**
 * Writes an account of a migration somewhere people can read it (HTML, JSON, CSV, …). The engine
 * calls every reporter after each run; `ztoq report` calls them on demand.
 */
export interface Reporter {
  readonly name: string;
  /** Writes into `context.outDir`, which exists; returns the paths written. */
  render(report: MigrationReport, context: ReporterContext): Promise<string[]>;
}

export interface ReporterContext {
  outDir: string;
  /**
   * The id map, one page of rows at a time, read from the store as it is consumed: too big for
   * the report itself (a project may have hundreds of thousands of entities), so a reporter that
   * lists every entity streams it from here. Each call starts from the beginning.
   */
  entities(): AsyncIterable<ReportEntityRow[]>;
}
