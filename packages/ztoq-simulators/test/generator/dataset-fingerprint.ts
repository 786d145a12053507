import { createHash } from 'node:crypto';
import type { ZephyrDataset } from '../../src/dataset/zephyr-dataset.js';
import { generateDataset } from '../../src/generator/index.js';
import { all } from './dataset-scan.js';

/**
 * Plain-data views of generated data sets, shared by the determinism test and the child process
 * it starts to check that another process generates the same data (so no vitest imports here).
 */

/** Everything a data set says, lookups included, as plain data that toEqual can compare. */
export function contents(dataset: ZephyrDataset) {
  const {
    testCases,
    testExecutions,
    testExecutionSummaries,
    testCaseIndex,
    testCaseVersion,
    executionsOfCycle,
    executionsOfTestCase,
    ...rest
  } = dataset;
  const cases = all(testCases);
  return {
    ...rest,
    testCases: cases,
    versions: cases.map((testCase) =>
      Array.from({ length: testCase.version }, (_, older) => testCaseVersion(testCase.key, older + 1)),
    ),
    testExecutions: all(testExecutions),
    testExecutionSummaries: all(testExecutionSummaries),
    executionsOfCycle: rest.testCycles.map((cycle) => executionsOfCycle(cycle.id)),
    executionsOfTestCase: cases.map((testCase) => [
      testCaseIndex(testCase.key),
      executionsOfTestCase(testCase.key),
    ]),
  };
}

export const LARGE_CASE_SAMPLES = [0, 1, 7, 9, 4_321, 19_999];
export const LARGE_EXECUTION_SAMPLES = [0, 9, 10, 12_345, 150_000, 197_999, 198_000, 199_999];

/** The large set's small collections and a few of its lazily built items. */
export function largeSamples(seed: number) {
  const large = generateDataset({ seed, size: 'large' });
  return {
    users: large.users,
    folders: large.folders,
    testCycles: large.testCycles,
    testPlans: large.testPlans,
    testCases: LARGE_CASE_SAMPLES.map((index) => large.testCases.at(index)),
    testExecutions: LARGE_EXECUTION_SAMPLES.map((index) => large.testExecutions.at(index)),
    testExecutionSummaries: LARGE_EXECUTION_SAMPLES.map((index) => large.testExecutionSummaries.at(index)),
  };
}

/** A hash of the tiny set and the large samples for `seed`. */
export function datasetFingerprint(seed: number): string {
  const data = [contents(generateDataset({ seed, size: 'tiny' })), largeSamples(seed)];
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}
