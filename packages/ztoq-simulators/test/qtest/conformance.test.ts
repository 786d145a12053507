/**
 * Every operation the simulator serves, checked against the qTest spec itself: a representative
 * valid request per route must answer a status the spec declares for that operation, with a
 * body that validates against the spec's schema, using only query parameters the spec
 * declares. A route without a case here fails the suite, so adding a route forces its check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVendorSpec, type OperationSpec, type VendorSpec } from '../support/vendor-spec.js';
import {
  ADMIN,
  basicHeader,
  buildEngineContent,
  type EngineContent,
  EXECUTED,
  type Exchange,
  P,
  PROJECT,
  QTestTestClient,
  type Started,
  startSimulator,
} from './support.js';

type Case = (api: QTestTestClient, content: EngineContent) => Promise<Exchange>;

const automationLog = {
  status: 'PASSED',
  exe_start_date: EXECUTED.start,
  exe_end_date: EXECUTED.end,
  name: 'Login works',
  automation_content: 'com.example.LoginTest#works',
  test_step_logs: [{ description: 'Log in', expected_result: 'Logged in', status: 'PASSED' }],
};

const CASES: Record<string, Case> = {
  'POST /oauth/token': (api) =>
    api.request('POST', '/oauth/token', {
      body: new URLSearchParams({
        grant_type: 'password',
        username: ADMIN,
        password: 'simulator',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicHeader() },
    }),
  'GET /oauth/status': (api) => api.get('/oauth/status'),
  'GET /api/v3/projects': (api) => api.get('/api/v3/projects'),
  'GET /api/v3/projects/{projectId}': (api) => api.get(P),
  'GET /api/v3/projects/{projectId}/users': (api) => api.get(`${P}/users`),
  'GET /api/v3/projects/{projectId}/modules': (api) => api.get(`${P}/modules`, { expand: 'descendants' }),
  'POST /api/v3/projects/{projectId}/modules': (api, c) =>
    api.post(`${P}/modules`, { name: 'Payments' }, { parentId: c.rootModule.id ?? 0 }),
  'GET /api/v3/projects/{projectId}/modules/{moduleId}': (api, c) =>
    api.get(`${P}/modules/${c.rootModule.id}`, { expand: 'descendants' }),
  'PUT /api/v3/projects/{projectId}/modules/{moduleId}': async (api) => {
    const module = await api.created<{ id: number }>(`${P}/modules`, { name: 'To rename' });
    return api.request('PUT', `${P}/modules/${module.id}`, { json: { name: 'Renamed' } });
  },
  'GET /api/v3/projects/{projectId}/settings/{objectType}/fields': (api) =>
    api.get(`${P}/settings/test-cases/fields`),
  'POST /api/v3/projects/{projectId}/settings/{objectType}/fields': (api) =>
    api.post(`${P}/settings/test-cases/fields`, {
      label: 'Zephyr Labels',
      data_type: 17,
      multiple: true,
      allowed_values: [{ label: 'regression' }, { label: 'smoke' }],
    }),
  'GET /api/v3/projects/{projectId}/settings/{objectType}/fields/{fieldId}/allowed-values': (api, c) =>
    api.get(`${P}/settings/test-runs/fields/${c.environment.id}/allowed-values`, { page: 1, pageSize: 10 }),
  'POST /api/v3/projects/{projectId}/settings/{objectType}/fields/{fieldId}/allowed-values': (api, c) =>
    api.post(`${P}/settings/test-runs/fields/${c.environment.id}/allowed-values`, [{ label: 'Production' }]),
  'GET /api/v3/projects/{projectId}/test-cases': (api, c) =>
    api.get(`${P}/test-cases`, { parentId: c.childModule.id ?? 0, page: 1, size: 20, expandSteps: true }),
  'POST /api/v3/projects/{projectId}/test-cases': (api, c) =>
    api.post(`${P}/test-cases`, {
      name: 'Refund',
      parent_id: c.childModule.id,
      properties: [{ field_id: c.zephyrKey.id, field_value: 'PROJ-T2' }],
      test_steps: [{ description: 'Refund', expected: 'Refunded' }],
    }),
  'GET /api/v3/projects/{projectId}/test-cases/{testCaseId}': (api, c) =>
    api.get(`${P}/test-cases/${c.testCase.id}`, { expand: 'teststep' }),
  'PUT /api/v3/projects/{projectId}/test-cases/{testCaseId}': async (api, c) => {
    // Its own case: an edit gives the steps new ids, and later cases use the shared case's.
    const testCase = await api.created<{ id: number }>(
      `${P}/test-cases`,
      { name: 'Edited later', parent_id: c.childModule.id, properties: [] },
      undefined,
      200,
    );
    return api.request('PUT', `${P}/test-cases/${testCase.id}`, {
      json: {
        name: 'Edited',
        properties: [],
        test_steps: [{ description: 'Open', expected: 'Opened' }],
      },
    });
  },
  'PUT /api/v3/projects/{projectId}/test-cases/{testCaseId}/approve': (api, c) =>
    api.request('PUT', `${P}/test-cases/${c.testCase.id}/approve`),
  'GET /api/v3/projects/{projectId}/test-cases/{testCaseId}/test-steps': (api, c) =>
    api.get(`${P}/test-cases/${c.testCase.id}/test-steps`),
  'POST /api/v3/projects/{projectId}/test-cases/{testCaseId}/test-steps': async (api, c) => {
    const testCase = await api.created<{ id: number }>(
      `${P}/test-cases`,
      { name: 'Steps added one by one', parent_id: c.childModule.id, properties: [] },
      undefined,
      200,
    );
    return api.post(`${P}/test-cases/${testCase.id}/test-steps`, { description: 'Open', expected: 'Opened' });
  },
  'GET /api/v3/projects/{projectId}/test-cases/{testCaseId}/test-steps/{stepId}': (api, c) =>
    api.get(`${P}/test-cases/${c.testCase.id}/test-steps/${c.testCase.test_steps?.[0]?.id}`),
  'GET /api/v3/projects/{projectId}/releases': (api) => api.get(`${P}/releases`),
  'POST /api/v3/projects/{projectId}/releases': (api) =>
    api.post(`${P}/releases`, { name: 'Release 2.0', properties: [] }),
  'GET /api/v3/projects/{projectId}/releases/{releaseId}': (api, c) =>
    api.get(`${P}/releases/${c.release.id}`),
  'PUT /api/v3/projects/{projectId}/releases/{releaseId}': (api, c) =>
    api.request('PUT', `${P}/releases/${c.release.id}`, { json: { name: 'Release 1.0', properties: [] } }),
  'GET /api/v3/projects/{projectId}/test-cycles': (api, c) =>
    api.get(`${P}/test-cycles`, {
      parentType: 'release',
      parentId: c.release.id ?? 0,
      expand: 'descendants',
    }),
  'POST /api/v3/projects/{projectId}/test-cycles': (api) =>
    api.post(`${P}/test-cycles`, { name: 'Sprint 2' }, { parentType: 'root', parentId: 0 }),
  'GET /api/v3/projects/{projectId}/test-cycles/{testCycleId}': (api, c) =>
    api.get(`${P}/test-cycles/${c.cycle.id}`, { expand: 'descendants' }),
  'PUT /api/v3/projects/{projectId}/test-cycles/{testCycleId}': async (api) => {
    const cycle = await api.created<{ id: number }>(
      `${P}/test-cycles`,
      { name: 'To move' },
      { parentType: 'root', parentId: 0 },
    );
    return api.request('PUT', `${P}/test-cycles/${cycle.id}`, {
      json: {},
      query: { parentType: 'root', parentId: 0 },
    });
  },
  'GET /api/v3/projects/{projectId}/test-suites': (api, c) =>
    api.get(`${P}/test-suites`, { parentType: 'test-cycle', parentId: c.cycle.id ?? 0 }),
  'POST /api/v3/projects/{projectId}/test-suites': (api, c) =>
    api.post(
      `${P}/test-suites`,
      { name: 'Nightly', properties: [] },
      { parentType: 'release', parentId: c.release.id ?? 0 },
    ),
  'GET /api/v3/projects/{projectId}/test-suites/{testSuiteId}': (api, c) =>
    api.get(`${P}/test-suites/${c.suite.id}`),
  'GET /api/v3/projects/{projectId}/test-runs': (api, c) =>
    api.get(`${P}/test-runs`, {
      parentType: 'release',
      parentId: c.release.id ?? 0,
      expand: 'descendants',
      page: 1,
      pageSize: 50,
    }),
  'POST /api/v3/projects/{projectId}/test-runs': (api, c) =>
    api.post(
      `${P}/test-runs`,
      { properties: [], test_case: { id: c.testCase.id } },
      { parentType: 'test-suite', parentId: c.suite.id ?? 0 },
    ),
  'GET /api/v3/projects/{projectId}/test-runs/{testRunId}': (api, c) =>
    api.get(`${P}/test-runs/${c.run.id}`, { expand: 'testcase.teststep' }),
  'PUT /api/v3/projects/{projectId}/test-runs/{testRunId}': (api, c) =>
    api.request('PUT', `${P}/test-runs/${c.run.id}`, {
      json: { name: 'Pay with a saved card', properties: [], test_case: { id: c.testCase.id } },
    }),
  'GET /api/v3/projects/{projectId}/test-runs/execution-statuses': (api) =>
    api.get(`${P}/test-runs/execution-statuses`),
  'GET /api/v3/projects/{projectId}/test-runs/{testRunId}/test-logs': (api, c) =>
    api.get(`${P}/test-runs/${c.run.id}/test-logs`, { page: 1, pageSize: 10 }),
  'POST /api/v3/projects/{projectId}/test-runs/{testRunId}/test-logs': (api, c) =>
    api.post(`${P}/test-runs/${c.run.id}/test-logs`, {
      status: { id: 601 },
      exe_start_date: '2024-03-02T10:00:00.000Z',
      exe_end_date: '2024-03-02T10:03:00.000Z',
      test_step_logs: [{ test_step_id: c.testCase.test_steps?.[0]?.id, status: { id: 601 } }],
    }),
  'GET /api/v3/projects/{projectId}/test-runs/{testRunId}/test-logs/last-run': (api, c) =>
    api.get(`${P}/test-runs/${c.run.id}/test-logs/last-run`, { expand: 'teststeplog.teststep' }),
  'GET /api/v3/projects/{projectId}/test-runs/{testRunId}/test-logs/{id}': (api, c) =>
    api.get(`${P}/test-runs/${c.run.id}/test-logs/${c.log.id}`),
  'PUT /api/v3/projects/{projectId}/test-runs/{testRunId}/test-logs/{id}': (api, c) =>
    api.request('PUT', `${P}/test-runs/${c.run.id}/test-logs/${c.log.id}`, {
      json: {
        status: { id: 601 },
        exe_start_date: EXECUTED.start,
        exe_end_date: EXECUTED.end,
        note: 'Edited in Zephyr',
      },
    }),
  'POST /api/v3/projects/{projectId}/test-runs/{testRunId}/auto-test-logs': (api) =>
    api.post(`${P}/test-runs/0/auto-test-logs`, automationLog),
  'POST /api/v3.1/projects/{projectId}/test-runs/{testRunId}/auto-test-logs': (api) =>
    api.post(
      `/api/v3.1/projects/${PROJECT}/test-runs/0/auto-test-logs`,
      { test_logs: [automationLog] },
      { type: 'automation' },
    ),
  'GET /api/v3/projects/queue-processing/{id}': async (api) => {
    const job = await api.created<{ id: number }>(
      `/api/v3.1/projects/${PROJECT}/test-runs/0/auto-test-logs`,
      { test_logs: [automationLog] },
      { type: 'automation' },
    );
    return api.get(`/api/v3/projects/queue-processing/${job.id}`);
  },
  'POST /api/v3/projects/{projectId}/{objectType}/{objectId}/blob-handles': (api, c) =>
    api.request('POST', `${P}/test-logs/${c.log.id}/blob-handles`, {
      body: Buffer.from('log output'),
      headers: { 'File-Name': 'console.txt', 'Content-Type': 'text/plain' },
    }),
  'GET /api/v3/projects/{projectId}/{objectType}/{objectId}/attachments': (api, c) =>
    api.get(`${P}/test-cases/${c.testCase.id}/attachments`),
  'GET /api/v3/projects/{projectId}/requirements': (api) =>
    api.get(`${P}/requirements`, { page: 1, size: 20 }),
  'POST /api/v3/projects/{projectId}/requirements': (api, c) =>
    api.post(
      `${P}/requirements`,
      { name: 'JIRA-2 Refunds', properties: [] },
      { parentId: c.rootModule.id ?? 0 },
    ),
  'GET /api/v3/projects/{projectId}/requirements/{requirementId}': (api, c) =>
    api.get(`${P}/requirements/${c.requirement.id}`),
  'POST /api/v3/projects/{projectId}/{objectType}/{objectId}/link': (api, c) =>
    api.post(`${P}/requirements/${c.requirement.id}/link`, [c.testCase.id], { type: 'test-cases' }),
  'GET /api/v3/projects/{projectId}/linked-artifacts': async (api, c) => {
    await api.post(`${P}/requirements/${c.requirement.id}/link`, [c.testCase.id], { type: 'test-cases' });
    return api.get(`${P}/linked-artifacts`, { type: 'test-cases', ids: c.testCase.id ?? 0 });
  },
  'POST /api/v3/projects/{projectId}/search': (api) =>
    api.post(
      `${P}/search`,
      { object_type: 'test-cases', fields: ['*'], query: "'Zephyr Key' = 'PROJ-T1'" },
      { page: 1, pageSize: 10 },
    ),
};

/** The one route that works without a token. */
const PUBLIC_ROUTES = new Set(['POST /oauth/token']);

