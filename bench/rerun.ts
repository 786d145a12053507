import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationResult } from '@ztoq/core';
import { type RunningSimulators, startSimulators } from '@ztoq/simulators';
import { type BenchResult, demoMigration } from './support.js';

/**
 * What a nightly re-run costs: the demo project is migrated once, run again unchanged, then
 * again after about 1% of it changed in Zephyr (cases renamed, executions given another status).
 * Each re-run's requests are held against the full run's, per API. Target: an unchanged re-run
 * spends at most 10% of the full run's qTest requests. The simulators run in this process
 * because the change is made through their store, as a user's edits in the Zephyr UI would be.
 */
const TARGET_UNCHANGED_QTEST_SHARE = 0.1;
const CHANGED_SHARE = 0.01;

export async function rerun(): Promise<BenchResult> {
  const simulators = await startSimulators({ size: 'demo', seed: 1 });
  const directory = await mkdtemp(path.join(tmpdir(), 'ztoq-bench-rerun-'));
  try {
    const full = await migrateOnce(simulators, directory);
    const unchanged = await migrateOnce(simulators, directory);
    const edits = changeOnePercent(simulators);
    const changed = await migrateOnce(simulators, directory);
    const share = (run: RunCost, api: string) =>
      round((run.requests[api] ?? 0) / Math.max(1, full.requests[api] ?? 0), 4);
    const apis = Object.keys(full.requests);
    const unchangedQtestShare = share(unchanged, 'qTest');
    return {
      name: 'rerun',
      target: `an unchanged re-run of the demo project spends ≤ ${TARGET_UNCHANGED_QTEST_SHARE * 100}% of the full run's qTest requests; every run ends without failures`,
      passed:
        [full, unchanged, changed].every((run) => run.failed === 0 && run.error === undefined) &&
        unchangedQtestShare <= TARGET_UNCHANGED_QTEST_SHARE,
      measurements: {
        full,
        unchanged: {
          ...unchanged,
          shareOfFull: Object.fromEntries(apis.map((api) => [api, share(unchanged, api)])),
        },
        onePercentChanged: {
          ...changed,
          edits,
          shareOfFull: Object.fromEntries(apis.map((api) => [api, share(changed, api)])),
        },
      },
    };
  } finally {
    await simulators.close();
    await rm(directory, { recursive: true, force: true });
  }
}

interface RunCost {
  status: string;
  error: string | undefined;
  seconds: number;
  requests: Record<string, number>;
  requestsByEndpoint: Record<string, Record<string, number>>;
  created: number;
  updated: number;
  failed: number;
}

async function migrateOnce(simulators: RunningSimulators, directory: string): Promise<RunCost> {
  const configured = await demoMigration(simulators.connection, directory);
  const started = Date.now();
  const result = await configured.migration.run({ phase: 'all' }).finally(() => configured.close());
  return costOf(result, (Date.now() - started) / 1000);
}

function costOf(result: MigrationResult, seconds: number): RunCost {
  const total = (pick: (counts: MigrationResult['load'][string]) => number) =>
    Object.values(result.load).reduce((sum, counts) => sum + pick(counts), 0);
  return {
    status: result.status,
    error: result.error,
    seconds: round(seconds, 1),
    requests: Object.fromEntries(
      Object.entries(result.http?.apis ?? {}).map(([api, counters]) => [api, counters.totals.requests]),
    ),
    requestsByEndpoint: Object.fromEntries(
      Object.entries(result.http?.apis ?? {}).map(([api, counters]) => [
        api,
        Object.fromEntries(
          Object.entries(counters.endpoints).map(([endpoint, endpointCounters]) => [
            endpoint,
            endpointCounters.requests,
          ]),
        ),
      ]),
    ),
    created: total((counts) => counts.created),
    updated: total((counts) => counts.updated),
    failed: total((counts) => counts.failed + counts.skipped),
  };
}

/** Renames 1% of the test cases and gives 1% of the executed executions another status. */
function changeOnePercent(simulators: RunningSimulators): {
  renamedTestCases: number;
  restatedExecutions: number;
} {
  const zephyr = simulators.zephyr.store;
  const caseCount = Math.max(1, Math.round(zephyr.testCases.count * CHANGED_SHARE));
  for (let index = 0; index < caseCount; index += 1) {
    const { key, name } = zephyr.testCases.at(index * Math.floor(1 / CHANGED_SHARE));
    zephyr.editTestCase(key, { name: `${name} (edited)` });
  }
  const executed = zephyr
    .executionPositions({ onlyLastExecutions: false })
    .map((position) => zephyr.testExecutions.at(position))
    .filter((execution) => execution.actualEndDate !== undefined);
  const executionCount = Math.max(1, Math.round(executed.length * CHANGED_SHARE));
  const statuses = zephyr.statuses.filter(
    (status) => status.statusType === 'TEST_EXECUTION' && status.name !== 'Retest',
  );
  for (let index = 0; index < executionCount; index += 1) {
    const execution = executed[index * Math.floor(executed.length / executionCount)];
    if (!execution) continue;
    const other = statuses.find((status) => status.id !== execution.statusId);
    if (other)
      zephyr.updateTestExecution(String(execution.id), (current) => ({ ...current, statusId: other.id }));
  }
  return { renamedTestCases: caseCount, restatedExecutions: executionCount };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
