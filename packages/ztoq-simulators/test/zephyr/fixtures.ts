import { materializedDataset } from '../../src/dataset/materialized-dataset.js';
import type {
  DatasetStep,
  DatasetStepResult,
  DatasetTestCase,
  DatasetTestExecution,
  ZephyrDataset,
} from '../../src/dataset/zephyr-dataset.js';

/**
 * A small hand-made project "ZT" covering every shape the simulator serves: nested folders of
 * all three types, every status type, a case with two versions, plain and BDD scripts, a
 * call-to-test step, a 150-step case, and executions that exercise each list filter:
 *
 * | execution | case  | cycle | ran at           | note                                   |
 * |-----------|-------|-------|------------------|----------------------------------------|
 * | 401 E1    | T1 v1 | R1    | 2024-03-01 10:00 |                                        |
 * | 402 E2    | T1 v2 | R1    | 2024-03-02 10:00 | last of (R1, T1)                       |
 * | 403 E3    | T2    | R1    | never            | last of (R1, T2): not run counts latest |
 * | 404 E4    | T1 v2 | R2    | 2024-03-03 10:00 | last of (R2, T1)                       |
 * | 405 E5    | T3    | —     | 2024-03-01 12:00 | ad hoc                                 |
 * | 406 E6    | T1 v2 | —     | never            | ad hoc                                 |
 * | 407 E7    | T2    | R2    | 2024-03-04 10:00 | same end as E8                         |
 * | 408 E8    | T2    | R2    | 2024-03-04 10:00 | last of (R2, T2): higher id wins a tie |
 * | 409 E9    | T2    | R1    | 2024-02-28 10:00 |                                        |
 */

export const PROJECT = { id: 10000, jiraProjectId: 10100, key: 'ZT' } as const;
export const OWNER = '5b10a2844c20165700ede21g';
export const TESTER = '5b10ac8d82e05b22cc7d4ef5';

const loginSteps: DatasetStep[] = [
  { kind: 'inline', description: 'Open the login page', expectedResult: 'The form shows' },
  {
    kind: 'inline',
    description: 'Enter {user} and {password}',
    testData: 'user=alice, password=secret',
    expectedResult: 'Fields are filled',
    customFields: { 'Step Risk': 'low' },
  },
  { kind: 'inline', description: 'Press Log in', expectedResult: 'The dashboard opens' },
];

const T1: DatasetTestCase = {
  id: 101,
  key: 'ZT-T1',
  name: 'Log in with valid credentials',
  objective: 'Users can log in',
  precondition: 'An account exists<br>The user is logged out',
  estimatedTime: 60_000,
  labels: ['smoke', 'login'],
  componentId: 10_001,
  priorityId: 1,
  statusId: 2,
  folderId: 2,
  ownerAccountId: OWNER,
  createdOn: '2024-01-10T09:00:00Z',
  customFields: {
    'Build Number': 20,
    'Release Date': '2024-02-01',
    Implemented: false,
    Category: ['Performance', 'Regression'],
  },
  issueLinks: [{ id: 1001, issueId: 20_001, type: 'COVERAGE' }],
  webLinks: [{ id: 1002, url: 'https://example.com/spec', description: 'Specification', type: 'RELATED' }],
  content: { kind: 'steps', steps: loginSteps },
  version: 2,
};

const T1_VERSION_1: DatasetTestCase = {
  ...T1,
  id: 100,
  name: 'Log in',
  content: { kind: 'steps', steps: loginSteps.slice(0, 2) },
  version: 1,
};

function testCase(
  fields: Partial<DatasetTestCase> & Pick<DatasetTestCase, 'id' | 'key' | 'name'>,
): DatasetTestCase {
  return {
    labels: [],
    priorityId: 2,
    statusId: 1,
    createdOn: '2024-01-11T09:00:00Z',
    customFields: {},
    issueLinks: [],
    webLinks: [],
    content: { kind: 'none' },
    version: 1,
    ...fields,
  };
}

export const STEP_HEAVY_CASE = 'ZT-T5';
export const STEP_HEAVY_STEP_COUNT = 150;

