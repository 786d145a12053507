import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT } from './fixtures.js';
import { closeZephyrSimulators, startZephyr } from './harness.js';

afterEach(closeZephyrSimulators);

async function inspect(baseUrl: string, what: 'requests' | 'state'): Promise<unknown> {
  // The inspection interface sits beside the API, outside /v2, and needs no token.
  const response = await fetch(`${new URL(baseUrl).origin}/__simulator/${what}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('Zephyr simulator inspection', () => {
  it('counts requests per operation template, refused and unknown ones included, its own not', async () => {
    const zephyr = await startZephyr();
    await zephyr.call('/testcases');
    await zephyr.call('/testcases', { query: { startAt: '10' } });
    await zephyr.call('/testcases/ZT-T1');
    await zephyr.call('/testcases/ZT-T2');
    await zephyr.call('/projects', { authorization: null });
    await zephyr.call('/testcycles', { method: 'POST', body: { projectKey: 'ZT', name: 'Counted' } });
    await zephyr.call('/nowhere');
    await inspect(zephyr.baseUrl, 'state');

    const expected = {
      'GET (other)': 1,
      'GET /projects': 1,
      'GET /testcases': 2,
      'GET /testcases/{testCaseKey}': 2,
      'POST /testcycles': 1,
    };
    expect(await inspect(zephyr.baseUrl, 'requests')).toEqual(expected);
    expect(zephyr.simulator.requestCounts()).toEqual(expected);
  });

  it('shows the project, the counts and everything the write endpoints created or changed', async () => {
    const zephyr = await startZephyr();
    const before = (await inspect(zephyr.baseUrl, 'state')) as { counts: Record<string, number> };
    expect(before).toMatchObject({
      project: PROJECT,
      counts: {
        folders: 6,
        statuses: 9,
        priorities: 3,
        environments: 3,
        testCases: 6,
        testCycles: 2,
        testPlans: 2,
        testExecutions: 9,
      },
      created: { folders: [], testCases: [], testCycles: [], testExecutions: [] },
      changedTestContent: {},
    });

    const post = (path: string, body: unknown) => zephyr.call(path, { method: 'POST', body });
    await post('/folders', { projectKey: 'ZT', name: 'New', folderType: 'TEST_CASE' });
    await post('/testcases', { projectKey: 'ZT', name: 'New case' });
    await post('/testcases/ZT-T2/teststeps', {
      mode: 'OVERWRITE',
      items: [{ inline: { description: 'Now steps' } }],
    });
    await post('/testcycles', { projectKey: 'ZT', name: 'New cycle' });
    await post('/testexecutions', {
      projectKey: 'ZT',
      testCaseKey: 'ZT-T2',
      testCycleKey: 'ZT-R3',
      statusName: 'Pass',
    });

    const after = await inspect(zephyr.baseUrl, 'state');
    expect(after).toMatchObject({
      counts: { folders: 7, testCases: 7, testCycles: 3, testExecutions: 10 },
      created: {
        folders: [{ id: 7, name: 'New', parentId: null, folderType: 'TEST_CASE' }],
        testCases: [{ id: 107, key: 'ZT-T7', name: 'New case', content: { kind: 'steps' } }],
        testCycles: [{ id: 203, key: 'ZT-R3', name: 'New cycle' }],
        testExecutions: [{ id: 410, key: 'ZT-E10', testCaseKey: 'ZT-T2', testCycleId: 203, statusId: 7 }],
      },
      changedTestContent: {
        'ZT-T2': { kind: 'steps', steps: [{ kind: 'inline', description: 'Now steps' }] },
      },
    });
    expect(zephyr.simulator.state()).toEqual(after);
  });
});
