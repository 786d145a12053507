import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWNER, PROJECT } from './fixtures.js';
import { closeZephyrSimulators, type RunningZephyr, startZephyr } from './harness.js';

afterEach(closeZephyrSimulators);

let zephyr: RunningZephyr;
beforeEach(async () => {
  zephyr = await startZephyr();
});

type Json = Record<string, unknown>;

async function one(path: string): Promise<Json> {
  const answer = await zephyr.call(path);
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body as Json;
}

async function ids(path: string, query: Record<string, string> = {}): Promise<number[]> {
  return ((await zephyr.walk(path, query)) as { id: number }[]).map((value) => value.id);
}

/** What a migrator has to do: read the key and version out of `testCase.self`. */
function parseVersionUrl(self: string): { key: string; version: number } {
  const match = /\/testcases\/([^/]+)\/versions\/(\d+)$/.exec(self);
  if (!match?.[1] || !match[2]) throw new Error(`not a test case version URL: ${self}`);
  return { key: match[1], version: Number(match[2]) };
}

describe('Zephyr simulator reads', () => {
  it('serves the project by key and by id', async () => {
    const expected = { ...PROJECT, enabled: true };
    expect(await zephyr.walk('/projects')).toEqual([expected]);
    expect(await one('/projects/ZT')).toEqual(expected);
    expect(await one(`/projects/${PROJECT.id}`)).toEqual(expected);
  });

  it('lists folders flat, one tree per folderType, each naming its parentId (null at the root)', async () => {
    const tree = async (folderType: string) =>
      ((await zephyr.walk('/folders', { folderType })) as Json[]).map(({ id, parentId, index }) => ({
        id,
        parentId,
        index,
      }));
    expect(await tree('TEST_CASE')).toEqual([
      { id: 1, parentId: null, index: 0 },
      { id: 2, parentId: 1, index: 0 },
      { id: 3, parentId: null, index: 1 },
    ]);
    expect(await tree('TEST_CYCLE')).toEqual([
      { id: 4, parentId: null, index: 0 },
      { id: 5, parentId: 4, index: 0 },
    ]);
    expect(await tree('TEST_PLAN')).toEqual([{ id: 6, parentId: null, index: 0 }]);
    expect(await ids('/folders')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await one('/folders/2')).toEqual({
      id: 2,
      parentId: 1,
      name: 'Login',
      index: 0,
      folderType: 'TEST_CASE',
      project: { id: PROJECT.id, self: `${zephyr.baseUrl}/projects/${PROJECT.id}` },
    });
  });

  it('filters statuses by statusType', async () => {
    expect(await ids('/statuses', { statusType: 'TEST_EXECUTION' })).toEqual([6, 7, 8, 9]);
    expect(await ids('/statuses', { statusType: 'TEST_CASE' })).toEqual([1, 2]);
    expect(await ids('/statuses')).toHaveLength(9);
    expect(await one('/statuses/9')).toMatchObject({ name: 'Retired', archived: true, default: false });
  });

  it('lists priorities and environments with their flags', async () => {
    expect(await zephyr.walk('/priorities')).toContainEqual(
      expect.objectContaining({ id: 2, name: 'Normal', default: true, description: 'The usual' }),
    );
    expect(await one('/environments/3')).toMatchObject({ name: 'Internet Explorer', archived: true });
  });

  it('filters test cases by the folder they are directly in', async () => {
    const keysIn = async (folderId: string) =>
      ((await zephyr.walk('/testcases', { folderId })) as Json[]).map((testCase) => testCase.key);
    expect(await keysIn('2')).toEqual(['ZT-T1', 'ZT-T4']);
    expect(await keysIn('1')).toEqual(['ZT-T2']);
    expect(await keysIn('999')).toEqual([]);
    expect(await ids('/testcases', { projectKey: 'ZT' })).toEqual([101, 102, 103, 104, 105, 106]);
  });

  it('answers a test case with ids and {id, self} links only', async () => {
    const base = zephyr.baseUrl;
    expect(await one('/testcases/ZT-T1')).toEqual({
      id: 101,
      key: 'ZT-T1',
      name: 'Log in with valid credentials',
      project: { id: PROJECT.id, self: `${base}/projects/${PROJECT.id}` },
      createdOn: '2024-01-10T09:00:00Z',
      objective: 'Users can log in',
      precondition: 'An account exists<br>The user is logged out',
      estimatedTime: 60_000,
      labels: ['smoke', 'login'],
      component: { id: 10_001, self: expect.stringMatching(/\/rest\/api\/2\/component\/10001$/) },
      priority: { id: 1, self: `${base}/priorities/1` },
      status: { id: 2, self: `${base}/statuses/2` },
      folder: { id: 2, self: `${base}/folders/2` },
      owner: { accountId: OWNER, self: expect.stringContaining(OWNER) },
      testScript: { self: `${base}/testcases/ZT-T1/teststeps` },
      customFields: {
        'Build Number': 20,
        'Release Date': '2024-02-01',
        Implemented: false,
        Category: ['Performance', 'Regression'],
      },
      links: {
        self: `${base}/testcases/ZT-T1/links`,
        issues: [
          {
            id: 1001,
            self: `${base}/links/1001`,
            issueId: 20_001,
            target: expect.stringMatching(/\/rest\/api\/2\/issue\/20001$/),
            type: 'COVERAGE',
          },
        ],
        webLinks: [
          {
            id: 1002,
            self: `${base}/links/1002`,
            url: 'https://example.com/spec',
            description: 'Specification',
            type: 'RELATED',
          },
        ],
      },
    });
    expect(await one('/testcases/ZT-T1/links')).toEqual((await one('/testcases/ZT-T1')).links);
  });

  it('points testScript.self at the script for plain and BDD cases and at the steps otherwise', async () => {
    expect(((await one('/testcases/ZT-T2')).testScript as Json).self).toBe(
      `${zephyr.baseUrl}/testcases/ZT-T2/testscript`,
    );
    expect(((await one('/testcases/ZT-T3')).testScript as Json).self).toBe(
      `${zephyr.baseUrl}/testcases/ZT-T3/testscript`,
    );
    expect(((await one('/testcases/ZT-T6')).testScript as Json).self).toBe(
      `${zephyr.baseUrl}/testcases/ZT-T6/teststeps`,
    );
  });

  it('lists versions most recent first, the number only in each self URL', async () => {
    const versions = (await zephyr.walk('/testcases/ZT-T1/versions')) as { id: number; self: string }[];
    expect(versions.map((link) => ({ id: link.id, ...parseVersionUrl(link.self) }))).toEqual([
      { id: 101, key: 'ZT-T1', version: 2 },
      { id: 100, key: 'ZT-T1', version: 1 },
    ]);
    expect(await one('/testcases/ZT-T1/versions/1')).toMatchObject({ id: 100, key: 'ZT-T1', name: 'Log in' });
    expect(await one('/testcases/ZT-T1/versions/2')).toMatchObject({
      id: 101,
      name: 'Log in with valid credentials',
    });
    expect(await zephyr.walk('/testcases/ZT-T2/versions')).toHaveLength(1);
  });

  it('serves plain and BDD scripts', async () => {
    expect(await one('/testcases/ZT-T2/testscript')).toEqual({
      id: 501,
      type: 'plain',
      text: 'Open the menu and choose Log out.',
    });
    expect(await one('/testcases/ZT-T3/testscript')).toMatchObject({ id: 502, type: 'bdd' });
  });

  it('serves inline steps and call-to-test steps, each holding one of the two', async () => {
    expect(await zephyr.walk('/testcases/ZT-T1/teststeps')).toEqual([
      { inline: { description: 'Open the login page', expectedResult: 'The form shows' } },
      {
        inline: {
          description: 'Enter {user} and {password}',
          testData: 'user=alice, password=secret',
          expectedResult: 'Fields are filled',
          customFields: { 'Step Risk': 'low' },
        },
      },
      { inline: { description: 'Press Log in', expectedResult: 'The dashboard opens' } },
    ]);
    expect(await zephyr.walk('/testcases/ZT-T4/teststeps')).toEqual([
      {
        testCase: {
          self: `${zephyr.baseUrl}/testcases/ZT-T1`,
          testCaseKey: 'ZT-T1',
          parameters: [{ name: 'user', type: 'DEFAULT_VALUE', value: 'alice' }],
        },
      },
      { inline: { description: 'Pay', expectedResult: 'The order is confirmed' } },
    ]);
    expect(await zephyr.walk('/testcases/ZT-T2/teststeps')).toEqual([]);
  });

  it('links plans and cycles both ways with the same link ids', async () => {
    const plan = (await one('/testplans/ZT-P1')) as { links: { testCycles: Json[] } };
    expect(plan.links.testCycles.map((link) => link.testCycleId)).toEqual([201, 202]);
    const cycle = (await one('/testcycles/ZT-R2')) as { links: { testPlans: Json[] } };
    expect(cycle.links.testPlans.map((link) => link.testPlanId)).toEqual([301, 302]);
    expect(cycle.links.testPlans[0]).toEqual({
      id: plan.links.testCycles[1]?.id,
      self: `${zephyr.baseUrl}/links/${plan.links.testCycles[1]?.id}`,
      testPlanId: 301,
      type: 'RELATED',
      target: `${zephyr.baseUrl}/testplans/301`,
    });
    expect(await one('/testcycles/201/links')).toEqual((await one('/testcycles/ZT-R1')).links);
    expect(await ids('/testplans')).toEqual([301, 302]);
  });

  it('filters test cycles by folder and Jira version', async () => {
    expect(await ids('/testcycles', { folderId: '4' })).toEqual([201]);
    expect(await ids('/testcycles', { jiraProjectVersionId: '30001' })).toEqual([201]);
    expect(await ids('/testcycles')).toEqual([201, 202]);
  });

  it('names the executed test case and version only inside testCase.self', async () => {
    const first = await one('/testexecutions/ZT-E1');
    const second = await one('/testexecutions/402');
    expect(parseVersionUrl((first.testCase as { self: string }).self)).toEqual({ key: 'ZT-T1', version: 1 });
    expect(parseVersionUrl((second.testCase as { self: string }).self)).toEqual({ key: 'ZT-T1', version: 2 });
    expect(first.testCase).toMatchObject({ id: 100 });
    expect(JSON.stringify(second)).not.toContain('testCaseKey');
    expect(second).toMatchObject({
      key: 'ZT-E2',
      testCycle: { id: 201, self: `${zephyr.baseUrl}/testcycles/201` },
      environment: { id: 1, self: `${zephyr.baseUrl}/environments/1` },
      testExecutionStatus: { id: 7, self: `${zephyr.baseUrl}/statuses/7` },
      actualEndDate: '2024-03-02T10:00:00Z',
      executionTime: 90_000,
      customFields: { 'Browser Version': '121' },
    });
    expect((await one('/testexecutions/ZT-E5')).testCycle).toBeUndefined();
  });

  it('filters executions by cycle and by test case, as id or key, and both at once', async () => {
    expect(await ids('/testexecutions', { testCycle: 'ZT-R1' })).toEqual([401, 402, 403, 409]);
    expect(await ids('/testexecutions', { testCycle: '201' })).toEqual([401, 402, 403, 409]);
    expect(await ids('/testexecutions', { testCase: 'ZT-T2' })).toEqual([403, 407, 408, 409]);
    expect(await ids('/testexecutions', { testCase: '102' })).toEqual([403, 407, 408, 409]);
    expect(await ids('/testexecutions', { testCycle: 'ZT-R2', testCase: 'ZT-T2' })).toEqual([407, 408]);
    expect(await ids('/testexecutions', { testCycle: 'ZT-R9' })).toEqual([]);
    expect(await ids('/testexecutions', { projectKey: 'ZT' })).toHaveLength(9);
  });

  it('compares actual end dates and leaves out executions that never ran', async () => {
    expect(await ids('/testexecutions', { actualEndDateAfter: '2024-03-02T00:00:00Z' })).toEqual([
      402, 404, 407, 408,
    ]);
    expect(await ids('/testexecutions', { actualEndDateBefore: '2024-03-02T00:00:00Z' })).toEqual([
      401, 405, 409,
    ]);
    expect(
      await ids('/testexecutions', {
        actualEndDateAfter: '2024-03-01T11:00:00Z',
        actualEndDateBefore: '2024-03-03T12:00:00Z',
        testCase: 'ZT-T1',
      }),
    ).toEqual([402, 404]);
  });

  it('keeps the last execution of each cycle item and every ad-hoc one with onlyLastExecutions', async () => {
    // (R1,T1) → 402 by date; (R1,T2) → 403 not run yet; (R2,T1) → 404; (R2,T2) → 408 by id on a tie; 405, 406 ad hoc.
    expect(await ids('/testexecutions', { onlyLastExecutions: 'true' })).toEqual([
      402, 403, 404, 405, 406, 408,
    ]);
    expect(await ids('/testexecutions', { onlyLastExecutions: 'true', testCycle: 'ZT-R2' })).toEqual([
      404, 408,
    ]);
    expect(await ids('/testexecutions', { onlyLastExecutions: 'false' })).toHaveLength(9);
  });

  it('filters executions by Jira version', async () => {
    expect(await ids('/testexecutions', { jiraProjectVersionId: '30001' })).toEqual([402]);
  });

  it('serves execution step results and links', async () => {
    expect(await zephyr.walk('/testexecutions/ZT-E2/teststeps')).toEqual([
      {
        inline: {
          description: 'Open the login page',
          expectedResult: 'The form shows',
          actualResult: 'Result 1',
          status: { id: 7, self: `${zephyr.baseUrl}/statuses/7` },
        },
      },
      expect.objectContaining({ inline: expect.objectContaining({ actualResult: 'Result 2' }) }),
      expect.objectContaining({ inline: expect.objectContaining({ actualResult: 'Result 3' }) }),
    ]);
    expect(await one('/testexecutions/ZT-E2/links')).toEqual({
      self: `${zephyr.baseUrl}/testexecutions/402/links`,
      issues: [expect.objectContaining({ id: 1004, issueId: 20_003, type: 'BLOCKS' })],
    });
  });
});
