import { describe, expect, it } from 'vitest';
import {
  customFieldsOf,
  executedTestCaseOf,
  folderOf,
  linkKindOf,
  priorityOf,
  statusOf,
  stepOf,
  stepResultOf,
  stepsContentOf,
  testCaseOf,
  testCycleOf,
  testExecutionOf,
  testPlanOf,
  testScriptHintOf,
  versionsOf,
  type ZephyrTestCase,
  type ZephyrTestExecution,
} from '../../../src/adapters/zephyr-scale-cloud/zephyr-mapping.js';
import { ZtoqError } from '../../../src/errors.js';

const BASE = 'https://api.zephyrscale.smartbear.com/v2';
const link = (collection: string, id: number) => ({ id, self: `${BASE}/${collection}/${id}` });

/** A test case as the list returns it with only the required fields. */
const bareTestCase: ZephyrTestCase = {
  id: 1,
  key: 'PROJ-T1',
  name: 'Log in',
  project: link('projects', 10),
  priority: link('priorities', 20),
  status: link('statuses', 30),
};

const bareExecution: ZephyrTestExecution = {
  id: 70,
  key: 'PROJ-E7',
  project: link('projects', 10),
  testCase: { id: 3, self: `${BASE}/testcases/PROJ-T12/versions/3` },
  testExecutionStatus: link('statuses', 31),
};

