import type {
  DatasetIssueLink,
  DatasetStep,
  DatasetTestContent,
  DatasetWebLink,
  ZephyrDataset,
} from '@ztoq/simulators';
import type {
  CanonicalEnvironment,
  CanonicalFolder,
  CanonicalIssueLink,
  CanonicalLinks,
  CanonicalPriority,
  CanonicalStatus,
  CanonicalStep,
  CanonicalTestCase,
  CanonicalTestContent,
  CanonicalTestCycle,
  CanonicalTestExecution,
  CanonicalTestPlan,
  CanonicalWebLink,
  CustomFields,
} from '../../../src/model/canonical.js';

/**
 * The canonical entities a data set's facts should become, derived from the facts directly
 * (not from Zephyr responses), so the adapter's mapping is checked against an independent source.
 */

/** The simulator links issues to this Jira site (`SIMULATED_JIRA_URL` in the simulators package). */
const SIMULATED_JIRA_URL = 'https://ztoq-simulator.atlassian.net';

const FOLDER_TYPES = [
  ['TEST_CASE', 'test-case'],
  ['TEST_PLAN', 'test-plan'],
  ['TEST_CYCLE', 'test-cycle'],
] as const;

const STATUS_TYPES = [
  ['TEST_CASE', 'test-case'],
  ['TEST_PLAN', 'test-plan'],
  ['TEST_CYCLE', 'test-cycle'],
  ['TEST_EXECUTION', 'test-execution'],
] as const;

export function expectedFolders(dataset: ZephyrDataset): CanonicalFolder[] {
  return FOLDER_TYPES.flatMap(([type, kind]) =>
    dataset.folders
      .filter((folder) => folder.folderType === type)
      .map((folder) => ({
        id: String(folder.id),
        parentId: folder.parentId === null ? null : String(folder.parentId),
        name: folder.name,
        index: folder.index,
        kind,
      })),
  );
}

export function expectedStatuses(dataset: ZephyrDataset): CanonicalStatus[] {
  return STATUS_TYPES.flatMap(([type, kind]) =>
    dataset.statuses
      .filter((status) => status.statusType === type)
      .map((status) =>
        defined({
          id: String(status.id),
          kind,
          name: status.name,
          description: status.description,
          archived: status.archived,
          isDefault: status.default,
        }),
      ),
  );
}

export function expectedPriorities(dataset: ZephyrDataset): CanonicalPriority[] {
  return dataset.priorities.map((priority) =>
    defined({
      id: String(priority.id),
      name: priority.name,
      description: priority.description,
      isDefault: priority.default,
    }),
  );
}

export function expectedEnvironments(dataset: ZephyrDataset): CanonicalEnvironment[] {
  return dataset.environments.map((environment) =>
    defined({
      id: String(environment.id),
      name: environment.name,
      description: environment.description,
      archived: environment.archived,
    }),
  );
}

export function expectedTestCases(dataset: ZephyrDataset): CanonicalTestCase[] {
  return Array.from({ length: dataset.testCases.count }, (_, index) => {
    const testCase = dataset.testCases.at(index);
    return defined({
      id: String(testCase.id),
      key: testCase.key,
      name: testCase.name,
      objective: testCase.objective,
      precondition: testCase.precondition,
      estimatedTimeMs: testCase.estimatedTime,
      labels: [...testCase.labels],
      componentId: optionalId(testCase.componentId),
      priorityId: String(testCase.priorityId),
      statusId: String(testCase.statusId),
      folderId: optionalId(testCase.folderId),
      ownerId: testCase.ownerAccountId,
      createdOn: testCase.createdOn,
      customFields: customFields(testCase.customFields),
      links: links(testCase.issueLinks, testCase.webLinks),
      content: content(testCase.content),
      // Versions 1..version exist.
      version: testCase.version,
      versionCount: testCase.version,
    });
  });
}

export function expectedTestPlans(dataset: ZephyrDataset): CanonicalTestPlan[] {
  return dataset.testPlans.map((plan) =>
    defined({
      id: String(plan.id),
      key: plan.key,
      name: plan.name,
      objective: plan.objective,
      statusId: String(plan.statusId),
      folderId: optionalId(plan.folderId),
      ownerId: plan.ownerAccountId,
      labels: [...plan.labels],
      customFields: customFields(plan.customFields),
      links: links(plan.issueLinks, plan.webLinks),
      testCycleIds: plan.testCycleIds.map(String),
    }),
  );
}

