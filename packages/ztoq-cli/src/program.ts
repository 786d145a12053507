import type { ExitCode } from '@ztoq/core';
import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import type { CliIo } from './cli-io.js';
import { registerDbCommands } from './commands/db.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerProjectsCommands } from './commands/projects.js';
import { registerReportCommand } from './commands/report.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerStatusCommand } from './commands/status.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  failed
  2  usage or configuration error
  3  partial: finished with failed or lossy entities
  4  authentication refused by Zephyr or qTest

Settings come from flags, then the environment: ZEPHYR_BASE_URL, ZEPHYR_API_TOKEN,
QTEST_BASE_URL, QTEST_API_TOKEN (or QTEST_USERNAME and QTEST_PASSWORD), QTEST_PROJECT_ID,
DEFAULT_ZEPHYR_PROJECT_KEY, ZTOQ_DATABASE_URL (default: embedded store in .ztoq/db).`;

/** Commands whose exit code depends on how their work went (migrate: 3 when partial) set it here. */
export interface CommandOutcome {
  exitCode?: ExitCode;
}

export function createProgram(io: CliIo, outcome: CommandOutcome = {}): Command {
  const program = new Command('ztoq')
    .description('Migrate Zephyr Scale Cloud test history to qTest Manager.')
    .version(packageJson.version)
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  registerDemoCommand(program, io, outcome);
  registerDbCommands(program, io);
  registerMigrateCommand(program, io, outcome);
  registerStatusCommand(program, io);
  registerReportCommand(program, io, outcome);
  registerDoctorCommand(program, io, outcome);
  registerPlanCommand(program, io, outcome);
  registerProjectsCommands(program, io);
  registerSimulateCommand(program, io);
  return program;
}
