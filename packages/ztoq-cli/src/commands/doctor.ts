import path from 'node:path';
import { ExitCode, runDoctor } from '@ztoq/core';
import type { Command } from 'commander';
import { loadCliConfig } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
import { createCliLogger } from '../cli-logger.js';
import { formatDoctor } from '../format-doctor.js';
import type { CommandOutcome } from '../program.js';
import { addCommonOptions, type CommonFlags, verbosityOf } from './common-options.js';

interface DoctorFlags extends CommonFlags {
  projectKey?: string;
  mapping?: string;
}

/** `ztoq doctor`: the checklist a migration needs, all of it in one run; exit 1 when a check failed. */
export function registerDoctorCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
  const command = program
    .command('doctor')
    .description('Check everything a migration needs before it starts, and print a checklist.')
    .option('--project-key <KEY>', 'Zephyr project key (default: DEFAULT_ZEPHYR_PROJECT_KEY)')
    .option('--mapping <FILE>', 'the mapping file the migration will use');
  addCommonOptions(command, 'print the checklist as JSON on stdout').addHelpText(
    'after',
    `
Checks: each setting is present; both APIs answer and accept the credentials; the Zephyr
project exists; the qTest project exists and the user may write to it; the store is
reachable and its schema current; the mapping file parses and covers every status,
priority, user and field value in the project's extracted data (run \`ztoq plan\` first
to extract it). Nothing is written to either API or the store. Exit code 1 when a check failed.

Examples:
  ztoq doctor --project-key DEMO --mapping mapping.json
  ztoq doctor --project-key DEMO --json`,
  );
  command.action(async (flags: DoctorFlags) => {
    const config = await loadCliConfig(io, flags.config);
    const report = await runDoctor({
      config,
      ...(flags.projectKey === undefined ? {} : { projectKey: flags.projectKey }),
      ...(flags.mapping === undefined ? {} : { mappingPath: path.resolve(io.cwd, flags.mapping) }),
      cwd: io.cwd,
      logger: createCliLogger(io, verbosityOf(flags)),
    });
    io.stdout(flags.json ? `${JSON.stringify(report)}\n` : formatDoctor(report));
    if (!report.ok) {
      const failed = report.checks.filter((check) => check.status === 'failed');
      io.stderr(
        `ztoq: doctor: ${failed.length} check(s) failed: ${failed.map((check) => check.id).join(', ')}\n`,
      );
      outcome.exitCode = ExitCode.failed;
    }
  });
}
