/** create → find → verify for every qTest entity type, against the simulator, with plans built by hand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ModuleBody,
  ReleaseBody,
  TestCaseBody,
  TestCycleBody,
  TestLogBody,
  TestRunBody,
} from '../../../src/adapters/qtest/index.js';
import type { CreatedEntity, LoadedEntity, ResolvedEntity } from '../../../src/ports/target.js';
import {
  MARKER_FIELDS,
  PROJECT_ID,
  READY_TOKEN,
  resolved,
  type Site,
  startSite,
} from './qtest-target-support.js';

let site: Site;
beforeAll(async () => {
  site = await startSite({ projects: [{ customFields: MARKER_FIELDS }] });
});
afterAll(() => site.close());

/** Creates, then checks that find sees exactly what create made and verify finds it as planned. */
async function roundTrip(entity: ResolvedEntity): Promise<CreatedEntity> {
  const created = await site.target.create(entity);
  expect(created.targetId).toMatch(/^[0-9]+$/);
  expect(await site.target.find(entity)).toEqual(created);
  const verification = await site.target.verify(loaded(entity, created));
  expect(verification).toMatchObject({ exists: true, differences: [] });
  return created;
}

function loaded(entity: ResolvedEntity, created: CreatedEntity): LoadedEntity {
  return { ...entity, targetId: created.targetId, data: created.data ?? null };
}

function posts(path: string): number {
  return site.sim.requestCounts()[`POST /api/v3/projects/{projectId}${path}`] ?? 0;
}

const project = {
  name: 'DEMO',
  description: 'Migrated from Zephyr Scale\nZephyr project: DEMO',
} satisfies ModuleBody;
const checkout = { name: 'Checkout', description: 'Zephyr folder: 12' } satisfies ModuleBody;

