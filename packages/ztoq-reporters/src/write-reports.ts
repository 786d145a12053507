import { mkdir } from 'node:fs/promises';
import type { MigrationReport, Reporter, ReporterContext } from '@ztoq/core';

export interface WrittenReports {
  files: string[];
  /** Reporters that threw, with why; the others still wrote their files. */
  failed: { reporter: string; error: string }[];
}

/**
 * Runs each reporter into `context.outDir` (created if missing), one after another so that two
 * reporters streaming the id map do not read the store at once. One reporter failing (a plugin
 * bug, a full disk) does not cost the others their files.
 */
export async function writeReports(
  report: MigrationReport,
  reporters: readonly Reporter[],
  context: ReporterContext,
): Promise<WrittenReports> {
  await mkdir(context.outDir, { recursive: true });
  const written: WrittenReports = { files: [], failed: [] };
  for (const reporter of reporters) {
    try {
      written.files.push(...(await reporter.render(report, context)));
    } catch (error) {
      written.failed.push({
        reporter: reporter.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return written;
}
