/**
 * A client bug must surface as a 400 naming the problem, with nothing stored: every case
 * below compares the whole stored state before and after the refused request.
 */
import type { qtestApi } from '@ztoq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEngineContent,
  type EngineContent,
  EXECUTED,
  type Exchange,
  fieldLabelled,
  fieldsOf,
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
let testCaseFields: Schemas['FieldResource'][];

beforeAll(async () => {
  started = await startSimulator();
  api = started.api;
  content = await buildEngineContent(api);
  testCaseFields = await fieldsOf(api, 'test-cases');
});
afterAll(() => started.sim.close());

/** Sends a request that must be refused with `status`, a message matching `message`, and no change stored. */
async function refused(send: () => Promise<Exchange>, message: RegExp, status = 400): Promise<void> {
  const before = JSON.stringify(started.sim.state());
  const exchange = await send();
  expect({ status: exchange.status, body: exchange.body }).toEqual({
    status,
    body: { message: expect.stringMatching(message) },
  });
  expect(JSON.stringify(started.sim.state())).toBe(before);
}

const testCase = (overrides: Record<string, unknown>) => () =>
  api.post(`${P}/test-cases`, {
    name: 'A case',
    parent_id: content.childModule.id,
    properties: [],
    ...overrides,
  });

describe('request bodies', () => {
  it('refuses a body that is not JSON, or missing', async () => {
    await refused(
      () =>
        api.request('POST', `${P}/modules`, {
          body: '{name:',
          headers: { 'content-type': 'application/json' },
        }),
      /not valid JSON/,
    );
    await refused(() => api.request('POST', `${P}/modules`), /body is required/);
  });

  it('refuses values of the wrong JSON type, naming the path', async () => {
    await refused(
      testCase({ properties: [{ field_id: String(content.zephyrKey.id), field_value: 'PROJ-T9' }] }),
      /properties\[0\]\.field_id/,
    );
    await refused(
      testCase({ properties: [{ field_id: content.zephyrKey.id, field_value: 9 }] }),
      /properties\[0\]\.field_value/,
    );
  });

  it('refuses a test case without properties, which the spec requires', async () => {
    await refused(
      () => api.post(`${P}/test-cases`, { name: 'No properties', parent_id: content.childModule.id }),
      /properties/,
    );
  });

  it('refuses names that are blank or longer than 500 characters', async () => {
    await refused(testCase({ name: '' }), /name/);
    await refused(testCase({ name: '   ' }), /name: must not be blank/);
    await refused(testCase({ name: 'x'.repeat(501) }), /name/);
    await refused(() => api.post(`${P}/modules`, { name: '' }), /name/);
    await refused(() => api.post(`${P}/test-cycles`, { name: 'y'.repeat(501) }), /name/);
  });

  it('answers 413 to a text value beyond 65,535 characters, and takes one at the limit', async () => {
    await refused(testCase({ description: 'd'.repeat(65_536) }), /exceeds 65535 characters/, 413);
    await refused(
      () => api.post(`${P}/modules`, { name: 'm', description: 'd'.repeat(100_000) }),
      /65535/,
      413,
    );
    const atLimit = await testCase({ name: 'At the limit', description: 'd'.repeat(65_535) })();
    expect(atLimit.status).toBe(200);
  });

  it('refuses steps without description or expected, and steps ordered ambiguously', async () => {
    await refused(
      testCase({ test_steps: [{ description: 'Only a description' }] }),
      /test_steps\[0\]\.expected/,
    );
    await refused(testCase({ test_steps: [{ expected: 'Only a result' }] }), /test_steps\[0\]\.description/);
    await refused(
      testCase({ test_steps: [{ description: 'a', expected: 'b', order: 0 }] }),
      /test_steps\[0\]\.order/,
    );
    await refused(
      testCase({
        test_steps: [
          { description: 'a', expected: 'b', order: 1 },
          { description: 'c', expected: 'd', order: 1 },
        ],
      }),
      /same order/,
    );
    await refused(
      testCase({
        test_steps: [
          { description: 'a', expected: 'b', order: 1 },
          { description: 'c', expected: 'd' },
        ],
      }),
      /order on every step or on none/,
    );
  });
});

