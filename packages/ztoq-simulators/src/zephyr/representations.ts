import type { zephyrApi } from '@ztoq/core';
import type {
  CustomFieldValues,
  DatasetEnvironment,
  DatasetFolder,
  DatasetIssueLink,
  DatasetPriority,
  DatasetStatus,
  DatasetStep,
  DatasetStepResult,
  DatasetTestCase,
  DatasetTestContent,
  DatasetTestCycle,
  DatasetTestExecution,
  DatasetTestPlan,
  DatasetWebLink,
} from '../dataset/zephyr-dataset.js';
import type { ZephyrStore } from './zephyr-store.js';

type Schemas = zephyrApi.components['schemas'];

/**
 * The spec types custom field values as JSON objects, yet its own example (`"Build Number": 20`)
 * and the service use plain JSON values; responses carry them as the data set holds them.
 */
type WithCustomFieldValues<T> = Omit<T, 'customFields'> & { customFields?: CustomFieldValues };

/** The spec types `parentId` as an id, yet FolderInput says it "must be null for root folders"; the service answers null. */
export type ServedFolder = Omit<Schemas['Folder'], 'parentId'> & { parentId: number | null };
export type ServedTestCase = WithCustomFieldValues<Schemas['TestCase']>;
export type ServedTestCycle = WithCustomFieldValues<Schemas['TestCycle']>;
export type ServedTestPlan = WithCustomFieldValues<Schemas['TestPlan']>;
export type ServedTestExecution = WithCustomFieldValues<Schemas['TestExecution']>;
export type ServedTestStep = Omit<Schemas['TestStep'], 'inline'> & {
  inline?: WithCustomFieldValues<NonNullable<Schemas['TestStep']['inline']>>;
};

/**
 * The Jira site the simulated project lives on. Zephyr links owners, components, Jira versions
 * and issues to Jira's REST API, which the simulator does not serve.
 */
export const SIMULATED_JIRA_URL = 'https://ztoq-simulator.atlassian.net';

/**
 * Turns the store's facts into the spec's response shapes: integer ids, `{id, self}` link
 * objects and `self` URLs under the base URL the simulator listens on. A field without a value
 * is left undefined, which JSON leaves out: the spec's optional fields are absent, never null.
 */
export class ZephyrRepresentations {
  readonly #baseUrl: () => string;
  readonly #store: ZephyrStore;

  constructor(baseUrl: () => string, store: ZephyrStore) {
    this.#baseUrl = baseUrl;
    this.#store = store;
  }

  url(path: string): string {
    return `${this.#baseUrl()}${path}`;
  }

  project(): Schemas['Project'] {
    const { id, jiraProjectId, key } = this.#store.project;
    return { id, jiraProjectId, key, enabled: true };
  }

  folder(folder: DatasetFolder): ServedFolder {
    return {
      id: folder.id,
      parentId: folder.parentId,
      name: folder.name,
      index: folder.index,
      folderType: folder.folderType,
      project: this.#projectLink(),
    };
  }

  status(status: DatasetStatus): Schemas['Status'] {
    return {
      id: status.id,
      project: this.#projectLink(),
      name: status.name,
      description: status.description,
      index: status.index,
      color: status.color,
      archived: status.archived,
      default: status.default,
    };
  }

  priority(priority: DatasetPriority): Schemas['Priority'] {
    return {
      id: priority.id,
      project: this.#projectLink(),
      name: priority.name,
      description: priority.description,
      index: priority.index,
      color: priority.color,
      default: priority.default,
    };
  }

  environment(environment: DatasetEnvironment): Schemas['Environment'] {
    return {
      id: environment.id,
      project: this.#projectLink(),
      name: environment.name,
      description: environment.description,
      index: environment.index,
      archived: environment.archived,
    };
  }

