import type { DatasetFacts } from '../dataset/materialized-dataset.js';
import type { LazyList, ZephyrDataset } from '../dataset/zephyr-dataset.js';
import { testCaseIndexOfKey, testCycleIndexOfId } from './identifiers.js';
import { latestVersion, testCaseTraits } from './test-case-traits.js';
import { buildTestCase } from './test-cases.js';
import { buildTestExecution, buildTestExecutionSummary, type ExecutionSources } from './test-executions.js';

/** The small, fully built collections of a data set: everything but test cases and executions. */
export type SmallCollections = Omit<DatasetFacts, 'testCases' | 'testExecutions' | 'olderVersions'>;

/**
 * A data set whose test cases, executions and execution summaries are built when asked for and
 * not kept: `at(i)` rebuilds item i from the seed each time, and the lookups answer from the
 * execution layout and from key arithmetic, so memory stays at the layout's typed arrays
 * whatever the size.
 */
export function lazyDataset(collections: SmallCollections, sources: ExecutionSources): ZephyrDataset {
  const { context, layout } = sources;
  const caseCount = context.spec.testCases;
  const indexOf = (key: string) => testCaseIndexOfKey(context.projectKey, caseCount, key);
  return {
    ...collections,
    testCases: lazyList(caseCount, (index) =>
      buildTestCase(context, index, latestVersion(testCaseTraits(context.seed, index))),
    ),
    testExecutions: lazyList(layout.count, (index) => buildTestExecution(sources, index)),
    testExecutionSummaries: lazyList(layout.count, (index) => buildTestExecutionSummary(sources, index)),
    testCaseIndex: indexOf,
    testCaseVersion(key, version) {
      const index = indexOf(key);
      if (index === undefined || !Number.isInteger(version)) return undefined;
      const latest = latestVersion(testCaseTraits(context.seed, index));
      return version >= 1 && version <= latest ? buildTestCase(context, index, version) : undefined;
    },
    executionsOfCycle(cycleId) {
      const cycleIndex = testCycleIndexOfId(context.spec.testCycles, cycleId);
      return cycleIndex === undefined ? [] : layout.executionsOfCycle(cycleIndex);
    },
    executionsOfTestCase(key) {
      const index = indexOf(key);
      return index === undefined ? [] : layout.executionsOfCase(index);
    },
  };
}

function lazyList<T>(count: number, build: (index: number) => T): LazyList<T> {
  return {
    count,
    at(index) {
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new RangeError(`index ${index} is outside 0..${count - 1}`);
      }
      return build(index);
    },
  };
}
