import type {
  DatasetExecutionSummary,
  DatasetTestCase,
  DatasetTestExecution,
  LazyList,
  ZephyrDataset,
} from './zephyr-dataset.js';

/** Everything of a `ZephyrDataset` that is plain data, with the big collections as arrays. */
export type DatasetFacts = Omit<
  ZephyrDataset,
  | 'testCases'
  | 'testExecutions'
  | 'testExecutionSummaries'
  | 'testCaseIndex'
  | 'testCaseVersion'
  | 'executionsOfCycle'
  | 'executionsOfTestCase'
> & {
  readonly testCases: readonly DatasetTestCase[];
  readonly testExecutions: readonly DatasetTestExecution[];
  /** Earlier versions by test case key, oldest first (versions 1 … latest-1); the latest is the test case itself. */
  readonly olderVersions?: Readonly<Record<string, readonly DatasetTestCase[]>>;
};

function listOf<T>(items: readonly T[]): LazyList<T> {
  return {
    count: items.length,
    at(index) {
      const item = items[index];
      if (item === undefined) throw new RangeError(`index ${index} is outside 0..${items.length - 1}`);
      return item;
    },
  };
}

/**
 * Just the summary fields of an execution; like the execution, it leaves absent ones out rather
 * than holding undefined.
 */
export function executionSummaryOf(execution: DatasetExecutionSummary): DatasetExecutionSummary {
  const { id, key, testCaseKey, testCycleId, jiraProjectVersionId, actualEndDate } = execution;
  return {
    id,
    key,
    testCaseKey,
    ...(testCycleId === undefined ? {} : { testCycleId }),
    ...(jiraProjectVersionId === undefined ? {} : { jiraProjectVersionId }),
    ...(actualEndDate === undefined ? {} : { actualEndDate }),
  };
}

/** A data set held fully in memory, with the lookups computed once: for small sizes and hand-made fixtures. */
export function materializedDataset(facts: DatasetFacts): ZephyrDataset {
  const caseIndex = new Map(facts.testCases.map((testCase, index) => [testCase.key, index]));
  const byCycle = new Map<number, number[]>();
  const byCase = new Map<string, number[]>();
  facts.testExecutions.forEach((execution, index) => {
    if (execution.testCycleId !== undefined) push(byCycle, execution.testCycleId, index);
    push(byCase, execution.testCaseKey, index);
  });
  return {
    ...facts,
    testCases: listOf(facts.testCases),
    testExecutions: listOf(facts.testExecutions),
    testExecutionSummaries: listOf(facts.testExecutions.map(executionSummaryOf)),
    testCaseIndex: (key) => caseIndex.get(key),
    testCaseVersion(key, version) {
      const index = caseIndex.get(key);
      if (index === undefined) return undefined;
      const latest = facts.testCases[index];
      if (latest === undefined || version < 1 || version > latest.version) return undefined;
      if (version === latest.version) return latest;
      return facts.olderVersions?.[key]?.[version - 1];
    },
    executionsOfCycle: (cycleId) => byCycle.get(cycleId) ?? [],
    executionsOfTestCase: (key) => byCase.get(key) ?? [],
  };
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
