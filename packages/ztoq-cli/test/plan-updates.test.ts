import { type MigrationResult, sortableKey } from '@ztoq/core';
import { DEFAULT_PROJECT_ID } from '@ztoq/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import { type SimulatedMigration, startSimulatedMigration } from './support/simulated-migration.js';
import { changeExpectedResult, renameCase, uncalledCases, withInlineStep } from './support/zephyr-edits.js';

let migration: SimulatedMigration | undefined;
afterEach(async () => {
  await migration?.close();
  migration = undefined;
});

/** Requests that change qTest: every POST and PUT but logins and searches. */
function qtestWrites(current: SimulatedMigration): number {
  return Object.entries(current.simulators.qtest.requestCounts())
    .filter(([operation]) => /^(POST|PUT) /.test(operation) && !/search|oauth/.test(operation))
    .reduce((sum, [, count]) => sum + count, 0);
}

describe('ztoq plan on a migrated project', () => {
  it('lists what the next run would update, field by field, and hand edits in qTest; writes nothing; keep and overwrite then do as said', async () => {
    migration = await startSimulatedMigration();
    const { env, cwd, simulators } = migration;
    const first = await cli(migration.migrateArgs(), env, cwd);
    expect(first.code, first.stderr).toBe(3);
    const planArgs = ['plan', ...migration.migrateArgs().slice(1)];
    const unchanged = await cli([...planArgs, '--json'], env, cwd);
    expect((JSON.parse(unchanged.stdout) as MigrationResult).planUpdates).toEqual([]);

    const zephyr = simulators.zephyr.store;
    const uncalled = uncalledCases(zephyr);
    const [renamed] = uncalled;
    const stepped = withInlineStep(uncalled).find((testCase) => testCase !== renamed);
    if (!renamed || !stepped) throw new Error('the data set has too few uncalled cases');
    renameCase(zephyr, renamed, `${renamed.name} (renamed)`);
    const step = changeExpectedResult(zephyr, stepped, 'The expected result, edited after the migration');
    const folder = zephyr.folders.find((candidate) => candidate.folderType === 'TEST_CASE');
    if (!folder) throw new Error('the data set has no test case folder');
    zephyr.renameFolder(folder.id, `${folder.name} (renamed)`);

    const writesBefore = qtestWrites(migration);
    const json = await cli([...planArgs, '--json'], env, cwd);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as MigrationResult;
    const byEntity = (a: unknown[], b: unknown[]) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`);
    const rename = { path: 'body.name', old: renamed.name, new: `${renamed.name} (renamed)` };
    // Runs are named after their case: each run of the renamed case is renamed with it.
    const runs = (result.planUpdates ?? []).filter((update) => update.entityType === 'test-run');
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run.sourceId).toContain(`/${sortableKey(renamed.key)}/`);
      expect(run.changes).toEqual([rename]);
    }
    const changes = (result.planUpdates ?? [])
      .filter((update) => update.entityType !== 'test-run')
      .map((update) => [update.entityType, update.sourceId, update.changes])
      .sort(byEntity);
    expect(changes).toEqual(
      [
        [
          'module',
          `folder-${sortableKey(String(folder.id))}`,
          [{ path: 'body.name', old: folder.name, new: `${folder.name} (renamed)` }],
        ],
        ['test-case', sortableKey(renamed.key), [rename]],
        [
          'test-case',
          sortableKey(stepped.key),
          [
            {
              path: `body.test_steps[${step - 1}].expected`,
              old: expect.any(String),
              new: 'The expected result, edited after the migration',
            },
          ],
        ],
      ].sort(byEntity),
    );
    expect(result.plan?.['test-case']?.wouldUpdate).toBe(2);
    expect(result.plan?.module?.wouldUpdate).toBe(1);
    expect(result.plan?.['test-run']?.wouldUpdate).toBe(runs.length);
    expect(
      Object.entries(result.plan ?? {})
        .filter(([type]) => !['test-case', 'module', 'test-run'].includes(type))
        .every(([, counts]) => counts.wouldUpdate === 0),
    ).toBe(true);

    // The same as a person reads it.
    const text = await cli(planArgs, env, cwd);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`\nwould update ${3 + runs.length} entities written earlier:\n`);
    expect(text.stdout).toContain(`\n    body.name: "${folder.name}" → "${folder.name} (renamed)"\n`);
    // A long name is shown from shortly before the change, not cut before it.
    expect(text.stdout).toContain(
      `\n    body.name: …${renamed.name.slice(-12)}" → …${renamed.name.slice(-12)} (renamed)"\n`,
    );
    expect(text.stdout).toMatch(
      new RegExp(
        `\\n {4}body\\.test_steps\\[${step - 1}\\]\\.expected: ".+" → "The expected result, edited after the migration"\\n`,
      ),
    );
    expect(qtestWrites(migration)).toBe(writesBefore);

    // The case whose step changed in Zephyr is renamed in qTest by hand as well.
    const steppedId = Number(
      result.planUpdates?.find((update) => update.sourceId === sortableKey(stepped.key))?.targetId,
    );
    const project = simulators.qtest.store.project(DEFAULT_PROJECT_ID);
    const stored = project?.testCases.get(steppedId);
    if (!project || !stored) throw new Error(`${stepped.key} is not in qTest`);
    const { properties, moduleId, description, precondition } = stored;
    simulators.qtest.store.updateTestCase(project, stored, {
      name: 'Renamed in qTest by hand',
      properties,
      moduleId,
      ...(description === undefined ? {} : { description }),
      ...(precondition === undefined ? {} : { precondition }),
    });
    const handEdited =
      /\n {4}edited in qTest since ztoq wrote it \(name: .*\): the next run would keep it \(--on-target-edit keep\)\n/;
    const planned = await cli(planArgs, env, cwd);
    expect(planned.stdout).toMatch(handEdited);
    const overwritePlan = await cli([...planArgs, '--on-target-edit', 'overwrite'], env, cwd);
    expect(overwritePlan.stdout).toContain('the next run would overwrite it\n');

    // keep (the default) leaves the hand edit and says so; overwrite writes the source's version.
    const kept = await cli(migration.migrateArgs(), env, cwd);
    expect(kept.code, kept.stderr).toBe(3);
    expect(kept.stdout).toContain('\nedited in qTest since ztoq wrote them (1):\n');
    expect(kept.stdout).toMatch(
      new RegExp(`\\n  test-case ${stepped.key} .* \\(qTest id ${steppedId}\\): kept`),
    );
    expect(kept.stdout).toContain(
      '\ndiffer from both the source and what ztoq last wrote (edited in qTest):\n',
    );
    expect(project.testCases.get(steppedId)?.name).toBe('Renamed in qTest by hand');
    const overwritten = await cli([...migration.migrateArgs(), '--on-target-edit', 'overwrite'], env, cwd);
    expect(overwritten.code, overwritten.stderr).toBe(3);
    expect(overwritten.stdout).toMatch(new RegExp(`\\(qTest id ${steppedId}\\): overwritten\\n`));
    expect(migration.differences(undefined, 'current')).toEqual([]);
  }, 300_000);
});
