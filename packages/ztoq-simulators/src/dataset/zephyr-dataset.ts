/**
 * The facts of one Zephyr Scale project, as the data generator produces them and the Zephyr
 * simulator serves them. These are facts, not responses: the simulator turns them into the
 * spec's shapes (adding `self` links, `{id, self}` link objects and paging). Keeping the two
 * apart lets the engine's end-to-end tests compare what landed in qTest with these facts
 * directly.
 *
 * Large data sets are generated lazily: the big collections are `LazyList`s whose items are
 * built on demand from the seed and their index, so a 200,000-execution project never sits in
 * memory at once.
 */

export type DatasetSize = 'tiny' | 'small' | 'demo' | 'large';

/** A read-only list whose items may be generated on demand; `at` is deterministic. */
export interface LazyList<T> {
  readonly count: number;
  /** The item at `index` (0 ≤ index < count); the same index always gives an equal item. */
  at(index: number): T;
}

export type FolderType = 'TEST_CASE' | 'TEST_CYCLE' | 'TEST_PLAN';
export type StatusType = 'TEST_CASE' | 'TEST_CYCLE' | 'TEST_PLAN' | 'TEST_EXECUTION';
export type LinkType = 'COVERAGE' | 'BLOCKS' | 'RELATED';

export interface DatasetProject {
  readonly id: number;
  readonly jiraProjectId: number;
  readonly key: string;
}

export interface DatasetFolder {
  readonly id: number;
  /** null for a root folder. */
  readonly parentId: number | null;
  readonly name: string;
  /** Order among siblings. */
  readonly index: number;
  readonly folderType: FolderType;
}

export interface DatasetStatus {
  readonly id: number;
  readonly statusType: StatusType;
  readonly name: string;
  readonly description?: string;
  readonly index: number;
  readonly color?: string;
  readonly archived: boolean;
  readonly default: boolean;
}

export interface DatasetPriority {
  readonly id: number;
  readonly name: string;
  readonly description?: string;
  readonly index: number;
  readonly color?: string;
  readonly default: boolean;
}

export interface DatasetEnvironment {
  readonly id: number;
  readonly name: string;
  readonly description?: string;
  readonly index: number;
  readonly archived: boolean;
}

export interface DatasetIssueLink {
  readonly id: number;
  /** Jira's numeric issue id (Zephyr exposes no issue key). */
  readonly issueId: number;
  readonly type: LinkType;
}

export interface DatasetWebLink {
  readonly id: number;
  readonly url: string;
  readonly description?: string;
  readonly type: LinkType;
}

/** Zephyr custom field values keyed by field name, in the spec's encodings (dates yyyy-MM-dd, users as account ids, multi-line text with <br>). */
export type CustomFieldValues = Readonly<
  Record<string, string | number | boolean | readonly string[] | null>
>;

export type DatasetStep =
  | {
      readonly kind: 'inline';
      readonly description?: string;
      readonly testData?: string;
      readonly expectedResult?: string;
      readonly customFields?: CustomFieldValues;
    }
  | {
      /** Call-to-test: the called case's steps run here, with these parameter values. */
      readonly kind: 'call';
      readonly testCaseKey: string;
      readonly parameters: readonly { name: string; type: 'MANUAL_INPUT' | 'DEFAULT_VALUE'; value: string }[];
    };

/** What a test case consists of: steps, a plain or BDD script, or nothing yet. */
export type DatasetTestContent =
  | { readonly kind: 'steps'; readonly steps: readonly DatasetStep[] }
  | { readonly kind: 'plain' | 'bdd'; readonly scriptId: number; readonly text: string }
  | { readonly kind: 'none' };

export interface DatasetTestCase {
  readonly id: number;
  /** `<PROJECT>-T<n>`. */
  readonly key: string;
  readonly name: string;
  readonly objective?: string;
  readonly precondition?: string;
  /** Milliseconds. */
  readonly estimatedTime?: number;
  readonly labels: readonly string[];
  /** Jira component id. */
  readonly componentId?: number;
  readonly priorityId: number;
  /** A TEST_CASE status. */
  readonly statusId: number;
  /** A TEST_CASE folder; absent for cases at the root. */
  readonly folderId?: number;
  readonly ownerAccountId?: string;
  /** ISO date-time, `yyyy-MM-ddTHH:mm:ssZ`. */
  readonly createdOn: string;
  readonly customFields: CustomFieldValues;
  readonly issueLinks: readonly DatasetIssueLink[];
  readonly webLinks: readonly DatasetWebLink[];
  readonly content: DatasetTestContent;
  /** The latest version number; versions 1..version exist (see `ZephyrDataset.testCaseVersion`). */
  readonly version: number;
}

