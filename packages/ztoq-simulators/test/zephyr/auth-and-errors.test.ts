import { afterEach, describe, expect, it } from 'vitest';
import { closeZephyrSimulators, startZephyr } from './harness.js';

afterEach(closeZephyrSimulators);

describe('Zephyr simulator authentication', () => {
  it.each([
    ['no Authorization header', null, 'Authorization header is missing'],
    [
      'a header without the Bearer scheme',
      'zephyr-simulator-token',
      "Authorization header must have the form 'Bearer <token>'",
    ],
    ['another scheme', 'Basic dXNlcjpwYXNz', "Authorization header must have the form 'Bearer <token>'"],
    ['an empty bearer token', 'Bearer ', "Authorization header must have the form 'Bearer <token>'"],
    ['an unknown token', 'Bearer not-a-real-token', 'The access token is invalid or has expired'],
  ])('refuses %s with 401 in the spec error shape', async (_, authorization, message) => {
    const zephyr = await startZephyr();
    const answer = await zephyr.call('/testcases', { authorization });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ errorCode: 401, message });
  });

  it('checks the token on /healthcheck too, as the spec secures every operation', async () => {
    const zephyr = await startZephyr();
    expect((await zephyr.call('/healthcheck')).status).toBe(200);
    expect((await zephyr.call('/healthcheck', { authorization: null })).status).toBe(401);
  });

  it('sends the CORS headers the spec declares on answers and refusals alike', async () => {
    const zephyr = await startZephyr();
    for (const answer of [
      await zephyr.call('/projects'),
      await zephyr.call('/projects', { authorization: null }),
    ]) {
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(answer.headers.get('access-control-allow-methods')).toContain('GET');
      expect(answer.headers.get('access-control-allow-headers')).toContain('Authorization');
    }
  });

  it('accepts exactly the tokens it was given', async () => {
    const zephyr = await startZephyr({ tokens: ['team-a', 'team-b'] });
    expect((await zephyr.call('/projects', { authorization: 'Bearer team-b' })).status).toBe(200);
    expect((await zephyr.call('/projects')).status).toBe(401);
  });

  it('does not change anything for a refused write', async () => {
    const zephyr = await startZephyr();
    const answer = await zephyr.call('/testcycles', {
      method: 'POST',
      body: { projectKey: 'ZT', name: 'Sneaky' },
      authorization: 'Bearer wrong',
    });
    expect(answer.status).toBe(401);
    expect(zephyr.simulator.state().created.testCycles).toEqual([]);
  });
});

describe('Zephyr simulator error answers', () => {
  it.each([
    ['/testcases/ZT-T999', "Test case 'ZT-T999' does not exist or you do not have access to it"],
    [
      '/testcases/ZT-T1/versions/7',
      "Version 7 of test case 'ZT-T1' does not exist or you do not have access to it",
    ],
    ['/testcycles/ZT-R77', "Test cycle 'ZT-R77' does not exist or you do not have access to it"],
    ['/testplans/999', "Test plan '999' does not exist or you do not have access to it"],
    ['/testexecutions/ZT-E1000', "Test execution 'ZT-E1000' does not exist or you do not have access to it"],
    ['/testexecutions/123456', "Test execution '123456' does not exist or you do not have access to it"],
    ['/folders/77', "Folder '77' does not exist or you do not have access to it"],
    ['/statuses/1000', "Status '1000' does not exist or you do not have access to it"],
    ['/projects/OTHER', "Project 'OTHER' does not exist or you do not have access to it"],
  ])('answers %s with 404 worded like the spec', async (path, message) => {
    const zephyr = await startZephyr();
    const answer = await zephyr.call(path);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ errorCode: 404, message });
  });

  it('answers a path outside the API with 404 in the same shape', async () => {
    const zephyr = await startZephyr();
    const answer = await zephyr.call('/testruns');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      errorCode: 404,
      message: 'GET /v2/testruns is not an endpoint of this API',
    });
  });

  it.each([
    ['/folders', { folderType: 'TEST_SUITE' }, 'folderType must be one of TEST_CASE, TEST_PLAN, TEST_CYCLE'],
    [
      '/statuses',
      { statusType: 'TEST_RUN' },
      'statusType must be one of TEST_CASE, TEST_PLAN, TEST_CYCLE, TEST_EXECUTION',
    ],
    ['/testcases', { folderId: 'root' }, 'folderId must be an integer greater than or equal to 1'],
    ['/testcases', { startAt: '1e3' }, 'startAt must be an integer greater than or equal to 0'],
    ['/testexecutions', { onlyLastExecutions: 'yes' }, 'onlyLastExecutions must be true or false'],
    [
      '/testexecutions',
      { actualEndDateAfter: '2024-13-45' },
      'actualEndDateAfter must be a date-time like 2024-01-31T12:00:00Z',
    ],
    [
      '/testexecutions',
      { jiraProjectVersionId: '0' },
      'jiraProjectVersionId must be an integer greater than or equal to 1',
    ],
    ['/testcycles', { projectKey: 'OTHER' }, "Cannot access projects 'OTHER'"],
    ['/folders/first', {}, 'folderId must be an integer greater than or equal to 1'],
    ['/testcases/ZT-T1/versions/latest', {}, 'version must be an integer greater than or equal to 0'],
  ])('answers GET %s %j with 400 naming the parameter', async (path, query, message) => {
    const zephyr = await startZephyr();
    const answer = await zephyr.call(path, { query });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errorCode: 400, message });
  });
});