describe('properties against the field settings', () => {
  it('refuses a field_id that is no field of the object type', async () => {
    await refused(
      testCase({ properties: [{ field_id: 999_999, field_value: 'x' }] }),
      /field_id 999999 is not an active test-cases field/,
    );
    // The Environment field exists, but on test runs.
    await refused(
      testCase({ properties: [picklistProperty(content.environment, 'Staging')] }),
      /is not an active test-cases field/,
    );
  });

  it('refuses a picklist value that is not an allowed value id, the label included', async () => {
    const priority = fieldLabelled(testCaseFields, 'Priority');
    await refused(
      testCase({ properties: [{ field_id: priority.id, field_value: 'High' }] }),
      /allowed values/,
    );
    await refused(
      testCase({ properties: [{ field_id: priority.id, field_value: '601' }] }),
      /allowed values/,
    );
  });

  it('refuses a user list value that is no user, and a field given twice', async () => {
    const assignedTo = fieldLabelled(testCaseFields, 'Assigned To');
    await refused(testCase({ properties: [{ field_id: assignedTo.id, field_value: '42' }] }), /id of a user/);
    await refused(
      testCase({
        properties: [
          { field_id: content.zephyrKey.id, field_value: 'PROJ-T1' },
          { field_id: content.zephyrKey.id, field_value: 'PROJ-T2' },
        ],
      }),
      /given twice/,
    );
  });

  it('refuses a date that is not an ISO date-time and a number that is not a number', async () => {
    const runFields = await fieldsOf(api, 'test-runs');
    const plannedStart = fieldLabelled(runFields, 'Planned Start Date');
    const run = (properties: unknown[]) => () =>
      api.post(`${P}/test-runs`, { properties, test_case: { id: content.testCase.id } });
    await refused(run([{ field_id: plannedStart.id, field_value: '01/03/2024' }]), /ISO 8601/);
    const estimate = await api.created<Schemas['FieldResource']>(`${P}/settings/test-runs/fields`, {
      label: 'Estimate',
      data_type: 7,
    });
    await refused(run([{ field_id: estimate.id, field_value: 'five' }]), /expected a number/);
  });

  it('refuses a create that leaves a required field without value', async () => {
    const required = await api.created<Schemas['FieldResource']>(`${P}/settings/requirements/fields`, {
      label: 'Source',
      data_type: 1,
      required: true,
    });
    await refused(
      () => api.post(`${P}/requirements`, { name: 'JIRA-9', properties: [] }),
      /required field "Source"/,
    );
    const accepted = await api.post(`${P}/requirements`, {
      name: 'JIRA-9',
      properties: [{ field_id: required.id, field_value: 'Jira' }],
    });
    expect(accepted.status).toBe(200);
  });
});

describe('parents and references', () => {
  it('refuses a test case in a module that does not exist', async () => {
    await refused(testCase({ parent_id: content.testCase.id }), /parent_id \d+ is not a module/);
    await refused(
      () => api.post(`${P}/modules`, { name: 'Orphan' }, { parentId: 123 }),
      /parentId 123 is not a module/,
    );
  });

  it('refuses a parent that does not exist or cannot hold the object', async () => {
    await refused(
      () =>
        api.post(
          `${P}/test-cycles`,
          { name: 'Lost' },
          { parentType: 'release', parentId: content.cycle.id ?? 0 },
        ),
      /is not a release/,
    );
    await refused(
      () =>
        api.post(
          `${P}/test-cycles`,
          { name: 'In a suite' },
          { parentType: 'test-suite', parentId: content.suite.id ?? 0 },
        ),
      /parentType must be one of root, release, test-cycle/,
    );
    await refused(
      () => api.post(`${P}/test-cycles`, { name: 'No type' }, { parentId: content.cycle.id ?? 0 }),
      /parentType is required/,
    );
    await refused(
      () =>
        api.post(
          `${P}/test-runs`,
          { properties: [], test_case: { id: content.testCase.id } },
          { parentType: 'test-cycle' },
        ),
      /parentId is required/,
    );
    await refused(
      () =>
        api.post(
          `${P}/test-suites`,
          { name: 'Disagrees', properties: [], parentId: content.release.id, parentType: 'release' },
          { parentType: 'test-cycle', parentId: content.cycle.id ?? 0 },
        ),
      /differs/,
    );
  });

  it('refuses a test run whose test case is not in the project, or a version of another case', async () => {
    await refused(
      () => api.post(`${P}/test-runs`, { properties: [], test_case: { id: content.requirement.id } }),
      /test_case\.id \d+ is not a test case/,
    );
    await refused(() => api.post(`${P}/test-runs`, { properties: [] }), /test_case/);
    await refused(
      () =>
        api.post(`${P}/test-runs`, {
          properties: [],
          test_case: { id: content.testCase.id },
          test_case_version_id: content.release.id,
        }),
      /is not a version of test case/,
    );
  });

  it('answers 404 for an unknown project or object in the path', async () => {
    await refused(() => api.get('/api/v3/projects/4242/modules'), /Project 4242 does not exist/, 404);
    await refused(() => api.get(`${P}/test-cases/${content.run.id}`), /Test case \d+ does not exist/, 404);
    await refused(
      () => api.get(`${P}/test-runs/${content.testCase.id}/test-logs`),
      /Test run \d+ does not exist/,
      404,
    );
  });
});

