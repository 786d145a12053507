import type { MigrationResult } from '@ztoq/core';
import { DEFAULT_PROJECT_ID } from '@ztoq/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, cliProcess } from './cli-harness.js';
import { startCliChild, whenChildReaches } from './support/cli-child.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';

let migration: SimulatedMigration | undefined;
afterEach(async () => {
  await migration?.close();
  migration = undefined;
});

const CASE_PUT = 'PUT /api/v3/projects/{projectId}/test-cases/{testCaseId}';
const MODULE_PUT = 'PUT /api/v3/projects/{projectId}/modules/{moduleId}';
/** Where the updating runs are killed: this many test case PUTs received, counted from the first. */
const KILL_AT_CASE_PUTS = [3, 7] as const;

describe('ztoq migrate killed with SIGKILL while it updates edited entities', () => {
  it('resumes to the current Zephyr facts and never sends the same update twice', async () => {
    migration = await startSimulatedMigration({ faults: { latencyMs: 15 } });
    const { env, cwd, simulators } = migration;
    const args = migration.migrateArgs('--batch-size', '2', '--max-workers', '2');
    const first = await cli(args, env, cwd);
    expect(first.code, first.stderr).toBe(3);
    expect(migration.differences()).toEqual([]);

    // Every case gets a new precondition and every test case folder a new name.
    const zephyr = simulators.zephyr.store;
    const cases = Array.from({ length: zephyr.testCases.count }, (_, index) => zephyr.testCases.at(index));
    for (const testCase of cases) {
      zephyr.editTestCase(testCase.key, {
        precondition: `Edited in Zephyr after the migration (${testCase.key})`,
      });
    }
    const folders = zephyr.folders.filter((folder) => folder.folderType === 'TEST_CASE');
    for (const folder of folders) zephyr.renameFolder(folder.id, `${folder.name} (renamed)`);
    const project = simulators.qtest.store.project(DEFAULT_PROJECT_ID);
    if (!project) throw new Error('the qTest project is missing');
    const versionsBefore = new Map(
      [...project.testCases.values()].map((stored) => [stored.id, stored.versions.length]),
    );
    const putsBefore = { cases: puts(migration, CASE_PUT), modules: puts(migration, MODULE_PUT) };

    for (const count of KILL_AT_CASE_PUTS) {
      const child = startCliChild(args, env, cwd);
      const current = migration;
      await whenChildReaches(
        child,
        () => puts(current, CASE_PUT) - putsBefore.cases >= count,
        `${count} test case updates`,
      );
      child.process.kill('SIGKILL');
      const killed = await child.exited;
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
    }
    // The kills interrupted the updates: some cases still hold the old precondition.
    expect(migration.differences(undefined, 'current')).not.toEqual([]);

    const putsBeforeResume = puts(migration, CASE_PUT);
    const resumed = await cliProcess([...args, '--json'], env, cwd);
    expect(resumed.code, resumed.stderr).toBe(3);
    // The last kill caught a case update in flight; qTest applied it after the process died, and
    // this run confirmed it by reading it back: more cases updated than PUTs sent.
    const result = JSON.parse(resumed.stdout) as MigrationResult;
    expect(result.load['test-case']?.updated).toBeGreaterThan(puts(migration, CASE_PUT) - putsBeforeResume);
    expect(result.targetEdits).toEqual([]);
    expect(migration.differences(undefined, 'current')).toEqual([]);
    // Every edited entity got exactly one update over all runs, the killed ones included: an
    // update in flight at a kill was read back, found in qTest and not sent again.
    expect(puts(migration, CASE_PUT) - putsBefore.cases).toBe(cases.length);
    expect(puts(migration, MODULE_PUT) - putsBefore.modules).toBe(folders.length);
    for (const [id, versions] of versionsBefore)
      expect(project.testCases.get(id)?.versions.length).toBe(versions + 1);

    const again = await cliProcess(args, env, cwd);
    expect(again.code, again.stderr).toBe(3);
    expect(puts(migration, CASE_PUT) - putsBefore.cases).toBe(cases.length);
    expect(migration.differences(undefined, 'current')).toEqual([]);
  }, 300_000);
});

function puts(current: SimulatedMigration, operation: string): number {
  return current.simulators.qtest.requestCounts()[operation] ?? 0;
}
