/**
 * Edits between two migrations: the spec's PUTs, the test-only store edits for what the API
 * cannot change (folders, deletions), every read seeing them, and `currentDataset()` holding them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeZephyrSimulators, type RunningZephyr, startZephyr } from './harness.js';

afterEach(closeZephyrSimulators);

let zephyr: RunningZephyr;
beforeEach(async () => {
  zephyr = await startZephyr();
});

type Json = Record<string, unknown>;

const put = (path: string, body: unknown) => zephyr.call(path, { method: 'PUT', body });

async function read(path: string, query?: Record<string, string>): Promise<Json> {
  const answer = await zephyr.call(path, query === undefined ? {} : { query });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body as Json;
}

const keys = (values: unknown[]) => values.map((value) => (value as Json).key);

describe('PUT /testcases/{key}', () => {
  it('replaces the fields, clearing those left out, and moves the case between folders in every list', async () => {
    const before = await read('/testcases/ZT-T1');
    const answer = await put('/testcases/ZT-T1', {
      ...before,
      name: 'Log in, edited',
      objective: undefined,
      precondition: 'A user exists',
      priority: { id: 3 },
      folder: { id: 3 },
      labels: ['edited'],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const after = await read('/testcases/ZT-T1');
    expect(after).toMatchObject({
      id: before.id,
      key: 'ZT-T1',
      name: 'Log in, edited',
      precondition: 'A user exists',
      priority: { id: 3 },
      folder: { id: 3 },
      labels: ['edited'],
    });
    expect(after.objective).toBeUndefined();
    expect(keys(await zephyr.walk('/testcases', { folderId: '3' }))).toContain('ZT-T1');
    expect(keys(await zephyr.walk('/testcases', { folderId: '2' }))).not.toContain('ZT-T1');
    // An edit changes the current version in place.
    expect(await zephyr.walk('/testcases/ZT-T1/versions')).toHaveLength(2);
  });

  it('refuses a body for another case, an unknown status or folder, and an unknown case', async () => {
    const before = await read('/testcases/ZT-T1');
    expect((await put('/testcases/ZT-T1', { ...before, key: 'ZT-T2' })).status).toBe(400);
    expect((await put('/testcases/ZT-T1', { ...before, status: { id: 3 } })).status).toBe(400);
    expect((await put('/testcases/ZT-T1', { ...before, folder: { id: 4 } })).status).toBe(400);
    expect((await put('/testcases/ZT-T1', { ...before, name: '' })).status).toBe(400);
    expect((await put('/testcases/ZT-T999', { ...before, key: 'ZT-T999' })).status).toBe(404);
    expect(await read('/testcases/ZT-T1')).toEqual(before);
  });
});

describe('PUT /testcycles/{idOrKey}', () => {
  it('renames and moves a cycle, visible to the folder filter', async () => {
    const before = await read('/testcycles/ZT-R1');
    const answer = await put('/testcycles/ZT-R1', { ...before, name: 'Sprint 1, edited', folder: { id: 5 } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.headers.get('location')).toBe(`${zephyr.baseUrl}/testcycles/201`);
    expect(await read('/testcycles/201')).toMatchObject({ name: 'Sprint 1, edited', folder: { id: 5 } });
    expect(keys(await zephyr.walk('/testcycles', { folderId: '5' }))).toContain('ZT-R1');
  });
});

describe('PUT /testexecutions/{idOrKey}', () => {
  it('changes status, comment and end date, and the date filters and last-execution choice follow', async () => {
    const answer = await put('/testexecutions/ZT-E1', {
      statusName: 'Fail',
      comment: 'Re-run',
      actualEndDate: '2024-03-05T10:00:00Z',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const execution = await read('/testexecutions/401');
    expect(execution).toMatchObject({ comment: 'Re-run', actualEndDate: '2024-03-05T10:00:00Z' });
    const after = await zephyr.walk('/testexecutions', { actualEndDateAfter: '2024-03-04T12:00:00Z' });
    expect(keys(after)).toEqual(['ZT-E1']);
    // E1 now ended after E2, so it is the last of (R1, T1).
    const last = keys(
      await zephyr.walk('/testexecutions', { testCycle: 'ZT-R1', onlyLastExecutions: 'true' }),
    );
    expect(last).toContain('ZT-E1');
    expect(last).not.toContain('ZT-E2');
  });

  it('refuses an unknown status or environment', async () => {
    expect((await put('/testexecutions/ZT-E1', { statusName: 'Nope' })).status).toBe(400);
    expect((await put('/testexecutions/ZT-E1', { environmentName: 'Mars' })).status).toBe(400);
  });
});

describe('test-only store edits', () => {
  it('renames and moves folders; refuses a move below itself or into another tree', async () => {
    const store = zephyr.simulator.store;
    store.renameFolder(2, 'Sign in');
    store.moveFolder(2, 3);
    expect(await read('/folders/2')).toMatchObject({ name: 'Sign in', parentId: 3, index: 0 });
    store.moveFolder(2, null);
    expect(await read('/folders/2')).toMatchObject({ parentId: null, index: 2 });
    expect(() => store.moveFolder(1, 1)).toThrow(/below it/);
    store.moveFolder(2, 1);
    expect(() => store.moveFolder(1, 2)).toThrow(/below it/);
    expect(() => store.moveFolder(2, 4)).toThrow(/TEST_CYCLE/);
    expect(() => store.renameFolder(99, 'x')).toThrow(/does not exist/);
  });

  it('deletes a test case with its executions, from every read and paging count', async () => {
    const store = zephyr.simulator.store;
    const allBefore = await read('/testcases', { maxResults: '1' });
    store.deleteTestCase('ZT-T2');
    expect((await zephyr.call('/testcases/ZT-T2')).status).toBe(404);
    const cases = await zephyr.walk('/testcases');
    expect(keys(cases)).not.toContain('ZT-T2');
    const allAfter = await read('/testcases', { maxResults: '1' });
    expect(allAfter.total).toBe((allBefore.total as number) - 1);
    expect(keys(await zephyr.walk('/testexecutions'))).toEqual(['ZT-E1', 'ZT-E2', 'ZT-E4', 'ZT-E5', 'ZT-E6']);
    expect((await zephyr.call('/testexecutions/ZT-E3')).status).toBe(404);
    expect((await zephyr.call('/testexecutions', { query: { testCase: 'ZT-T2' } })).body).toMatchObject({
      values: [],
    });
    expect(store.deletedTestCaseKeys()).toEqual(['ZT-T2']);
    expect(store.deletedTestExecutionKeys()).toEqual(['ZT-E3', 'ZT-E7', 'ZT-E8', 'ZT-E9']);
    expect(() => store.deleteTestCase('ZT-T2')).toThrow(/does not exist/);
  });

  it('deletes an execution; the one before it becomes the last of its item', async () => {
    const store = zephyr.simulator.store;
    store.deleteTestExecution('ZT-E2');
    expect((await zephyr.call('/testexecutions/402')).status).toBe(404);
    const last = keys(
      await zephyr.walk('/testexecutions', { testCycle: 'ZT-R1', onlyLastExecutions: 'true' }),
    );
    expect(last).toContain('ZT-E1');
    // New executions still get ids after every one ever used.
    store.deleteTestExecution(409);
    const created = await zephyr.call('/testexecutions', {
      method: 'POST',
      body: { projectKey: 'ZT', testCaseKey: 'ZT-T3', testCycleKey: 'ZT-R2', statusName: 'Pass' },
    });
    expect(created.headers.get('location')).toBe(`${zephyr.baseUrl}/testexecutions/410`);
  });
});

describe('currentDataset()', () => {
  it('holds the edits, additions and deletions, and is a snapshot', async () => {
    const store = zephyr.simulator.store;
    const before = await read('/testcases/ZT-T1');
    await put('/testcases/ZT-T1', { ...before, name: 'Edited' });
    await zephyr.call('/testcases', { method: 'POST', body: { projectKey: 'ZT', name: 'Added' } });
    store.deleteTestCase('ZT-T2');
    store.renameFolder(1, 'Renamed');
    store.deleteTestExecution('ZT-E5');

    const current = store.currentDataset();
    const cases = Array.from({ length: current.testCases.count }, (_, index) => current.testCases.at(index));
    expect(cases.map((testCase) => testCase.key)).not.toContain('ZT-T2');
    expect(cases.find((testCase) => testCase.key === 'ZT-T1')?.name).toBe('Edited');
    expect(cases.at(-1)?.name).toBe('Added');
    expect(current.folders.find((folder) => folder.id === 1)?.name).toBe('Renamed');
    const executions = Array.from({ length: current.testExecutions.count }, (_, index) =>
      current.testExecutions.at(index),
    );
    expect(executions.map((execution) => execution.key)).toEqual(['ZT-E1', 'ZT-E2', 'ZT-E4', 'ZT-E6']);
    expect(current.testCaseIndex('ZT-T2')).toBeUndefined();
    expect(current.testCaseVersion('ZT-T1', 1)?.key).toBe('ZT-T1');
    expect(current.executionsOfTestCase('ZT-T1').map((index) => executions[index]?.key)).toEqual([
      'ZT-E1',
      'ZT-E2',
      'ZT-E4',
      'ZT-E6',
    ]);

    store.renameFolder(1, 'Later');
    expect(current.folders.find((folder) => folder.id === 1)?.name).toBe('Renamed');
  });
});
