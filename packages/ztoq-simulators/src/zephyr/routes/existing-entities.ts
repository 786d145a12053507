import type {
  DatasetTestCase,
  DatasetTestCycle,
  DatasetTestExecution,
} from '../../dataset/zephyr-dataset.js';
import { notFound } from '../zephyr-errors.js';
import type { ZephyrStore } from '../zephyr-store.js';

/** The entities a path names, or the spec's 404 when there is no such entity. */

export function existingTestCase(store: ZephyrStore, key: string | undefined): DatasetTestCase {
  const testCase = key === undefined ? undefined : store.testCase(key);
  if (!testCase) throw notFound(`Test case '${key}'`);
  return testCase;
}

export function existingTestCycle(store: ZephyrStore, idOrKey: string | undefined): DatasetTestCycle {
  const cycle = idOrKey === undefined ? undefined : store.testCycle(idOrKey);
  if (!cycle) throw notFound(`Test cycle '${idOrKey}'`);
  return cycle;
}

export function existingTestExecution(store: ZephyrStore, idOrKey: string | undefined): DatasetTestExecution {
  const position = idOrKey === undefined ? undefined : store.testExecutionPosition(idOrKey);
  if (position === undefined) throw notFound(`Test execution '${idOrKey}'`);
  return store.testExecutions.at(position);
}
