import type { ZephyrDataset } from '@ztoq/simulators';

/**
 * How many qTest entities of each type the default rules make of a Zephyr data set, counted
 * from the data set itself: a module per test case folder under one root module; a release
 * per plan; cycles for the root, each cycle folder, each Zephyr cycle and, when there are
 * executions outside any cycle, one for those; a run per (cycle, case, environment); a log per
 * execution that was executed.
 */
export function expectedTargetCounts(dataset: ZephyrDataset): Record<string, number> {
  const runs = new Set<string>();
  let logs = 0;
  let adHoc = 0;
  for (let index = 0; index < dataset.testExecutions.count; index += 1) {
    const execution = dataset.testExecutions.at(index);
    runs.add(
      `${execution.testCycleId ?? 'ad hoc'}|${execution.testCaseKey}|${execution.environmentId ?? ''}`,
    );
    if (execution.actualEndDate !== undefined) logs += 1;
    if (execution.testCycleId === undefined) adHoc = 1;
  }
  const folders = (type: string) => dataset.folders.filter((folder) => folder.folderType === type).length;
  return {
    module: 1 + folders('TEST_CASE'),
    'test-case': dataset.testCases.count,
    release: dataset.testPlans.length,
    'test-cycle': 1 + folders('TEST_CYCLE') + dataset.testCycles.length + adHoc,
    'test-run': runs.size,
    'test-log': logs,
  };
}

/** What the Zephyr simulator serves, by the store's canonical entity types. */
export function expectedSourceCounts(dataset: ZephyrDataset): Record<string, number> {
  return {
    folder: dataset.folders.length,
    'test-case': dataset.testCases.count,
    'test-plan': dataset.testPlans.length,
    'test-cycle': dataset.testCycles.length,
    'test-execution': dataset.testExecutions.count,
  };
}
