import { sortableKey } from '../../../model/canonical.js';

/**
 * Source ids of the qTest entities the mapper plans (see `qtest-entities.ts`). They are built
 * here only, so the plan of a test run and the reference its logs make to it cannot drift apart.
 */
export const ROOT_SOURCE_ID = 'root';
export const AD_HOC_SOURCE_ID = 'ad-hoc';

/** A module or container cycle made from a Zephyr folder. */
export function folderSourceId(folderId: string): string {
  return `folder-${sortableKey(folderId)}`;
}

/** One run per (cycle, test case, environment): executions of the same triple share it. */
export function runSourceId(
  cycleSourceId: string,
  testCaseKey: string,
  environmentId: string | undefined,
): string {
  return `${cycleSourceId}/${sortableKey(testCaseKey)}/${environmentId === undefined ? 'none' : sortableKey(environmentId)}`;
}

/** A run's logs sort by end date within the run, then by execution key for equal dates. */
export function logSourceId(runId: string, actualEndDate: string, executionKey: string): string {
  return `${runId}/${actualEndDate}/${sortableKey(executionKey)}`;
}
