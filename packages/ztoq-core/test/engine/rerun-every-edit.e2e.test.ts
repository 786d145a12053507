import type { DatasetTestCase, DatasetTestExecution, RunningSimulators } from '@ztoq/simulators';
import { describe, expect, it } from 'vitest';
import { differencesAfterMigration, rigPerTest } from './support/migration-rig.js';
import { qtestWrites, writesSince } from './support/qtest-writes.js';
import { casesNoOtherCaseCalls } from './support/zephyr-edits.js';

const rigs = rigPerTest();
type ZephyrStore = RunningSimulators['zephyr']['store'];

const P = 'api/v3/projects/{projectId}';

/**
 * Every kind of edit the issue lists, made in the simulated Zephyr between two migrations, each on
 * entities no other edit touches so that what each implies in qTest can be told apart: cases,
 * folders, cycles and executions added; a folder renamed and another moved; a case renamed, one
 * with a new precondition and priority, one with a changed expected result, one with a changed
 * custom field; an execution's status edited, a never-run execution given a result; a case deleted.
 */
function editEverything(zephyr: ZephyrStore) {
  const executions = zephyr
    .executionPositions({ onlyLastExecutions: false })
    .map((position) => zephyr.testExecutions.at(position));
  const executionsOf = (key: string) => executions.filter((execution) => execution.testCaseKey === key);
  const free = casesNoOtherCaseCalls(zephyr);
  const taken = new Set<string>();
  const take = (predicate: (testCase: DatasetTestCase) => boolean, what: string): DatasetTestCase => {
    const found = free.find((testCase) => !taken.has(testCase.key) && predicate(testCase));
    if (!found) throw new Error(`the data set has no free test case ${what}`);
    taken.add(found.key);
    return found;
  };
  const withInlineStep = (testCase: DatasetTestCase) =>
    testCase.content.kind === 'steps' && testCase.content.steps.some((step) => step.kind === 'inline');
  const textField = (testCase: DatasetTestCase) =>
    Object.entries(testCase.customFields).find(([, value]) => typeof value === 'string' && value !== '')?.[0];

  // Runs are named after the case version their executions ran: a case whose executions all ran
  // its latest version renames all its runs, which the count below relies on.
  const renamed = take(
    (testCase) =>
      executionsOf(testCase.key).length > 0 &&
      executionsOf(testCase.key).every((execution) => execution.testCaseVersion === testCase.version),
    'to rename, all of whose executions ran its latest version',
  );
  const preconditioned = take(() => true, 'for a precondition');
  const stepped = take(withInlineStep, 'with an inline step');
  const customised = take((testCase) => textField(testCase) !== undefined, 'with a text custom field');
  const deleted = take(() => true, 'to delete');
  zephyr.editTestCase(renamed.key, { name: `${renamed.name} (renamed)` });
  const otherPriority = zephyr.priorities.find((priority) => priority.id !== preconditioned.priorityId);
  if (!otherPriority) throw new Error('the data set has one priority');
  zephyr.editTestCase(preconditioned.key, {
    precondition: 'A precondition written after the first migration',
    priorityId: otherPriority.id,
  });
  zephyr.replaceTestContent(stepped.key, () => {
    if (stepped.content.kind !== 'steps') throw new Error('not a step case');
    let changed = false;
    const steps = stepped.content.steps.map((step) => {
      if (changed || step.kind !== 'inline') return step;
      changed = true;
      return { ...step, expectedResult: 'An expected result edited after the first migration' };
    });
    return { kind: 'steps', steps };
  });
  const field = textField(customised) as string;
  zephyr.editTestCase(customised.key, {
    customFields: { ...customised.customFields, [field]: 'A value edited after the first migration' },
  });
  zephyr.deleteTestCase(deleted.key);

  // Folders: one added with a new case in it, one renamed, one moved under another root.
  const caseFolders = zephyr.folders.filter((folder) => folder.folderType === 'TEST_CASE');
  const roots = caseFolders.filter((folder) => folder.parentId === null);
  const [renamedFolder] = caseFolders;
  const movable = caseFolders.find(
    (folder) =>
      folder.parentId !== null &&
      folder !== renamedFolder &&
      caseFolders.every((other) => other.parentId !== folder.id),
  );
  const newParent = roots.find((root) => root.id !== movable?.parentId);
  if (!renamedFolder || !movable || !newParent) throw new Error('the data set has too few test case folders');
  zephyr.renameFolder(renamedFolder.id, `${renamedFolder.name} (renamed)`);
  zephyr.moveFolder(movable.id, newParent.id);
  const addedFolder = zephyr.createFolder({
    parentId: newParent.id,
    name: 'Added after the first migration',
    folderType: 'TEST_CASE',
  });
  const { id: _id, key: _key, version: _version, ...template } = renamed;
  const addedCase = zephyr.createTestCase({
    ...template,
    name: 'A case added after the first migration',
    folderId: addedFolder.id,
  });
  zephyr.createTestCase({ ...template, name: 'Another case added after the first migration' });

  // Executions: one restated, one never run now run, one added to a new cycle.
  const touched = new Set([...taken]);
  const executed = executions.find(
    (execution) => execution.actualEndDate !== undefined && !touched.has(execution.testCaseKey),
  );
  if (!executed) throw new Error('the data set has no executed execution');
  touched.add(executed.testCaseKey);
  const executionStatuses = zephyr.statuses.filter(
    (status) => status.statusType === 'TEST_EXECUTION' && status.name !== 'Retest',
  );
  const otherStatus = executionStatuses.find((status) => status.id !== executed.statusId);
  if (!otherStatus) throw new Error('the data set has one execution status');
  zephyr.updateTestExecution(String(executed.id), (current) => ({ ...current, statusId: otherStatus.id }));
  const neverRun = executions.find(
    (execution) =>
      execution.actualEndDate === undefined &&
      execution.testCycleId !== undefined &&
      !touched.has(execution.testCaseKey) &&
      executionsOf(execution.testCaseKey).filter((other) => other.testCycleId === execution.testCycleId)
        .length === 1,
  );
  if (!neverRun) throw new Error('the data set has no never-run execution alone in its run');
  touched.add(neverRun.testCaseKey);
  const passed = executionStatuses.find((status) => status.name === 'Pass') ?? otherStatus;
  zephyr.updateTestExecution(String(neverRun.id), (current) => ({
    ...current,
    statusId: passed.id,
    actualEndDate: '2026-12-03T10:00:00Z',
    executionTime: 60_000,
    stepResults: current.stepResults.map((result) => ({ ...result, statusId: passed.id })),
  }));
  const [cycleTemplate] = zephyr.testCycles;
  if (!cycleTemplate) throw new Error('the data set has no cycle');
  const { id: _cycleId, key: _cycleKey, ...cycleFields } = cycleTemplate;
  const addedCycle = zephyr.createTestCycle({
    ...cycleFields,
    name: 'A cycle added after the first migration',
    issueLinks: [],
    webLinks: [],
    testPlanIds: [],
  });
  const executedTemplate = zephyr.testExecutions.at(zephyr.testExecutionPosition(String(executed.id)) ?? 0);
  const {
    id: _executionId,
    key: _executionKey,
    ...executionFields
  } = executedTemplate as DatasetTestExecution;
  zephyr.createTestExecution({
    ...executionFields,
    testCycleId: addedCycle.id,
    actualEndDate: '2026-12-03T11:00:00Z',
  });
  // A qTest run is named after its case: the renamed case's runs, one per cycle and environment
  // its executions ran in, are renamed with it.
  const renamedCaseRuns = new Set(
    executionsOf(renamed.key).map(
      (execution) => `${execution.testCycleId ?? 'ad hoc'} ${execution.environmentId ?? ''}`,
    ),
  ).size;
  return { addedCase, renamedCaseRuns };
}

