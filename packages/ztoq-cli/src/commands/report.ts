import path from 'node:path';
import {
  buildMigrationReport,
  ExitCode,
  loadConfig,
  openStateStore,
  reportEntityPages,
  requireConfig,
} from '@ztoq/core';
import { writeReports } from '@ztoq/reporters';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { CommandOutcome } from '../program.js';
import { formatOption, type ReportFlags, reporterOption, reportersFromFlags } from './report-options.js';

interface ReportCommandFlags extends ReportFlags {
  projectKey?: string;
  migrationId?: string;
  out: string;
}

/** `ztoq report`: writes a migration's reports from the store alone; no API is called. */
export function registerReportCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
  program
    .command('report')
    .description("Write a migration's report (HTML, JSON, CSV, Markdown) from the store.")
    .option('--project-key <KEY>', 'Zephyr project key (default: DEFAULT_ZEPHYR_PROJECT_KEY)')
    .option('--migration-id <ID>', "the migration to report on (default: the project's latest)")
    .option('--out <DIR>', 'where the report files go', 'ztoq-report')
    .addOption(formatOption())
    .addOption(reporterOption())
    .addHelpText(
      'after',
      `
Examples:
  ztoq report --project-key DEMO --out reports/DEMO
  ztoq report --project-key DEMO --format html,json --reporter ./junit-reporter.js`,
    )
    .action(async (flags: ReportCommandFlags) => {
      const config = loadConfig({ env: io.env });
      const { projectKey } = requireConfig(
        config,
        ['projectKey'],
        flags.projectKey === undefined ? {} : { projectKey: flags.projectKey },
      );
      const reporters = await reportersFromFlags(flags, io.cwd);
      const outDir = path.resolve(io.cwd, flags.out);
      const store = await openStateStore({
        ...(config.databaseUrl ? { url: config.databaseUrl } : {}),
        cwd: io.cwd,
      });
      try {
        const report = await buildMigrationReport(store, {
          projectKey,
          ...(flags.migrationId ? { migrationId: flags.migrationId } : {}),
        });
        const written = await writeReports(report, reporters, {
          outDir,
          entities: () => reportEntityPages(store, projectKey),
        });
        for (const file of written.files) io.stdout(`${file}\n`);
        for (const failed of written.failed)
          io.stderr(`ztoq: reporter ${failed.reporter} failed: ${failed.error}\n`);
        if (written.failed.length > 0) outcome.exitCode = ExitCode.failed;
      } finally {
        await store.close();
      }
    });
}
