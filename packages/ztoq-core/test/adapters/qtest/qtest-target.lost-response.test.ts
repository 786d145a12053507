/** Every write is carried out and its answer lost: create fails, and find recovers what it made without writing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpNetworkError } from '../../../src/http/network-failure.js';
import type { CreatedEntity, ResolvedEntity } from '../../../src/ports/target.js';
import { classifyWriteFailure } from '../../../src/ports/write-failure.js';
import { MARKER_FIELDS, PROJECT_ID, resolved, type Site, startSite } from './qtest-target-support.js';

let site: Site;
beforeAll(async () => {
  site = await startSite({
    auth: 'token',
    faults: { lostResponseRatio: 1 },
    projects: [
      {
        customFields: MARKER_FIELDS,
        modules: [
          {
            name: 'Seeded',
            testCases: [
              {
                name: 'Seeded case',
                properties: { 'Zephyr Key': 'DEMO-T9' },
                steps: [{ description: 'Do it', expected: 'Done' }],
              },
            ],
          },
        ],
      },
    ],
  });
});
afterAll(() => site.close());

const project = () => {
  const state = site.sim.store.project(PROJECT_ID);
  if (state === undefined) throw new Error('no project');
  return state;
};

function writes(): number {
  return Object.entries(site.sim.requestCounts())
    .filter(([operation]) => operation.startsWith('POST '))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** The create fails as a doubt, not a refusal; find then answers the one object the create stored. */
async function lostThenFound(entity: ResolvedEntity, stored: () => number[]): Promise<CreatedEntity> {
  const before = stored();
  const failure = await site.target.create(entity).then(
    () => undefined,
    (error: unknown) => error,
  );
  // The connection closed after the request was sent: a doubt the HTTP layer does not retry.
  expect(failure).toBeInstanceOf(HttpNetworkError);
  expect(classifyWriteFailure(failure)).toBe('unknown');
  const made = stored().filter((id) => !before.includes(id));
  expect(made).toHaveLength(1);

  const writesBeforeFind = writes();
  const found = await site.target.find(entity);
  expect(found).toEqual({ targetId: String(made[0]) });
  expect(writes()).toBe(writesBeforeFind);
  return found as CreatedEntity;
}

describe('finding what a create whose answer was lost made', () => {
  const made: Record<string, CreatedEntity> = {};
  /** What an earlier step created; the steps run in order. */
  const get = (name: string): CreatedEntity => {
    const entity = made[name];
    if (entity === undefined) throw new Error(`${name} was not created`);
    return entity;
  };

  it('finds a module', async () => {
    made.module = await lostThenFound(
      resolved(
        'module',
        'root',
        { name: 'DEMO', description: 'Zephyr project: DEMO' },
        { line: 'Zephyr project: DEMO' },
      ),
      () => [...project().modules.keys()],
    );
  });

  it('finds a test cycle', async () => {
    made.cycle = await lostThenFound(
      resolved(
        'test-cycle',
        'root',
        { name: 'DEMO', description: 'Zephyr project: DEMO' },
        { line: 'Zephyr project: DEMO' },
      ),
      () => [...project().testCycles.keys()],
    );
  });

  it('finds a test run, then a test log of it', async () => {
    const testCase = [...project().testCases.values()][0];
    const stepIds = testCase?.versions.at(-1)?.steps.map((step) => step.id) ?? [];
    const caseRef = { targetId: String(testCase?.id), data: { stepIds } };
    made.run = await lostThenFound(
      resolved(
        'test-run',
        'root/DEMO-T9/none',
        { name: 'Seeded case', properties: [] },
        { environmentValue: null },
        {
          parent: get('cycle'),
          testCase: caseRef,
        },
      ),
      () => [...project().testRuns.keys()],
    );

    const log = resolved(
      'test-log',
      'root/DEMO-T9/none/2024-03-01/DEMO-E1',
      {
        status: { id: 601 },
        exe_start_date: '2024-03-01T10:00:00.000Z',
        exe_end_date: '2024-03-01T10:05:00.000Z',
        note: 'Zephyr execution: DEMO-E1',
        test_step_logs: [{ status: { id: 601 }, actual_result: 'Done', order: 1 }],
      },
      { line: 'Zephyr execution: DEMO-E1' },
      { run: get('run'), testCase: caseRef },
    );
    const found = await lostThenFound(log, () => [...project().testLogs.keys()]);
    expect(await site.target.verify({ ...log, targetId: found.targetId, data: null })).toEqual({
      exists: true,
      differences: [],
      facts: { status: 'Passed' },
    });
  });
});