  testCase(testCase: DatasetTestCase): ServedTestCase {
    return {
      id: testCase.id,
      key: testCase.key,
      name: testCase.name,
      project: this.#projectLink(),
      createdOn: testCase.createdOn,
      objective: testCase.objective,
      precondition: testCase.precondition,
      estimatedTime: testCase.estimatedTime,
      labels: [...testCase.labels],
      component: this.#jiraLink('component', testCase.componentId),
      priority: this.#link('priorities', testCase.priorityId),
      status: this.#link('statuses', testCase.statusId),
      folder: this.#optionalLink('folders', testCase.folderId),
      owner: this.#jiraUser(testCase.ownerAccountId),
      testScript: { self: this.url(testScriptPath(testCase.key, testCase.content)) },
      customFields: testCase.customFields,
      links: this.testCaseLinks(testCase),
    };
  }

  testCaseLinks(testCase: DatasetTestCase): Schemas['TestCaseLinkList'] {
    return {
      self: this.url(`/testcases/${testCase.key}/links`),
      issues: testCase.issueLinks.map((link) => this.#issueLink(link)),
      webLinks: testCase.webLinks.map((link) => this.#webLink(link)),
    };
  }

  /** The version number is only in `self`; the id is that version's own test case id. */
  testCaseVersionLink(key: string, version: number): Schemas['TestCaseVersionLink'] {
    const id = this.#store.testCaseVersionId(key, version);
    return { id, self: this.url(`/testcases/${key}/versions/${version}`) };
  }

  testScript(content: DatasetTestContent & { kind: 'plain' | 'bdd' }): Schemas['TestScript'] {
    return { id: content.scriptId, type: content.kind, text: content.text };
  }

  /** Each step holds either `inline` or `testCase` (a call to another test), never both. */
  testStep(step: DatasetStep): ServedTestStep {
    if (step.kind === 'call') {
      return {
        testCase: {
          self: this.url(`/testcases/${step.testCaseKey}`),
          testCaseKey: step.testCaseKey,
          parameters: step.parameters.map((parameter) => ({ ...parameter })),
        },
      };
    }
    return {
      inline: {
        description: step.description,
        testData: step.testData,
        expectedResult: step.expectedResult,
        customFields: step.customFields,
      },
    };
  }

  testCycle(cycle: DatasetTestCycle): ServedTestCycle {
    return {
      id: cycle.id,
      key: cycle.key,
      name: cycle.name,
      project: this.#projectLink(),
      jiraProjectVersion: this.#jiraLink('version', cycle.jiraProjectVersionId),
      status: this.#link('statuses', cycle.statusId),
      folder: this.#optionalLink('folders', cycle.folderId),
      description: cycle.description,
      plannedStartDate: cycle.plannedStartDate,
      plannedEndDate: cycle.plannedEndDate,
      owner: this.#jiraUser(cycle.ownerAccountId),
      customFields: cycle.customFields,
      links: this.testCycleLinks(cycle),
    };
  }

  testCycleLinks(cycle: DatasetTestCycle): Schemas['TestCycleLinkList'] {
    return {
      self: this.url(`/testcycles/${cycle.id}/links`),
      issues: cycle.issueLinks.map((link) => this.#issueLink(link)),
      webLinks: cycle.webLinks.map((link) => this.#webLink(link)),
      testPlans: cycle.testPlanIds.map((planId) => {
        const id = this.#store.planCycleLinkId(planId, cycle.id);
        return {
          id,
          self: this.url(`/links/${id}`),
          testPlanId: planId,
          type: 'RELATED' as const,
          target: this.url(`/testplans/${planId}`),
        };
      }),
    };
  }

  testPlan(plan: DatasetTestPlan): ServedTestPlan {
    return {
      id: plan.id,
      key: plan.key,
      name: plan.name,
      objective: plan.objective,
      project: this.#projectLink(),
      status: this.#link('statuses', plan.statusId),
      folder: this.#optionalLink('folders', plan.folderId),
      owner: this.#jiraUser(plan.ownerAccountId),
      customFields: plan.customFields,
      labels: [...plan.labels],
      links: {
        webLinks: plan.webLinks.map((link) => this.#webLink(link)),
        issues: plan.issueLinks.map((link) => this.#issueLink(link)),
        testCycles: plan.testCycleIds.map((cycleId) => {
          const id = this.#store.planCycleLinkId(plan.id, cycleId);
          return {
            id,
            self: this.url(`/links/${id}`),
            testCycleId: cycleId,
            type: 'RELATED' as const,
            target: this.url(`/testcycles/${cycleId}`),
          };
        }),
      },
    };
  }

  /** The test case is named only through `testCase.self`: `…/testcases/<KEY>/versions/<n>`. */
  testExecution(execution: DatasetTestExecution): ServedTestExecution {
    return {
      id: execution.id,
      key: execution.key,
      project: this.#projectLink(),
      testCase: this.testCaseVersionLink(execution.testCaseKey, execution.testCaseVersion),
      environment: this.#optionalLink('environments', execution.environmentId),
      jiraProjectVersion: this.#jiraLink('version', execution.jiraProjectVersionId),
      testExecutionStatus: this.#link('statuses', execution.statusId),
      actualEndDate: execution.actualEndDate,
      estimatedTime: execution.estimatedTime,
      executionTime: execution.executionTime,
      executedById: execution.executedById,
      assignedToId: execution.assignedToId,
      comment: execution.comment,
      automated: execution.automated,
      testCycle: this.#optionalLink('testcycles', execution.testCycleId),
      customFields: execution.customFields,
      links: this.testExecutionLinks(execution),
    };
  }

  testExecutionLinks(execution: DatasetTestExecution): Schemas['TestExecutionLinkList'] {
    return {
      self: this.url(`/testexecutions/${execution.id}/links`),
      issues: execution.issueLinks.map((link) => this.#issueLink(link)),
    };
  }

  testExecutionStep(result: DatasetStepResult): Schemas['TestExecutionStep'] {
    return {
      inline: {
        description: result.description,
        testData: result.testData,
        expectedResult: result.expectedResult,
        actualResult: result.actualResult,
        status: this.#link('statuses', result.statusId),
      },
    };
  }

  #projectLink(): Schemas['ProjectLink'] {
    return this.#link('projects', this.#store.project.id);
  }

  #link(collection: string, id: number): { id: number; self: string } {
    return { id, self: this.url(`/${collection}/${id}`) };
  }

  #optionalLink(collection: string, id: number | undefined): { id: number; self: string } | undefined {
    return id === undefined ? undefined : this.#link(collection, id);
  }

  #jiraLink(
    resource: 'component' | 'version',
    id: number | undefined,
  ): { id: number; self: string } | undefined {
    return id === undefined ? undefined : { id, self: `${SIMULATED_JIRA_URL}/rest/api/2/${resource}/${id}` };
  }

  #jiraUser(accountId: string | undefined): Schemas['JiraUserLink'] | undefined {
    return accountId === undefined
      ? undefined
      : {
          accountId,
          self: `${SIMULATED_JIRA_URL}/rest/api/2/user?accountId=${encodeURIComponent(accountId)}`,
        };
  }

  #issueLink(link: DatasetIssueLink): Schemas['IssueLink'] {
    return {
      id: link.id,
      self: this.url(`/links/${link.id}`),
      issueId: link.issueId,
      target: `${SIMULATED_JIRA_URL}/rest/api/2/issue/${link.issueId}`,
      type: link.type,
    };
  }

  #webLink(link: DatasetWebLink): Schemas['WebLink'] {
    return {
      id: link.id,
      self: this.url(`/links/${link.id}`),
      url: link.url,
      description: link.description,
      type: link.type,
    };
  }
}

/**
 * `testScript.self` is the only hint of what a case holds: the service links step-based cases
 * to `/teststeps` and plain or BDD ones to `/testscript`. Assumption: a case with nothing yet is
 * step-based with no steps, as the Zephyr editor starts every case.
 */
export function testScriptPath(key: string, content: DatasetTestContent): string {
  return `/testcases/${key}/${content.kind === 'plain' || content.kind === 'bdd' ? 'testscript' : 'teststeps'}`;
}