const testCases: DatasetTestCase[] = [
  T1,
  testCase({
    id: 102,
    key: 'ZT-T2',
    name: 'Log out',
    folderId: 1,
    content: { kind: 'plain', scriptId: 501, text: 'Open the menu and choose Log out.' },
  }),
  testCase({
    id: 103,
    key: 'ZT-T3',
    name: 'Search',
    content: {
      kind: 'bdd',
      scriptId: 502,
      text: 'Given a catalogue\nWhen I search "pump"\nThen I see 3 results',
    },
  }),
  testCase({
    id: 104,
    key: 'ZT-T4',
    name: 'Checkout as a logged-in user',
    folderId: 2,
    content: {
      kind: 'steps',
      steps: [
        {
          kind: 'call',
          testCaseKey: 'ZT-T1',
          parameters: [{ name: 'user', type: 'DEFAULT_VALUE', value: 'alice' }],
        },
        { kind: 'inline', description: 'Pay', expectedResult: 'The order is confirmed' },
      ],
    },
  }),
  testCase({
    id: 105,
    key: STEP_HEAVY_CASE,
    name: 'Long end-to-end flow',
    folderId: 3,
    content: {
      kind: 'steps',
      steps: Array.from({ length: STEP_HEAVY_STEP_COUNT }, (_, index) => ({
        kind: 'inline' as const,
        description: `Step ${index + 1}`,
      })),
    },
  }),
  testCase({ id: 106, key: 'ZT-T6', name: 'Not written yet' }),
];

function results(count: number, statusId: number): DatasetStepResult[] {
  return loginSteps.slice(0, count).map((step, index) => ({
    description: step.kind === 'inline' ? step.description : undefined,
    expectedResult: step.kind === 'inline' ? step.expectedResult : undefined,
    actualResult: `Result ${index + 1}`,
    statusId,
  }));
}

function execution(
  fields: Partial<DatasetTestExecution> & Pick<DatasetTestExecution, 'id' | 'testCaseKey' | 'statusId'>,
): DatasetTestExecution {
  return {
    key: `ZT-E${fields.id - 400}`,
    testCaseVersion: 1,
    automated: false,
    customFields: {},
    issueLinks: [],
    stepResults: [],
    ...fields,
  };
}

const NOT_EXECUTED = 6;
const PASS = 7;
const FAIL = 8;

const testExecutions: DatasetTestExecution[] = [
  execution({
    id: 401,
    testCaseKey: 'ZT-T1',
    testCycleId: 201,
    environmentId: 1,
    statusId: FAIL,
    actualEndDate: '2024-03-01T10:00:00Z',
    executionTime: 120_000,
    executedById: TESTER,
    stepResults: results(2, FAIL),
  }),
  execution({
    id: 402,
    testCaseKey: 'ZT-T1',
    testCaseVersion: 2,
    testCycleId: 201,
    environmentId: 1,
    jiraProjectVersionId: 30_001,
    statusId: PASS,
    actualEndDate: '2024-03-02T10:00:00Z',
    estimatedTime: 60_000,
    executionTime: 90_000,
    executedById: TESTER,
    assignedToId: OWNER,
    comment: 'Fixed in build 21',
    customFields: { 'Browser Version': '121' },
    issueLinks: [{ id: 1004, issueId: 20_003, type: 'BLOCKS' }],
    stepResults: results(3, PASS),
  }),
  execution({ id: 403, testCaseKey: 'ZT-T2', testCycleId: 201, statusId: NOT_EXECUTED }),
  execution({
    id: 404,
    testCaseKey: 'ZT-T1',
    testCaseVersion: 2,
    testCycleId: 202,
    statusId: PASS,
    actualEndDate: '2024-03-03T10:00:00Z',
    stepResults: results(3, PASS),
  }),
  execution({
    id: 405,
    testCaseKey: 'ZT-T3',
    statusId: PASS,
    actualEndDate: '2024-03-01T12:00:00Z',
    automated: true,
  }),
  execution({ id: 406, testCaseKey: 'ZT-T1', testCaseVersion: 2, statusId: NOT_EXECUTED }),
  execution({
    id: 407,
    testCaseKey: 'ZT-T2',
    testCycleId: 202,
    statusId: FAIL,
    actualEndDate: '2024-03-04T10:00:00Z',
  }),
  execution({
    id: 408,
    testCaseKey: 'ZT-T2',
    testCycleId: 202,
    statusId: PASS,
    actualEndDate: '2024-03-04T10:00:00Z',
  }),
  execution({
    id: 409,
    testCaseKey: 'ZT-T2',
    testCycleId: 201,
    statusId: PASS,
    actualEndDate: '2024-02-28T10:00:00Z',
  }),
];

