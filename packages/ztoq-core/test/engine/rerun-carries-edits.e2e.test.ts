import type { DatasetTestCase } from '@ztoq/simulators';
import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';
import { qtestWrites, writesSince } from './support/qtest-writes.js';
import { casesNoOtherCaseCalls } from './support/zephyr-edits.js';

const rigs = rigPerTest();

describe('a re-run after edits in Zephyr', () => {
  it('updates what changed, creates what is new, lists what is gone, and a third run writes nothing', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 5 });
    const first = await rig.migrate();
    expect(first.error).toBeUndefined();
    expect(differencesAfterMigration(rig)).toEqual([]);

    const zephyr = rig.simulators.zephyr.store;
    const uncalled = casesNoOtherCaseCalls(zephyr);
    const [renamed, preconditioned, deleted] = uncalled as [
      DatasetTestCase,
      DatasetTestCase,
      DatasetTestCase,
    ];
    const edit = (testCase: DatasetTestCase, change: Partial<DatasetTestCase>) => {
      zephyr.editTestCase(testCase.key, change);
    };
    edit(renamed, { name: `${renamed.name} (renamed)` });
    const otherPriority = zephyr.priorities.find((priority) => priority.id !== preconditioned.priorityId);
    edit(preconditioned, {
      precondition: 'A precondition written after the first migration',
      ...(otherPriority ? { priorityId: otherPriority.id } : {}),
    });
    zephyr.deleteTestCase(deleted.key);
    const { id: _id, key: _key, version: _version, ...template } = renamed;
    zephyr.createTestCase({ ...template, name: 'A case added after the first migration' });

    const folders = zephyr.folders.filter((folder) => folder.folderType === 'TEST_CASE');
    const [renamedFolder] = folders as [(typeof folders)[number]];
    zephyr.renameFolder(renamedFolder.id, `${renamedFolder.name} (renamed)`);

    // An executed execution whose status was changed in Zephyr, of a case left as it was.
    const untouched = new Set([renamed.key, preconditioned.key, deleted.key]);
    const executed = zephyr
      .executionPositions({ onlyLastExecutions: false })
      .map((position) => zephyr.testExecutions.at(position))
      .find((execution) => execution.actualEndDate !== undefined && !untouched.has(execution.testCaseKey));
    if (!executed) throw new Error('the data set has no executed execution');
    const otherStatus = zephyr.statuses.find(
      (status) =>
        status.statusType === 'TEST_EXECUTION' && status.id !== executed.statusId && status.name !== 'Retest',
    );
    if (!otherStatus) throw new Error('the data set has one execution status');
    zephyr.updateTestExecution(String(executed.id), (current) => ({ ...current, statusId: otherStatus.id }));

    const beforeSecond = qtestWrites(rig);
    const second = await rig.migrate();
    expect(second.error).toBeUndefined();
    expect(differencesAfterMigration(rig, undefined, 'current')).toEqual([]);
    const load = second.load;
    expect(load.module?.updated).toBe(1);
    expect(load['test-case']?.updated).toBe(2);
    expect(load['test-case']?.created).toBe(1);
    // The edited execution's log is updated in place; the renamed case's run takes its new name.
    expect(load['test-log']?.updated).toBe(1);
    expect(load['test-run']?.updated).toBe(1);
    expect(load['test-log']?.created).toBe(0);
    expect(second.removedInSource['test-case']).toBe(1);
    // The writes the mutation implies, and nothing else.
    const written = writesSince(beforeSecond, qtestWrites(rig));
    expect(written).toEqual({
      'POST /api/v3/projects/{projectId}/test-cases': 1,
      'PUT /api/v3/projects/{projectId}/modules/{moduleId}': 1,
      'PUT /api/v3/projects/{projectId}/test-cases/{testCaseId}': 2,
      'PUT /api/v3/projects/{projectId}/test-runs/{testRunId}': 1,
      'PUT /api/v3/projects/{projectId}/test-runs/{testRunId}/test-logs/{id}': 1,
    });

    const beforeThird = qtestWrites(rig);
    const third = await rig.migrate();
    expect(third.error).toBeUndefined();
    expect(writesSince(beforeThird, qtestWrites(rig))).toEqual({});
    expect(Object.values(third.load).reduce((sum, counts) => sum + counts.updated + counts.created, 0)).toBe(
      0,
    );
    expect(third.removedInSource['test-case']).toBe(1);
  }, 300_000);
});
