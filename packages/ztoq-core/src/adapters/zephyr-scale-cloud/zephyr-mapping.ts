import { SourceAnswerInvalid } from '../../errors.js';
import type { components } from '../../generated/zephyr-paths.js';
import type {
  CanonicalEnvironment,
  CanonicalFolder,
  CanonicalIssueLink,
  CanonicalLinks,
  CanonicalPriority,
  CanonicalStatus,
  CanonicalStep,
  CanonicalStepResult,
  CanonicalTestCase,
  CanonicalTestContent,
  CanonicalTestCycle,
  CanonicalTestExecution,
  CanonicalTestPlan,
  CanonicalWebLink,
  CustomFields,
  CustomFieldValue,
  FolderKind,
  LinkKind,
  StatusKind,
} from '../../model/canonical.js';

/**
 * Pure functions from Zephyr Scale Cloud v2 response shapes to canonical entities. No I/O:
 * whatever a canonical entity needs beyond the list item (steps, version count, links read
 * separately) is handed in by the transport.
 *
 * Every result is plain JSON: optional properties without a value are left out rather than set
 * to undefined, because the store hashes the canonical JSON of each entity.
 */

type Schemas = components['schemas'];

/**
 * The spec types custom field values as objects, yet its own example (`"Build Number": 20`) and
 * the simulator use plain JSON values; they are read as `unknown` and checked here.
 */
type WithRawCustomFields<T> = Omit<T, 'customFields'> & { customFields?: unknown };

/** The spec types `parentId` as an id, yet FolderInput says it "must be null for root folders". */
export type ZephyrFolder = Omit<Schemas['Folder'], 'parentId'> & { parentId?: number | null };
export type ZephyrStatus = Schemas['Status'];
export type ZephyrPriority = Schemas['Priority'];
export type ZephyrEnvironment = Schemas['Environment'];
export type ZephyrTestCase = WithRawCustomFields<Schemas['TestCase']>;
export type ZephyrTestStep = Omit<Schemas['TestStep'], 'inline'> & {
  inline?: WithRawCustomFields<NonNullable<Schemas['TestStep']['inline']>>;
};
export type ZephyrTestScript = Schemas['TestScript'];
export type ZephyrTestCaseVersionLink = Schemas['TestCaseVersionLink'];
export type ZephyrTestPlan = WithRawCustomFields<Schemas['TestPlan']>;
export type ZephyrTestCycle = WithRawCustomFields<Schemas['TestCycle']>;
export type ZephyrTestCycleLinks = Schemas['TestCycleLinkList'];
export type ZephyrTestExecution = WithRawCustomFields<Schemas['TestExecution']>;
export type ZephyrTestExecutionStep = Schemas['TestExecutionStep'];
export type ZephyrIssueLink = Schemas['IssueLink'];
export type ZephyrWebLink = Schemas['WebLink'];

/** Issue and web links as test cases, plans and cycles embed them (or `…/links` returns them). */
export interface ZephyrLinks {
  issues?: ZephyrIssueLink[];
  webLinks?: ZephyrWebLink[];
}

/** Zephyr's folder types, in the order the folder stream reads them. */
export const ZEPHYR_FOLDER_TYPES = {
  TEST_CASE: 'test-case',
  TEST_PLAN: 'test-plan',
  TEST_CYCLE: 'test-cycle',
} as const satisfies Record<string, FolderKind>;
export type ZephyrFolderType = keyof typeof ZEPHYR_FOLDER_TYPES;

/** Zephyr's status types, in the order the status stream reads them. `Status` does not carry its type: it is the list's filter. */
export const ZEPHYR_STATUS_TYPES = {
  TEST_CASE: 'test-case',
  TEST_PLAN: 'test-plan',
  TEST_CYCLE: 'test-cycle',
  TEST_EXECUTION: 'test-execution',
} as const satisfies Record<string, StatusKind>;
export type ZephyrStatusType = keyof typeof ZEPHYR_STATUS_TYPES;

export function folderOf(folder: ZephyrFolder, kind: FolderKind): CanonicalFolder {
  return {
    id: String(folder.id),
    parentId: folder.parentId === null || folder.parentId === undefined ? null : String(folder.parentId),
    name: folder.name,
    index: folder.index,
    kind,
  };
}