export interface DatasetTestCycle {
  readonly id: number;
  /** `<PROJECT>-R<n>`. */
  readonly key: string;
  readonly name: string;
  readonly description?: string;
  /** A TEST_CYCLE status. */
  readonly statusId: number;
  /** A TEST_CYCLE folder; absent for cycles at the root. */
  readonly folderId?: number;
  readonly jiraProjectVersionId?: number;
  readonly plannedStartDate?: string;
  readonly plannedEndDate?: string;
  readonly ownerAccountId?: string;
  readonly customFields: CustomFieldValues;
  readonly issueLinks: readonly DatasetIssueLink[];
  readonly webLinks: readonly DatasetWebLink[];
  /** Plans this cycle is linked to (the same links as `DatasetTestPlan.testCycleIds`, seen from the cycle). */
  readonly testPlanIds: readonly number[];
}

export interface DatasetTestPlan {
  readonly id: number;
  /** `<PROJECT>-P<n>`. */
  readonly key: string;
  readonly name: string;
  readonly objective?: string;
  /** A TEST_PLAN status. */
  readonly statusId: number;
  /** A TEST_PLAN folder; absent for plans at the root. */
  readonly folderId?: number;
  readonly ownerAccountId?: string;
  readonly labels: readonly string[];
  readonly customFields: CustomFieldValues;
  readonly issueLinks: readonly DatasetIssueLink[];
  readonly webLinks: readonly DatasetWebLink[];
  readonly testCycleIds: readonly number[];
}

export interface DatasetStepResult {
  readonly description?: string;
  readonly testData?: string;
  readonly expectedResult?: string;
  readonly actualResult?: string;
  /** A TEST_EXECUTION status. */
  readonly statusId: number;
}

export interface DatasetTestExecution {
  readonly id: number;
  /** `<PROJECT>-E<n>`. */
  readonly key: string;
  readonly testCaseKey: string;
  /** The test case version this execution ran. */
  readonly testCaseVersion: number;
  /** Absent for an ad-hoc execution (no cycle). */
  readonly testCycleId?: number;
  readonly environmentId?: number;
  readonly jiraProjectVersionId?: number;
  /** A TEST_EXECUTION status. */
  readonly statusId: number;
  /** Absent when the execution has not been run yet. */
  readonly actualEndDate?: string;
  /** Milliseconds. */
  readonly estimatedTime?: number;
  /** Milliseconds. */
  readonly executionTime?: number;
  readonly executedById?: string;
  readonly assignedToId?: string;
  readonly comment?: string;
  readonly automated: boolean;
  readonly customFields: CustomFieldValues;
  readonly issueLinks: readonly DatasetIssueLink[];
  /** One per step of the case as executed, by position. */
  readonly stepResults: readonly DatasetStepResult[];
}

/**
 * The few fields of an execution that list filters compare (which cycle and case, when it ended,
 * which Jira version), without the step results, custom fields and comment that make a whole
 * execution expensive to build.
 */
export type DatasetExecutionSummary = Pick<
  DatasetTestExecution,
  'id' | 'key' | 'testCaseKey' | 'testCycleId' | 'actualEndDate' | 'jiraProjectVersionId'
>;

/** A person in Jira: Zephyr only ever shows the account id; the rest is for mapping to qTest users. */
export interface DatasetUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly email: string;
}

export interface ZephyrDataset {
  readonly seed: number;
  readonly size: DatasetSize;
  readonly project: DatasetProject;
  readonly users: readonly DatasetUser[];
  readonly folders: readonly DatasetFolder[];
  readonly statuses: readonly DatasetStatus[];
  readonly priorities: readonly DatasetPriority[];
  readonly environments: readonly DatasetEnvironment[];
  /** In key order (T1, T2, …). */
  readonly testCases: LazyList<DatasetTestCase>;
  readonly testCycles: readonly DatasetTestCycle[];
  readonly testPlans: readonly DatasetTestPlan[];
  /** In id order. */
  readonly testExecutions: LazyList<DatasetTestExecution>;
  /**
   * `testExecutions` summarized, index for index: item i always equals the summary fields of
   * `testExecutions.at(i)`, but costs a small fraction of it, so a scan of every execution for a
   * date or version filter need not build 200,000 whole executions.
   */
  readonly testExecutionSummaries: LazyList<DatasetExecutionSummary>;
  /** Index into `testCases` of the case with this key, if any. */
  testCaseIndex(key: string): number | undefined;
  /** The test case as it was at an earlier `version` (1 ≤ version ≤ its latest). */
  testCaseVersion(key: string, version: number): DatasetTestCase | undefined;
  /** Indexes into `testExecutions` of one cycle's executions, ascending. */
  executionsOfCycle(cycleId: number): readonly number[];
  /** Indexes into `testExecutions` of one test case's executions, ascending. */
  executionsOfTestCase(key: string): readonly number[];
}
