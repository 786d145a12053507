import type { DatasetTestCase, RunningSimulators } from '@ztoq/simulators';

type ZephyrStore = RunningSimulators['zephyr']['store'];

/** What `editAfterMigration` changed, for a test to tell the counts it implies. */
export interface ZephyrEdits {
  renamed: DatasetTestCase;
  deleted: DatasetTestCase;
  /** Executions deleted with the case. */
  deletedExecutions: number;
  /** Test cases in Zephyr after the edits. */
  caseCount: number;
}

/**
 * The test cases no step of another case calls, in list order: an edit of one changes no other
 * case's expanded steps, so what it implies in qTest is that case alone.
 */
export function casesNoOtherCaseCalls(zephyr: ZephyrStore): DatasetTestCase[] {
  const cases = Array.from({ length: zephyr.testCases.count }, (_, index) => zephyr.testCases.at(index));
  const called = new Set(
    cases.flatMap((testCase) =>
      testCase.content.kind === 'steps'
        ? testCase.content.steps.flatMap((step) => (step.kind === 'call' ? [step.testCaseKey] : []))
        : [],
    ),
  );
  return cases.filter((testCase) => !called.has(testCase.key));
}

/**
 * The edits a team makes between two migrations, in the simulated Zephyr: one test case renamed,
 * one deleted (its executions go with it), one added, one test case folder renamed. Only cases
 * no other case calls are touched, so no other case's steps change. `deletedName` picks the case
 * to delete by a part of its name (else the second uncalled case).
 */
export function editAfterMigration(zephyr: ZephyrStore, options: { deletedName?: string } = {}): ZephyrEdits {
  const uncalled = casesNoOtherCaseCalls(zephyr);
  const { deletedName } = options;
  const deleted =
    deletedName === undefined
      ? uncalled[1]
      : uncalled.find((testCase) => testCase.name.includes(deletedName));
  const renamed = uncalled.find((testCase) => testCase !== deleted);
  if (!deleted || !renamed) throw new Error('the data set has too few test cases no other case calls');

  zephyr.editTestCase(renamed.key, { name: `${renamed.name} (renamed)` });
  zephyr.deleteTestCase(deleted.key);
  const { id: _newId, key: _newKey, version: _newVersion, ...template } = renamed;
  zephyr.createTestCase({ ...template, name: 'A case added after the first migration' });
  const [folder] = zephyr.folders.filter((candidate) => candidate.folderType === 'TEST_CASE');
  if (!folder) throw new Error('the data set has no test case folder');
  zephyr.renameFolder(folder.id, `${folder.name} (renamed)`);
  return {
    renamed,
    deleted,
    deletedExecutions: zephyr.deletedTestExecutionKeys().length,
    caseCount: zephyr.testCases.count - zephyr.deletedTestCaseKeys().length,
  };
}
