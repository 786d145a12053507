import { type DatasetSize, simulatorEnvironment, startSimulators } from '@ztoq/simulators';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CliIo } from '../cli-io.js';

export interface SimulateSignals {
  /** Resolves when the user asks the command to stop (Ctrl-C or SIGTERM). */
  stopped(): Promise<void>;
}

const processSignals: SimulateSignals = {
  stopped: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
};

/** `ztoq simulate`: both vendor simulators with a generated project, until interrupted. */
export function registerSimulateCommand(
  program: Command,
  io: CliIo,
  signals: SimulateSignals = processSignals,
): void {
  program
    .command('simulate')
    .description(
      'Run the Zephyr Scale and qTest simulators on 127.0.0.1 with a generated project, until interrupted.',
    )
    .addOption(
      new Option('--size <size>', 'data set size')
        .choices(['tiny', 'small', 'demo', 'large'])
        .default('demo'),
    )
    .option('--seed <n>', 'data set seed', integer, 1)
    .option('--zephyr-port <port>', 'port for the Zephyr simulator (default: a free one)', integer, 0)
    .option('--qtest-port <port>', 'port for the qTest simulator (default: a free one)', integer, 0)
    .option(
      '--rate-limit <rate[:burst]>',
      'per credential, a token bucket of `rate` requests a second and `burst` at once (default: the rate); beyond it 429 with Retry-After (both simulators)',
      rateLimit,
    )
    .option('--json', 'print the connection settings as one JSON line on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  ztoq simulate --size demo          # prints export lines to paste into another shell\n  ztoq simulate --size tiny --json   # one JSON line with URLs and credentials, for scripts\n  ztoq simulate --rate-limit 40:20   # a vendor that throttles to 40 requests a second',
    )
    .action(
      async (options: {
        size: DatasetSize;
        seed: number;
        zephyrPort: number;
        qtestPort: number;
        json?: boolean;
        rateLimit?: RateLimit;
      }) => {
        const simulators = await startSimulators({
          ...(options.rateLimit === undefined ? {} : { faults: { rateLimit: options.rateLimit } }),
          size: options.size,
          seed: options.seed,
          zephyrPort: options.zephyrPort,
          qtestPort: options.qtestPort,
        });
        try {
          const env = simulatorEnvironment(simulators.connection);
          if (options.json) {
            io.stdout(`${JSON.stringify({ ...simulators.connection, env })}\n`);
          } else {
            const { testCases, testExecutions } = simulators.dataset;
            io.stdout(
              [
                `Zephyr Scale simulator: ${simulators.zephyr.baseUrl}  (project ${simulators.dataset.project.key}: ${testCases.count} test cases, ${testExecutions.count} executions)`,
                `qTest simulator:        ${simulators.qtest.baseUrl}  (project ${simulators.connection.qtest.projectId})`,
                'Connection settings for ztoq (simulator credentials, not secrets):',
                ...Object.entries(env).map(([name, value]) => `export ${name}=${value}`),
                'Press Ctrl-C to stop.',
                '',
              ].join('\n'),
            );
          }
          await signals.stopped();
        } finally {
          await simulators.close();
        }
      },
    );
}

interface RateLimit {
  refillPerSecond: number;
  capacity: number;
}

function rateLimit(value: string): RateLimit {
  const match = /^([0-9]+)(?::([0-9]+))?$/.exec(value);
  const refillPerSecond = Number(match?.[1] ?? 0);
  const capacity = match?.[2] === undefined ? refillPerSecond : Number(match[2]);
  if (!match || refillPerSecond < 1 || capacity < 1) {
    throw new InvalidArgumentError('expected RATE or RATE:BURST, whole numbers of at least 1 (e.g. 40:20)');
  }
  return { refillPerSecond, capacity };
}

function integer(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}
