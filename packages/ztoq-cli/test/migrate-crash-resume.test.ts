import type { MigrationResult } from '@ztoq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { cliProcess } from './cli-harness.js';
import { startCliChild, whenChildReaches } from './support/cli-child.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';

let migration: SimulatedMigration | undefined;
afterEach(async () => {
  await migration?.close();
  migration = undefined;
});

const PROJECT = '/api/v3/projects/{projectId}';

/**
 * Where each run is killed, as "qTest has received this many POSTs to this operation", counted
 * from the start of the test. The kill lands while that request is in flight (the simulator holds
 * every answer for a few milliseconds), so the entity is stored in qTest but the id map still
 * says `pending`: the case the marker lookup exists for. The points walk through the load order,
 * and every run after the first is itself a resumed run with pending rows left by the one before.
 */
const KILL_POINTS: readonly { operation: string; count: number }[] = [
  { operation: `${PROJECT}/settings/{objectType}/fields`, count: 5 },
  { operation: `${PROJECT}/test-cases`, count: 6 },
  { operation: `${PROJECT}/test-runs/{testRunId}/test-logs`, count: 7 },
];

describe('ztoq migrate killed with SIGKILL during load', () => {
  it('resumes after each kill and ends with every entity exactly once; another run creates nothing', async () => {
    migration = await startSimulatedMigration({ faults: { latencyMs: 15 } });
    const { env, cwd } = migration;
    const args = migration.migrateArgs('--batch-size', '5', '--max-workers', '4');

    for (const point of KILL_POINTS) {
      const child = startCliChild(args, env, cwd);
      const current = migration;
      await whenChildReaches(
        child,
        () => current.postsTo(point.operation) >= point.count,
        `${point.count} POSTs to ${point.operation}`,
      );
      child.process.kill('SIGKILL');
      const killed = await child.exited;
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
    }
    // The kills really interrupted the load: not everything was there yet.
    expect(migration.differences()).not.toEqual([]);

    const resumed = await cliProcess([...args, '--json'], env, cwd);
    // Older test case versions are never carried: a complete run of this data set is partial.
    expect(resumed.code, resumed.stderr).toBe(3);
    expect(migration.differences()).toEqual([]);
    // The last kill caught test-log creates in flight; qTest stored them after the process died,
    // and this run found them by their markers instead of creating them again.
    const result = JSON.parse(resumed.stdout) as MigrationResult;
    expect(result.load['test-log']?.adopted).toBeGreaterThan(0);
    expect(Object.values(result.load).every((counts) => counts.failed + counts.skipped === 0)).toBe(true);

    const createsBefore = migration.createPosts();
    const again = await cliProcess(args, env, cwd);
    expect(again.code, again.stderr).toBe(3);
    expect(migration.createPosts()).toBe(createsBefore);
    expect(migration.differences()).toEqual([]);
  }, 300_000);
});
