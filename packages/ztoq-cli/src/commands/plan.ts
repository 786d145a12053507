import path from 'node:path';
import { ExitCode, migrationFromConfig, type OnTargetEdit, readMappingFile, requireConfig } from '@ztoq/core';
import type { Command } from 'commander';
import { loadCliConfig } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
import { createCliLogger } from '../cli-logger.js';
import { formatPlan } from '../format-plan.js';
import type { CommandOutcome } from '../program.js';
import { createProgressDisplay, DEFAULT_PROGRESS_INTERVAL_MS } from '../progress/progress-display.js';
import { onTargetEditOption, wholeNumber } from './command-options.js';
import { addCommonOptions, type CommonFlags, verbosityOf } from './common-options.js';
import { progressSeconds } from './progress-interval.js';

interface PlanFlags extends CommonFlags {
  projectKey?: string;
  mapping?: string;
  limit?: number;
  targetRoot?: string;
  maxWorkers: number;
  createFields: boolean;
  onTargetEdit: OnTargetEdit;
  progressInterval: number;
}

/**
 * `ztoq plan`: `migrate --dry-run` as tables. Extract (into the store) and transform run for
 * real; nothing is written to qTest and no plan is stored for load. Entities written earlier
 * whose plan changed are listed with their changed fields, each read back from qTest to tell
 * whether it was edited there by hand (reads only). Lossy items are the plan's
 * content, not its failure: the plan exits 0 when it could be made, 2 when the mapping leaves
 * values unmapped.
 */
export function registerPlanCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
  const command = program
    .command('plan')
    .description('Show what a migration would create per type, and what would be lossy and why (a dry run).')
    .option('--project-key <KEY>', 'Zephyr project key (default: DEFAULT_ZEPHYR_PROJECT_KEY)')
    .option('--mapping <FILE>', 'JSON mapping file for statuses, priorities, users and fields')
    .option('--limit <n>', 'only the first N test cases and their executions', wholeNumber)
    .option('--target-root <NAME>', 'root module and cycle name in qTest (default: the project key)')
    .option('--max-workers <n>', 'concurrent requests per API', wholeNumber, 5)
    .option('--no-create-fields', 'plan without creating missing qTest custom fields')
    .addOption(onTargetEditOption())
    .option(
      '--progress-interval <seconds>',
      'without a terminal: seconds between progress lines',
      progressSeconds,
      DEFAULT_PROGRESS_INTERVAL_MS,
    );
  addCommonOptions(command).addHelpText(
    'after',
    `
Examples:
  ztoq plan --project-key DEMO --mapping mapping.json
  ztoq plan --project-key DEMO --limit 50 --json > plan.json`,
  );
  command.action(async (flags: PlanFlags) => {
    const verbosity = verbosityOf(flags);
    const config = await loadCliConfig(io, flags.config);
    const { projectKey } = requireConfig(
      config,
      ['projectKey'],
      flags.projectKey === undefined ? {} : { projectKey: flags.projectKey },
    );
    const mapping = flags.mapping ? await readMappingFile(path.resolve(io.cwd, flags.mapping)) : undefined;
    const progress = createProgressDisplay(io, { verbosity, intervalMs: flags.progressInterval });
    const logger = createCliLogger(progress.io, verbosity);
    const configured = await migrationFromConfig({
      config,
      cwd: io.cwd,
      logger,
      options: {
        projectKey,
        dryRun: true,
        maxWorkers: flags.maxWorkers,
        createFields: flags.createFields,
        onTargetEdit: flags.onTargetEdit,
        ...(flags.limit === undefined ? {} : { limit: flags.limit }),
        ...(mapping ? { mapping } : {}),
        ...(flags.targetRoot === undefined ? {} : { targetRoot: flags.targetRoot }),
      },
    });
    progress.follow(configured.migration);
    const result = await configured.migration
      .run({ phase: 'all' })
      .finally(() => progress.stop())
      .finally(() => configured.close());
    io.stdout(flags.json ? `${JSON.stringify(result)}\n` : formatPlan(result));
    if (result.error) io.stderr(`ztoq: ${result.error}\n`);
    outcome.exitCode = result.exitCode === ExitCode.partial ? ExitCode.ok : result.exitCode;
  });
}