export function statusOf(status: ZephyrStatus, kind: StatusKind): CanonicalStatus {
  return withoutAbsent({
    id: String(status.id),
    kind,
    name: status.name,
    description: present(status.description),
    // The spec gives both flags the default false.
    archived: status.archived ?? false,
    isDefault: status.default ?? false,
  });
}

export function priorityOf(priority: ZephyrPriority): CanonicalPriority {
  return withoutAbsent({
    id: String(priority.id),
    name: priority.name,
    description: present(priority.description),
    isDefault: priority.default ?? false,
  });
}

export function environmentOf(environment: ZephyrEnvironment): CanonicalEnvironment {
  return withoutAbsent({
    id: String(environment.id),
    name: environment.name,
    description: present(environment.description),
    archived: environment.archived ?? false,
  });
}

/** What the transport read about a test case beyond the list item. */
export interface TestCaseDetails {
  content: CanonicalTestContent;
  /** The links, when the list item did not embed them. */
  links?: ZephyrLinks;
  versions: { version: number; versionCount: number };
}

export function testCaseOf(testCase: ZephyrTestCase, details: TestCaseDetails): CanonicalTestCase {
  return withoutAbsent({
    id: String(testCase.id),
    key: testCase.key,
    name: testCase.name,
    objective: present(testCase.objective),
    precondition: present(testCase.precondition),
    estimatedTimeMs: present(testCase.estimatedTime),
    labels: [...(testCase.labels ?? [])],
    componentId: idOf(testCase.component),
    priorityId: String(testCase.priority.id),
    statusId: String(testCase.status.id),
    folderId: idOf(testCase.folder),
    ownerId: present(testCase.owner?.accountId),
    createdOn: present(testCase.createdOn),
    customFields: customFieldsOf(testCase.customFields),
    links: linksOf(testCase.links ?? details.links),
    content: details.content,
    version: details.versions.version,
    versionCount: details.versions.versionCount,
  });
}

/** Steps in array order (Zephyr's steps have no ids or indexes); a case without any has no content yet. */
export function stepsContentOf(steps: readonly ZephyrTestStep[]): CanonicalTestContent {
  return steps.length === 0 ? { kind: 'none' } : { kind: 'steps', steps: steps.map(stepOf) };
}

/**
 * Each step holds either `inline` or `testCase` (a call to another case), never both. The call's
 * parameter `type` (manual input or default value) has no place in the canonical model; its
 * value is what the call passes either way.
 */
export function stepOf(step: ZephyrTestStep): CanonicalStep {
  if (step.testCase !== undefined && step.testCase !== null) {
    return {
      kind: 'call',
      testCaseKey: step.testCase.testCaseKey,
      parameters: (step.testCase.parameters ?? []).map((parameter) => ({
        name: parameter.name ?? '',
        value: parameter.value ?? '',
      })),
    };
  }
  const inline = step.inline ?? {};
  return withoutAbsent({
    kind: 'inline' as const,
    description: present(inline.description),
    testData: present(inline.testData),
    expectedResult: present(inline.expectedResult),
    customFields:
      inline.customFields === undefined || inline.customFields === null
        ? undefined
        : customFieldsOf(inline.customFields),
  });
}

export function scriptContentOf(script: ZephyrTestScript): CanonicalTestContent {
  return { kind: script.type, text: script.text };
}

/**
 * The version number appears only in `self` (`…/testcases/PROJ-T1/versions/3`). The latest is
 * the largest number listed, whatever order the list comes in; the count is how many are listed.
 */
export function versionsOf(
  testCaseKey: string,
  links: readonly ZephyrTestCaseVersionLink[],
): { version: number; versionCount: number } {
  const numbers = links.map((link) => versionNumberOf(link.self));
  if (links.length === 0 || numbers.some((number) => number === undefined)) {
    throw new SourceAnswerInvalid(
      `Zephyr listed versions of test case ${testCaseKey} without a readable version number in "self"`,
    );
  }
  return { version: Math.max(...(numbers as number[])), versionCount: links.length };
}

function versionNumberOf(self: string | undefined): number | undefined {
  const match = /\/versions\/(\d+)\/?$/.exec(self ?? '');
  return match ? Number(match[1]) : undefined;
}