describe('the qTest target, entity by entity', () => {
  const made: Record<string, CreatedEntity> = {};
  /** What an earlier step created; the steps run in order. */
  const get = (name: string): CreatedEntity => {
    const entity = made[name];
    if (entity === undefined) throw new Error(`${name} was not created`);
    return entity;
  };

  it('creates modules at the top level and under a parent, and finds each by its marker line', async () => {
    made.root = await roundTrip(resolved('module', 'root', project, { line: 'Zephyr project: DEMO' }));
    // A sibling whose marker line starts the same must not be taken for it.
    await site.target.create(
      resolved(
        'module',
        'folder-123',
        { name: 'Cards', description: 'Zephyr folder: 123' },
        { line: 'Zephyr folder: 123' },
        { parent: get('root') },
      ),
    );
    made.folder = await roundTrip(
      resolved('module', 'folder-12', checkout, { line: 'Zephyr folder: 12' }, { parent: get('root') }),
    );

    const stored = site.sim.store.project(PROJECT_ID)?.modules.get(Number(get('folder').targetId));
    expect(stored).toMatchObject({ name: 'Checkout', parentId: Number(get('root').targetId) });
    expect(
      await site.target.find(
        resolved('module', 'folder-99', checkout, { line: 'Zephyr folder: 99' }, { parent: get('root') }),
      ),
    ).toBeUndefined();
  });

  it('creates a test case in its module and keeps its step ids, from the create answer alone', async () => {
    const zephyrKey = site.fieldId('test-cases', 'Zephyr Key');
    const body: TestCaseBody = {
      name: 'Pay with a saved card',
      description: 'Checkout with a stored card',
      precondition: 'A card is saved',
      properties: [{ field_id: zephyrKey, field_value: 'DEMO-T1' }],
      test_steps: [
        { description: 'Open the cart', expected: 'One item', order: 1 },
        { description: 'Pay', expected: 'Order confirmed', order: 2 },
      ],
    };
    const entity = resolved(
      'test-case',
      'DEMO-T000001',
      body,
      { zephyrKey: 'DEMO-T1' },
      { parent: get('folder') },
    );
    const stepReads = () =>
      site.sim.requestCounts()['GET /api/v3/projects/{projectId}/test-cases/{testCaseId}/test-steps'] ?? 0;

    made.testCase = await roundTrip(entity);

    const stored = site.sim.store.project(PROJECT_ID)?.testCases.get(Number(get('testCase').targetId));
    const stepIds = stored?.versions.at(-1)?.steps.map((step) => step.id);
    expect(get('testCase').data).toEqual({ stepIds });
    expect(stepIds).toHaveLength(2);
    expect(stored?.moduleId).toBe(Number(get('folder').targetId));
    expect(stepReads()).toBe(0);
    expect(
      await site.target.find(resolved('test-case', 'DEMO-T000002', body, { zephyrKey: 'DEMO-T2' })),
    ).toBeUndefined();
  });

  it('creates a release and finds it by its Zephyr Key', async () => {
    const body: ReleaseBody = {
      name: 'Release 1.0',
      description: 'Zephyr test plan DEMO-P1',
      properties: [{ field_id: site.fieldId('releases', 'Zephyr Key'), field_value: 'DEMO-P1' }],
    };
    made.release = await roundTrip(resolved('release', 'DEMO-P000001', body, { zephyrKey: 'DEMO-P1' }));
  });

  it('creates test cycles at the top level and under a cycle, linked to a release', async () => {
    const root: TestCycleBody = { name: 'DEMO', description: 'Zephyr project: DEMO' };
    made.rootCycle = await roundTrip(resolved('test-cycle', 'root', root, { line: 'Zephyr project: DEMO' }));
    const sprint: TestCycleBody = { name: 'Sprint 1', description: 'Zephyr cycle: DEMO-R1' };
    made.cycle = await roundTrip(
      resolved(
        'test-cycle',
        'DEMO-R000001',
        sprint,
        { line: 'Zephyr cycle: DEMO-R1' },
        {
          parent: get('rootCycle'),
          release: get('release'),
        },
      ),
    );

    const stored = site.sim.store.project(PROJECT_ID)?.testCycles.get(Number(get('cycle').targetId));
    expect(stored).toMatchObject({
      parent: { type: 'test-cycle', id: Number(get('rootCycle').targetId) },
      targetReleaseId: Number(get('release').targetId),
    });
  });

  it('creates runs of one test case per environment and tells them apart', async () => {
    const environment = site.fieldId('test-runs', 'Environment');
    const staging = site.allowedValue('test-runs', 'Environment', 'Staging');
    const refs = { parent: get('cycle'), testCase: get('testCase') };
    const withEnvironment: TestRunBody = {
      name: 'Pay with a saved card',
      properties: [{ field_id: environment, field_value: String(staging) }],
    };
    const withoutEnvironment: TestRunBody = { name: 'Pay with a saved card', properties: [] };

    made.run = await roundTrip(
      resolved(
        'test-run',
        'DEMO-R000001/DEMO-T000001/7',
        withEnvironment,
        { environmentValue: staging },
        refs,
      ),
    );
    made.bareRun = await roundTrip(
      resolved(
        'test-run',
        'DEMO-R000001/DEMO-T000001/none',
        withoutEnvironment,
        { environmentValue: null },
        refs,
      ),
    );

    expect(get('bareRun').targetId).not.toBe(get('run').targetId);
    const production = site.allowedValue('test-runs', 'Environment', 'Production');
    const elsewhere = resolved(
      'test-run',
      'DEMO-R000001/DEMO-T000001/8',
      { name: 'x', properties: [{ field_id: environment, field_value: String(production) }] },
      { environmentValue: production },
      refs,
    );
    expect(await site.target.find(elsewhere)).toBeUndefined();
  });

  it('creates test logs with step results on the test case steps, dropping results beyond its steps', async () => {
    const body = (note: string): TestLogBody => ({
      status: { id: 602 },
      exe_start_date: '2024-03-01T10:00:00.000Z',
      exe_end_date: '2024-03-01T10:05:00.000Z',
      note,
      test_step_logs: [
        { status: { id: 601 }, actual_result: 'As expected', order: 1 },
        { status: { id: 602 }, actual_result: 'Declined', order: 2 },
        { status: { id: 601 }, actual_result: 'A step the case does not have', order: 3 },
      ],
    });
    const refs = { run: get('run'), testCase: get('testCase') };
    const first = resolved(
      'test-log',
      'a/2024-03-01/DEMO-E1',
      body('Executed by Ada\nZephyr execution: DEMO-E1'),
      { line: 'Zephyr execution: DEMO-E1' },
      refs,
    );
    const second = resolved(
      'test-log',
      'a/2024-03-02/DEMO-E2',
      body('Zephyr execution: DEMO-E2'),
      { line: 'Zephyr execution: DEMO-E2' },
      refs,
    );

    const created = await roundTrip(first);
    const other = await roundTrip(second);

    expect(other.targetId).not.toBe(created.targetId);
    const stepIds = (get('testCase').data as { stepIds: number[] }).stepIds;
    const verification = await site.target.verify(loaded(first, created));
    expect(verification.facts).toEqual({ status: 'Failed' });
    const answer = await fetch(
      `${site.sim.baseUrl}/api/v3/projects/${PROJECT_ID}/test-runs/${get('run').targetId}/test-logs/${created.targetId}`,
      { headers: { authorization: `bearer ${READY_TOKEN}` } },
    );
    const stored = (await answer.json()) as {
      test_step_logs: { test_step_id: number; status: { id: number } }[];
    };
    expect(stored.test_step_logs.map((stepLog) => [stepLog.test_step_id, stepLog.status.id])).toEqual([
      [stepIds[0], 601],
      [stepIds[1], 602],
    ]);
  });

  it('sends one POST per create', () => {
    expect([
      posts('/modules'),
      posts('/test-cases'),
      posts('/releases'),
      posts('/test-cycles'),
      posts('/test-runs'),
      posts('/test-runs/{testRunId}/test-logs'),
    ]).toEqual([3, 1, 1, 2, 2, 2]);
  });
});