describe('zephyr mapping', () => {
  it('maps folders with a null parent at the root and string ids below it', () => {
    const root = { id: 5, parentId: null, name: 'Root', index: 0, folderType: 'TEST_CASE' };
    const child = { id: 6, parentId: 5, name: 'Child', index: 2, folderType: 'TEST_CASE' };

    expect(folderOf(root, 'test-case')).toStrictEqual({
      id: '5',
      parentId: null,
      name: 'Root',
      index: 0,
      kind: 'test-case',
    });
    expect(folderOf(child, 'test-plan')).toStrictEqual({
      id: '6',
      parentId: '5',
      name: 'Child',
      index: 2,
      kind: 'test-plan',
    });
  });

  it('maps statuses and priorities, leaving out an absent or null description', () => {
    const project = link('projects', 10);
    expect(
      statusOf(
        { id: 3, project, name: 'Done', index: 1, archived: true, default: false, description: 'Finished' },
        'test-cycle',
      ),
    ).toStrictEqual({
      id: '3',
      kind: 'test-cycle',
      name: 'Done',
      description: 'Finished',
      archived: true,
      isDefault: false,
    });
    const withNull = { id: 4, project, name: 'High', index: 0, default: true, description: null };
    expect(priorityOf(withNull as never)).toStrictEqual({ id: '4', name: 'High', isDefault: true });
  });

  it('maps a bare test case to required fields only, with no undefined properties', () => {
    const mapped = testCaseOf(bareTestCase, {
      content: { kind: 'none' },
      versions: { version: 1, versionCount: 1 },
    });

    expect(mapped).toStrictEqual({
      id: '1',
      key: 'PROJ-T1',
      name: 'Log in',
      labels: [],
      priorityId: '20',
      statusId: '30',
      customFields: {},
      links: { issues: [], webLinks: [] },
      content: { kind: 'none' },
      version: 1,
      versionCount: 1,
    });
    expect(Object.values(mapped)).not.toContain(undefined);
  });

  it('maps a full test case: component, folder and owner ids, embedded links before separately read ones', () => {
    const mapped = testCaseOf(
      {
        ...bareTestCase,
        objective: '<p>Why</p>',
        precondition: 'Logged out',
        estimatedTime: 90_000,
        labels: ['smoke'],
        component: { id: 77, self: 'https://jira/rest/api/2/component/77' },
        folder: link('folders', 8),
        owner: { accountId: '5b10a2844c20165700ede21g', self: 'https://jira/user' },
        createdOn: '2024-05-06T07:08:09Z',
        customFields: { Notes: 'a<br>b' },
        links: {
          issues: [{ id: 1, issueId: 10001, target: 'https://jira/rest/api/2/issue/10001', type: 'BLOCKS' }],
          webLinks: [],
        },
      },
      {
        content: { kind: 'plain', text: 'Do it' },
        versions: { version: 4, versionCount: 3 },
        links: { issues: [{ issueId: 99, type: 'COVERAGE' }] },
      },
    );

    expect(mapped).toMatchObject({
      objective: '<p>Why</p>',
      precondition: 'Logged out',
      estimatedTimeMs: 90_000,
      labels: ['smoke'],
      componentId: '77',
      folderId: '8',
      ownerId: '5b10a2844c20165700ede21g',
      createdOn: '2024-05-06T07:08:09Z',
      customFields: { Notes: 'a<br>b' },
      links: {
        issues: [{ issueId: '10001', url: 'https://jira/rest/api/2/issue/10001', kind: 'blocks' }],
        webLinks: [],
      },
      content: { kind: 'plain', text: 'Do it' },
      version: 4,
      versionCount: 3,
    });
  });

  it('maps inline and call-to-test steps; a case without steps has no content', () => {
    expect(
      stepOf({ inline: { description: 'Open', expectedResult: 'Shown', reflectRef: 'ai' } }),
    ).toStrictEqual({
      kind: 'inline',
      description: 'Open',
      expectedResult: 'Shown',
    });
    expect(stepOf({ inline: { testData: 'x', customFields: { Risk: ['High'] } } })).toStrictEqual({
      kind: 'inline',
      testData: 'x',
      customFields: { Risk: ['High'] },
    });
    expect(
      stepOf({
        testCase: {
          testCaseKey: 'PROJ-T9',
          self: `${BASE}/testcases/PROJ-T9`,
          parameters: [
            { name: 'user', type: 'MANUAL_INPUT', value: 'admin' },
            { name: 'empty', type: 'DEFAULT_VALUE' },
          ],
        },
      }),
    ).toStrictEqual({
      kind: 'call',
      testCaseKey: 'PROJ-T9',
      parameters: [
        { name: 'user', value: 'admin' },
        { name: 'empty', value: '' },
      ],
    });
    expect(stepOf({})).toStrictEqual({ kind: 'inline' });
    expect(stepsContentOf([])).toEqual({ kind: 'none' });
    expect(stepsContentOf([{ inline: { description: 'a' } }])).toEqual({
      kind: 'steps',
      steps: [{ kind: 'inline', description: 'a' }],
    });
  });

  it('reads the version number from self: the largest is the latest, the count is how many', () => {
    const versions = [2, 3, 1].map((n) => ({ id: n, self: `${BASE}/testcases/PROJ-T1/versions/${n}` }));

    expect(versionsOf('PROJ-T1', versions)).toEqual({ version: 3, versionCount: 3 });
    expect(() => versionsOf('PROJ-T1', [{ id: 1, self: `${BASE}/testcases/PROJ-T1` }])).toThrow(ZtoqError);
    expect(() => versionsOf('PROJ-T1', [])).toThrow(/PROJ-T1/);
  });

  it('reads an execution test case key and version from testCase.self', () => {
    expect(executedTestCaseOf(bareExecution)).toEqual({ testCaseKey: 'PROJ-T12', version: 3 });
    expect(() =>
      executedTestCaseOf({ ...bareExecution, testCase: { id: 3, self: `${BASE}/testcases/PROJ-T12` } }),
    ).toThrow(/PROJ-E7/);
  });

  it('maps an execution with step results by position, and without a key falls back to the id', () => {
    const mapped = testExecutionOf(
      {
        ...bareExecution,
        testCycle: link('testcycles', 40),
        environment: link('environments', 41),
        actualEndDate: '2024-01-01T10:00:00Z',
        executionTime: 5000,
        estimatedTime: 6000,
        executedById: 'u-1',
        assignedToId: 'u-2',
        comment: 'ok',
        automated: true,
        customFields: { Build: 12 },
        links: { issues: [{ issueId: 5, type: 'RELATED' }] },
      },
      {
        stepResults: [
          { inline: { status: link('statuses', 31), actualResult: 'Fine', description: 'Open' } },
          { inline: { status: link('statuses', 32), testData: 'x', expectedResult: 'y' } },
        ],
      },
    );

    expect(mapped).toStrictEqual({
      id: '70',
      key: 'PROJ-E7',
      testCaseKey: 'PROJ-T12',
      testCaseVersion: 3,
      testCycleId: '40',
      environmentId: '41',
      statusId: '31',
      actualEndDate: '2024-01-01T10:00:00Z',
      executionTimeMs: 5000,
      estimatedTimeMs: 6000,
      executedById: 'u-1',
      assignedToId: 'u-2',
      comment: 'ok',
      automated: true,
      customFields: { Build: 12 },
      issueLinks: [{ issueId: '5', kind: 'related' }],
      stepResults: [
        { statusId: '31', actualResult: 'Fine', description: 'Open' },
        { statusId: '32', testData: 'x', expectedResult: 'y' },
      ],
    });
    const { key: _, ...withoutKey } = bareExecution;
    expect(testExecutionOf(withoutKey, { stepResults: [] }).key).toBe('70');
  });

  it('refuses a step result without a status rather than inventing one', () => {
    expect(() => stepResultOf({ inline: { actualResult: 'x' } }, 'test execution PROJ-E7, step 2')).toThrow(
      /PROJ-E7, step 2/,
    );
  });

  it('takes plan and cycle link ids from the link, or from its target when the id is missing', () => {
    const plan = testPlanOf({
      id: 3,
      key: 'PROJ-P1',
      name: 'Plan',
      project: link('projects', 10),
      status: link('statuses', 33),
      links: {
        testCycles: [
          { id: 900, testCycleId: 41 },
          { id: 901, target: `${BASE}/testcycles/42` },
        ],
      },
    });
    expect(plan.testCycleIds).toEqual(['41', '42']);
    expect(plan.links).toEqual({ issues: [], webLinks: [] });

    const cycle = testCycleOf(
      {
        id: 41,
        key: 'PROJ-R1',
        name: 'Cycle',
        project: link('projects', 10),
        status: link('statuses', 34),
        jiraProjectVersion: { id: 10100, self: 'https://jira/version/10100' },
        plannedStartDate: '2024-02-01T00:00:00Z',
      },
      { testPlans: [{ id: 900, testPlanId: 3 }], webLinks: [{ url: 'https://wiki', description: 'Spec' }] },
    );
    expect(cycle).toMatchObject({
      releaseVersionId: '10100',
      plannedStartDate: '2024-02-01T00:00:00Z',
      testPlanIds: ['3'],
      links: { issues: [], webLinks: [{ url: 'https://wiki', description: 'Spec', kind: 'related' }] },
    });
    expect(() =>
      testCycleOf(
        { ...cycle, id: 41, project: link('projects', 10), status: link('statuses', 34) } as never,
        {
          testPlans: [{ id: 900 }],
        },
      ),
    ).toThrow(ZtoqError);
  });

  it("keeps custom fields in Zephyr's encodings and any other JSON as text", () => {
    expect(
      customFieldsOf({
        'Build Number': 20,
        'Release Date': '2020-01-01',
        'Pre-Condition(s)': 'a <br> b',
        Implemented: false,
        Category: ['Performance', 'Regression'],
        Tester: '5b10a2844c20165700ede21g',
        Unset: null,
        Structured: { option: 'x' },
        Mixed: ['a', 2, null],
      }),
    ).toStrictEqual({
      'Build Number': 20,
      'Release Date': '2020-01-01',
      'Pre-Condition(s)': 'a <br> b',
      Implemented: false,
      Category: ['Performance', 'Regression'],
      Tester: '5b10a2844c20165700ede21g',
      Unset: null,
      Structured: '{"option":"x"}',
      Mixed: ['a', '2'],
    });
    expect(customFieldsOf(undefined)).toEqual({});
    expect(() => customFieldsOf(['not', 'an', 'object'])).toThrow(ZtoqError);
  });

  it('maps link types, an untyped link to related', () => {
    expect(linkKindOf('COVERAGE')).toBe('coverage');
    expect(linkKindOf('BLOCKS')).toBe('blocks');
    expect(linkKindOf('RELATED')).toBe('related');
    expect(linkKindOf(undefined)).toBe('related');
  });

  it('reads what a test case holds from its testScript link', () => {
    expect(testScriptHintOf(`${BASE}/testcases/PROJ-T1/teststeps`)).toBe('steps');
    expect(testScriptHintOf(`${BASE}/testCases/PROJ-T1/testscript`)).toBe('script');
    expect(testScriptHintOf(undefined)).toBeUndefined();
    expect(testScriptHintOf(`${BASE}/testcases/PROJ-T1`)).toBeUndefined();
  });
});
