import { describe, expect, it } from 'vitest';
import type { DatasetTestExecution } from '../../src/dataset/zephyr-dataset.js';
import { generateLazyDataset } from '../../src/generator/generate-dataset.js';
import { generateDataset } from '../../src/generator/index.js';
import { LARGE_EXECUTION_SAMPLES } from './dataset-fingerprint.js';
import { all } from './dataset-scan.js';

const SUMMARY_FIELDS = [
  'id',
  'key',
  'testCaseKey',
  'testCycleId',
  'actualEndDate',
  'jiraProjectVersionId',
] as const;

/** The summary fields the execution has, and only those: absent ones stay absent. */
function summaryFieldsOf(execution: DatasetTestExecution): Record<string, unknown> {
  return Object.fromEntries(
    SUMMARY_FIELDS.filter((field) => field in execution).map((field) => [field, execution[field]]),
  );
}

describe('execution summaries', () => {
  // The small sizes are materialized from whole executions, so their summaries agree by
  // construction; the lazy form of the same data set is where summaries are built on their own.
  it.each(['tiny', 'demo'] as const)(
    'equal the fields of every %s execution, in full and built on demand',
    (size) => {
      for (const seed of [1, 42]) {
        const inFull = generateDataset({ seed, size });
        const expected = all(inFull.testExecutions).map(summaryFieldsOf);
        expect(all(inFull.testExecutionSummaries)).toStrictEqual(expected);
        expect(all(generateLazyDataset({ seed, size }).testExecutionSummaries)).toStrictEqual(expected);
      }
    },
  );

  it('equal the fields of large executions sampled every 97 indexes, through the cycles and the ad-hoc runs', () => {
    const large = generateDataset({ seed: 2025, size: 'large' });
    const spreadOut = Array.from(
      { length: Math.ceil(large.testExecutions.count / 97) },
      (_, step) => step * 97,
    );
    for (const index of [...LARGE_EXECUTION_SAMPLES, ...spreadOut]) {
      expect(large.testExecutionSummaries.at(index)).toStrictEqual(
        summaryFieldsOf(large.testExecutions.at(index)),
      );
    }
    expect(large.testExecutionSummaries.count).toBe(large.testExecutions.count);
  });
});