describe('a re-run after every kind of edit in Zephyr', () => {
  it('writes exactly what the edits imply, ends equal to the current Zephyr, and a third run writes nothing', async () => {
    const rig = await rigs.start({ size: 'small', seed: 21 });
    const first = await rig.migrate();
    expect(first.error).toBeUndefined();
    expect(differencesAfterMigration(rig)).toEqual([]);

    const { renamedCaseRuns } = editEverything(rig.simulators.zephyr.store);
    expect(renamedCaseRuns).toBeGreaterThan(0);
    const before = qtestWrites(rig);
    const second = await rig.migrate();
    expect(second.error ?? 'no error').toBe('no error');
    expect(differencesAfterMigration(rig, undefined, 'current')).toEqual([]);
    const count = (type: string) => {
      const { created = 0, updated = 0, failed = 0, skipped = 0 } = second.load[type] ?? {};
      return { created, updated, failed, skipped };
    };
    expect({
      module: count('module'),
      'test-case': count('test-case'),
      'test-cycle': count('test-cycle'),
      'test-run': count('test-run'),
      'test-log': count('test-log'),
    }).toEqual({
      // The added folder; the renamed one; the moved one.
      module: { created: 1, updated: 2, failed: 0, skipped: 0 },
      // Two added; renamed, precondition and priority, expected result, custom field.
      'test-case': { created: 2, updated: 4, failed: 0, skipped: 0 },
      'test-cycle': { created: 1, updated: 0, failed: 0, skipped: 0 },
      // The new cycle's run, and the renamed case's runs, which carry its name. A run holds no
      // status of its own (qTest shows its latest log's), so the status edits change logs only.
      'test-run': { created: 1, updated: renamedCaseRuns, failed: 0, skipped: 0 },
      // The new execution's log and the now-run one's; the restated one's log in place.
      'test-log': { created: 2, updated: 1, failed: 0, skipped: 0 },
    });
    expect(second.removedInSource['test-case']).toBe(1);
    expect(writesSince(before, qtestWrites(rig))).toEqual({
      [`POST /${P}/modules`]: 1,
      [`PUT /${P}/modules/{moduleId}`]: 2,
      [`POST /${P}/test-cases`]: 2,
      [`PUT /${P}/test-cases/{testCaseId}`]: 4,
      [`POST /${P}/test-cycles`]: 1,
      [`POST /${P}/test-runs`]: 1,
      [`PUT /${P}/test-runs/{testRunId}`]: renamedCaseRuns,
      [`POST /${P}/test-runs/{testRunId}/test-logs`]: 2,
      [`PUT /${P}/test-runs/{testRunId}/test-logs/{id}`]: 1,
    });

    const beforeThird = qtestWrites(rig);
    const third = await rig.migrate();
    expect(third.error).toBeUndefined();
    expect(writesSince(beforeThird, qtestWrites(rig))).toEqual({});
    expect(differencesAfterMigration(rig, undefined, 'current')).toEqual([]);
  }, 300_000);
});