/** The fixture project; `extraTestCases` adds that many plain cases (ZT-T7, ZT-T8, …) for paging through longer lists. */
export function fixtureDataset({ extraTestCases = 0 }: { extraTestCases?: number } = {}): ZephyrDataset {
  const extra = Array.from({ length: extraTestCases }, (_, index) =>
    testCase({ id: 107 + index, key: `ZT-T${7 + index}`, name: `Extra case ${index + 1}` }),
  );
  return materializedDataset({
    seed: 0,
    size: 'tiny',
    project: PROJECT,
    users: [
      { accountId: OWNER, displayName: 'Olivia Owner', email: 'olivia@example.com' },
      { accountId: TESTER, displayName: 'Theo Tester', email: 'theo@example.com' },
    ],
    folders: [
      { id: 1, parentId: null, name: 'Regression', index: 0, folderType: 'TEST_CASE' },
      { id: 2, parentId: 1, name: 'Login', index: 0, folderType: 'TEST_CASE' },
      { id: 3, parentId: null, name: 'Smoke', index: 1, folderType: 'TEST_CASE' },
      { id: 4, parentId: null, name: 'Sprint 1', index: 0, folderType: 'TEST_CYCLE' },
      { id: 5, parentId: 4, name: 'Week 1', index: 0, folderType: 'TEST_CYCLE' },
      { id: 6, parentId: null, name: 'Releases', index: 0, folderType: 'TEST_PLAN' },
    ],
    statuses: [
      {
        id: 1,
        statusType: 'TEST_CASE',
        name: 'Draft',
        index: 0,
        color: '#cccccc',
        archived: false,
        default: true,
      },
      {
        id: 2,
        statusType: 'TEST_CASE',
        name: 'Approved',
        description: 'Reviewed',
        index: 1,
        archived: false,
        default: false,
      },
      { id: 3, statusType: 'TEST_CYCLE', name: 'Not Executed', index: 0, archived: false, default: true },
      { id: 4, statusType: 'TEST_CYCLE', name: 'Done', index: 1, archived: false, default: false },
      { id: 5, statusType: 'TEST_PLAN', name: 'Draft', index: 0, archived: false, default: true },
      {
        id: NOT_EXECUTED,
        statusType: 'TEST_EXECUTION',
        name: 'Not Executed',
        index: 0,
        archived: false,
        default: true,
      },
      {
        id: PASS,
        statusType: 'TEST_EXECUTION',
        name: 'Pass',
        index: 1,
        color: '#00ff00',
        archived: false,
        default: false,
      },
      { id: FAIL, statusType: 'TEST_EXECUTION', name: 'Fail', index: 2, archived: false, default: false },
      { id: 9, statusType: 'TEST_EXECUTION', name: 'Retired', index: 3, archived: true, default: false },
    ],
    priorities: [
      { id: 1, name: 'High', index: 0, color: '#ff0000', default: false },
      { id: 2, name: 'Normal', description: 'The usual', index: 1, default: true },
      { id: 3, name: 'Low', index: 2, default: false },
    ],
    environments: [
      { id: 1, name: 'Chrome', description: 'Latest stable', index: 0, archived: false },
      { id: 2, name: 'Firefox', index: 1, archived: false },
      { id: 3, name: 'Internet Explorer', index: 2, archived: true },
    ],
    testCases: [...testCases, ...extra],
    olderVersions: { 'ZT-T1': [T1_VERSION_1] },
    testCycles: [
      {
        id: 201,
        key: 'ZT-R1',
        name: 'Sprint 1 regression',
        description: 'All of regression',
        statusId: 3,
        folderId: 4,
        jiraProjectVersionId: 30_001,
        plannedStartDate: '2024-03-01T08:00:00Z',
        plannedEndDate: '2024-03-08T18:00:00Z',
        ownerAccountId: OWNER,
        customFields: { Team: 'Blue' },
        issueLinks: [{ id: 1003, issueId: 20_002, type: 'RELATED' }],
        webLinks: [{ id: 1005, url: 'https://example.com/board', type: 'RELATED' }],
        testPlanIds: [301],
      },
      {
        id: 202,
        key: 'ZT-R2',
        name: 'Sprint 2 smoke',
        statusId: 4,
        customFields: {},
        issueLinks: [],
        webLinks: [],
        testPlanIds: [301, 302],
      },
    ],
    testPlans: [
      {
        id: 301,
        key: 'ZT-P1',
        name: 'Release 1.0',
        objective: 'Ship 1.0',
        statusId: 5,
        folderId: 6,
        ownerAccountId: OWNER,
        labels: ['release'],
        customFields: { Quarter: 'Q1' },
        issueLinks: [],
        webLinks: [
          { id: 1006, url: 'https://example.com/release', description: 'Release notes', type: 'RELATED' },
        ],
        testCycleIds: [201, 202],
      },
      {
        id: 302,
        key: 'ZT-P2',
        name: 'Release 1.1',
        statusId: 5,
        labels: [],
        customFields: {},
        issueLinks: [],
        webLinks: [],
        testCycleIds: [202],
      },
    ],
    testExecutions,
  });
}
