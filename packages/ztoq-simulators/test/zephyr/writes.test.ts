import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeZephyrSimulators, type RunningZephyr, startZephyr, type ZephyrAnswer } from './harness.js';

afterEach(closeZephyrSimulators);

let zephyr: RunningZephyr;
beforeEach(async () => {
  zephyr = await startZephyr();
});

type Json = Record<string, unknown>;

const post = (path: string, body: unknown) => zephyr.call(path, { method: 'POST', body });

function created(answer: ZephyrAnswer): Json {
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as Json;
}

async function read(path: string): Promise<Json> {
  const answer = await zephyr.call(path);
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body as Json;
}

function expectBadRequest(answer: ZephyrAnswer, message: string | RegExp): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect(answer.body).toEqual({
    errorCode: 400,
    message: typeof message === 'string' ? message : expect.stringMatching(message),
  });
}

describe('Zephyr simulator test case writes', () => {
  it('creates a test case after the data set ids and keys, with the project defaults, visible to every read', async () => {
    const body = created(
      await post('/testcases', { projectKey: 'ZT', name: 'Reset password', folderId: 3, labels: ['auth'] }),
    );
    expect(body).toEqual({ id: 107, key: 'ZT-T7', self: `${zephyr.baseUrl}/testcases/ZT-T7` });
    expect(await read('/testcases/ZT-T7')).toMatchObject({
      id: 107,
      name: 'Reset password',
      labels: ['auth'],
      priority: { id: 2 },
      status: { id: 1 },
      folder: { id: 3 },
      createdOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    const inFolder = (await zephyr.walk('/testcases', { folderId: '3' })) as Json[];
    expect(inFolder.map((testCase) => testCase.key)).toEqual(['ZT-T5', 'ZT-T7']);
    expect(((await zephyr.walk('/testcases')) as Json[]).at(-1)).toMatchObject({ key: 'ZT-T7' });
    expect(await zephyr.walk('/testcases/ZT-T7/versions')).toEqual([
      { id: 107, self: `${zephyr.baseUrl}/testcases/ZT-T7/versions/1` },
    ]);
    expect(created(await post('/testcases', { projectKey: 'ZT', name: 'Another' })).key).toBe('ZT-T8');
  });

  it('starts a new case with one empty step, which APPEND keeps and OVERWRITE replaces', async () => {
    created(await post('/testcases', { projectKey: 'ZT', name: 'Fresh' }));
    expect(await zephyr.walk('/testcases/ZT-T7/teststeps')).toEqual([{ inline: {} }]);
    created(
      await post('/testcases/ZT-T7/teststeps', { mode: 'APPEND', items: [{ inline: { description: 'A' } }] }),
    );
    expect(await zephyr.walk('/testcases/ZT-T7/teststeps')).toEqual([
      { inline: {} },
      { inline: { description: 'A' } },
    ]);
    created(
      await post('/testcases/ZT-T7/teststeps', {
        mode: 'OVERWRITE',
        items: [{ inline: { description: 'B' } }],
      }),
    );
    expect(await zephyr.walk('/testcases/ZT-T7/teststeps')).toEqual([{ inline: { description: 'B' } }]);
  });

  it('uses the priority and status named in the body', async () => {
    created(
      await post('/testcases', {
        projectKey: 'ZT',
        name: 'Named',
        priorityName: 'High',
        statusName: 'Approved',
      }),
    );
    expect(await read('/testcases/ZT-T7')).toMatchObject({ priority: { id: 1 }, status: { id: 2 } });
  });

  it('appends and overwrites steps, call-to-test steps included', async () => {
    const body = created(
      await post('/testcases/ZT-T1/teststeps', {
        mode: 'APPEND',
        items: [
          {
            testCase: { testCaseKey: 'ZT-T2', parameters: [{ name: 'x', type: 'MANUAL_INPUT', value: '1' }] },
          },
        ],
      }),
    );
    expect(body).toEqual({ id: expect.any(Number), self: `${zephyr.baseUrl}/testcases/ZT-T1/teststeps` });
    const steps = await zephyr.walk('/testcases/ZT-T1/teststeps');
    expect(steps).toHaveLength(4);
    expect(steps[3]).toEqual({
      testCase: {
        self: `${zephyr.baseUrl}/testcases/ZT-T2`,
        testCaseKey: 'ZT-T2',
        parameters: [{ name: 'x', type: 'MANUAL_INPUT', value: '1' }],
      },
    });
    created(
      await post('/testcases/ZT-T1/teststeps', {
        mode: 'OVERWRITE',
        items: [{ inline: { expectedResult: 'Done' } }],
      }),
    );
    expect(await zephyr.walk('/testcases/ZT-T1/teststeps')).toEqual([{ inline: { expectedResult: 'Done' } }]);
  });

  it('replaces steps with a script and a script with steps', async () => {
    const script = created(await post('/testcases/ZT-T1/testscript', { type: 'bdd', text: 'Given a user' }));
    expect(script.self).toBe(`${zephyr.baseUrl}/testcases/ZT-T1/testscript`);
    expect(await read('/testcases/ZT-T1/testscript')).toEqual({
      id: script.id,
      type: 'bdd',
      text: 'Given a user',
    });
    expect(await zephyr.walk('/testcases/ZT-T1/teststeps')).toEqual([]);
    expect(((await read('/testcases/ZT-T1')).testScript as Json).self).toBe(
      `${zephyr.baseUrl}/testcases/ZT-T1/testscript`,
    );

    created(
      await post('/testcases/ZT-T2/teststeps', {
        mode: 'APPEND',
        items: [{ inline: { description: 'Only' } }],
      }),
    );
    expect((await zephyr.call('/testcases/ZT-T2/testscript')).status).toBe(404);
    expect(await zephyr.walk('/testcases/ZT-T2/teststeps')).toEqual([{ inline: { description: 'Only' } }]);

    const second = created(await post('/testcases/ZT-T3/testscript', { type: 'plain', text: 'Again' }));
    expect(second.id).toBeGreaterThan(Number(script.id));
  });

  it('refuses more than 100 steps in one request', async () => {
    const items = Array.from({ length: 101 }, (_, index) => ({ inline: { description: `Step ${index}` } }));
    expectBadRequest(
      await post('/testcases/ZT-T6/teststeps', { mode: 'APPEND', items }),
      'items: at most 100 steps can be posted per request',
    );
    created(await post('/testcases/ZT-T6/teststeps', { mode: 'APPEND', items: items.slice(0, 100) }));
  });

  it('refuses steps that are not exactly one of inline or a call to another existing case', async () => {
    const steps = (items: unknown[]) => post('/testcases/ZT-T6/teststeps', { mode: 'APPEND', items });
    expectBadRequest(
      await steps([{ inline: {}, testCase: { testCaseKey: 'ZT-T1' } }]),
      'items[0]: a step holds either inline or testCase, exactly one of them',
    );
    expectBadRequest(
      await steps([{}]),
      'items[0]: a step holds either inline or testCase, exactly one of them',
    );
    expectBadRequest(
      await steps([{ inline: {} }, { testCase: { testCaseKey: 'ZT-T99' } }]),
      "items[1].testCase.testCaseKey: test case 'ZT-T99' does not exist",
    );
    expectBadRequest(
      await steps([{ testCase: { testCaseKey: 'ZT-T6' } }]),
      'items[0].testCase.testCaseKey: a test case cannot call itself',
    );
    expectBadRequest(
      await steps([{ testCase: { testCaseKey: 'ZT-T1', parameters: [{ name: 'x', type: 'FREE' }] } }]),
      /^items\[0\]\.testCase\.parameters\[0\]\.type: /,
    );
    expect(zephyr.simulator.state().changedTestContent).toEqual({});
  });

  it.each([
    [{ name: 'No project' }, 'projectKey must not be null'],
    [{ projectKey: 'ZT' }, 'name must not be null'],
    [{ projectKey: 'ZT', name: '' }, /^name: /],
    [{ projectKey: 'ZT', name: '   ' }, 'name: must not be blank'],
    [{ projectKey: 'ZT', name: 'x'.repeat(256) }, /^name: /],
    [{ projectKey: 'zt', name: 'Lower' }, 'projectKey: must be a Jira project key such as PROJ'],
    [{ projectKey: 'OTHER', name: 'Elsewhere' }, "Cannot access projects 'OTHER'"],
    [{ projectKey: 'ZT', name: 'Typed', estimatedTime: 'an hour' }, /^estimatedTime: /],
    [{ projectKey: 'ZT', name: 'Typed', labels: 'smoke' }, /^labels: /],
    [{ projectKey: 'ZT', name: 'Typed', objective: null }, /^objective: /],
    [{ projectKey: 'ZT', name: 'Owned', ownerId: 'not an id!' }, 'ownerId: must be an Atlassian account id'],
    [
      { projectKey: 'ZT', name: 'Ranked', priorityName: 'Urgent' },
      "priorityName: priority 'Urgent' does not exist",
    ],
    [
      { projectKey: 'ZT', name: 'Stated', statusName: 'Done' },
      "statusName: test case status 'Done' does not exist",
    ],
    [{ projectKey: 'ZT', name: 'Filed', folderId: 4 }, "folderId: test case folder '4' does not exist"],
  ])('refuses the test case %j with 400', async (body, message) => {
    expectBadRequest(await post('/testcases', body), message);
    expect(zephyr.simulator.state().created.testCases).toEqual([]);
  });

  it('refuses a body that is missing or not JSON', async () => {
    expectBadRequest(await zephyr.call('/testcases', { method: 'POST' }), 'Request body is required');
    const answer = await fetch(`${zephyr.baseUrl}/testcases`, {
      method: 'POST',
      headers: { authorization: 'Bearer zephyr-simulator-token', 'content-type': 'application/json' },
      body: '{"projectKey":',
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ errorCode: 400, message: 'Request body is not valid JSON' });
    expectBadRequest(await post('/testcases', ['ZT']), /^request body: /);
  });

  it('refuses a script of an unknown type or without text', async () => {
    expectBadRequest(await post('/testcases/ZT-T6/testscript', { type: 'gherkin', text: 'x' }), /^type: /);
    expectBadRequest(await post('/testcases/ZT-T6/testscript', { type: 'plain', text: '' }), /^text: /);
    expectBadRequest(await post('/testcases/ZT-T6/testscript', { type: 'plain' }), 'text must not be null');
  });
});

describe('Zephyr simulator folder and cycle writes', () => {
  it('creates folders in their tree, after the last sibling', async () => {
    const body = created(
      await post('/folders', { projectKey: 'ZT', name: 'Checkout', folderType: 'TEST_CASE', parentId: 1 }),
    );
    expect(body).toEqual({ id: 7, self: `${zephyr.baseUrl}/folders/7` });
    expect(await read('/folders/7')).toMatchObject({
      parentId: 1,
      index: 1,
      folderType: 'TEST_CASE',
      name: 'Checkout',
    });
    created(
      await post('/folders', { projectKey: 'ZT', name: 'Archive', folderType: 'TEST_CASE', parentId: null }),
    );
    expect(await read('/folders/8')).toMatchObject({ parentId: null, index: 2 });
    const planFolders = await zephyr.walk('/folders', { folderType: 'TEST_PLAN' });
    expect(planFolders).toHaveLength(1);
  });

  it.each([
    [{ projectKey: 'ZT', name: 'No type' }, 'folderType must not be null'],
    [{ projectKey: 'ZT', name: 'Bad type', folderType: 'TEST_RUN' }, /^folderType: /],
    [{ projectKey: 'ZT', name: 'n'.repeat(256), folderType: 'TEST_CASE' }, /^name: /],
    [
      { projectKey: 'ZT', name: 'Orphan', folderType: 'TEST_CASE', parentId: 99 },
      "parentId: folder '99' does not exist",
    ],
    [
      { projectKey: 'ZT', name: 'Crossed', folderType: 'TEST_CASE', parentId: 4 },
      "parentId: folder '4' is a TEST_CYCLE folder, not a TEST_CASE one",
    ],
  ])('refuses the folder %j with 400', async (body, message) => {
    expectBadRequest(await post('/folders', body), message);
  });

  it('accepts a folder name of exactly 255 characters', async () => {
    created(await post('/folders', { projectKey: 'ZT', name: 'n'.repeat(255), folderType: 'TEST_PLAN' }));
  });

  it('creates a test cycle with the default status, visible to lists and filters', async () => {
    const body = created(
      await post('/testcycles', {
        projectKey: 'ZT',
        name: 'Sprint 3',
        folderId: 5,
        jiraProjectVersion: 30_002,
        plannedStartDate: '2024-04-01T08:00:00Z',
        customFields: { Team: 'Red' },
      }),
    );
    expect(body).toEqual({ id: 203, key: 'ZT-R3', self: `${zephyr.baseUrl}/testcycles/203` });
    expect(await read('/testcycles/ZT-R3')).toMatchObject({
      name: 'Sprint 3',
      status: { id: 3 },
      folder: { id: 5 },
      jiraProjectVersion: { id: 30_002 },
      plannedStartDate: '2024-04-01T08:00:00Z',
      customFields: { Team: 'Red' },
      links: { testPlans: [] },
    });
    const inFolder = (await zephyr.walk('/testcycles', { folderId: '5' })) as Json[];
    expect(inFolder.map((cycle) => cycle.key)).toEqual(['ZT-R3']);
  });

  it.each([
    [{ projectKey: 'ZT', name: 'Dated', plannedEndDate: '2024-04-01' }, /^plannedEndDate: /],
    [
      { projectKey: 'ZT', name: 'Stated', statusName: 'Approved' },
      "statusName: test cycle status 'Approved' does not exist",
    ],
    [{ projectKey: 'ZT', name: 'Filed', folderId: 1 }, "folderId: test cycle folder '1' does not exist"],
    [{ projectKey: 'ZT', name: 'Versioned', jiraProjectVersion: 0 }, /^jiraProjectVersion: /],
  ])('refuses the test cycle %j with 400', async (body, message) => {
    expectBadRequest(await post('/testcycles', body), message);
  });
});

describe('Zephyr simulator execution writes', () => {
  const execution = (fields: Json = {}) =>
    post('/testexecutions', {
      projectKey: 'ZT',
      testCaseKey: 'ZT-T1',
      testCycleKey: 'ZT-R2',
      statusName: 'Pass',
      ...fields,
    });

  it('creates an execution answered by a location header only, with step results by position', async () => {
    const answer = await execution({
      environmentName: 'Firefox',
      actualEndDate: '2024-03-05T10:00:00Z',
      executionTime: 30_000,
      executedById: 'tester-1',
      comment: 'Rerun',
      testScriptResults: [
        { statusName: 'Pass', actualResult: 'ok' },
        { statusName: 'Fail', actualResult: 'typo' },
        { statusName: 'Pass' },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toBeUndefined();
    expect(answer.headers.get('location')).toBe(`${zephyr.baseUrl}/testexecutions/410`);

    expect(await read('/testexecutions/ZT-E10')).toMatchObject({
      id: 410,
      testCase: { id: 101, self: `${zephyr.baseUrl}/testcases/ZT-T1/versions/2` },
      testCycle: { id: 202 },
      environment: { id: 2 },
      testExecutionStatus: { id: 7 },
      actualEndDate: '2024-03-05T10:00:00Z',
      executedById: 'tester-1',
      comment: 'Rerun',
    });
    const steps = (await zephyr.walk('/testexecutions/410/teststeps')) as { inline: Json }[];
    expect(
      steps.map((step) => [
        step.inline.description,
        step.inline.actualResult,
        (step.inline.status as Json).id,
      ]),
    ).toEqual([
      ['Open the login page', 'ok', 7],
      ['Enter {user} and {password}', 'typo', 8],
      ['Press Log in', undefined, 7],
    ]);
  });

  it('makes the new execution the last one of its cycle item and visible to every filter', async () => {
    expect((await execution({ actualEndDate: '2024-03-05T10:00:00Z' })).status).toBe(201);
    const ids = async (query: Record<string, string>) =>
      ((await zephyr.walk('/testexecutions', query)) as Json[]).map((value) => value.id);
    expect(await ids({ testCycle: 'ZT-R2', onlyLastExecutions: 'true' })).toEqual([408, 410]);
    expect(await ids({ testCase: 'ZT-T1', testCycle: '202' })).toEqual([404, 410]);
    expect(await ids({ actualEndDateAfter: '2024-03-04T12:00:00Z' })).toEqual([410]);
  });

  it('gives every step the default execution status when no results are sent', async () => {
    expect((await execution({ statusName: 'Not Executed' })).status).toBe(201);
    const steps = (await zephyr.walk('/testexecutions/410/teststeps')) as { inline: { status: Json } }[];
    expect(steps.map((step) => step.inline.status.id)).toEqual([6, 6, 6]);
  });

  it.each([
    [{ statusName: undefined }, 'statusName must not be null'],
    [{ testCycleKey: undefined }, 'testCycleKey must not be null'],
    [{ statusName: 'Approved' }, "statusName: test execution status 'Approved' does not exist"],
    [{ testCaseKey: 'ZT-T99' }, "testCaseKey: test case 'ZT-T99' does not exist"],
    [{ testCycleKey: 'ZT-R99' }, "testCycleKey: test cycle 'ZT-R99' does not exist"],
    [{ environmentName: 'Opera' }, "environmentName: environment 'Opera' does not exist"],
    [{ testCaseKey: 'ZT-T4' }, 'testCaseKey: test cases with call to test steps are not supported'],
    [
      { testScriptResults: [{ statusName: 'Pass' }] },
      "testScriptResults: test case 'ZT-T1' has 3 steps, 1 results were sent",
    ],
    [
      { testScriptResults: [{ statusName: 'Pass' }, { statusName: 'Maybe' }, { statusName: 'Pass' }] },
      "testScriptResults[1].statusName: test execution status 'Maybe' does not exist",
    ],
    [{ actualEndDate: 'today' }, /^actualEndDate: /],
    [{ executionTime: -5 }, /^executionTime: /],
  ])('refuses the execution %j with 400', async (fields, message) => {
    expectBadRequest(await execution(fields), message);
    expect(zephyr.simulator.state().created.testExecutions).toEqual([]);
  });
});