export function testPlanOf(plan: ZephyrTestPlan): CanonicalTestPlan {
  return withoutAbsent({
    id: String(plan.id),
    key: plan.key,
    name: plan.name,
    objective: present(plan.objective),
    statusId: String(plan.status.id),
    folderId: idOf(plan.folder),
    ownerId: present(plan.owner?.accountId),
    labels: [...(plan.labels ?? [])],
    customFields: customFieldsOf(plan.customFields),
    links: linksOf(plan.links),
    testCycleIds: (plan.links?.testCycles ?? []).map((link) =>
      linkedId(link.testCycleId, link.target, 'testcycles', `test plan ${plan.key}`),
    ),
  });
}

/** `links` are the cycle's own links: embedded in the list item, or read from `…/links` when not. */
export function testCycleOf(
  cycle: ZephyrTestCycle,
  links: ZephyrTestCycleLinks | undefined,
): CanonicalTestCycle {
  return withoutAbsent({
    id: String(cycle.id),
    key: cycle.key,
    name: cycle.name,
    description: present(cycle.description),
    statusId: String(cycle.status.id),
    folderId: idOf(cycle.folder),
    releaseVersionId: idOf(cycle.jiraProjectVersion),
    plannedStartDate: present(cycle.plannedStartDate),
    plannedEndDate: present(cycle.plannedEndDate),
    ownerId: present(cycle.owner?.accountId),
    customFields: customFieldsOf(cycle.customFields),
    links: linksOf(links),
    testPlanIds: (links?.testPlans ?? []).map((link) =>
      linkedId(link.testPlanId, link.target, 'testplans', `test cycle ${cycle.key}`),
    ),
  });
}

/** What the transport read about an execution beyond the list item. */
export interface TestExecutionDetails {
  /** The issue links, when the list item did not embed them. */
  issues?: ZephyrIssueLink[];
  stepResults: readonly ZephyrTestExecutionStep[];
}

export function testExecutionOf(
  execution: ZephyrTestExecution,
  details: TestExecutionDetails,
): CanonicalTestExecution {
  const { testCaseKey, version } = executedTestCaseOf(execution);
  const key = present(execution.key);
  return withoutAbsent({
    id: String(execution.id),
    // The spec marks the key optional (its examples always have one). Without it the id is the
    // only handle, and it still sorts and identifies the execution within the project.
    key: key ?? String(execution.id),
    testCaseKey,
    testCaseVersion: version,
    testCycleId: idOf(execution.testCycle),
    environmentId: idOf(execution.environment),
    statusId: String(execution.testExecutionStatus.id),
    actualEndDate: present(execution.actualEndDate),
    executionTimeMs: present(execution.executionTime),
    estimatedTimeMs: present(execution.estimatedTime),
    executedById: present(execution.executedById),
    assignedToId: present(execution.assignedToId),
    comment: present(execution.comment),
    automated: execution.automated ?? false,
    customFields: customFieldsOf(execution.customFields),
    issueLinks: (execution.links?.issues ?? details.issues ?? []).map(issueLinkOf),
    stepResults: details.stepResults.map((step, position) =>
      stepResultOf(step, `test execution ${key ?? execution.id}, step ${position + 1}`),
    ),
  });
}

/**
 * An execution names its test case only through `testCase.self`:
 * `…/testcases/PROJ-T1/versions/1`. Key and version are both needed, so an execution without
 * them cannot be migrated and the read stops with the execution named.
 */
export function executedTestCaseOf(execution: ZephyrTestExecution): { testCaseKey: string; version: number } {
  const match = /\/testcases\/([^/]+)\/versions\/(\d+)\/?$/.exec(execution.testCase?.self ?? '');
  if (!match?.[1] || !match[2]) {
    throw new SourceAnswerInvalid(
      `Zephyr test execution ${execution.key ?? execution.id} names its test case as "${execution.testCase?.self ?? ''}"; expected …/testcases/<key>/versions/<n>`,
    );
  }
  return { testCaseKey: decodeURIComponent(match[1]), version: Number(match[2]) };
}

/**
 * Step results come by position, with no ids. `status` is optional in the spec, but a result
 * without one cannot be told apart from any other; rather than invent a status, the read stops
 * with the step named.
 */
