/** The qTest PUT routes a re-run uses to carry Zephyr edits: each changes what reads return. */
import type { qtestApi } from '@ztoq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEngineContent,
  type EngineContent,
  EXECUTED,
  P,
  picklistProperty,
  type QTestTestClient,
  type Started,
  startSimulator,
} from './support.js';

type Schemas = qtestApi.components['schemas'];

let started: Started;
let api: QTestTestClient;
let content: EngineContent;

beforeAll(async () => {
  started = await startSimulator();
  api = started.api;
  content = await buildEngineContent(api);
});
afterAll(() => started.sim.close());

function put<T = unknown>(path: string, json: unknown, query?: Record<string, string | number>) {
  return api.request<T>('PUT', path, { json, ...(query === undefined ? {} : { query }) });
}

describe('PUT modules', () => {
  it('renames a module and clears a description left out', async () => {
    const module = await api.created<Schemas['ModuleResource']>(`${P}/modules`, {
      name: 'Old',
      description: 'was here',
    });
    const answer = await put<Schemas['ModuleResource']>(`${P}/modules/${module.id}`, { name: 'New' });
    expect(answer.status).toBe(200);
    const read = await api.get<Schemas['ModuleResource']>(`${P}/modules/${module.id}`);
    expect(read.body).toMatchObject({ id: module.id, pid: module.pid, name: 'New' });
    expect(read.body.description ?? '').toBe('');
  });

  it('moves a module with parentId, ignoring the body, and refuses a move below itself', async () => {
    const module = await api.created<Schemas['ModuleResource']>(`${P}/modules`, { name: 'Mover' });
    const child = await api.created<Schemas['ModuleResource']>(
      `${P}/modules`,
      { name: 'Child' },
      { parentId: module.id ?? 0 },
    );
    const moved = await put(
      `${P}/modules/${module.id}`,
      { name: 'ignored' },
      {
        parentId: content.childModule.id ?? 0,
      },
    );
    expect(moved.status).toBe(200);
    const under = await api.get<Schemas['ModuleResource'][]>(`${P}/modules`, {
      parentId: content.childModule.id ?? 0,
    });
    expect(under.body.map((found) => found.name)).toContain('Mover');
    const roots = await api.get<Schemas['ModuleResource'][]>(`${P}/modules`);
    expect(roots.body.map((found) => found.name)).not.toContain('Mover');
    const cyclic = await put<{ message: string }>(
      `${P}/modules/${module.id}`,
      {},
      { parentId: child.id ?? 0 },
    );
    expect(cyclic.status).toBe(400);
    expect(cyclic.body.message).toMatch(/below it/);
  });

  it('answers 404 for an unknown module and 400 for a bad body', async () => {
    expect((await put(`${P}/modules/999999`, { name: 'x' })).status).toBe(404);
    const bad = await put<{ message: string }>(`${P}/modules/${content.rootModule.id}`, { name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/name/);
  });
});

describe('PUT releases', () => {
  it('updates a release in full', async () => {
    const answer = await put(`${P}/releases/${content.release.id}`, {
      name: 'Release 1.1',
      properties: [],
      start_date: '2024-02-01T00:00:00.000Z',
    });
    expect(answer.status).toBe(200);
    const read = await api.get<Schemas['ReleaseWithCustomFieldResource']>(
      `${P}/releases/${content.release.id}`,
    );
    expect(read.body).toMatchObject({ name: 'Release 1.1', start_date: '2024-02-01T00:00:00.000Z' });
    expect(read.body.end_date).toBeUndefined();
  });

  it('refuses an end before the start, and an unknown release', async () => {
    const bad = await put(`${P}/releases/${content.release.id}`, {
      name: 'R',
      properties: [],
      start_date: '2024-02-01T00:00:00.000Z',
      end_date: '2024-01-01T00:00:00.000Z',
    });
    expect(bad.status).toBe(400);
    expect((await put(`${P}/releases/999999`, { name: 'R', properties: [] })).status).toBe(404);
  });
});

describe('PUT test cases', () => {
  it('saves an edit as a new version with new step ids, keeping the old version', async () => {
    const before = await api.get<Schemas['TestCaseWithCustomFieldResource']>(
      `${P}/test-cases/${content.testCase.id}`,
      { expand: 'teststep' },
    );
    const oldStepIds = (before.body.test_steps ?? []).map((step) => step.id);
    const answer = await put<Schemas['TestCaseWithCustomFieldResource']>(
      `${P}/test-cases/${content.testCase.id}`,
      {
        name: 'Pay with a new card',
        description: 'Edited in Zephyr',
        precondition: 'A card',
        properties: [{ field_id: content.zephyrKey.id, field_value: 'PROJ-T1' }],
        test_steps: [{ description: 'Pay', expected: 'Confirmed' }],
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.test_case_version_id).not.toBe(before.body.test_case_version_id);
    expect(answer.body.version).not.toBe(before.body.version);

    const latest = await api.get<Schemas['TestCaseWithCustomFieldResource']>(
      `${P}/test-cases/${content.testCase.id}`,
      { expand: 'teststep' },
    );
    expect(latest.body).toMatchObject({
      name: 'Pay with a new card',
      description: 'Edited in Zephyr',
      precondition: 'A card',
      test_case_version_id: answer.body.test_case_version_id,
    });
    expect(latest.body.test_steps?.map((step) => [step.description, step.expected])).toEqual([
      ['Pay', 'Confirmed'],
    ]);
    expect(oldStepIds).not.toContain(latest.body.test_steps?.[0]?.id);

    const old = await api.get<Schemas['TestCaseWithCustomFieldResource']>(
      `${P}/test-cases/${content.testCase.id}`,
      { versionId: before.body.test_case_version_id ?? 0, expand: 'teststep' },
    );
    expect(old.status).toBe(200);
    expect(old.body.test_steps?.map((step) => step.id)).toEqual(oldStepIds);
  });

  it('keeps the steps, copied under new ids, when the body has none', async () => {
    const before = await api.get<Schemas['TestStepResource'][]>(
      `${P}/test-cases/${content.testCase.id}/test-steps`,
    );
    const answer = await put(`${P}/test-cases/${content.testCase.id}`, {
      name: 'Renamed only',
      properties: [],
    });
    expect(answer.status).toBe(200);
    const after = await api.get<Schemas['TestStepResource'][]>(
      `${P}/test-cases/${content.testCase.id}/test-steps`,
    );
    expect(after.body.map((step) => step.description)).toEqual(before.body.map((step) => step.description));
    expect(after.body.map((step) => step.id)).not.toEqual(before.body.map((step) => step.id));
  });

  it('refuses a bad body and an unknown case', async () => {
    const bad = await put<{ message: string }>(`${P}/test-cases/${content.testCase.id}`, { name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/properties/);
    expect((await put(`${P}/test-cases/999999`, { name: 'x', properties: [] })).status).toBe(404);
  });
});

describe('PUT test cycles', () => {
  it('renames a cycle, and moves it with parentId/parentType', async () => {
    const renamed = await put(`${P}/test-cycles/${content.nestedCycle.id}`, { name: 'Regression 2' });
    expect(renamed.status).toBe(200);
    const read = await api.get<Schemas['TestCycleResource']>(`${P}/test-cycles/${content.nestedCycle.id}`);
    expect(read.body.name).toBe('Regression 2');

    const moved = await put(
      `${P}/test-cycles/${content.nestedCycle.id}`,
      {},
      { parentType: 'root', parentId: 0 },
    );
    expect(moved.status).toBe(200);
    const roots = await api.get<Schemas['TestCycleResource'][]>(`${P}/test-cycles`, {
      parentType: 'root',
      parentId: 0,
    });
    expect(roots.body.map((cycle) => cycle.id)).toContain(content.nestedCycle.id);
  });

  it('refuses a move below itself and an unknown parent', async () => {
    const below = await put(
      `${P}/test-cycles/${content.cycle.id}`,
      {},
      {
        parentType: 'test-cycle',
        parentId: content.cycle.id ?? 0,
      },
    );
    expect(below.status).toBe(400);
    const unknown = await put(
      `${P}/test-cycles/${content.cycle.id}`,
      {},
      { parentType: 'release', parentId: 999999 },
    );
    expect(unknown.status).toBe(400);
    expect((await put(`${P}/test-cycles/999999`, { name: 'x' })).status).toBe(404);
  });
});

describe('PUT test runs', () => {
  it('renames a run and sets properties, keeping the others', async () => {
    const answer = await put<Schemas['TestRunWithCustomFieldResource']>(`${P}/test-runs/${content.run.id}`, {
      name: 'Renamed run',
      properties: [picklistProperty(content.environment, 'Staging')],
    });
    expect(answer.status).toBe(200);
    const read = await api.get<Schemas['TestRunWithCustomFieldResource']>(`${P}/test-runs/${content.run.id}`);
    expect(read.body.name).toBe('Renamed run');
    expect(
      read.body.properties.find((property) => property.field_id === content.environment.id),
    ).toBeDefined();
  });

  it('refuses another test case and an unknown run', async () => {
    const other = await put(`${P}/test-runs/${content.run.id}`, { properties: [], test_case: { id: 1 } });
    expect(other.status).toBe(400);
    expect((await put(`${P}/test-runs/999999`, { properties: [] })).status).toBe(404);
  });

  it('moves a run with parentId/parentType', async () => {
    const moved = await put(
      `${P}/test-runs/${content.run.id}`,
      {},
      {
        parentType: 'test-suite',
        parentId: content.suite.id ?? 0,
      },
    );
    expect(moved.status).toBe(200);
    const inSuite = await api.get<Schemas['TestRunListResource']>(`${P}/test-runs`, {
      parentType: 'test-suite',
      parentId: content.suite.id ?? 0,
    });
    expect(inSuite.body.items?.map((run) => run.id)).toContain(content.run.id);
  });
});

describe('PUT test logs', () => {
  const logPath = () => `${P}/test-runs/${content.run.id}/test-logs/${content.log.id}`;

  it('changes status, note, dates and step results', async () => {
    const steps = content.log.test_step_logs ?? [];
    const answer = await put(logPath(), {
      status: { id: 601 },
      exe_start_date: EXECUTED.start,
      exe_end_date: '2024-03-01T10:09:00.000Z',
      note: 'Re-run in Zephyr',
      test_step_logs: steps.map((step) => ({
        test_step_id: step.test_step_id,
        status: { id: 601 },
        actual_result: 'Fine',
      })),
    });
    expect(answer.status).toBe(200);
    const read = await api.get<Schemas['TestLogResource']>(logPath());
    expect(read.body).toMatchObject({
      status: { id: 601 },
      note: 'Re-run in Zephyr',
      exe_end_date: '2024-03-01T10:09:00.000Z',
    });
    expect(read.body.test_step_logs?.map((step) => [step.status?.id, step.actual_result])).toEqual([
      [601, 'Fine'],
      [601, 'Fine'],
    ]);
    expect(read.body.id).toBe(content.log.id);
  });

  it('refuses steps out of order, a changed version, a bad status and an unknown log', async () => {
    const steps = content.log.test_step_logs ?? [];
    const base = { status: { id: 601 }, exe_start_date: EXECUTED.start, exe_end_date: EXECUTED.end };
    const reversed = await put(logPath(), {
      ...base,
      test_step_logs: [...steps]
        .reverse()
        .map((step) => ({ test_step_id: step.test_step_id, status: { id: 601 } })),
    });
    expect(reversed.status).toBe(400);
    expect((await put(logPath(), { ...base, test_case_version_id: 1 })).status).toBe(400);
    expect((await put(logPath(), { ...base, status: { id: 1 } })).status).toBe(400);
    expect((await put(logPath(), { status: { id: 601 } })).status).toBe(400);
    expect((await put(`${P}/test-runs/${content.run.id}/test-logs/999999`, base)).status).toBe(404);
  });
});