describe('manual test logs', () => {
  const log = (overrides: Record<string, unknown>) => () =>
    api.post(`${P}/test-runs/${content.run.id}/test-logs`, {
      status: { id: 601 },
      exe_start_date: EXECUTED.start,
      exe_end_date: EXECUTED.end,
      ...overrides,
    });

  it('refuses a log without status.id or with one that is no execution status', async () => {
    await refused(log({ status: {} }), /status\.id/);
    await refused(log({ status: undefined }), /status/);
    await refused(log({ status: { id: 600 } }), /status\.id: 600 is not an execution status/);
  });

  it('refuses missing, malformed or reversed execution dates', async () => {
    await refused(log({ exe_start_date: undefined }), /exe_start_date/);
    await refused(log({ exe_end_date: '2024-03-01 10:05' }), /exe_end_date/);
    await refused(
      log({ exe_start_date: EXECUTED.end, exe_end_date: EXECUTED.start }),
      /is before exe_start_date/,
    );
  });

  it('refuses step logs for steps that are not steps of the run test case, or logged twice', async () => {
    const other = await api.created<Schemas['TestCaseWithCustomFieldResource']>(
      `${P}/test-cases`,
      {
        name: 'Another case',
        parent_id: content.childModule.id,
        properties: [],
        test_steps: [{ description: 'x', expected: 'y' }],
      },
      undefined,
      200,
    );
    const [first] = content.testCase.test_steps ?? [];
    await refused(
      log({ test_step_logs: [{ test_step_id: other.test_steps?.[0]?.id, status: { id: 601 } }] }),
      /test_step_logs\[0\]: test_step_id \d+ is not a step of test case TC-\d+ version/,
    );
    await refused(log({ test_step_logs: [{ status: { id: 601 } }] }), /test_step_logs\[0\]\.test_step_id/);
    await refused(
      log({
        test_step_logs: [
          { test_step_id: first?.id, status: { id: 601 } },
          { test_step_id: first?.id, status: { id: 602 } },
        ],
      }),
      /has a result twice/,
    );
    await refused(
      log({ test_step_logs: [{ test_step_id: first?.id, status: { id: 1 } }] }),
      /test_step_logs\[0\]\.status\.id/,
    );
  });

  it('refuses a step added in a later version than the one the log belongs to', async () => {
    const created = await api.created<Schemas['TestCaseWithCustomFieldResource']>(
      `${P}/test-cases`,
      {
        name: 'Versioned',
        parent_id: content.childModule.id,
        properties: [],
        test_steps: [{ description: 'a', expected: 'b' }],
      },
      undefined,
      200,
    );
    const approved = await api.request<Schemas['TestCaseWithCustomFieldResource']>(
      'PUT',
      `${P}/test-cases/${created.id}/approve`,
    );
    const added = await api.post<Schemas['TestStepResource']>(`${P}/test-cases/${created.id}/test-steps`, {
      description: 'c',
      expected: 'd',
    });
    const run = await api.created<Schemas['TestRunWithCustomFieldResource']>(`${P}/test-runs`, {
      properties: [],
      test_case: { id: created.id },
    });
    const latest = await api.get<Schemas['TestCaseWithCustomFieldResource']>(
      `${P}/test-cases/${created.id}`,
      { expand: 'teststep' },
    );

    expect(approved.body.version).toBe('1.0');
    expect(latest.body.version).toBe('1.1');
    expect(run.test_case_version).toBe('1.1');
    // Without test_case_version_id the log goes to the latest approved version, 1.0, which lacks the new step.
    await refused(
      () =>
        api.post(`${P}/test-runs/${run.id}/test-logs`, {
          status: { id: 601 },
          exe_start_date: EXECUTED.start,
          exe_end_date: EXECUTED.end,
          test_step_logs: [{ test_step_id: added.body.id, status: { id: 601 } }],
        }),
      /version 1\.0/,
    );
    const pinned = await api.post(`${P}/test-runs/${run.id}/test-logs`, {
      status: { id: 601 },
      exe_start_date: EXECUTED.start,
      exe_end_date: EXECUTED.end,
      test_case_version_id: latest.body.test_case_version_id,
      test_step_logs: (latest.body.test_steps ?? []).map((step) => ({
        test_step_id: step.id,
        status: { id: 601 },
      })),
    });
    expect(pinned.status).toBe(201);
  });
});