export function expectedTestCycles(dataset: ZephyrDataset): CanonicalTestCycle[] {
  return dataset.testCycles.map((cycle) =>
    defined({
      id: String(cycle.id),
      key: cycle.key,
      name: cycle.name,
      description: cycle.description,
      statusId: String(cycle.statusId),
      folderId: optionalId(cycle.folderId),
      releaseVersionId: optionalId(cycle.jiraProjectVersionId),
      plannedStartDate: cycle.plannedStartDate,
      plannedEndDate: cycle.plannedEndDate,
      ownerId: cycle.ownerAccountId,
      customFields: customFields(cycle.customFields),
      links: links(cycle.issueLinks, cycle.webLinks),
      testPlanIds: cycle.testPlanIds.map(String),
    }),
  );
}

/** In id order, as the simulator lists them; `keys` keeps only those cases' executions, key by key. */
export function expectedTestExecutions(
  dataset: ZephyrDataset,
  keys?: readonly string[],
): CanonicalTestExecution[] {
  const all = Array.from({ length: dataset.testExecutions.count }, (_, index) =>
    dataset.testExecutions.at(index),
  );
  const executions =
    keys === undefined
      ? all
      : keys.flatMap((key) => all.filter((execution) => execution.testCaseKey === key));
  return executions.map((execution) =>
    defined({
      id: String(execution.id),
      key: execution.key,
      testCaseKey: execution.testCaseKey,
      testCaseVersion: execution.testCaseVersion,
      testCycleId: optionalId(execution.testCycleId),
      environmentId: optionalId(execution.environmentId),
      statusId: String(execution.statusId),
      actualEndDate: execution.actualEndDate,
      executionTimeMs: execution.executionTime,
      estimatedTimeMs: execution.estimatedTime,
      executedById: execution.executedById,
      assignedToId: execution.assignedToId,
      comment: execution.comment,
      automated: execution.automated,
      customFields: customFields(execution.customFields),
      issueLinks: execution.issueLinks.map(issueLink),
      // Never-run executions are read without their step results (they become no test log).
      stepResults:
        execution.actualEndDate === undefined
          ? []
          : execution.stepResults.map((result) =>
              defined({
                statusId: String(result.statusId),
                actualResult: result.actualResult,
                description: result.description,
                expectedResult: result.expectedResult,
                testData: result.testData,
              }),
            ),
    }),
  );
}

function content(facts: DatasetTestContent): CanonicalTestContent {
  switch (facts.kind) {
    case 'steps':
      return facts.steps.length === 0 ? { kind: 'none' } : { kind: 'steps', steps: facts.steps.map(step) };
    case 'plain':
    case 'bdd':
      return { kind: facts.kind, text: facts.text };
    case 'none':
      return { kind: 'none' };
  }
}

function step(facts: DatasetStep): CanonicalStep {
  if (facts.kind === 'call') {
    return {
      kind: 'call',
      testCaseKey: facts.testCaseKey,
      parameters: facts.parameters.map(({ name, value }) => ({ name, value })),
    };
  }
  return defined({
    kind: 'inline' as const,
    description: facts.description,
    testData: facts.testData,
    expectedResult: facts.expectedResult,
    customFields: facts.customFields === undefined ? undefined : customFields(facts.customFields),
  });
}

function links(issues: readonly DatasetIssueLink[], webLinks: readonly DatasetWebLink[]): CanonicalLinks {
  return { issues: issues.map(issueLink), webLinks: webLinks.map(webLink) };
}

function issueLink(link: DatasetIssueLink): CanonicalIssueLink {
  return {
    issueId: String(link.issueId),
    url: `${SIMULATED_JIRA_URL}/rest/api/2/issue/${link.issueId}`,
    kind: kindOf(link.type),
  };
}

function webLink(link: DatasetWebLink): CanonicalWebLink {
  return defined({ url: link.url, description: link.description, kind: kindOf(link.type) });
}

function kindOf(type: DatasetIssueLink['type']): CanonicalIssueLink['kind'] {
  return type === 'COVERAGE' ? 'coverage' : type === 'BLOCKS' ? 'blocks' : 'related';
}

function customFields(facts: Readonly<Record<string, unknown>>): CustomFields {
  return JSON.parse(JSON.stringify(facts)) as CustomFields;
}

function optionalId(id: number | undefined): string | undefined {
  return id === undefined ? undefined : String(id);
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
