import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type ConfiguredMigration, loadConfig, migrationFromConfig } from '@ztoq/core';
import { generateDataset } from '@ztoq/simulators';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(repoRoot, 'bench-results');

export interface SimulatorProcess {
  child: ChildProcess;
  zephyr: { baseUrl: string; apiToken: string; projectKey: string };
  qtest: { baseUrl: string; username: string; password: string; projectId: number };
  /** Peak resident memory of the simulator process so far, in MiB (Linux VmHWM). */
  peakRssMiB(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Runs `ztoq simulate` in its own process, so the load generator and the simulators do not
 * share an event loop and the simulators' memory is measured alone.
 */
export async function startSimulatorProcess(
  size: 'tiny' | 'small' | 'demo' | 'large',
  extraArgs: readonly string[] = [],
): Promise<SimulatorProcess> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=ztoq-source',
      '--import',
      'tsx',
      'packages/ztoq-cli/src/bin.ts',
      'simulate',
      '--size',
      size,
      '--json',
      ...extraArgs,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!child.stdout) throw new Error('no stdout from the simulator process');
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`ztoq simulate exited with ${code}`)));
  });
  const printed = JSON.parse(line) as Pick<SimulatorProcess, 'zephyr' | 'qtest'>;
  return {
    child,
    ...printed,
    async peakRssMiB() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
      return Math.round((kib / 1024) * 10) / 10;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

export interface BenchResult {
  name: string;
  /** What the numbers are held against; `passed` says whether they met it. */
  target: string;
  passed: boolean;
  measurements: Record<string, unknown>;
}

export async function writeResult(result: BenchResult): Promise<void> {
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${result.name}.json`);
  const environment = {
    node: process.version,
    platform: process.platform,
    cpus: (await import('node:os')).cpus().length,
  };
  await writeFile(
    file,
    `${JSON.stringify({ ...result, environment, at: new Date().toISOString() }, null, 2)}\n`,
  );
  console.log(
    `${result.passed ? 'PASS' : 'FAIL'} ${result.name}: ${result.target} → ${path.relative(repoRoot, file)}`,
  );
}

/** Where the simulators listen and with which credentials: what `ztoq simulate --json` prints. */
export type SimulatorConnection = Pick<SimulatorProcess, 'zephyr' | 'qtest'>;

/**
 * The generated demo project's migration (seed 1) against the simulators, configured as a user
 * configures `ztoq migrate`: the environment names, an embedded store under `storeDirectory`,
 * 8 workers, and the mapping the demo data needs.
 */
export function demoMigration(
  connection: SimulatorConnection,
  storeDirectory: string,
): Promise<ConfiguredMigration> {
  const dataset = generateDataset({ seed: 1, size: 'demo' });
  const env = {
    ZEPHYR_BASE_URL: connection.zephyr.baseUrl,
    ZEPHYR_API_TOKEN: connection.zephyr.apiToken,
    QTEST_BASE_URL: connection.qtest.baseUrl,
    QTEST_USERNAME: connection.qtest.username,
    QTEST_PASSWORD: connection.qtest.password,
    QTEST_PROJECT_ID: String(connection.qtest.projectId),
    ZTOQ_DATABASE_URL: `file:${path.join(storeDirectory, 'store')}`,
  };
  return migrationFromConfig({
    config: loadConfig({ env }),
    options: {
      projectKey: connection.zephyr.projectKey,
      maxWorkers: 8,
      mapping: {
        executionStatus: { Retest: 'Incomplete' },
        users: Object.fromEntries(dataset.users.map((user) => [user.accountId, user.email])),
      },
    },
  });
}