describe('fields and allowed values', () => {
  const newField = (objectType: string, body: Record<string, unknown>) => () =>
    api.post(`${P}/settings/${objectType}/fields`, body);

  it('refuses data_type codes outside the spec list and multi-value types without multiple=true', async () => {
    await refused(newField('test-cases', { label: 'Odd', data_type: 10 }), /data_type 10 is not one of/);
    await refused(newField('test-cases', { label: 'Tags', data_type: 17 }), /needs multiple=true/);
    await refused(newField('test-cases', { label: 'No type' }), /data_type/);
    await refused(
      newField('test-cases', { label: 'Text', data_type: 1, allowed_values: [{ label: 'a' }] }),
      /takes no allowed_values/,
    );
  });

  it('refuses a second field with the same label, and object types without creatable fields', async () => {
    await refused(
      newField('test-cases', { label: 'zephyr key', data_type: 1 }),
      /labelled "zephyr key" exists already/,
    );
    await refused(
      newField('test-cycles', { label: 'Cycle field', data_type: 1 }),
      /objectType must be one of/,
    );
    await refused(newField('test-steps', { label: 'Step field', data_type: 1 }), /objectType must be one of/);
  });

  it('refuses more than 100 allowed values per call, none, duplicates, and values for a text field', async () => {
    const values = `${P}/settings/test-runs/fields/${content.environment.id}/allowed-values`;
    const labels = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ label: `Env ${index}` }));
    await refused(() => api.post(values, labels(101)), /at most 100/);
    await refused(() => api.post(values, []), /at least one/);
    await refused(() => api.post(values, [{ label: 'staging' }]), /"staging" exists already/);
    await refused(
      () =>
        api.post(`${P}/settings/test-cases/fields/${content.zephyrKey.id}/allowed-values`, [{ label: 'x' }]),
      /has no allowed values/,
    );
    expect((await api.post(values, labels(100))).status).toBe(200);
  });
});

describe('blob-handle uploads', () => {
  const upload = (path: string, headers: Record<string, string>) => () =>
    api.request('POST', `${P}${path}/blob-handles`, { body: Buffer.from('bytes'), headers });

  it('refuses object types that take no attachments', async () => {
    await refused(
      upload(`/test-runs/${content.run.id}`, { 'File-Name': 'a.txt', 'Content-Type': 'text/plain' }),
      /test-runs take no attachments/,
    );
    await refused(
      upload(`/modules/${content.rootModule.id}`, { 'File-Name': 'a.txt', 'Content-Type': 'text/plain' }),
      /modules take no/,
    );
  });

  it('refuses an upload without File-Name, without Content-Type, or sent as multipart', async () => {
    const path = `/test-cases/${content.testCase.id}`;
    await refused(upload(path, { 'Content-Type': 'text/plain' }), /File-Name header is required/);
    await refused(upload(path, { 'File-Name': 'a.txt' }), /Content-Type header/);
    await refused(
      upload(path, { 'File-Name': 'a.txt', 'Content-Type': 'multipart/form-data; boundary=x' }),
      /not a multipart/,
    );
  });

  it('answers 404 for an object that does not exist', async () => {
    await refused(
      upload('/test-cases/1', { 'File-Name': 'a.txt', 'Content-Type': 'text/plain' }),
      /No test-cases object 1/,
      404,
    );
  });
});

describe('paging and query parameters', () => {
  it('refuses page 0 (pages count from 1) and page sizes above the stated 999', async () => {
    await refused(() => api.get(`${P}/test-cases`, { page: 0 }), /pages count from 1/);
    await refused(() => api.get(`${P}/test-runs`, { pageSize: 1000 }), /pageSize must be at most 999/);
    await refused(
      () => api.get(`${P}/test-runs`, { pageSize: -1 }),
      /pageSize must be an integer of at least 1/,
    );
  });

  it('refuses values the spec does not enumerate', async () => {
    await refused(() => api.get(`${P}/modules`, { expand: 'children' }), /expand must be one of descendants/);
    await refused(
      () => api.get(`${P}/test-cases`, { expandSteps: 'yes' }),
      /expandSteps must be true or false/,
    );
    await refused(() => api.get(`${P}/test-cases`, { parentId: 'root' }), /parentId must be an integer/);
  });
});
