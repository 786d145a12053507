import type { qtestApi } from '@ztoq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createQTestSimulator, type QTestSimulator } from '../../src/qtest/index.js';
import { fieldLabelled, fieldsOf, P, type SearchPage, type Started, startSimulator } from './support.js';

type Schemas = qtestApi.components['schemas'];

const running: QTestSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function started(options: Parameters<typeof startSimulator>[0] = {}): Promise<Started> {
  const result = await startSimulator(options);
  running.push(result.sim);
  return result;
}

describe('the seeded qTest project', () => {
  it('has one project with the usual system fields and their allowed values', async () => {
    const { api } = await started();

    const projects = await api.get<Schemas['ProjectResource'][]>('/api/v3/projects');
    const testCaseFields = await fieldsOf(api, 'test-cases');
    const runFields = await fieldsOf(api, 'test-runs');

    expect(projects.body.map((project) => [project.id, project.name])).toEqual([[1001, 'Simulator Project']]);
    expect(testCaseFields.map((field) => field.label)).toEqual([
      'Status',
      'Type',
      'Priority',
      'Assigned To',
      'Automation',
      'Automation Content',
    ]);
    const labels = (field: Schemas['FieldResource']) => field.allowed_values?.map((value) => value.label);
    expect(labels(fieldLabelled(testCaseFields, 'Priority'))).toEqual(['Urgent', 'High', 'Medium', 'Low']);
    expect(labels(fieldLabelled(testCaseFields, 'Status'))).toEqual([
      'New',
      'In Review',
      'Approved',
      'Obsolete',
    ]);
    expect(labels(fieldLabelled(testCaseFields, 'Type'))).toContain('Manual');
    expect(fieldLabelled(testCaseFields, 'Status').system_field).toBe(true);
    expect(runFields.map((field) => field.label)).toEqual([
      'Status',
      'Assigned To',
      'Priority',
      'Planned Start Date',
      'Planned End Date',
    ]);
    // A user list offers the site's users.
    expect(labels(fieldLabelled(runFields, 'Assigned To'))).toEqual(['Ada Admin', 'Tom Tester', 'Lea Lead']);
  });

  it('has the execution statuses 601 to 605, Unexecuted the default, and the users', async () => {
    const { api } = await started();

    const statuses = await api.get<Schemas['StatusResource'][]>(`${P}/test-runs/execution-statuses`);
    const users = await api.get<Schemas['UserResource'][]>(`${P}/users`);

    expect(statuses.body.map((status) => [status.id, status.name, status.is_default])).toEqual([
      [601, 'Passed', false],
      [602, 'Failed', false],
      [603, 'Incomplete', false],
      [604, 'Blocked', false],
      [605, 'Unexecuted', true],
    ]);
    expect(users.body.map((user) => user.username)).toEqual([
      'admin@simulator.test',
      'tester@simulator.test',
      'lead@simulator.test',
    ]);
    expect(users.body.every((user) => Number.isInteger(user.id) && user.email?.includes('@'))).toBe(true);
  });

  it('holds content seeded before the run, as after an interrupted migration, which search finds', async () => {
    const { api, sim } = await started({
      users: [{ id: 7, username: 'migrator', email: 'migrator@example.com' }],
      credentials: [{ username: 'migrator', password: 'secret' }],
      projects: [
        {
          id: 55,
          name: 'Payments',
          customFields: [{ objectType: 'test-cases', label: 'Zephyr Key', dataType: 1 }],
          modules: [
            {
              name: 'Zephyr PAY',
              children: [
                {
                  name: 'Cards',
                  testCases: [
                    {
                      name: 'Pay',
                      properties: { 'Zephyr Key': 'PAY-T1', Priority: 'High' },
                      steps: [{ description: 'Pay', expected: 'Paid' }],
                      approved: true,
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });

    const found = await api.post<SearchPage<Schemas['TestCaseWithCustomFieldResource']>>(
      '/api/v3/projects/55/search',
      {
        object_type: 'test-cases',
        fields: ['*'],
        query: "'Zephyr Key' = 'PAY-T1'",
      },
    );
    const tree = await api.get<Schemas['ModuleResource'][]>('/api/v3/projects/55/modules', {
      expand: 'descendants',
    });

    expect(found.body.items.map((item) => [item.name, item.version, item.creator_id])).toEqual([
      ['Pay', '1.0', 7],
    ]);
    expect(tree.body[0]?.children?.[0]?.name).toBe('Cards');
    expect(sim.store.project(55)?.testCases.size).toBe(1);
  });

  it('refuses a seed that names a field or value that does not exist', () => {
    expect(() =>
      createQTestSimulator({
        projects: [{ modules: [{ name: 'M', testCases: [{ name: 'T', properties: { Colour: 'red' } }] }] }],
      }),
    ).toThrow(/no test-case field "Colour"/);
    expect(() =>
      createQTestSimulator({
        projects: [
          { modules: [{ name: 'M', testCases: [{ name: 'T', properties: { Priority: 'Huge' } }] }] },
        ],
      }),
    ).toThrow(/"Huge" is not a value of field "Priority"/);
    expect(() => createQTestSimulator({ credentials: [{ username: 'nobody', password: 'x' }] })).toThrow(
      /not a user/,
    );
  });
});

describe('inspection', () => {
  it('serves the stored state and the request counts, outside the API and uncounted', async () => {
    const { api, sim } = await started();
    await api.created(`${P}/modules`, { name: 'Inspected' });
    await api.get(`${P}/modules`);
    await api.get(`${P}/modules`);

    const state = (
      await api.get<{ projects: { modules: { name: string; pid: string }[] }[] }>('/__simulator/state')
    ).body;
    const counts = (await api.get<Record<string, number>>('/__simulator/requests')).body;

    expect(state.projects[0]?.modules.map((module) => [module.name, module.pid])).toEqual([
      ['Inspected', 'MD-1'],
    ]);
    expect(counts).toEqual({
      'GET /api/v3/projects/{projectId}/modules': 2,
      'POST /api/v3/projects/{projectId}/modules': 1,
      'POST /oauth/token': 1,
    });
    expect(sim.requestCounts()).toEqual(counts);
    expect(sim.state()).toEqual(state);
  });

  it('reports attachments in the state by size and digest, not their bytes', async () => {
    const { api, sim } = await started();
    const testCase = await api.created<{ id: number }>(
      `${P}/test-cases`,
      { name: 'T', properties: [] },
      undefined,
      200,
    );
    await api.request('POST', `${P}/test-cases/${testCase.id}/blob-handles`, {
      body: 'hello',
      headers: { 'File-Name': 'hello.txt', 'Content-Type': 'text/plain' },
    });

    const state = sim.state() as { projects: { attachments: Record<string, unknown>[] }[] };

    expect(state.projects[0]?.attachments[0]).toMatchObject({
      name: 'hello.txt',
      size: 5,
      sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    });
    expect(state.projects[0]?.attachments[0]).not.toHaveProperty('data');
  });

  it('puts a test case created without parent_id into the "Created via API" module, as qTest does', async () => {
    const { api, sim } = await started();
    await api.created(`${P}/test-cases`, { name: 'Homeless', properties: [] }, undefined, 200);
    await api.created(`${P}/test-cases`, { name: 'Homeless too', properties: [] }, undefined, 200);

    const modules = [...(sim.store.project(1001)?.modules.values() ?? [])];

    expect(modules.map((module) => module.name)).toEqual(['Created via API']);
  });
});
