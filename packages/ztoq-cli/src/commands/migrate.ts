import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ciRunLink,
  interruptOnSignals,
  type MigrationResult,
  migrationFromConfig,
  type OnTargetEdit,
  type RunPhase,
  readMappingFile,
  requireConfig,
} from '@ztoq/core';
import { type Command, Option } from 'commander';
import { loadCliConfig } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
import { createCliLogger } from '../cli-logger.js';
import { formatResult } from '../format-result.js';
import type { CommandOutcome } from '../program.js';
import { createProgressDisplay, DEFAULT_PROGRESS_INTERVAL_MS } from '../progress/progress-display.js';
import { onTargetEditOption, positiveNumber, wholeNumber } from './command-options.js';
import { verbosityOf } from './common-options.js';
import { progressSeconds } from './progress-interval.js';
import { formatOption, type ReportFlags, reporterOption, reportersFromFlags } from './report-options.js';

interface MigrateFlags extends ReportFlags {
  projectKey?: string;
  phase: RunPhase;
  batchSize: number;
  maxWorkers: number;
  maxRps?: number;
  limit?: number;
  dryRun?: boolean;
  mapping?: string;
  targetRoot?: string;
  migrationId?: string;
  reportDir?: string;
  createFields: boolean;
  validation?: 'full' | 'lean';
  onTargetEdit: OnTargetEdit;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  config?: string;
  progressInterval: number;
  sendReport: 'true' | 'false';
  wait?: boolean;
}