export function stepResultOf(step: ZephyrTestExecutionStep, where: string): CanonicalStepResult {
  const statusId = step.inline?.status?.id;
  if (statusId === undefined || statusId === null) {
    throw new SourceAnswerInvalid(`Zephyr sent a step result without a status (${where})`);
  }
  const inline = step.inline ?? {};
  return withoutAbsent({
    statusId: String(statusId),
    actualResult: present(inline.actualResult),
    description: present(inline.description),
    expectedResult: present(inline.expectedResult),
    testData: present(inline.testData),
  });
}

export function linksOf(links: ZephyrLinks | undefined): CanonicalLinks {
  return {
    issues: (links?.issues ?? []).map(issueLinkOf),
    webLinks: (links?.webLinks ?? []).map(webLinkOf),
  };
}

/** `issueId` is Jira's numeric issue id; Zephyr gives no key. `target` is the issue's Jira REST URL. */
export function issueLinkOf(link: ZephyrIssueLink): CanonicalIssueLink {
  return withoutAbsent({
    issueId: String(link.issueId),
    url: present(link.target),
    kind: linkKindOf(link.type),
  });
}

export function webLinkOf(link: ZephyrWebLink): CanonicalWebLink {
  return withoutAbsent({
    url: link.url,
    description: present(link.description),
    kind: linkKindOf(link.type),
  });
}

/**
 * The spec makes a link's type optional without a default. Assumption: an untyped link claims
 * nothing about coverage or blocking, so it is the neutral `related`.
 */
export function linkKindOf(type: 'COVERAGE' | 'BLOCKS' | 'RELATED' | undefined | null): LinkKind {
  switch (type) {
    case 'COVERAGE':
      return 'coverage';
    case 'BLOCKS':
      return 'blocks';
    default:
      return 'related';
  }
}

/**
 * Values keep Zephyr's encodings (multi-line text with `<br>`, dates `yyyy-MM-dd`, users as
 * account ids, multi-selects as arrays). The spec allows any JSON value; one the canonical model
 * cannot hold as is (an object, an array of non-text) is kept as its JSON text rather than lost.
 */
export function customFieldsOf(fields: unknown): CustomFields {
  if (fields === undefined || fields === null) return {};
  if (typeof fields !== 'object' || Array.isArray(fields)) {
    throw new SourceAnswerInvalid(
      `Zephyr sent customFields that are not an object: ${JSON.stringify(fields)}`,
    );
  }
  const result: CustomFields = {};
  for (const [name, value] of Object.entries(fields)) result[name] = customFieldValueOf(value);
  return result;
}

export function customFieldValueOf(value: unknown): CustomFieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) {
    return value.filter((item) => item !== null && item !== undefined).map((item) => textOf(item));
  }
  return JSON.stringify(value);
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The id of a linked entity: the link's own id field when sent (the spec marks it optional), or
 * else the last path segment of its `target` (`…/testplans/5`).
 */
function linkedId(
  id: number | undefined | null,
  target: string | undefined,
  collection: string,
  where: string,
): string {
  if (id !== undefined && id !== null) return String(id);
  const match = new RegExp(`/${collection}/(\\d+)/?$`).exec(target ?? '');
  if (!match?.[1]) throw new SourceAnswerInvalid(`Zephyr sent a ${collection} link without an id (${where})`);
  return match[1];
}

function idOf(link: { id?: number | null } | undefined | null): string | undefined {
  return link?.id === undefined || link.id === null ? undefined : String(link.id);
}

/** JSON has null where the spec has an absent optional field; both mean "no value". */
function present<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

/** A copy without the properties whose value is undefined, so the entity is plain JSON. */
function withoutAbsent<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * What a test case's `testScript.self` says it holds. The spec has no field for the script type;
 * the link is the only hint (the spec's example: `…/testCases/PROJ-T1/testscript`). Assumption,
 * as the simulator does: step-based cases (and cases with nothing yet) link to `…/teststeps`,
 * plain or BDD ones to `…/testscript`. The reader does not rely on it alone: a link that turns
 * out wrong costs one more request, and without a recognisable link nothing is assumed.
 */
export function testScriptHintOf(self: string | undefined | null): 'steps' | 'script' | undefined {
  if (/\/teststeps\/?$/i.test(self ?? '')) return 'steps';
  if (/\/testscript\/?$/i.test(self ?? '')) return 'script';
  return undefined;
}
