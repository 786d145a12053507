import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BenchResult, demoMigration, startSimulatorProcess } from './support.js';

/**
 * A whole migration of the demo project (300 test cases, 3,000 executions) through the real
 * engine, with the simulators in their own process and the embedded store on disk, as `ztoq
 * migrate` runs it. Targets: it completes with nothing failed and everything validated, load
 * creates at least 150 entities a second, and the engine's memory grows by less than 512 MiB
 * over what the opened embedded store takes.
 */
const TARGET_CREATES_PER_SECOND = 150;
const TARGET_GROWTH_MIB = 512;

export async function migrationDemo(): Promise<BenchResult> {
  const simulators = await startSimulatorProcess('demo');
  const directory = await mkdtemp(path.join(tmpdir(), 'ztoq-bench-'));
  try {
    const configured = await demoMigration(simulators, directory);
    // The embedded PostgreSQL (WebAssembly) takes its memory when the store opens; what the
    // migration adds on top of that is what has to stay bounded.
    const storeBaselineMiB = mib(process.memoryUsage().rss);
    const result = await configured.migration.run({ phase: 'all' }).finally(() => configured.close());
    const seconds = Object.fromEntries(
      result.phases.map((phase) => [
        phase.phase,
        round((Date.parse(phase.finishedAt) - Date.parse(phase.startedAt)) / 1000),
      ]),
    );
    const created = Object.values(result.load).reduce((sum, counts) => sum + counts.created, 0);
    const failed = Object.values(result.load).reduce(
      (sum, counts) => sum + counts.failed + counts.skipped,
      0,
    );
    const unvalidated = Object.values(result.validation).reduce(
      (sum, counts) => sum + counts.missing + counts.mismatched + counts.notLoaded,
      0,
    );
    const createsPerSecond = round(created / (seconds.load ?? Number.POSITIVE_INFINITY));
    const requests = Object.fromEntries(
      Object.entries(result.http?.apis ?? {}).map(([api, counters]) => [api, counters.totals.requests]),
    );
    const engineTotal = Object.values(seconds).reduce((sum, value) => sum + value, 0);
    const requestsPerSecond = round(
      Object.values(requests).reduce((sum, count) => sum + count, 0) / engineTotal,
    );
    const peakRssMiB = mib(process.resourceUsage().maxRSS * 1024);
    const growthMiB = round(peakRssMiB - storeBaselineMiB);
    return {
      name: 'migration-demo',
      target: `demo project migrated with no failure and fully validated; load ≥ ${TARGET_CREATES_PER_SECOND} creates/s; engine RSS growth over the opened store < ${TARGET_GROWTH_MIB} MiB`,
      passed:
        result.error === undefined &&
        failed === 0 &&
        unvalidated === 0 &&
        createsPerSecond >= TARGET_CREATES_PER_SECOND &&
        growthMiB < TARGET_GROWTH_MIB,
      measurements: {
        status: result.status,
        phaseSeconds: seconds,
        created,
        failed,
        unvalidated,
        createsPerSecond,
        requests,
        requestsPerSecond,
        engineProcessPeakRssMiB: peakRssMiB,
        engineRssAfterStoreOpenedMiB: storeBaselineMiB,
        engineGrowthMiB: growthMiB,
        simulatorProcessPeakRssMiB: await simulators.peakRssMiB(),
      },
    };
  } finally {
    await simulators.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

function mib(bytes: number): number {
  return round(bytes / 2 ** 20);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
