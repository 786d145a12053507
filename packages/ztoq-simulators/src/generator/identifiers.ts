/**
 * Ids of each kind start in their own range, so an id used as the wrong kind (a test case id
 * looked up as a cycle id) finds nothing instead of silently finding something.
 */
export const ID_BASE = {
  project: 10_000,
  folder: 20_000,
  status: 30_000,
  priority: 40_000,
  environment: 50_000,
  testCase: 1_000_000,
  testScript: 2_000_000,
  testCycle: 3_000_000,
  testPlan: 4_000_000,
  testExecution: 5_000_000,
} as const;

/** Jira ids the data refers to but Zephyr does not list: components and project versions (releases). */
export const JIRA_PROJECT_ID = 10_000;
export const JIRA_COMPONENT_IDS = [10_201, 10_202, 10_203, 10_204, 10_205] as const;
export const JIRA_VERSION_IDS = [10_301, 10_302, 10_303, 10_304] as const;

/** Zephyr's project key pattern. */
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z_0-9]+$/;

export const testCaseId = (index: number) => ID_BASE.testCase + index + 1;
export const testCaseKey = (projectKey: string, index: number) => `${projectKey}-T${index + 1}`;
export const testScriptId = (index: number) => ID_BASE.testScript + index + 1;
export const testCycleId = (index: number) => ID_BASE.testCycle + index + 1;
export const testCycleKey = (projectKey: string, index: number) => `${projectKey}-R${index + 1}`;
export const testPlanId = (index: number) => ID_BASE.testPlan + index + 1;
export const testPlanKey = (projectKey: string, index: number) => `${projectKey}-P${index + 1}`;
export const testExecutionId = (index: number) => ID_BASE.testExecution + index + 1;
export const testExecutionKey = (projectKey: string, index: number) => `${projectKey}-E${index + 1}`;

/** The index of the test case with `key` in a project of `count` cases, or undefined. */
export function testCaseIndexOfKey(projectKey: string, count: number, key: string): number | undefined {
  const prefix = `${projectKey}-T`;
  if (!key.startsWith(prefix)) return undefined;
  const index = Number(key.slice(prefix.length)) - 1;
  // Round-tripping rejects "T01", "T1.0", "T+1" and the like, which Zephyr would not know either.
  if (!Number.isInteger(index) || index < 0 || index >= count || testCaseKey(projectKey, index) !== key) {
    return undefined;
  }
  return index;
}

/** The index of the test cycle with `id` among `count` cycles, or undefined. */
export function testCycleIndexOfId(count: number, id: number): number | undefined {
  const index = id - ID_BASE.testCycle - 1;
  return Number.isInteger(index) && index >= 0 && index < count ? index : undefined;
}
