/** The path the migration engine takes through qTest, call by call, with the statuses the spec gives each create. */
import type { qtestApi } from '@ztoq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXECUTED,
  fieldLabelled,
  fieldsOf,
  P,
  picklistProperty,
  type QTestTestClient,
  type SearchPage,
  type Started,
  startSimulator,
} from './support.js';

type Schemas = qtestApi.components['schemas'];

let started: Started;
let api: QTestTestClient;
beforeAll(async () => {
  started = await startSimulator();
  api = started.api;
});
afterAll(() => started.sim.close());

describe('the engine path through the qTest simulator', () => {
  const ids: Record<string, number> = {};
  let steps: Schemas['TestStepResource'][] = [];

  it('creates a root module and nested modules (201) and reads the tree with expand=descendants', async () => {
    const root = await api.post<Schemas['ModuleResource']>(`${P}/modules`, { name: 'Zephyr PROJ' });
    const child = await api.post<Schemas['ModuleResource']>(
      `${P}/modules`,
      { name: 'Checkout' },
      { parentId: root.body.id ?? 0 },
    );
    const grandchild = await api.post<Schemas['ModuleResource']>(
      `${P}/modules`,
      { name: 'Cards' },
      { parentId: child.body.id ?? 0 },
    );
    const tree = await api.get<Schemas['ModuleResource'][]>(`${P}/modules`, { expand: 'descendants' });
    const flat = await api.get<Schemas['ModuleResource'][]>(`${P}/modules`);

    expect([root.status, child.status, grandchild.status]).toEqual([201, 201, 201]);
    expect(root.body.pid).toMatch(/^MD-\d+$/);
    expect(child.body.parent_id).toBe(root.body.id);
    expect(tree.body).toHaveLength(1);
    expect(tree.body[0]?.children?.[0]?.name).toBe('Checkout');
    expect(tree.body[0]?.children?.[0]?.children?.[0]?.name).toBe('Cards');
    expect(flat.body[0]?.children).toBeUndefined();
    const searched = await api.get<Schemas['ModuleResource'][]>(`${P}/modules`, { search: 'CARD' });
    expect(searched.body.map((module) => module.name)).toEqual(['Cards']);
    ids.module = child.body.id ?? 0;
  });

  it('creates the Zephyr Key field on test cases and the Environment combo box on test runs (201) and adds allowed values (200)', async () => {
    const zephyrKey = await api.post<Schemas['FieldResource']>(`${P}/settings/test-cases/fields`, {
      label: 'Zephyr Key',
      data_type: 1,
      searchable: true,
    });
    const environment = await api.post<Schemas['FieldResource']>(`${P}/settings/test-runs/fields`, {
      label: 'Environment',
      data_type: 3,
      allowed_values: [{ label: 'Staging' }],
    });
    const added = await api.post<Schemas['AllowedValueResponseResource']>(
      `${P}/settings/test-runs/fields/${environment.body.id}/allowed-values`,
      [{ label: 'Production' }, { label: 'QA' }],
    );
    const runFields = await fieldsOf(api, 'test-runs');

    expect([zephyrKey.status, environment.status, added.status]).toEqual([201, 201, 200]);
    expect(added.body.total).toBe(2);
    expect(fieldLabelled(runFields, 'Environment').allowed_values?.map((value) => value.label)).toEqual([
      'Staging',
      'Production',
      'QA',
    ]);
    ids.zephyrKey = zephyrKey.body.id ?? 0;
    ids.environment = environment.body.id ?? 0;
  });

  it('creates a test case (200) with properties and steps, and reads the step ids back', async () => {
    const testCaseFields = await fieldsOf(api, 'test-cases');
    const created = await api.post<Schemas['TestCaseWithCustomFieldResource']>(`${P}/test-cases`, {
      name: 'Pay with a saved card',
      parent_id: ids.module,
      precondition: 'A card is stored',
      properties: [
        { field_id: ids.zephyrKey, field_value: 'PROJ-T1' },
        picklistProperty(fieldLabelled(testCaseFields, 'Priority'), 'High'),
        picklistProperty(fieldLabelled(testCaseFields, 'Status'), 'Approved'),
      ],
      test_steps: [
        { description: 'Open the cart', expected: 'One item', order: 1 },
        { description: 'Pay', expected: 'Confirmed', order: 2 },
      ],
    });
    const read = await api.get<Schemas['TestCaseWithCustomFieldResource']>(
      `${P}/test-cases/${created.body.id}`,
      {
        expand: 'teststep',
      },
    );
    const byPid = await api.get<Schemas['TestCaseWithCustomFieldResource']>(
      `${P}/test-cases/${created.body.pid}`,
    );

    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      pid: expect.stringMatching(/^TC-\d+$/),
      version: '0.1',
      parent_id: ids.module,
    });
    expect(read.body.test_steps?.map((step) => [step.order, step.description])).toEqual([
      [1, 'Open the cart'],
      [2, 'Pay'],
    ]);
    expect(read.body.test_steps?.every((step) => Number.isInteger(step.id))).toBe(true);
    const property = (label: string) =>
      read.body.properties.find((candidate) => candidate.field_name === label);
    expect(property('Zephyr Key')?.field_value).toBe('PROJ-T1');
    expect(property('Priority')?.field_value_name).toBe('High');
    expect(property('Type')?.field_value_name).toBe('Manual');
    expect(byPid.body.id).toBe(created.body.id);
    ids.testCase = created.body.id ?? 0;
    steps = read.body.test_steps ?? [];
  });

  it('creates a release (201), nested test cycles (201), and a run under a cycle (201)', async () => {
    const release = await api.post<Schemas['ReleaseWithCustomFieldResource']>(`${P}/releases`, {
      name: 'Release 1.0',
      properties: [],
    });
    const cycle = await api.post<Schemas['TestCycleResource']>(
      `${P}/test-cycles`,
      { name: 'Sprint 1' },
      { parentType: 'release', parentId: release.body.id ?? 0 },
    );
    const nested = await api.post<Schemas['TestCycleResource']>(
      `${P}/test-cycles`,
      { name: 'Regression' },
      { parentType: 'test-cycle', parentId: cycle.body.id ?? 0 },
    );
    const runFields = await fieldsOf(api, 'test-runs');
    const run = await api.post<Schemas['TestRunWithCustomFieldResource']>(
      `${P}/test-runs`,
      {
        properties: [picklistProperty(fieldLabelled(runFields, 'Environment'), 'QA')],
        test_case: { id: ids.testCase },
      },
      { parentType: 'test-cycle', parentId: nested.body.id ?? 0 },
    );
    const tree = await api.get<Schemas['TestCycleResource'][]>(`${P}/test-cycles`, {
      parentType: 'release',
      parentId: release.body.id ?? 0,
      expand: 'descendants',
    });

    expect([release.status, cycle.status, nested.status, run.status]).toEqual([201, 201, 201, 201]);
    expect(release.body.pid).toMatch(/^RL-/);
    expect(cycle.body.pid).toMatch(/^CL-/);
    expect(run.body).toMatchObject({
      pid: expect.stringMatching(/^TR-/),
      name: 'Pay with a saved card',
      parentType: 'test-cycle',
      parentId: nested.body.id,
      test_case_version: '0.1',
    });
    expect(tree.body[0]?.['test-cycles']?.[0]?.name).toBe('Regression');
    ids.release = release.body.id ?? 0;
    ids.run = run.body.id ?? 0;
  });

  it('creates a suite with 200, unlike cycles', async () => {
    const suite = await api.post(
      `${P}/test-suites`,
      { name: 'Smoke', properties: [] },
      { parentType: 'release', parentId: ids.release ?? 0 },
    );

    expect(suite.status).toBe(200);
  });

  it('submits a manual test log (201) with step logs, and the run takes its status', async () => {
    const log = await api.post<Schemas['TestLogResource']>(`${P}/test-runs/${ids.run}/test-logs`, {
      status: { id: 602 },
      exe_start_date: EXECUTED.start,
      exe_end_date: EXECUTED.end,
      note: 'Executed by Jane',
      test_step_logs: steps.map((step, index) => ({
        test_step_id: step.id,
        status: { id: index === 0 ? 601 : 602 },
        actual_result: index === 0 ? 'ok' : 'declined',
        order: step.order,
      })),
    });
    const run = await api.get<Schemas['TestRunWithCustomFieldResource']>(`${P}/test-runs/${ids.run}`);

    expect(log.status).toBe(201);
    expect(log.body.status).toMatchObject({ id: 602, name: 'Failed' });
    expect(log.body.test_step_logs?.map((stepLog) => [stepLog.test_step_id, stepLog.status?.name])).toEqual([
      [steps[0]?.id, 'Passed'],
      [steps[1]?.id, 'Failed'],
    ]);
    expect(run.body.latest_test_log).toMatchObject({ id: log.body.id, status: 'Failed' });
    expect(run.body.properties.find((property) => property.field_name === 'Status')?.field_value_name).toBe(
      'Failed',
    );
  });

  it('lists the runs under the release with expand=descendants and the run logs, paged', async () => {
    const direct = await api.get<Schemas['TestRunListResource']>(`${P}/test-runs`, {
      parentType: 'release',
      parentId: ids.release ?? 0,
    });
    const below = await api.get<Schemas['TestRunListResource']>(`${P}/test-runs`, {
      parentType: 'release',
      parentId: ids.release ?? 0,
      expand: 'descendants',
    });
    const logs = await api.get<Schemas['TestLogListResource']>(`${P}/test-runs/${ids.run}/test-logs`, {
      page: 1,
      pageSize: 5,
    });

    expect(direct.body.total).toBe(0);
    expect(below.body).toMatchObject({ page: 1, page_size: 100, total: 1 });
    expect(logs.body).toMatchObject({ page: 1, page_size: 5, total: 1 });
    expect(logs.body.items?.[0]?.test_step_logs).toHaveLength(2);
  });

  it('finds the test case again by Zephyr Key and by name, and the run by name', async () => {
    const search = (object_type: string, query: string) =>
      api.post<SearchPage<{ id: number }>>(`${P}/search`, {
        object_type,
        fields: ['*'],
        query,
      });

    const byKey = await search('test-cases', "'Zephyr Key' = 'PROJ-T1'");
    const byOtherKey = await search('test-cases', "'Zephyr Key' = 'PROJ-T2'");
    const byName = await search('test-cases', "'name' = 'Pay with a saved card'");
    const byContains = await search('test-runs', "'name' ~ 'saved card'");
    const both = await search('test-cases', "'name' ~ 'pay' and 'Priority' = 'High'");

    expect(byKey.status).toBe(200);
    expect(byKey.body.items.map((item) => item.id)).toEqual([ids.testCase]);
    expect(byOtherKey.body.total).toBe(0);
    expect(byName.body.items.map((item) => item.id)).toEqual([ids.testCase]);
    expect(byContains.body.items.map((item) => item.id)).toEqual([ids.run]);
    expect(both.body.total).toBe(1);
  });
});