/** `ztoq migrate`: the engine's contract on the command line. */
export function registerMigrateCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
  program
    .command('migrate')
    .description('Migrate one Zephyr Scale project to qTest: extract, transform, load, validate.')
    .option('--project-key <KEY>', 'Zephyr project key (default: DEFAULT_ZEPHYR_PROJECT_KEY)')
    .addOption(
      new Option('--phase <phase>', 'run one phase, or all in order')
        .choices(['extract', 'transform', 'load', 'validate', 'all'])
        .default('all'),
    )
    .option('--batch-size <n>', 'entities per store transaction in load', wholeNumber, 50)
    .option('--max-workers <n>', 'concurrent requests per API', wholeNumber, 5)
    .option(
      '--max-rps <n>',
      "at most this many requests per second to each API (default: learned from the APIs' 429 answers)",
      positiveNumber,
    )
    .option('--limit <n>', 'rehearsal: only the first N test cases and their executions', wholeNumber)
    .option(
      '--dry-run',
      'extract, transform and preflight; print what load would create; write nothing to qTest',
    )
    .option('--mapping <FILE>', 'JSON mapping file for statuses, priorities, users and fields')
    .option(
      '--target-root <NAME>',
      'root module and cycle name in qTest (default: the project key; "" = top level)',
    )
    .option('--migration-id <ID>', 'continue this migration (default: the latest unfinished one)')
    .option('--report-dir <DIR>', 'write the reports (--format) and the run result (result.json) here')
    .addOption(formatOption())
    .addOption(reporterOption())
    .addOption(
      new Option(
        '--send-report <bool>',
        'send notifications and the report by e-mail (SMTP_*, NOTIFICATION_EMAIL) and Slack (SLACK_WEBHOOK_URL) when set',
      )
        .choices(['true', 'false'])
        .default('true'),
    )
    .option('--no-create-fields', 'do not create missing qTest custom fields or allowed values')
    .addOption(
      new Option(
        '--validation <mode>',
        'full: read every entity back; lean: only what was written since it last matched, the rest by list reads (default: lean after a load, full for --phase validate)',
      ).choices(['full', 'lean']),
    )
    .addOption(onTargetEditOption())
    .option(
      '--wait',
      'when another run is migrating this project from the same store, wait for it instead of exiting with code 5',
    )
    .option('--json', 'print the result as JSON on stdout')
    .addOption(new Option('--quiet', 'print only errors on stderr').conflicts('verbose'))
    .option('--verbose', 'print debug diagnostics on stderr')
    .option(
      '--config <FILE>',
      'settings file (default: ztoq.config.json in the working directory, if present)',
    )
    .option(
      '--progress-interval <seconds>',
      'without a terminal: seconds between progress lines',
      progressSeconds,
      DEFAULT_PROGRESS_INTERVAL_MS,
    )
    .addHelpText(
      'after',
      `
Credentials come from the environment only (never flags): ZEPHYR_BASE_URL, ZEPHYR_API_TOKEN,
QTEST_BASE_URL, QTEST_API_TOKEN or QTEST_USERNAME/QTEST_PASSWORD, QTEST_PROJECT_ID.

Examples:
  ztoq migrate --project-key DEMO --dry-run
  ztoq migrate --project-key DEMO --mapping mapping.json --report-dir reports/DEMO
  ztoq migrate --project-key DEMO --phase extract      # then transform, load, validate later`,
    )
    .action(async (flags: MigrateFlags) => {
      const verbosity = verbosityOf(flags);
      const progress = createProgressDisplay(io, { verbosity, intervalMs: flags.progressInterval });
      const logger = createCliLogger(progress.io, verbosity);
      const config = await loadCliConfig(io, flags.config);
      const { projectKey } = requireConfig(
        config,
        ['projectKey'],
        flags.projectKey === undefined ? {} : { projectKey: flags.projectKey },
      );
      const mapping = flags.mapping ? await readMappingFile(path.resolve(io.cwd, flags.mapping)) : undefined;
      const reportDir = flags.reportDir ? path.resolve(io.cwd, flags.reportDir) : undefined;
      // Loaded before the run: a mistyped plugin path fails now, not after hours of migrating.
      const reporters = reportDir ? await reportersFromFlags(flags, io.cwd) : [];
      // Ctrl-C stops after the requests in flight; a second Ctrl-C quits at once.
      const interrupt = interruptOnSignals({
        logger,
        message: 'stopping after the requests in flight; press Ctrl-C again to quit at once',
        onRepeat: () => process.exit(130),
      });
      let result: MigrationResult;
      try {
        const configured = await migrationFromConfig({
          config,
          cwd: io.cwd,
          logger,
          reporters,
          sendReport: flags.sendReport === 'true',
          ...(ciRunLink(io.env) ? { runUrl: ciRunLink(io.env) } : {}),
          options: {
            projectKey,
            ...(reportDir ? { reportDir } : {}),
            batchSize: flags.batchSize,
            maxWorkers: flags.maxWorkers,
            ...(flags.maxRps === undefined ? {} : { maxRps: flags.maxRps }),
            ...(flags.limit === undefined ? {} : { limit: flags.limit }),
            dryRun: flags.dryRun ?? false,
            ...(mapping ? { mapping } : {}),
            ...(flags.targetRoot === undefined ? {} : { targetRoot: flags.targetRoot }),
            ...(flags.migrationId ? { migrationId: flags.migrationId } : {}),
            createFields: flags.createFields,
            ...(flags.validation === undefined ? {} : { validation: flags.validation }),
            onTargetEdit: flags.onTargetEdit,
            waitForLock: flags.wait ?? false,
            signal: interrupt.signal,
          },
        });
        try {
          progress.follow(configured.migration);
          result = await configured.migration.run({ phase: flags.phase });
        } finally {
          progress.stop();
          await configured.close();
        }
      } finally {
        interrupt.dispose();
      }
      if (reportDir) {
        // The engine has written the reports; the run's own result goes beside them.
        await writeFile(path.join(reportDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
        logger.info(`result written to ${path.join(reportDir, 'result.json')}`);
      }
      io.stdout(flags.json ? `${JSON.stringify(result)}\n` : formatResult(result));
      if (result.error) io.stderr(`ztoq: ${result.error}\n`);
      outcome.exitCode = result.exitCode;
    });
}