let started: Started;
let content: EngineContent;
let spec: VendorSpec;

beforeAll(async () => {
  spec = await loadVendorSpec('qtest');
  started = await startSimulator();
  content = await buildEngineContent(started.api);
});
afterAll(() => started.sim.close());

describe('qTest simulator conformance to the spec', () => {
  it('has a representative request for every route it serves, and serves every route listed here', () => {
    expect(started.sim.server.routes().sort()).toEqual(Object.keys(CASES).sort());
  });

  describe.each(Object.entries(CASES))('%s', (label, send) => {
    const [method = '', template = ''] = label.split(' ');

    it('answers a status the spec declares, with a body of the declared schema', async () => {
      const before = started.sim.requestCounts()[label] ?? 0;
      const exchange = await send(started.api, content);

      expect(spec.declaredStatuses(method, template)).toContain(String(exchange.status));
      expect(spec.checkResponse(method, template, exchange.status, exchange.body)).toEqual([]);
      // A list answers something, so the item schema was checked too.
      const items = Array.isArray(exchange.body)
        ? exchange.body
        : (exchange.body as { items?: unknown[] }).items;
      if (items !== undefined) expect(items.length).toBeGreaterThan(0);
      expect(started.sim.requestCounts()[label]).toBe(before + 1);
      const declared = queryParameters(spec.operation(method, template));
      expect([...exchange.url.searchParams.keys()].filter((name) => !declared.includes(name))).toEqual([]);
    });
  });

  describe.each(Object.keys(CASES).filter((label) => !PUBLIC_ROUTES.has(label)))('%s', (label) => {
    const [method = '', template = ''] = label.split(' ');

    it('answers 401 without a token and with an unknown one', async () => {
      const path = template.replace(/\{[^}]+\}/g, '1');
      for (const authorization of [undefined, 'bearer not-a-token']) {
        const exchange = await new QTestTestClient(started.api.baseUrl, authorization).request(method, path);
        expect(exchange.status).toBe(401);
        expect(exchange.body).toMatchObject({ error: 'invalid_token' });
      }
    });
  });
});

function queryParameters(operation: OperationSpec): string[] {
  return operation.parameters
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => String(parameter.name));
}
