/**
 * The checker against the current Zephyr facts: what ztoq leaves in qTest for a case deleted in
 * Zephyr is tolerated, and a folder renamed in Zephyr is expected renamed (so, without a re-run
 * that carries the rename, the check fails: the checker can tell).
 */
import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';

const rigs = rigPerTest();

describe('differencesAfterMigration against the current Zephyr facts', () => {
  it('tolerates deleted cases and executions, and expects a renamed folder renamed', async () => {
    const rig = await rigs.start({ size: 'tiny', seed: 5, store: 'pglite' });
    const result = await rig.migrate();
    expect(result.error).toBeUndefined();
    expect(differencesAfterMigration(rig)).toEqual([]);
    expect(differencesAfterMigration(rig, undefined, 'current')).toEqual([]);

    const zephyr = rig.simulators.zephyr.store;
    // A case no other case calls: a call to a deleted case is another matter.
    const cases = Array.from({ length: zephyr.testCases.count }, (_, index) => zephyr.testCases.at(index));
    const called = new Set(
      cases.flatMap((testCase) =>
        testCase.content.kind === 'steps'
          ? testCase.content.steps.flatMap((step) => (step.kind === 'call' ? [step.testCaseKey] : []))
          : [],
      ),
    );
    const deleted = cases.find((testCase) => !called.has(testCase.key))?.key ?? '';
    zephyr.deleteTestCase(deleted);
    const execution = zephyr.testExecutions.at(
      zephyr.executionPositions({ onlyLastExecutions: false })[0] ?? 0,
    );
    zephyr.deleteTestExecution(execution.key);
    expect(differencesAfterMigration(rig, undefined, 'current')).toEqual([]);
    // Against the original facts nothing changed either: the deleted entities are all still in qTest.
    expect(differencesAfterMigration(rig)).toEqual([]);

    const folder = zephyr.folders.find((candidate) => candidate.folderType === 'TEST_CASE');
    if (!folder) throw new Error('the tiny data set has no test case folder');
    zephyr.renameFolder(folder.id, `${folder.name} (renamed)`);
    const problems = differencesAfterMigration(rig, undefined, 'current');
    expect(problems).toContain(`folder ${folder.id} "${folder.name} (renamed)": 0 modules`);
    expect(differencesAfterMigration(rig)).toEqual([]);
  }, 300_000);
});
