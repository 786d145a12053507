import type { MigrationResult } from '@ztoq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { cliProcess } from './cli-harness.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';

let migration: SimulatedMigration | undefined;
afterEach(async () => {
  await migration?.close();
  migration = undefined;
});

describe('ztoq migrate --limit', () => {
  it('carries only the first 3 test cases, their executions and what they need', async () => {
    migration = await startSimulatedMigration();
    const { env, cwd, simulators } = migration;
    const { dataset } = simulators;
    // The first three as Zephyr lists them, which is how a person reads "the first N".
    const firstThree = new Set([0, 1, 2].map((index) => dataset.testCases.at(index).key));

    const run = await cliProcess(migration.migrateArgs('--limit', '3', '--json'), env, cwd);
    expect(run.code, run.stderr).toBe(3);
    const result = JSON.parse(run.stdout) as MigrationResult;
    expect(result.load['test-case']?.created).toBe(3);
    expect(migration.differences(firstThree)).toEqual([]);
  }, 180_000);
});
