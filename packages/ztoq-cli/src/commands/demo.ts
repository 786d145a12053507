import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, type MappingFile, migrationFromConfig } from '@ztoq/core';
import { reportersForFormats } from '@ztoq/reporters';
import { type DatasetSize, simulatorEnvironment, startSimulators } from '@ztoq/simulators';
import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { createCliLogger } from '../cli-logger.js';
import { formatResult } from '../format-result.js';
import type { CommandOutcome } from '../program.js';
import { DEFAULT_REPORT_FORMATS } from './report-options.js';

interface DemoFlags {
  size: Exclude<DatasetSize, 'large'>;
  out: string;
  seed: number;
  quiet?: boolean;
}

/**
 * `ztoq demo`: the whole product on one machine with nothing to configure. Both simulators
 * start in this process with a generated project, the real engine migrates it into a fresh
 * embedded store under `--out`, and the result and the reports (under `reports/`) are written next to it.
 */
export function registerDemoCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
  program
    .command('demo')
    .description('Migrate a generated Zephyr project into a simulated qTest, offline, and write the result.')
    .addOption(
      new Option('--size <size>', 'data set size').choices(['tiny', 'small', 'demo']).default('demo'),
    )
    .option('--out <DIR>', 'where the store and the result go (emptied first)', 'ztoq-demo')
    .option('--seed <n>', 'data set seed', (value) => Number.parseInt(value, 10), 1)
    .option('--quiet', 'print only the summary')
    .addHelpText('after', '\nExamples:\n  ztoq demo\n  ztoq demo --size tiny --out /tmp/ztoq-demo')
    .action(async (flags: DemoFlags) => {
      const logger = createCliLogger(io, flags.quiet ? 'quiet' : 'normal');
      const out = path.resolve(io.cwd, flags.out);
      // Only what the demo itself writes is removed, so a wrong --out cannot empty a folder of the user's.
      await rm(path.join(out, 'store'), { recursive: true, force: true });
      await rm(path.join(out, 'reports'), { recursive: true, force: true });
      await mkdir(out, { recursive: true });
      const simulators = await startSimulators({ size: flags.size, seed: flags.seed });
      try {
        const { dataset } = simulators;
        logger.info(
          `simulated Zephyr project ${dataset.project.key}: ${dataset.testCases.count} test cases, ${dataset.testExecutions.count} executions`,
        );
        // The simulated qTest site knows the Jira people by e-mail, and has no "Retest" status:
        // the mapping file says so, as a user's would.
        const mapping: MappingFile = {
          executionStatus: { Retest: 'Incomplete' },
          users: Object.fromEntries(dataset.users.map((user) => [user.accountId, user.email])),
        };
        await writeFile(path.join(out, 'mapping.json'), `${JSON.stringify(mapping, null, 2)}\n`);
        const env = {
          ...simulatorEnvironment(simulators.connection),
          ZTOQ_DATABASE_URL: `file:${path.join(out, 'store')}`,
        };
        const configured = await migrationFromConfig({
          config: loadConfig({ env }),
          logger,
          cwd: out,
          reporters: reportersForFormats(DEFAULT_REPORT_FORMATS),
          options: {
            projectKey: dataset.project.key,
            mapping,
            maxWorkers: 8,
            reportDir: path.join(out, 'reports'),
          },
        });
        // The engine logs each phase's start; its end comes with the phase's counts.
        configured.migration.on('phase', ({ phase, state }) => {
          if (state === 'finished') logger.info(`${phase}: finished`);
        });
        const result = await configured.migration.run({ phase: 'all' }).finally(() => configured.close());
        const resultFile = path.join(out, 'result.json');
        await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`);
        io.stdout(formatResult(result));
        io.stdout(
          `\nresult: ${resultFile}\nreport: ${path.join(out, 'reports', 'report.html')}\nstore:  ${path.join(out, 'store')}\n`,
        );
        outcome.exitCode = result.exitCode;
      } finally {
        await simulators.close();
      }
    });
}
